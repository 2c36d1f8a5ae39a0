/**
 * The dashboard in a real browser: Debian's chromium driven by playwright-core. An import's
 * progress bar moves as emulator time does, the page cancels it, fault rules and the journal
 * show what fired, values from clients stay text, and a control token is asked for.
 * A screenshot is kept in artifacts/dashboard.png.
 *
 * Without chromium the tests are skipped, unless LAKEFS_EMULATOR_REQUIRE_BROWSER is set (CI sets
 * it after installing chromium), in which case they fail.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulator, ManualClock, type Scenario } from '../../src/index.js'
import { AUTH, T0 } from '../support/harness.js'

/** The page redraws every 100 ms; under a loaded CI machine a redraw can take far longer than poll's 1 s default. */
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 50 })

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const available = existsSync(executablePath)
if (!available && process.env.LAKEFS_EMULATOR_REQUIRE_BROWSER) {
  throw new Error(`no browser at ${executablePath} (install Debian's chromium, or set CHROMIUM_PATH)`)
}

const world: Scenario = {
  name: 'dashboard-test',
  description: 'one big prefix to watch',
  import: { objectsPerSecond: 1000, statusIntervalMs: 1000 },
  store: { generate: [{ prefix: 's3://bucket/big/', keys: ['f{00001..20000}'], size: 8 }] },
  repositories: [{ name: 'repo', storageNamespace: 's3://bucket/repos/repo' }],
  faults: [
    { name: 'first-branch-read-throttled', operation: 'getBranch', respond: { status: 429 }, times: 1 },
    { name: 'stall-late', import: { stall: { atObjects: 15_000 } } },
  ],
}

describe.skipIf(!available)('dashboard in chromium', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
  })
  afterAll(() => browser?.close())

  async function open(options: { controlToken?: string; viewport?: { width: number; height: number } } = {}) {
    const { viewport = { width: 1280, height: 900 }, ...appOptions } = options
    const lakefs = createEmulator({ scenarios: [world], clock: new ManualClock(T0), ...appOptions })
    const { url } = await lakefs.listen()
    const api = (method: string, path: string, body?: unknown) =>
      fetch(`${url}/api/v1${path}`, {
        method,
        headers: { Authorization: AUTH, ...(body !== undefined && { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    const context = await browser.newContext({ viewport })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (err) => errors.push(err.message))
    page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()))
    await page.goto(`${url}/?interval=100`)
    return { lakefs, api, page, errors, close: async () => (await context.close(), await lakefs.close()) }
  }

  const progressOf = (page: Page, id: string) =>
    page.locator(`tr[data-import-id="${id}"] progress`).evaluate((p: HTMLProgressElement) => ({ value: p.value, max: p.max }))

  it('shows an import moving, its fault rules and requests, and cancels it from the page', async () => {
    const { lakefs, api, page, errors, close } = await open()
    try {
      await eventually(() => page.locator('#scenario-name').textContent()).toBe('dashboard-test')
      expect((await api('GET', '/repositories/repo/branches/main')).status).toBe(429)
      const start = await api('POST', '/repositories/repo/branches/main/import', {
        paths: [{ type: 'common_prefix', path: 's3://bucket/big/', destination: 'big/' }],
        commit: { message: 'watch me' },
      })
      const { id } = (await start.json()) as { id: string }
      const row = page.locator(`tr[data-import-id="${id}"]`)
      await eventually(() => row.getAttribute('data-state')).toBe('running')

      await lakefs.clock.advance(2000)
      await eventually(() => row.locator('.objects').textContent()).toMatch(/^2,000 of 20,000/)
      expect(await progressOf(page, id)).toEqual({ value: 2000, max: 20_000 })
      await lakefs.clock.advance(3000)
      await eventually(() => progressOf(page, id)).toEqual({ value: 5000, max: 20_000 })
      expect(await row.locator('td').nth(4).textContent()).toBe('1,000/s')
      expect(await row.locator('td').nth(5).textContent()).toBe('5.0 s')
      expect(await row.locator('.fault').textContent()).toBe('stall-late: stall (pending)')

      // The journal and the rule table show the fault that fired.
      const throttled = page.locator('#journal tr', { hasText: 'GET /api/v1/repositories/repo/branches/main' })
      expect(await throttled.locator('.fault').textContent()).toBe('first-branch-read-throttled')
      expect(await throttled.locator('td').nth(3).textContent()).toBe('429')
      // A request with a query shows it once, after a single '?'.
      await api('GET', `/repositories/repo/branches/main/import?id=${id}`)
      const polled = page.locator('#journal tr', { hasText: `/import?id=${id}` }).first()
      await eventually(() => polled.locator('td').nth(1).textContent()).toBe(`GET /api/v1/repositories/repo/branches/main/import?id=${id}`)
      await eventually(() => page.locator('tr[data-rule="first-branch-read-throttled"] .fired').textContent()).toBe('1')

      mkdirSync('artifacts', { recursive: true })
      await page.screenshot({ path: 'artifacts/dashboard.png', fullPage: true })

      await row.getByRole('button', { name: 'Cancel' }).click()
      await eventually(() => row.getAttribute('data-state')).toBe('canceled')
      expect(await row.getByRole('button', { name: 'Cancel' }).count()).toBe(0)
      const status = await (await api('GET', `/repositories/repo/branches/main/import?id=${id}`)).json()
      expect(status).toEqual({
        completed: false,
        update_time: new Date(T0 + 5000).toISOString(),
        ingested_objects: 5000,
        error: { message: 'import error: Canceled' },
      })
      // A Cancel that loses the race to completion (409) leaves no alarm up; any other failure says so.
      lakefs.loadScenario({ name: 'small', store: { generate: [{ prefix: 's3://bucket/small/', keys: ['f{1..10}'], size: 8 }] }, repositories: [{ name: 'repo', storageNamespace: 's3://bucket/repos/repo' }] })
      const again = await api('POST', '/repositories/repo/branches/main/import', { paths: [{ type: 'common_prefix', path: 's3://bucket/small/', destination: 'again/' }], commit: { message: 'finishes' } })
      const finished = ((await again.json()) as { id: string }).id
      await lakefs.clock.advance(2000)
      await eventually(() => page.locator(`tr[data-import-id="${finished}"]`).getAttribute('data-state')).toBe('completed')
      const cancel = (importId: string) => page.evaluate((i) => (window as unknown as { cancelImport(id: string): Promise<void> }).cancelImport(i), importId)
      await cancel(finished)
      expect(await page.locator('#notice').textContent()).toBe('')
      await cancel('no-such-import')
      expect(await page.locator('#notice').textContent()).toBe('Cancel no-such-import: no import with id no-such-import')
      expect(errors.filter((e) => !e.includes('status of 404') && !e.includes('status of 409'))).toEqual([])
    } finally {
      await close()
    }
  })

  it('shows a stalled import as stalled, without a falling rate', async () => {
    const { lakefs, api, page, errors, close } = await open()
    try {
      const start = await api('POST', '/repositories/repo/branches/main/import', { paths: [{ type: 'common_prefix', path: 's3://bucket/big/', destination: 'big/' }], commit: { message: 'stalls' } })
      const { id } = (await start.json()) as { id: string }
      const row = page.locator(`tr[data-import-id="${id}"]`)
      await lakefs.clock.advance(16_000)
      await eventually(() => row.getAttribute('data-state')).toBe('stalled')
      expect(await row.locator('.state').textContent()).toBe('stalled')
      expect(await row.locator('td').nth(4).textContent()).toBe('—')
      expect(await row.locator('.fault').first().textContent()).toMatch(/^stall-late: stall at /)
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })

  for (const width of [375, 1280]) {
    it(`at ${width} px: imports say what they read, where it lands and why; nothing is cut off; times and metadata stay whole`, async () => {
      const { api, page, errors, close } = await open({ viewport: { width, height: 800 } })
      try {
        const start = await api('POST', '/repositories/repo/branches/main/import', {
          paths: [
            { type: 'common_prefix', path: 's3://bucket/big/', destination: 'landing/2024-01-15/' },
            { type: 'object', path: 's3://bucket/big/f00001', destination: 'landing/first' },
          ],
          commit: { message: 'nightly load', metadata: { source: 'airflow', run_id: 'scheduled__2024-01-15T00:00:00+00:00' } },
        })
        const { id } = (await start.json()) as { id: string }
        expect((await api('POST', '/repositories/repo/branches/main/objects?path=x.txt', undefined)).status).toBe(201)
        expect((await api('POST', '/repositories/repo/branches/main/commits', { message: 'with metadata', metadata: { pipeline: 'nightly-ingest-of-everything', owner: 'data-platform-team' } })).status).toBe(201)
        const row = page.locator(`tr[data-import-id="${id}"]`)
        await eventually(() => row.count()).toBe(1)
        expect(await row.locator('.route').allTextContents()).toEqual([
          's3://bucket/big/ → repo/main/landing/2024-01-15/',
          's3://bucket/big/f00001 → repo/main/landing/first',
        ])
        expect(await row.locator('.message').textContent()).toBe('“nightly load”')
        await eventually(() => page.locator('#log tbody tr').count()).toBe(2)
        const layout = await page.evaluate(() => {
          // Lines a text takes: the distinct tops of its line boxes.
          const oneLine = (el: Element) => {
            const range = document.createRange()
            range.selectNodeContents(el)
            return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size === 1
          }
          return {
            pageScrollsSideways: document.documentElement.scrollWidth > window.innerWidth,
            // A table wider than its card scrolls inside it.
            clipped: [...document.querySelectorAll('table')].filter((t) => {
              const box = t.parentElement!
              const scrolls = ['auto', 'scroll'].includes(getComputedStyle(box).overflowX)
              return t.scrollWidth > box.clientWidth + 1 && !scrolls
            }).map((t) => t.closest('section')!.id),
            scrollable: [...document.querySelectorAll('.scroll, .scroll-x')].filter((b) => b.scrollWidth > b.clientWidth).map((b) => b.closest('section')!.id),
            splitTokens: [...document.querySelectorAll('#log .date, #log .pair, #imports .route .mono, #journal td:first-child')].filter((el) => !oneLine(el)).map((el) => el.textContent),
          }
        })
        expect(layout.pageScrollsSideways).toBe(false)
        expect(layout.clipped).toEqual([])
        expect(layout.splitTokens).toEqual([])
        // Narrow, the wide tables scroll inside their cards; wide, none needs to.
        expect(layout.scrollable).toEqual(width < 700 ? ['imports', 'log', 'runs', 'journal', 'scenario'] : [])
        expect(errors).toEqual([])
      } finally {
        await close()
      }
    })
  }

  it('shows action runs and their hooks', async () => {
    const { api, page, errors, close } = await open()
    try {
      const gate = 'name: branch names\non:\n  pre-create-branch:\nhooks:\n  - id: no-tmp\n    type: lua\n    properties:\n      script: |\n        if action.branch_id:sub(1, 4) == "tmp-" then error("no temporary branches") end\n'
      const upload = await fetch(new URL('/api/v1/repositories/repo/branches/main/objects?path=_lakefs_actions/names.yaml', page.url()), { method: 'POST', headers: { Authorization: AUTH }, body: gate })
      expect(upload.status).toBe(201)
      expect((await api('POST', '/repositories/repo/branches/main/commits', { message: 'gate' })).status).toBe(201)
      expect((await api('POST', '/repositories/repo/branches', { name: 'tmp-1', source: 'main' })).status).toBe(412)
      expect((await api('POST', '/repositories/repo/branches', { name: 'keep', source: 'main' })).status).toBe(201)
      await eventually(() => page.locator('#runs tbody tr[data-run-id]').count()).toBe(2)
      const statuses = await page.locator('#runs tbody tr[data-run-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))
      expect(statuses.sort()).toEqual(['completed', 'failed'])
      const failed = page.locator('#runs tbody tr[data-status="failed"]')
      expect(await failed.locator('td').nth(0).textContent()).toContain('repo / tmp-1')
      expect(await failed.locator('td').nth(3).textContent()).toBe('branch names / no-tmp: failed')
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })

  it('shows branches and their commit log, with whatever clients wrote as text', async () => {
    const { api, page, errors, close } = await open()
    try {
      const hostile = '<img src=x onerror="window.hacked=1"> & </td>'
      expect((await api('POST', '/repositories/repo/branches', { name: 'feature', source: 'main' })).status).toBe(201)
      expect((await api('POST', '/repositories/repo/branches/feature/objects?path=a.txt', undefined)).status).toBe(201)
      expect((await api('POST', '/repositories/repo/branches/feature/commits', { message: hostile, metadata: { by: '<b>me</b>' } })).status).toBe(201)
      const feature = page.locator('#repository-list button[data-ref="repo/feature"]')
      await feature.click()
      await eventually(() => page.locator('#log-ref').textContent()).toBe('repo/feature')
      await eventually(() => page.locator('#log tbody tr').count()).toBe(2)
      const first = page.locator('#log tbody tr').first()
      expect(await first.locator('td').nth(1).textContent()).toBe(`${hostile}by=<b>me</b>`)
      expect(await page.locator('#log img, #log b').count()).toBe(0)
      expect(await page.evaluate(() => (window as { hacked?: number }).hacked)).toBeUndefined()
      expect(await page.evaluate(() => location.hash)).toBe('#repo%2Ffeature')
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })

  it('asks for the control token when the emulator has one, then shows the data', async () => {
    const { page, close } = await open({ controlToken: 'dashboard-token' })
    try {
      await eventually(() => page.locator('#connection').textContent()).toBe('needs the control token')
      await page.locator('#token input').fill('dashboard-token')
      await page.locator('#token button').click()
      await eventually(() => page.locator('#scenario-name').textContent()).toBe('dashboard-test')
      expect(await page.locator('#token').isHidden()).toBe(true)
    } finally {
      await close()
    }
  })
})
