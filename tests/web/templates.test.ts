/**
 * 口径管理 in Debian's Chromium (issue 8 item 5): an admin opens the 工程维护(已恢复) script, edits it
 * while the preview fills it on a real recorded complaint (the worked example), sees an unknown
 * placeholder refused, saves version 2 — and an agent's next diagnosis of the worked example reads
 * the new text, and the complaint the agent records keeps {code, version: 2}. Agents never see the tab.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { clickMap, apiJson, launch, openApp, shot, startWeb, type WebService } from './harness.js'

const CHINA = 8 * 3600_000
const localInput = (t: number) => new Date(t + CHINA).toISOString().slice(0, 16)
const SEED = '因为工程维护引起信号短暂中断,现在信号已恢复。'
const NEW_TEXT = '经核实,{site}因工程维护({window})信号短暂中断,已于{cleared}恢复。'

describe('口径管理 (answer templates) in Chromium', () => {
  const now = Date.now()
  let web: WebService
  let browser: Browser
  let recorded: string

  beforeAll(async () => {
    ;[web, browser] = await Promise.all([startWeb(now), launch()])
    expect((await fetch(`${web.url}/assets/app.js`)).status).toBe(200)
    // A real complaint answered with the seed script: the worked example, recorded as an agent would.
    const c = await apiJson<{ id: string; answer: string }>(web, '/api/complaints', {
      lon: 113.325574, lat: 23.137447, occurredAt: new Date(now - 140 * 60_000).toISOString(), service: 'voice', phenomenon: 'no_signal', address: '天河直街',
    })
    expect(c.answer).toBe(SEED)
    recorded = c.id
  })
  afterAll(async () => {
    await browser?.close()
    await web?.close()
  })

  const open = (role: 'agent' | 'admin') => openApp(web, browser, { role })

  it('agents have no 口径管理 tab', async () => {
    const { page, errors } = await open('agent')
    // The admin's tab is mounted after first paint; give it the time it would take.
    await page.waitForTimeout(500)
    expect(await page.locator('#tab-templates').count()).toBe(0)
    expect(await page.locator('#templates-panel').count()).toBe(0)
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('an admin edits with a live preview on a real complaint, saves version 2, and the next diagnosis reads it', async () => {
    const { page, errors } = await open('admin')
    await page.click('#tab-templates')
    expect(await page.isHidden('#agent-panel')).toBe(true)
    const item = page.locator('#tpl-list li[data-code="cutover.cleared"]')
    await item.waitFor()
    expect(await item.locator('.tpl-version').getAttribute('data-version')).toBe('1')
    await item.locator('button').click()
    await page.waitForSelector('#tpl-editor:not([hidden])')
    expect(await page.inputValue('#tpl-text')).toBe(SEED)
    // The picker offers the recorded worked example first (answered with this cause's template).
    expect(await page.inputValue('#tpl-complaint')).toBe(recorded)
    await page.waitForFunction((t) => document.querySelector('#tpl-preview')?.textContent === t, SEED)
    expect(await page.textContent('#tpl-history')).toContain('seed')

    // An unknown placeholder: the preview names it and nothing is shown as an answer.
    await page.fill('#tpl-text', '经核实,{sit}已恢复。')
    await page.waitForFunction(() => (document.querySelector('#tpl-error')?.textContent ?? '').includes('{sit}'))
    expect(await page.textContent('#tpl-preview')).toBe('')

    // The new text, partly typed with the slot buttons; the preview fills it with the complaint's values.
    await page.fill('#tpl-text', '经核实,')
    await page.click('#tpl-slots button[data-slot="site"]')
    await page.keyboard.type('因工程维护(')
    await page.click('#tpl-slots button[data-slot="window"]')
    await page.keyboard.type(')信号短暂中断,已于')
    await page.click('#tpl-slots button[data-slot="cleared"]')
    await page.keyboard.type('恢复。')
    expect(await page.inputValue('#tpl-text')).toBe(NEW_TEXT)
    await page.waitForFunction(() => /^经核实,白马花园基站因工程维护(.+)信号短暂中断,已于.+恢复。$/.test(document.querySelector('#tpl-preview')?.textContent ?? ''))
    const preview = await page.textContent('#tpl-preview')
    expect(preview).not.toContain('{')
    expect(await page.textContent('#tpl-error')).toBe('')
    await page.screenshot({ path: shot('templates-1-preview') })

    // Save: version 2, by admin, with the note; the list follows.
    await page.fill('#tpl-note', '说明恢复时间')
    await page.click('#tpl-save')
    await page.waitForFunction(() => (document.querySelector('#tpl-status')?.textContent ?? '').includes('第2版'))
    const v2 = page.locator('#tpl-history li[data-version="2"]')
    await v2.waitFor()
    expect(await v2.textContent()).toContain('admin')
    expect(await v2.textContent()).toContain('说明恢复时间')
    expect(await page.locator('#tpl-history li').count()).toBe(2)
    await page.waitForSelector('#tpl-list li[data-code="cutover.cleared"] .tpl-version[data-version="2"]')
    await page.screenshot({ path: shot('templates-2-saved') })
    expect(errors).toEqual([])
    await page.context().close()

    // The agent's next diagnosis of the worked example reads version 2, exactly as previewed.
    const agent = await open('agent')
    const p = agent.page
    await p.click('#q')
    await p.keyboard.type('天河直街', { delay: 30 })
    await p.locator('#q-list [role=option]').first().waitFor()
    await p.keyboard.press('Enter')
    await p.locator('#nearby li[data-site="TH001"]').waitFor()
    // A long street: the agent clicks where on it the customer is (the worked example's point).
    await clickMap(p, 23.137447, 113.325574)
    await p.fill('#occurredAt', localInput(now - 140 * 60_000))
    await p.selectOption('#phenomenon', 'no_signal')
    await p.click('#diagnose')
    await p.waitForSelector('#result:not([hidden])')
    expect(await p.getAttribute('#cause', 'data-code')).toBe('cutover')
    expect(await p.textContent('#answer')).toBe(preview)
    await p.screenshot({ path: shot('templates-3-agent') })

    // Recorded, the complaint keeps the version it was answered with.
    await p.click('#record')
    await p.waitForSelector('#recorded[data-id]')
    const id = await p.getAttribute('#recorded', 'data-id')
    const c = await apiJson<{ answer: string; diagnosis: { template: { code: string; version: number } } }>(web, `/api/complaints/${id}`)
    expect(c.diagnosis.template).toMatchObject({ code: 'cutover.cleared', version: 2 })
    expect(c.answer).toBe(preview)
    // The complaint recorded before the edit still says version 1.
    const old = await apiJson<{ answer: string; diagnosis: { template: { version: number } } }>(web, `/api/complaints/${recorded}`)
    expect(old.diagnosis.template.version).toBe(1)
    expect(old.answer).toBe(SEED)
    expect(agent.errors).toEqual([])
    await p.context().close()
  })
})
