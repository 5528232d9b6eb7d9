/**
 * 系统管理 in Debian's Chromium: agents and engineers have no such tab; an admin creates a user in the
 * screen (who can then log in), changes the role, resets the password, disables (login refused) and
 * enables again; issues an API token shown once (it works as a Bearer, the copy button copies, also
 * without the Clipboard API, and says so honestly when nothing could be copied) and revokes it (401);
 * reads the audit log with the creation in China time and filters it by action; a taken user name is
 * refused in Chinese.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { openApp, launch, shot, startWeb, type WebService } from './harness.js'

const NAME = 'zhao.li'
const PASS1 = 'start-pass-123'
const PASS2 = 'second-pass-456'
/** "2026-12-04 15:30" in China time. */
const china = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')

describe('系统管理 (users, tokens, audit log) in Chromium', () => {
  let web: WebService
  let browser: Browser
  let page: Page
  const errors: string[] = []

  beforeAll(async () => {
    ;[web, browser] = await Promise.all([startWeb(), launch()])
  })
  afterAll(async () => {
    await browser?.close()
    await web?.close()
  })

  const login = async (username: string, password: string) => {
    const res = await fetch(`${web.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })
    return { status: res.status, body: (await res.json()) as { user?: { username: string; role: string } } }
  }
  const me = (token: string) => fetch(`${web.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })
  const row = (name: string) => page.locator(`#adm-user-table tr[data-user="${name}"]`)

  it('agents and engineers have no 系统管理 tab', async () => {
    for (const role of ['agent', 'engineer'] as const) {
      const { page: p, errors: errs } = await openApp(web, browser, { role })
      // The tabs mounted after first paint: wait for the last of them an engineer has, then a little more.
      if (role === 'engineer') await p.waitForSelector('#tab-figures', { state: 'attached' }).catch(() => {})
      await p.waitForTimeout(800)
      expect(await p.locator('#tab-admin').count(), role).toBe(0)
      expect(await p.locator('#admin-panel').count(), role).toBe(0)
      expect(errs).toEqual([])
      await p.context().close()
    }
  })

  it('an admin sees the users; creates one in the screen, who can then log in', async () => {
    ;({ page } = await openApp(web, browser, { role: 'admin', errors }))
    await page.click('#tab-admin')
    expect(await page.isHidden('#agent-panel')).toBe(true)
    await row('admin').waitFor()
    expect(await row('agent').locator('td').nth(1).textContent()).toBe('客服坐席')
    expect(await row('engineer').locator('td').nth(1).textContent()).toBe('网维工程师')
    expect(await row('admin').locator('td').nth(1).textContent()).toBe('系统管理员')
    // The admin logged in to open the page: the last login comes from the audit log, in China time.
    expect(await row('admin').locator('td.adm-last').textContent()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/)

    // Too short a password is refused before anything is sent, saying the server's rule.
    await page.fill('#adm-new-name', NAME)
    await page.fill('#adm-new-display', '赵力')
    await page.selectOption('#adm-new-role', 'engineer')
    await page.fill('#adm-new-pass', 'short')
    await page.click('#adm-new-submit')
    expect(await page.textContent('#adm-new-error')).toContain('密码至少 10 位')

    await page.fill('#adm-new-pass', PASS1)
    await page.click('#adm-new-submit')
    await row(NAME).waitFor()
    expect(await page.textContent('#adm-new-status')).toContain(`已创建用户 ${NAME}`)
    expect(await row(NAME).getAttribute('data-role')).toBe('engineer')
    expect(await row(NAME).textContent()).toContain('赵力')
    expect(await row(NAME).locator('td.adm-state').textContent()).toBe('启用')
    expect(await row(NAME).locator('td.adm-last').textContent()).toBe('—')

    const first = await login(NAME, PASS1)
    expect(first.status).toBe(200)
    expect(first.body.user).toMatchObject({ username: NAME, role: 'engineer' })
  })

  it('a taken user name is refused in Chinese, not in the server’s English', async () => {
    await page.fill('#adm-new-name', NAME)
    await page.fill('#adm-new-pass', 'another-pass-789')
    await page.click('#adm-new-submit')
    await page.waitForFunction(() => (document.querySelector('#adm-new-error')?.textContent ?? '') !== '')
    expect(await page.textContent('#adm-new-error')).toBe('用户名已存在,请换一个')
    // A name the server would refuse is caught first, in Chinese too.
    await page.fill('#adm-new-name', '赵力')
    await page.click('#adm-new-submit')
    expect(await page.textContent('#adm-new-error')).toContain('用户名须为 2–32 位')
    expect(await page.locator('#adm-user-table tr[data-user]').count()).toBe(4)
  })

  it('changes the role and resets the password', async () => {
    await row(NAME).getByRole('button', { name: `管理 ${NAME}` }).click()
    await page.waitForSelector(`#adm-user-detail[data-user="${NAME}"]:not([hidden])`)
    expect(await page.inputValue('#adm-edit-role')).toBe('engineer')
    await page.selectOption('#adm-edit-role', 'agent')
    await page.click('#adm-edit-role-save')
    await page.waitForSelector(`#adm-user-table tr[data-user="${NAME}"][data-role="agent"]`)
    expect(await row(NAME).locator('td').nth(1).textContent()).toBe('客服坐席')
    expect(await page.textContent('#adm-edit-status')).toContain('客服坐席')
    expect((await login(NAME, PASS1)).body.user?.role).toBe('agent')

    // A new password shorter than the rule: refused in Chinese, nothing changed.
    await page.fill('#adm-reset-pass', '123')
    await page.click('#adm-reset-submit')
    expect(await page.textContent('#adm-edit-error')).toContain('密码至少 10 位')
    await page.fill('#adm-reset-pass', PASS2)
    await page.click('#adm-reset-submit')
    await page.waitForSelector('#adm-edit-status:has-text("已重置")')
    expect((await login(NAME, PASS1)).status).toBe(401)
    expect((await login(NAME, PASS2)).status).toBe(200)
  })

  it('disabling (after a confirmation) blocks the login; enabling lets it in again', async () => {
    await page.click('#adm-toggle')
    // Nothing happens before the confirmation.
    expect(await page.textContent('#adm-edit-confirm')).toContain(`确定停用 ${NAME}`)
    expect(await row(NAME).getAttribute('data-disabled')).toBe('false')
    await page.click('#adm-edit-confirm .adm-confirm-yes')
    await page.waitForSelector(`#adm-user-table tr[data-user="${NAME}"][data-disabled="true"]`)
    expect(await row(NAME).locator('td.adm-state').textContent()).toBe('已停用')
    expect((await login(NAME, PASS2)).status).toBe(401)

    await page.click('#adm-toggle')
    await page.waitForSelector(`#adm-user-table tr[data-user="${NAME}"][data-disabled="false"]`)
    expect((await login(NAME, PASS2)).status).toBe(200)
    await page.click(`#adm-user-table tr[data-user="${NAME}"] button`)
    await page.screenshot({ path: shot('admin-users') })
  })

  let tokenId = ''
  let token = ''

  it('issues a token shown once, which works as a Bearer; the copy button copies it', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.url })
    await page.click('#adm-edit-tokens')
    await page.waitForSelector('#adm-tokens:not([hidden])')
    expect(await page.getAttribute('#adm-nav-tokens', 'aria-pressed')).toBe('true')
    expect(await page.inputValue('#adm-tok-user')).toBe(NAME)
    await page.waitForSelector('#adm-tok-table td:has-text("该用户没有 API 令牌")')

    await page.click('#adm-tok-issue')
    expect(await page.textContent('#adm-tok-error')).toContain('请填写令牌名称')
    await page.fill('#adm-tok-name', '工单系统对接')
    await page.click('#adm-tok-issue')
    await page.waitForSelector('#adm-tok-once:not([hidden])')
    token = await page.inputValue('#adm-tok-value')
    tokenId = (await page.getAttribute('#adm-tok-once', 'data-id'))!
    expect(token).toMatch(/^tsk_/)
    expect(await page.textContent('#adm-tok-once')).toContain('此令牌只显示这一次')
    await page.waitForSelector(`#adm-tok-table tr[data-token="${tokenId}"][data-revoked="false"]`)
    // The list never holds the secret.
    expect(await page.textContent('#adm-tok-table')).not.toContain(token)

    await page.click('#adm-tok-copy')
    await page.waitForSelector('#adm-tok-copy-status[data-copied]')
    expect(await page.textContent('#adm-tok-copy-status')).toBe('已复制到剪贴板')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token)

    const res = await me(token)
    expect(res.status).toBe(200)
    expect(((await res.json()) as { user: { username: string } }).user.username).toBe(NAME)

    // Closed, the secret leaves the page for good.
    await page.click('#adm-tok-done')
    expect(await page.isHidden('#adm-tok-once')).toBe(true)
    expect(await page.inputValue('#adm-tok-value')).toBe('')
    expect(await page.content()).not.toContain(token)
  })

  it('revoking asks first, then the token gets 401', async () => {
    const tr = page.locator(`#adm-tok-table tr[data-token="${tokenId}"]`)
    await tr.getByRole('button', { name: /吊销令牌/ }).click()
    expect(await page.textContent('#adm-tok-confirm')).toContain(`确定吊销令牌“工单系统对接”(编号 ${tokenId})`)
    await page.click('#adm-tok-confirm .adm-confirm-no')
    expect(await page.isHidden('#adm-tok-confirm')).toBe(true)
    expect(await tr.getAttribute('data-revoked')).toBe('false')
    expect((await me(token)).status).toBe(200)
    await tr.getByRole('button', { name: /吊销令牌/ }).click()
    await page.click('#adm-tok-confirm .adm-confirm-yes')
    await page.waitForSelector(`#adm-tok-table tr[data-token="${tokenId}"][data-revoked="true"]`)
    expect(await page.textContent('#adm-tok-list-status')).toContain('已吊销')
    expect(await page.locator(`#adm-tok-table tr[data-token="${tokenId}"] .adm-tok-state`).textContent()).toMatch(/^已吊销 \d{4}-\d\d-\d\d \d\d:\d\d$/)
    expect((await me(token)).status).toBe(401)
  })

  it('the audit log shows the creation in China time and filters by action', async () => {
    await page.click('#adm-nav-audit')
    const created = page.locator(`#adm-audit-table tr[data-action="user_created"]`)
    await created.first().waitFor()
    const cells = await created.first().locator('td').allTextContents()
    const log = (await (await fetch(`${web.url}/api/audit?action=user_created`, { headers: { authorization: `Bearer ${web.token}` } })).json()) as { at: string; target: string }[]
    const entry = log.find((e) => e.target === NAME)!
    expect(cells[0]).toBe(china(entry.at))
    expect(cells[1]).toBe('新建用户 user_created')
    expect(cells[2]).toBe('admin 系统管理员')
    expect(cells[3]).toBe(NAME)
    expect(cells[4]).toMatch(/127\.0\.0\.1/)
    expect(cells[5]).toBe('角色:网维工程师')
    // Newest first: the token's revocation is above the creation.
    const actions = await page.locator('#adm-audit-table tr[data-action]').evaluateAll((trs) => trs.map((t) => (t as HTMLElement).dataset.action))
    expect(actions.indexOf('token_revoked')).toBeLessThan(actions.indexOf('user_created'))
    expect(actions).toContain('user_changed')

    await page.selectOption('#adm-audit-action', 'user_changed')
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('#adm-audit-table tr[data-action]')].every((t) => t.dataset.action === 'user_changed'))
    const changes = await page.locator('#adm-audit-table tr[data-action] td.adm-details').allTextContents()
    expect(changes).toEqual(['修改:启用', '修改:停用', '修改:密码', '修改:角色→客服坐席'])

    await page.selectOption('#adm-audit-action', 'token_revoked')
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('#adm-audit-table tr[data-action]')].every((t) => t.dataset.action === 'token_revoked'))
    expect(await page.locator('#adm-audit-table tr[data-action]').count()).toBe(1)

    // More than a page (100) of failed logins: 加载更多 brings the older ones, none twice.
    for (let i = 0; i < 105; i += 15) {
      await Promise.all(Array.from({ length: Math.min(15, 105 - i) }, (_, k) => login(`nobody-${i + k}`, 'wrong-password-0')))
    }
    await page.selectOption('#adm-audit-action', 'login_failed')
    await page.waitForSelector('#adm-audit-more:not([hidden])')
    expect(await page.locator('#adm-audit-table tr[data-action="login_failed"]').count()).toBe(100)
    await page.click('#adm-audit-more')
    await page.waitForSelector('#adm-audit-more[hidden]', { state: 'attached' })
    // Those and the test's own two refused logins (old password, disabled): every one, once, newest first.
    const failed = (await (await fetch(`${web.url}/api/audit?action=login_failed&limit=1000`, { headers: { authorization: `Bearer ${web.token}` } })).json()) as { id: number }[]
    expect(failed.length).toBe(107)
    const ids = await page.locator('#adm-audit-table tr[data-action]').evaluateAll((trs) => trs.map((t) => Number((t as HTMLElement).dataset.id)))
    expect(ids).toEqual(failed.map((e) => e.id))
    expect(await page.textContent('#adm-audit-count')).toContain('已显示 107 条')

    // A window that ends before anything happened: none.
    await page.fill('#adm-audit-to', '2020-01-01T00:00')
    await page.click('#adm-audit-search')
    await page.waitForSelector('#adm-audit-table td:has-text("没有符合条件的记录")')
    expect(errors).toEqual([])
  })

  it('without the Clipboard API the copy falls back to the textarea; when nothing copies it says so', async () => {
    const issue = async (p: Page, name: string) => {
      await p.click('#tab-admin')
      await p.click('#adm-nav-tokens')
      await p.selectOption('#adm-tok-user', NAME)
      await p.fill('#adm-tok-name', name)
      await p.click('#adm-tok-issue')
      await p.waitForSelector('#adm-tok-once:not([hidden])')
      await p.click('#adm-tok-copy')
      await p.waitForSelector('#adm-tok-copy-status[data-copied]')
      return p.inputValue('#adm-tok-value')
    }
    // Plain http on an intranet address: no secure context, no navigator.clipboard.
    const insecure = () => {
      Object.defineProperty(window, 'isSecureContext', { get: () => false })
      Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined })
    }
    const { page: p1 } = await openApp(web, browser, { role: 'admin', before: (p) => p.addInitScript(insecure) })
    await p1.context().grantPermissions(['clipboard-read'], { origin: web.url })
    const copied = await issue(p1, '无安全上下文')
    expect(await p1.textContent('#adm-tok-copy-status')).toBe('已复制到剪贴板')
    // The clipboard, read through a page that has the API.
    const reader = await p1.context().newPage()
    await reader.goto(`${web.url}/health`)
    expect(await reader.evaluate(() => navigator.clipboard.readText())).toBe(copied)
    await p1.context().close()

    // And when the browser refuses even that: an honest failure, with the token selected for Ctrl+C.
    const { page: p2 } = await openApp(web, browser, {
      role: 'admin',
      before: (p) => p.addInitScript(() => {
        Object.defineProperty(window, 'isSecureContext', { get: () => false })
        Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined })
        document.execCommand = () => false
      }),
    })
    await issue(p2, '复制被拒')
    expect(await p2.getAttribute('#adm-tok-copy-status', 'data-copied')).toBe('false')
    expect(await p2.textContent('#adm-tok-copy-status')).toContain('复制失败')
    expect(await p2.evaluate(() => document.activeElement?.id)).toBe('adm-tok-value')
    await p2.context().close()
  })
})
