/**
 * The engineer's screen (网维) in Debian's Chromium against the real service with the demo district:
 * draw an area, analyse the window (POST /api/analysis), read the breakdown, find a planted outage among
 * the ranked unexplained clusters (未解释聚集) and zoom to it, download the CSV (rows match the API's,
 * BOM, formulas neutralised) and the XLSX.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { unzipSync, strFromU8 } from 'fflate'
import { importCsv, launch, openApp, shot, startWeb, type WebService, parseCsv } from './harness.js'
import { CAUSE_LABELS, type CauseCode } from '../../server/src/domain/types.js'

/** The planted outage: 7 无信号 complaints within 40 minutes around 林和苑 (TH033), no alarm, no cutover. */
const OUTAGE_SITE = { id: 'TH033', name: '林和苑', lon: 113.332909, lat: 23.143221 }
const OUTAGE_IDS = Array.from({ length: 7 }, (_, i) => `PLANT${i + 1}`)

interface Cluster { id: number; count: number; lon: number; lat: number; site: { id: string; name: string } | null; complaintIds: string[]; rank?: number }
interface Analysis {
  total: number
  breakdown: { byCause: unknown[]; byPhenomenon: unknown[] }
  clusters: Cluster[]
  unexplainedClusters: Cluster[]
  complaints: { id: string; siteId: string | null; cause: CauseCode; cluster: number | null }[]
}

describe('engineer screen (网维) in Chromium', () => {
  const now = Date.now()
  let web: WebService
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    ;[web, browser] = await Promise.all([startWeb(now), launch()])
    // A complaint whose address is a spreadsheet formula, inside the district.
    await web.service.importText('complaints', {
      format: 'csv',
      text: `id,occurred_at,address,service,phenomenon,description,lon,lat\nCXLS1,${new Date(now - 3600_000).toISOString()},"=HYPERLINK(""http://evil"",""点我"")",voice,无信号/忙音,"@SUM(1,2)",113.3400,23.1350\n`,
    }, { crs: 'wgs84' })
    // The planted outage, through the import API as an operator's system would send it.
    const rows = OUTAGE_IDS.map((id, i) => {
      const a = (i * 2 * Math.PI) / OUTAGE_IDS.length
      const lon = OUTAGE_SITE.lon + 0.0008 * Math.cos(a), lat = OUTAGE_SITE.lat + 0.0006 * Math.sin(a)
      return `${id},${new Date(now - (100 - i * 6) * 60_000).toISOString()},林和苑${i + 1}号,voice,无信号/忙音,突然没信号,${lon.toFixed(6)},${lat.toFixed(6)}`
    })
    const imported = await importCsv(web, 'complaints', `id,occurred_at,address,service,phenomenon,description,lon,lat\n${rows.join('\n')}\n`)
    expect(imported.imported).toBe(OUTAGE_IDS.length)
    ;({ page } = await openApp(web, browser))
  })
  afterAll(async () => {
    await browser?.close()
    await web?.close()
  })

  it('draws an area, analyses it and shows a non-empty breakdown', async () => {
    await page.click('#tab-engineer')
    await page.waitForSelector('body[data-screen="engineer"]')
    await page.evaluate(() => window.__app!.map.setZoom(14, { animate: false }))
    const box = (await page.locator('#map').boundingBox())!
    await page.click('#draw-rect')
    // Two corners of a rectangle over most of the map (geoman: click, then click).
    await page.mouse.click(box.x + 90, box.y + 90)
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5)
    await page.mouse.click(box.x + box.width - 220, box.y + box.height - 60)
    await page.waitForFunction(() => document.getElementById('an-status')?.textContent?.includes('区域已选定'))
    const analysed = page.waitForResponse((r) => r.url().endsWith('/api/analysis'))
    await page.click('#analyse')
    const res = await analysed
    expect(res.status()).toBe(200)
    await page.waitForSelector('#an-result:not([hidden])')
    const a = (await res.json()) as Analysis
    expect(a.total).toBeGreaterThan(10)
    expect(await page.textContent('#an-total')).toContain(String(a.total))
    // The chart shows every cause of the API's breakdown, with its count.
    const bars = page.locator('#chart-cause g[data-label]')
    expect(await bars.count()).toBe(a.breakdown.byCause.length)
    expect(a.breakdown.byCause.length).toBeGreaterThan(1)
    expect(await page.locator('#chart-phenomenon g[data-label]').count()).toBe(a.breakdown.byPhenomenon.length)
    expect(await page.locator('#top-sites li button').count()).toBeGreaterThan(0)
    expect(await page.locator('canvas.leaflet-heatmap-layer').count()).toBe(1)

    // The planted outage is an unexplained cluster at 林和苑, listed with its rank, count, span and site.
    const planted = a.unexplainedClusters.find((c) => c.site?.id === OUTAGE_SITE.id)
    expect(planted).toBeDefined()
    expect(planted!.complaintIds).toEqual(expect.arrayContaining(OUTAGE_IDS))
    // So is the demo's own: six unexplained 无信号 complaints by 体育东路北 (TH040).
    expect(a.unexplainedClusters.some((c) => c.site?.id === 'TH040')).toBe(true)
    expect(await page.locator('#unexplained li').count()).toBe(a.unexplainedClusters.length)
    const row = page.locator(`#unexplained li[data-site="${OUTAGE_SITE.id}"]`)
    expect(await row.count()).toBe(1)
    expect(await row.getAttribute('data-rank')).toBe(String(planted!.rank))
    const text = (await row.textContent())!
    expect(text).toContain(OUTAGE_SITE.name)
    expect(text).toContain(`${planted!.count} 件`)
    expect(text).toContain('疑似隐性故障')
    // … drawn on the map, and every spatio-temporal cluster listed.
    expect(await page.locator('path.unexplained-cluster').count()).toBe(a.unexplainedClusters.length)
    expect(await page.locator('#st-clusters li').count()).toBe(a.clusters.length)
    expect(await page.textContent('#st-count')).toBe(String(a.clusters.length))
    await page.screenshot({ path: shot('engineer-analysis-1366') })

    // Clicking it zooms the map to it.
    await row.locator('button').first().click()
    await page.waitForFunction(([lon, lat]) => {
      const m = window.__app!.map
      return m.getZoom() >= 16 && m.getCenter().distanceTo([lat, lon]) < 30
    }, [planted!.lon, planted!.lat], { timeout: 10_000 })
    await page.screenshot({ path: shot('engineer-unexplained-zoom') })

    // The CSV: a BOM, one row per complaint of the API, same ids, formulas neutralised.
    const dl = page.waitForEvent('download')
    await page.click('#export-csv')
    const csvFile = await (await dl).path()
    const bytes = readFileSync(csvFile!)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parseCsv(bytes.toString('utf8').slice(1))
    expect(rows[0][0]).toBe('工单号')
    const body = rows.slice(1)
    expect(body.map((r) => r[0])).toEqual(a.complaints.map((c) => c.id))
    // Row by row, the attribution is the API's: cause, site, cluster.
    const col = (name: string) => rows[0].indexOf(name)
    expect(Math.min(col('归因'), col('归属基站'), col('时空聚集'))).toBeGreaterThanOrEqual(0)
    // The cluster is numbered from 1, as the screen shows it (聚集 1 is the API's cluster 0).
    body.forEach((r, i) => {
      const c = a.complaints[i]
      expect([r[col('归因')], r[col('归属基站')], r[col('时空聚集')]]).toEqual([CAUSE_LABELS[c.cause], c.siteId ?? '', c.cluster === null ? '' : String(c.cluster + 1)])
    })
    for (const id of OUTAGE_IDS) expect(body.find((r) => r[0] === id)?.[col('归属基站')]).toBe(OUTAGE_SITE.id)
    // … and the same complaints GET /api/complaints lists in the drawn rectangle.
    const area = res.request().postDataJSON().area.coordinates[0] as [number, number][]
    const xs = area.map((p) => p[0])
    const ys = area.map((p) => p[1])
    const req = res.request().postDataJSON()
    const listed = await (await fetch(`${web.url}/api/complaints?bbox=${Math.min(...xs)},${Math.min(...ys)},${Math.max(...xs)},${Math.max(...ys)}&from=${encodeURIComponent(req.from)}&to=${encodeURIComponent(req.to)}&limit=10000`, { headers: { authorization: `Bearer ${web.token}` } })).json()
    expect(new Set(body.map((r) => r[0]))).toEqual(new Set(listed.map((c: { id: string }) => c.id)))
    const evil = body.find((r) => r[0] === 'CXLS1')!
    expect(evil[3]).toBe('\'=HYPERLINK("http://evil","点我")')
    expect(evil.at(-1)).toBe('\'@SUM(1,2)')
    for (const r of body) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@]/)

    // The XLSX: a zip whose sheet holds the same rows (cells typed as strings, never formulas).
    const dlx = page.waitForEvent('download')
    await page.click('#export-xlsx')
    const x = await dlx
    expect(x.suggestedFilename()).toMatch(/\.xlsx$/)
    const files = unzipSync(new Uint8Array(readFileSync((await x.path())!)))
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml'])
    const strings = files['xl/sharedStrings.xml'] ? strFromU8(files['xl/sharedStrings.xml']) : ''
    expect(sheet + strings).toContain('CXLS1')
    expect(sheet).not.toContain('<f>')
  })

  it('picks a district instead of drawing', async () => {
    await page.click('#clear-area')
    await page.selectOption('#district', { label: '天河区' })
    const run = Number(await page.getAttribute('#an-result', 'data-run'))
    const analysed = page.waitForResponse((r) => r.url().endsWith('/api/analysis'))
    await page.click('#analyse')
    const res = await analysed
    expect(res.request().postDataJSON().district).toBe('D01')
    const a = (await res.json()) as Analysis
    expect(a.total).toBeGreaterThan(10)
    expect(await page.textContent('#an-total')).toContain(String(a.total))
    await page.waitForSelector(`#an-result[data-run="${run + 1}"]`)
    expect(await page.locator('#unexplained li[data-rank]').count()).toBe(a.unexplainedClusters.length)
    expect(await page.locator(`#unexplained li[data-site="${OUTAGE_SITE.id}"]`).count()).toBe(1)
  })

  it('fits a 1920 screen', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 })
    await page.waitForTimeout(300)
    await page.screenshot({ path: shot('engineer-analysis-1920') })
    const panel = (await page.locator('aside.panel').boundingBox())!
    expect(panel.x + panel.width).toBeLessThanOrEqual(1920)
  })
})
