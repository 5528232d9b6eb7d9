/**
 * Writes the invented demo district — an imaginary "天河区" at lon 113.32–113.36, lat 23.12–23.15 —
 * in the import formats of CONTRACT.md, plus scenarios.json (points to try, with the cause each
 * should get) and README.md. Deterministic: a seeded PRNG and fixed times, no clock.
 *
 *   npx tsx data/demo/make-demo.ts            rewrite the files next to this script
 *   npx tsx data/demo/make-demo.ts --out DIR  write them elsewhere (the tests compare both)
 *
 * The district is built by concern — frame.ts (grid and times), places.ts, network.ts, events.ts,
 * coverage.ts, complaints.ts, scenarios.ts — with the server's geometry and answer files; every
 * scenario is checked by checkScenarios before anything is written.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { prng } from '../../server/src/util/prng.js'
import { ANCHOR } from './frame.js'
import { complaintsOf } from './complaints.js'
import { blindSpotsOf, plannedSitesOf } from './coverage.js'
import { alarmsOf, cutoversOf } from './events.js'
import { csv, geojson } from './formats.js'
import { cellsOf, sitesOf } from './network.js'
import { featuresOf } from './places.js'
import { readme } from './readme.js'
import { checkScenarios, scenariosOf } from './scenarios.js'
import type { Demo, Row } from './types.js'

export type { Demo, Scenario } from './types.js'

/** Builds the whole demo in memory (same result on every call: one PRNG, drawn from in this order). */
export function buildDemo(): Demo {
  const rnd = prng(20261123)
  const { sites } = sitesOf(rnd)
  const cells = cellsOf(sites, rnd)
  const { alarms, history } = alarmsOf(sites, rnd)
  const demo: Demo = {
    features: featuresOf(),
    sites,
    cells,
    alarms,
    cutovers: cutoversOf(sites),
    blindSpots: blindSpotsOf(),
    plannedSites: plannedSitesOf(),
    complaints: complaintsOf(sites, history, rnd),
    scenarios: scenariosOf(),
  }
  checkScenarios(demo)
  return demo
}

/** The file name → contents of the demo. */
export function renderDemo(demo: Demo = buildDemo()): Record<string, string> {
  return {
    'features.geojson': geojson(demo.features),
    'sites.csv': csv(demo.sites as unknown as Row[]),
    'cells.csv': csv(demo.cells),
    'alarms.csv': csv(demo.alarms),
    'cutovers.csv': csv(demo.cutovers),
    'blind-spots.geojson': geojson(demo.blindSpots),
    'planned-sites.csv': csv(demo.plannedSites),
    'complaints.csv': csv(demo.complaints),
    'scenarios.json': JSON.stringify({ anchor: ANCHOR, scenarios: demo.scenarios }, null, 2) + '\n',
    'README.md': readme(demo),
  }
}

/** Writes the files into `dir`. */
export function writeDemo(dir: string): string[] {
  mkdirSync(dir, { recursive: true })
  const files = renderDemo()
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return Object.keys(files)
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { out: { type: 'string', default: dirname(fileURLToPath(import.meta.url)) } } })
  const written = writeDemo(values.out!)
  console.log(`wrote ${written.length} files to ${values.out}`)
}
