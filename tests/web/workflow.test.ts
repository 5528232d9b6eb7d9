/**
 * The workflow in Debian's Chromium against the real service with the demo district (issue 8): the
 * 统计报表 page shows the same figures as the API and lists a complaint left unanswered for 30 hours as
 * 超时; the engineer dispatches it from its card; the agent sees it on the map as a red ring labelled
 * 超时, opens its card from the marker and answers it — the status changes and the flag goes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { apiJson, launch, openApp, shot, startWeb, type WebService } from './harness.js'

const H = 3600_000
const iso = (t: number) => new Date(t).toISOString()
interface Complaint { id: string; status: string; overdue: boolean; breaches: { limit: string; open: boolean }[] }

describe('workflow and 统计报表 in Chromium', () => {
  const now = Date.now()
  let web: WebService
  let browser: Browser
  let late: Complaint
  let fresh: Complaint
  const errors: string[] = []

  const open = async (role: 'agent' | 'engineer'): Promise<Page> => (await openApp(web, browser, { role, errors })).page
  const status = async (id: string) => (await apiJson<Complaint>(web, `/api/complaints/${id}`))

  beforeAll(async () => {
    ;[web, browser] = await Promise.all([startWeb(now), launch()])
    // Reported 30 hours ago and never answered: past the 24-hour answer limit. Near 荔香园, in the first view.
    late = await apiJson<Complaint>(web, '/api/complaints', {
      lon: 113.3281, lat: 23.1322, occurredAt: iso(now - 31 * H), reportedAt: iso(now - 30 * H), service: 'voice', phenomenon: 'no_signal', address: '石牌西路12号',
    })
    fresh = await apiJson<Complaint>(web, '/api/complaints', {
      lon: 113.3301, lat: 23.1355, occurredAt: iso(now - H), service: 'data', phenomenon: 'slow_data', address: '天河北路5号',
    })
  })
  afterAll(async () => {
    await browser?.close()
    await web?.close()
  })

  it('the recorded complaints start diagnosed; the old one is overdue (答复超时) and was analysed late (响应超时)', () => {
    expect(late).toMatchObject({ status: 'diagnosed', overdue: true })
    expect(late.breaches).toEqual([expect.objectContaining({ limit: 'respond', open: false }), expect.objectContaining({ limit: 'answer', open: true })])
    expect(fresh).toMatchObject({ status: 'diagnosed', overdue: false })
  })

  it('统计报表: the figures of the API, the overdue complaint listed; the engineer dispatches it from its card', async () => {
    const page = await open('engineer')
    await page.click('#tab-figures')
    await page.waitForSelector('#fig-total')
    const from = await page.inputValue('#fig-from')
    const to = await page.inputValue('#fig-to')
    const f = await apiJson<{ total: number; tracked: number; closed: number; dispatchRate: number | null; overdueRate: number }>(web, '/api/figures', { from: `${from}:00+08:00`, to: `${to}:00+08:00` })
    expect(f.tracked).toBe(2)
    expect(f.overdueRate).toBe(0.5)
    expect(await page.textContent('#fig-total')).toBe(`投诉 ${f.total} 件,纳入流程 2 件,已结单 0 件`)
    expect(await page.textContent('#fig-overdue-rate .fig-value')).toBe('50.0%')
    expect(await page.textContent('#fig-dispatch .fig-value')).toBe('0.0%')
    expect(await page.locator('#fig-chart-cause svg g').count()).toBeGreaterThan(0)
    const row = page.locator(`#fig-overdue li[data-complaint="${late.id}"]`)
    expect(await row.locator('.overdue-badge').textContent()).toBe('超时')
    expect(await row.textContent()).toContain('答复超时')
    expect(await page.locator(`#fig-overdue li[data-complaint="${fresh.id}"]`).count()).toBe(0)

    await row.locator('button').click()
    const card = page.locator(`#fig-card .wf-card[data-complaint="${late.id}"]`)
    await card.waitFor()
    expect(await card.locator('.wf-status').textContent()).toBe('已分析')
    expect(await card.locator('.wf-actions button').allTextContents()).toEqual(['答复', '派单'])
    await card.locator('.wf-team').fill('天河分公司')
    await card.locator('.wf-specialty').selectOption('无线网优')
    await card.locator('button[data-action="dispatch"]').click()
    await page.waitForSelector(`#fig-card .wf-card[data-status="dispatched"]`)
    expect(await page.textContent('#fig-card .wf-status')).toBe('已派单')
    expect(await page.textContent('#fig-card .wf-history')).toContain('派单 → 已派单')
    expect(await status(late.id)).toMatchObject({ status: 'dispatched', team: '天河分公司', teamSpecialty: '无线网优' })
    await page.waitForFunction(() => document.querySelector('#fig-dispatch .fig-value')?.textContent === '50.0%')
    await page.screenshot({ path: shot('workflow-figures') })
    await page.context().close()
  })

  it('the agent sees the overdue complaint as a red ring labelled 超时, answers it from its popup, and the flag goes', async () => {
    const page = await open('agent')
    expect(await page.locator('#tab-figures').count()).toBe(0)
    await page.waitForSelector('path.complaint-overdue')
    expect(await page.locator('path.complaint-overdue').count()).toBe(1)
    expect(await page.locator('.overdue-label').allTextContents()).toEqual(['超时'])
    await page.screenshot({ path: shot('workflow-overdue-map') })
    await page.locator('path.complaint-overdue').click({ force: true })
    const card = page.locator(`.leaflet-popup .wf-card[data-complaint="${late.id}"]`)
    await card.waitFor()
    expect(await card.locator('.wf-status').textContent()).toBe('已派单')
    expect(await card.locator('.overdue-badge').textContent()).toBe('超时')
    // The agent's steps only: no 派单 or 实测.
    expect(await card.locator('.wf-actions button').allTextContents()).toEqual(['答复'])
    await card.locator('.wf-note').fill('经核实为基站设备故障,已安排处理。')
    await card.locator('button[data-action="answer"]').click()
    await expect.poll(async () => (await status(late.id)).status).toBe('answered')
    const after = await status(late.id)
    expect(after.overdue).toBe(false)
    await page.waitForFunction(() => document.querySelectorAll('path.complaint-overdue').length === 0)
    await page.waitForFunction(() => document.querySelectorAll('.overdue-label').length === 0, undefined, { timeout: 5000 })
    const h = await apiJson<{ history: { action: string; by: string; note: string | null }[] }>(web, `/api/complaints/${late.id}/history`)
    expect(h.history.map((s) => s.action)).toEqual(['receive', 'diagnose', 'dispatch', 'answer'])
    expect(h.history.at(-1)).toMatchObject({ by: 'agent', note: '经核实为基站设备故障,已安排处理。' })
    expect(errors).toEqual([])
  })
})
