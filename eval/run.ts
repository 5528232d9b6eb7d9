/**
 * npm run eval [-- --city generated|shanghai] [--days 30] [--seed 1] [--set option=value …] [--json] [--store]
 * npm run eval -- --calibrate [--fit-seeds 101,102,103,104] [--dry-run]   (eval/calibrate.ts)
 *
 * Generates a month of network events and complaints with their true causes (eval/generate.ts), runs
 * each complaint through the real diagnosis at its own call time (eval/evaluate.ts) and prints the
 * quality figures beside two baselines. The default city is Shanghai when ../shared/data/shanghai is
 * present, else the generated one. --store instead reports, for the store of DATA_DIR / DATABASE_URL,
 * how often the suggested cause matched the final cause (eval/store.ts).
 */
import { parseArgs } from 'node:util'
import { defaultDiagnosisOptions, loadConfig, type DiagnosisOptions } from '../server/src/config/index.js'
import { calibrateCommand, DEFAULT_FIT_SEEDS } from './calibrate.js'
import { evaluate } from './evaluate.js'
import { generateMonth } from './generate/index.js'
import { hasShanghai } from './geography.js'
import { formatEval, formatStore } from './report.js'
import { storeFigures } from './store.js'

const HELP = `Usage: npm run eval -- [--city generated|shanghai] [--days N] [--seed S] [--set option=value …] [--json] [--store]\n       --set: a diagnosis option (config/diagnosis.ts) changed for this run, e.g. --set timeSlackMs=600000; repeatable\n       npm run eval -- --calibrate [--days N] [--seed S] [--fit-seeds 101,102,103,104] [--dry-run]`

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      city: { type: 'string' }, days: { type: 'string', default: '30' }, seed: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false }, store: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' },
      set: { type: 'string', multiple: true },
      calibrate: { type: 'boolean', default: false }, 'fit-seeds': { type: 'string' }, 'dry-run': { type: 'boolean', default: false },
    },
  })
  if (values.help) return void console.log(HELP)
  if (values.store) {
    const config = loadConfig(process.env)
    const s = await storeFigures({ dataDir: config.dataDir, databaseUrl: config.databaseUrl })
    console.log(values.json ? JSON.stringify(s, null, 2) : formatStore(s))
    return
  }
  if (values.calibrate) {
    const days = Number(values.days)
    const fitSeeds = values['fit-seeds'] ? values['fit-seeds'].split(',').map((x) => x.trim()).filter(Boolean) : DEFAULT_FIT_SEEDS
    console.log(calibrateCommand({ days, seed: values.seed as string, fitSeeds, write: !values['dry-run'] }))
    return
  }
  const city = values.city ?? (hasShanghai() ? 'shanghai' : 'generated')
  if (city !== 'generated' && city !== 'shanghai') throw new Error(`--city: expected generated or shanghai, got ${city}\n${HELP}`)
  if (city === 'shanghai' && !hasShanghai()) throw new Error('--city shanghai: ../shared/data/shanghai is not present')
  const days = Number(values.days)
  if (!Number.isInteger(days) || days < 1 || days > 366) throw new Error(`--days: expected a whole number of days 1–366, got ${values.days}`)
  const t0 = performance.now()
  const month = generateMonth({ city, days, seed: values.seed as string })
  const t1 = performance.now()
  const result = evaluate(month, withSettings(values.set ?? []))
  const t2 = performance.now()
  const timing = { generateS: (t1 - t0) / 1000, diagnoseS: (t2 - t1) / 1000 }
  if (values.json) console.log(JSON.stringify({ ...result, timing }, null, 2))
  else console.log(`${formatEval(result, (t2 - t0) / 1000)}\n(generate ${timing.generateS.toFixed(1)} s, diagnose ${timing.diagnoseS.toFixed(1)} s)`)
}

/**
 * The default diagnosis options with `name=value` settings applied: the way to measure what one option
 * does to the figures (a time slack, a radius) without editing code. Numbers and booleans only; an
 * unknown name or a value of the wrong type is refused, naming the options there are.
 */
function withSettings(settings: readonly string[]): DiagnosisOptions {
  const defaults = defaultDiagnosisOptions as unknown as Record<string, unknown>
  const options: Record<string, unknown> = { ...defaults }
  for (const s of settings) {
    const i = s.indexOf('=')
    const name = i > 0 ? s.slice(0, i).trim() : ''
    const known = Object.keys(defaults).filter((k) => ['number', 'boolean'].includes(typeof defaults[k]))
    if (!known.includes(name)) throw new Error(`--set ${s}: expected option=value with one of ${known.join(', ')}`)
    const raw = s.slice(i + 1).trim()
    const type = typeof options[name]
    const value = type === 'boolean' ? (raw === 'true' ? true : raw === 'false' ? false : null) : raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : null
    if (value === null) throw new Error(`--set ${s}: expected a ${type} for ${name}, got ${JSON.stringify(raw)}`)
    options[name] = value
  }
  if (settings.length) console.error(`eval: diagnosis options changed for this run: ${settings.join(', ')}`)
  return options as unknown as DiagnosisOptions
}

main(process.argv.slice(2)).catch((err) => {
  console.error(`eval: ${(err as Error).message}`)
  process.exit(1)
})
