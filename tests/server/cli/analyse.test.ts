/**
 * `npm run analyse` as an engineer runs it: a file of complaints with a planted outage (many complaints
 * around one site within an hour, no alarm) in background noise, analysed against the demo network in
 * the store → the CSV has every complaint of the area and window, the summary and the workbook name the
 * outage as the first unexplained cluster; bad input exits 2 naming the row, field or option, writing nothing.
 */
import { prng as rng } from '../../../server/src/util/prng.js'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultDiagnosisOptions } from '../../../server/src/config/index.js'
import type { Site } from '../../../server/src/domain/types.js'
import { distanceM } from '../../../server/src/geo/distance.js'
import { formatChinaTime } from '../../../server/src/ingest/time.js'
import { startService, tempStore, type TestStore } from '../../helpers/service.js'

const HOUR = 3600_000
const DAY = 24 * HOUR
/** The demo is loaded with its anchor here; the window analysed is days 7 to 3 before it. */
const NOW = Math.floor(Date.now() / HOUR) * HOUR
const FROM = NOW - 7 * DAY, TO = NOW - 3 * DAY
const OUTAGE_AT = NOW - 5 * DAY + 10 * 60_000
const PLANTED = 12, NOISE = 80, LATE = 10, AWAY = 10
const HEADER = 'id,occurred_at,service,phenomenon,address,lon,lat'

let store: TestStore
let dir: string
let site: Site
let file: string, areaFile: string

/** A complaint time as China time without an offset (the form spreadsheets write). */
const local = (t: number) => formatChinaTime(t).slice(0, 19)
const row = (id: string, t: number, lon: number, lat: number, phenomenon = '无信号/忙音') =>
  `${id},${local(t)},voice,${phenomenon},测试地址,${lon.toFixed(6)},${lat.toFixed(6)}`

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/analyse.ts', ...args], {
    env: { ...process.env, DATA_DIR: store.dataDir, DATABASE_URL: store.databaseUrl ?? '' }, encoding: 'utf8', timeout: 120_000,
  })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

/** The cells of one worksheet as text (shared strings resolved), row by row. */
function sheet(xlsx: string, name: string): string[][] {
  const files = unzipSync(new Uint8Array(readFileSync(xlsx)))
  const text = (p: string) => strFromU8(files[p])
  const strings = [...text('xl/sharedStrings.xml').matchAll(/<si>(.*?)<\/si>/gs)].map((m) => m[1].replace(/<[^>]+>/g, ''))
  const rid = new RegExp(`<sheet [^>]*?r:id="([^"]+)"[^>]*?name="${name}"|<sheet [^>]*?name="${name}"[^>]*?r:id="([^"]+)"`).exec(text('xl/workbook.xml'))
  expect(rid, `sheet ${name}`).not.toBeNull()
  const target = new RegExp(`Id="${rid![1] ?? rid![2]}"[^>]*Target="([^"]+)"`).exec(text('xl/_rels/workbook.xml.rels'))![1]
  return [...text(`xl/${target}`).matchAll(/<row[^>]*>(.*?)<\/row>/gs)].map((r) =>
    [...r[1].matchAll(/<c ([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)].map((c) => {
      const v = /<v>(.*?)<\/v>/s.exec(c[2] ?? '')?.[1] ?? ''
      return /t="s"/.test(c[1]) ? strings[Number(v)] : v
    }))
}

beforeAll(async () => {
  store = await tempStore()
  const s = await startService({ store, demo: true, now: NOW })
  try {
    const net = s.service.index
    const sites = net.sitesInBbox([-180, -90, 180, 90]).sort((a, b) => a.id.localeCompare(b.id))
    const slack = defaultDiagnosisOptions.timeSlackMs
    const around = (c: Site, k: number): [number, number] => [c.lon + 0.0008 * Math.cos(k), c.lat + 0.0006 * Math.sin(2 * k)]
    // A site alone enough that complaints within ~100 m are its own, with nothing that would explain them.
    site = sites.find((c) =>
      sites.every((o) => o === c || distanceM(c.lon, c.lat, o.lon, o.lat) > 400)
      && net.alarmsOf(c.id, OUTAGE_AT - 2 * HOUR, OUTAGE_AT + 2 * HOUR).length === 0
      && net.cutoversOf(c.id, OUTAGE_AT - 2 * HOUR, OUTAGE_AT + 2 * HOUR).length === 0
      && Array.from({ length: PLANTED }, (_, k) => around(c, k)).every(([lon, lat]) =>
        net.coverageAt(lon, lat).length === 0 && net.plannedAt(lon, lat).length === 0 && net.cutoversAt(lon, lat, OUTAGE_AT - slack, OUTAGE_AT + HOUR).length === 0))!
    expect(site, 'a demo site fit for the planted outage').toBeDefined()

    const lons = sites.map((c) => c.lon), lats = sites.map((c) => c.lat)
    const [w, s0, e, n] = [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)]
    const random = rng(6)
    const lines = [HEADER]
    for (let k = 0; k < PLANTED; k++) lines.push(row(`OUT${k}`, OUTAGE_AT + k * 4 * 60_000, ...around(site, k)))
    for (let k = 0; k < NOISE; k++) lines.push(row(k === 0 ? '=BG0' : `BG${k}`, FROM + random() * (TO - FROM), w + random() * (e - w), s0 + random() * (n - s0), '网速慢'))
    for (let k = 0; k < LATE; k++) lines.push(row(`LATE${k}`, TO + (k + 1) * HOUR, site.lon, site.lat))
    for (let k = 0; k < AWAY; k++) lines.push(row(`AWAY${k}`, OUTAGE_AT, e + 0.2 + k * 0.01, n))
    dir = mkdtempSync(join(tmpdir(), 'tousu-analyse-'))
    file = join(dir, 'complaints.csv')
    writeFileSync(file, lines.join('\n') + '\n')
    areaFile = join(dir, 'district.geojson')
    const p = 0.01
    writeFileSync(areaFile, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: '测试区' },
      geometry: { type: 'Polygon', coordinates: [[[w - p, s0 - p], [e + p, s0 - p], [e + p, n + p], [w - p, n + p], [w - p, s0 - p]]] } }] }))
  } finally {
    await s.stop()
  }
})
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true })
  await store.drop()
})

describe('npm run analyse on a file with a planted outage', () => {
  const out = () => join(dir, 'result')

  it('writes one CSV row per complaint of the area and window, and finds the outage as the first unexplained cluster', () => {
    const r = cli(file, '--area', areaFile, '--from', local(FROM), '--to', local(TO), '--out', out(), '--json')
    expect(r.code, r.err).toBe(0)
    const summary = JSON.parse(r.out)
    expect(summary).toMatchObject({ read: PLANTED + NOISE + LATE + AWAY, analysed: PLANTED + NOISE, outsideWindow: LATE, outsideArea: AWAY })
    expect(summary.from).toBe(formatChinaTime(FROM).replace(' ', 'T'))

    const csv = readFileSync(`${out()}.csv`, 'utf8')
    expect(csv.startsWith('\uFEFF工单号,发生时间')).toBe(true)
    const lines = csv.trim().split('\r\n').slice(1)
    expect(lines).toHaveLength(PLANTED + NOISE)
    expect(lines.some((l) => l.startsWith("'=BG0,"))).toBe(true) // an id a spreadsheet would run as a formula, neutralised
    expect(lines.filter((l) => l.startsWith('OUT')).every((l) => l.includes(`,${site.id},`) && l.includes(',unknown,') && l.endsWith(',是,1'))).toBe(true)

    const [first] = summary.unexplainedClusters
    expect(first).toMatchObject({ rank: 1, site: { id: site.id } })
    expect(first.unexplained).toBeGreaterThanOrEqual(PLANTED)
    expect(distanceM(first.lon, first.lat, site.lon, site.lat)).toBeLessThan(150)
    expect(summary.byCause.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(PLANTED + NOISE)

    const clusters = sheet(`${out()}.xlsx`, '未解释聚集')
    expect(clusters[0].slice(0, 3)).toEqual(['排名', '聚集编号', '投诉数'])
    expect(clusters[1][0]).toBe('1')
    expect(clusters[1]).toContain(site.id)
    // Cluster numbers (聚集编号) are 1-based, as on the engineer's screen, and the same cluster has the
    // same number in the CSV, the workbook and the summary.
    const no = (l: string) => l.split(',').at(-3)!
    const numbered = lines.map(no).filter((n) => n !== '')
    expect(numbered.length).toBeGreaterThan(0)
    expect(numbered.every((n) => Number(n) >= 1)).toBe(true)
    const outage = new Set(lines.filter((l) => l.startsWith('OUT')).map(no))
    expect([...outage]).toEqual([String(first.id)])
    expect(first.id).toBeGreaterThanOrEqual(1)
    expect(clusters[1][1]).toBe(String(first.id))
    expect(sheet(`${out()}.xlsx`, '投诉明细')).toHaveLength(1 + PLANTED + NOISE)
    for (const name of ['原因分布', '现象分布', '站点', '小时']) expect(sheet(`${out()}.xlsx`, name).length).toBeGreaterThan(1)
  })

  it('refuses to overwrite without --force; with it, prints the summary in Chinese', () => {
    const prefix = join(dir, 'again')
    writeFileSync(`${prefix}.xlsx`, 'an earlier analysis')
    const refused = cli(file, '--out', prefix)
    expect(refused.code).toBe(2)
    expect(refused.err).toMatch(/again\.xlsx exists.*--force/)
    expect(readdirSync(dir).filter((f) => f.startsWith('again'))).toEqual(['again.xlsx'])
    const r = cli(file, '--bbox=-180,-90,180,90', '--out', prefix, '--force')
    expect(r.code, r.err).toBe(0)
    expect(r.out).toMatch(/文件中投诉 112 条,区域与时段内 112 条/)
    expect(r.out).toMatch(new RegExp(`未解释聚集 \\d+ 个[\\s\\S]*#1  聚集 [1-9]\\d*  .*基站 ${site.id}`))
  })

  it('a bad row: exit 2 naming the row and field, no file written', () => {
    const bad = join(dir, 'bad.csv')
    writeFileSync(bad, [HEADER, row('A1', OUTAGE_AT, site.lon, site.lat), row('A2', OUTAGE_AT, site.lon, site.lat, '打不通了吗')].join('\n'))
    const outDir = mkdtempSync(join(tmpdir(), 'tousu-analyse-out-'))
    try {
      const r = cli(bad, '--out', join(outDir, 'x'))
      expect(r.code).toBe(2)
      expect(r.err).toMatch(/bad\.csv.*row 2, field "phenomenon"/s)
      expect(readdirSync(outDir)).toEqual([])
    } finally {
      rmSync(outDir, { recursive: true, force: true })
    }
  })

  it('bad options: exit 2 naming the option', () => {
    const outDir = mkdtempSync(join(tmpdir(), 'tousu-analyse-out-'))
    try {
      for (const [args, message] of [
        [['--from', '2026-13-45'], /--from: expected an ISO 8601 time.*"2026-13-45"/],
        [['--from', local(TO), '--to', local(FROM)], /--from must not be after --to/],
        [['--bbox', '113,23'], /--bbox: expected four numbers/],
        [['--area', file], /--area .*complaints\.csv: expected GeoJSON/],
        [['--crs', 'utm'], /--crs/],
        [['--frmo', 'x'], /Unknown option '--frmo'/],
      ] as const) {
        const r = cli(file, ...args, '--out', join(outDir, 'x'))
        expect(r.code, r.err).toBe(2)
        expect(r.err).toMatch(message)
      }
      expect(readdirSync(outDir)).toEqual([])
    } finally {
      rmSync(outDir, { recursive: true, force: true })
    }
  })
})
