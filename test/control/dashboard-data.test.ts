/**
 * The control calls the dashboard polls: repositories with branches, a ref's log, the scenario
 * summary with rule counts, the journal's latest entries, import progress figures, cancel.
 */
import { describe, expect, it } from 'vitest'
import type { Scenario } from '../../src/index.js'
import { importBody, setup, startImport, status, T0 } from '../support/harness.js'

const iso = (ms: number) => new Date(ms).toISOString()
const world: Scenario = {
  name: 'dash',
  description: 'for the dashboard',
  import: { objectsPerSecond: 2000, statusIntervalMs: 1000 },
  store: {
    objects: [{ uri: 's3://bucket/big/zz-extra.csv', content: 'a,b\n' }],
    generate: [{ prefix: 's3://bucket/big/', keys: ['f{00001..10000}'], size: 8 }],
  },
  repositories: [
    { name: 'repo', storageNamespace: 's3://bucket/repos/repo', branches: [{ name: 'dirty', uncommitted: [{ path: 'a.txt', content: 'x' }] }] },
    { name: 'another', storageNamespace: 's3://bucket/repos/another', defaultBranch: 'trunk' },
  ],
  faults: [{ name: 'throttle-branches', operation: 'getBranch', respond: { status: 429 }, times: 1 }, { operation: 'commit', respond: { status: 503 } }],
}
const body = importBody([{ path: 's3://bucket/big/', destination: 'big/' }], { message: 'import big' })

describe('control calls behind the dashboard', () => {
  it('lists repositories by name with their branches, heads and uncommitted counts', async () => {
    const h = setup(world)
    const head = (name: string, branch: string) => h.emulator.inspect.repository(name)!.branches.get(branch)!.head
    expect((await h.control('GET', '/repositories')).body).toEqual({
      repositories: [
        { name: 'another', storageNamespace: 's3://bucket/repos/another', defaultBranch: 'trunk', branches: [{ name: 'trunk', commitId: head('another', 'trunk'), uncommitted: 0 }], tags: 0, commits: 1 },
        {
          name: 'repo',
          storageNamespace: 's3://bucket/repos/repo',
          defaultBranch: 'main',
          branches: [
            { name: 'dirty', commitId: head('repo', 'dirty'), uncommitted: 1 },
            { name: 'main', commitId: head('repo', 'main'), uncommitted: 0 },
          ],
          tags: 0,
          commits: 1,
        },
      ],
    })
  })

  it("gives a ref's log as logCommits does, and lakeFS's 404 for an unknown repository or ref", async () => {
    const h = setup(world)
    const id = await startImport(h, 'repo', 'main', body)
    await h.advance(6000)
    const done = (await status(h, 'repo', id)).body
    expect(done.completed).toBe(true)
    const viaLakefs = (await h.request('GET', '/repositories/repo/refs/main/commits?amount=2')).body.results
    const log = await h.control('GET', '/repositories/repo/log?ref=main&amount=2')
    expect(log.status).toBe(200)
    expect(log.body.commits).toEqual(viaLakefs)
    expect(log.body.commits.map((c: { message: string }) => c.message)).toEqual(['import big', 'Repository created'])
    expect((await h.control('GET', '/repositories/repo/log?ref=main~1&amount=5')).body.commits).toHaveLength(1)
    expect((await h.control('GET', '/repositories/nope/log?ref=main')).body).toEqual({ message: 'repository not found' })
    const missing = await h.control('GET', '/repositories/repo/log?ref=nope')
    expect([missing.status, missing.body.message]).toEqual([404, expect.stringMatching(/not found/)])
    expect((await h.control('GET', '/repositories/repo/log?ref=main&amount=0')).status).toBe(400)
  })

  it('summarises the scenario with what each fault rule does and how often it fired', async () => {
    const h = setup(world)
    await h.request('GET', '/repositories/repo/branches/main')
    await h.request('GET', '/repositories/repo/branches/main')
    const summary = (await h.control('GET', '/scenario/summary')).body
    expect(summary.name).toBe('dash')
    expect(summary.description).toBe('for the dashboard')
    expect(summary.lines[0]).toBe('dash: for the dashboard')
    expect(summary.lines).toContain('fault rules: 2')
    expect(summary.rules).toEqual([
      { name: 'throttle-branches', summary: 'getBranch → respond 429; once at most', matched: 2, fired: 1 },
      { name: 'faults[1]', summary: 'commit → respond 503', matched: 0, fired: 0 },
    ])
  })

  it('gives only the latest journal entries with limit', async () => {
    const h = setup(world)
    for (const branch of ['main', 'dirty', 'nope']) await h.request('GET', `/repositories/repo/branches/${branch}`)
    const latest = (await h.control('GET', '/journal?limit=2')).body.entries
    expect(latest.map((e: { path: string; status: number; faults: string[] }) => [e.path, e.status, e.faults])).toEqual([
      ['/api/v1/repositories/repo/branches/dirty', 200, []],
      ['/api/v1/repositories/repo/branches/nope', 404, []],
    ])
    const all = (await h.control('GET', '/journal?limit=10')).body.entries
    expect(all.map((e: { status: number; faults: string[] }) => [e.status, e.faults])).toEqual([[429, ['throttle-branches']], [200, []], [404, []]])
    expect((await h.control('GET', '/journal?limit=0')).status).toBe(400)
  })

  it("reports an import's start, objects walked and expected total, then the exact total once walked", async () => {
    const h = setup(world)
    const id = await startImport(h, 'repo', 'main', body)
    const report = async () => (await h.control('GET', '/imports')).body.imports[0]
    expect(await report()).toMatchObject({ id, startTime: iso(T0), walkedObjects: 0, expectedObjects: null })
    await h.advance(1000)
    // 10,000 generated objects plus one put under the prefix; the walk has indexed them by now.
    expect(await report()).toMatchObject({ state: 'running', walkedObjects: 2000, expectedObjects: 10_001 })
    await h.advance(5000)
    expect(await report()).toMatchObject({ state: 'completed', walkedObjects: 10_001, expectedObjects: 10_001 })
  })

  it('counts what a walk will see: deletes and shadowing puts, other prefixes left out', async () => {
    const h = setup(world)
    await h.control('DELETE', '/objects?uri=s3://bucket/big/f00002')
    await h.control('PUT', '/objects?uri=s3://bucket/bigger/x', { raw: 'x' })
    const id = await startImport(h, 'repo', 'main', body)
    await h.advance(1000)
    expect((await h.control('GET', '/imports')).body.imports[0]).toMatchObject({ id, expectedObjects: 10_000 })
    await h.advance(5000)
    expect((await h.control('GET', '/imports')).body.imports[0]).toMatchObject({ state: 'completed', walkedObjects: 10_000, expectedObjects: 10_000 })
  })

  it('cancels an import as importCancel does: 204, then 409 once completed, 404 for an unknown id', async () => {
    const h = setup(world)
    const id = await startImport(h, 'repo', 'main', body)
    await h.advance(1000)
    const canceled = await h.control('POST', `/imports/${id}/cancel`)
    expect([canceled.status, canceled.text]).toEqual([204, ''])
    expect((await status(h, 'repo', id)).body).toEqual({
      completed: false,
      update_time: iso(T0 + 1000),
      ingested_objects: 2000,
      error: { message: 'import error: Canceled' },
    })
    const other = await startImport(h, 'repo', 'main', body)
    await h.advance(6000)
    expect((await h.control('POST', `/imports/${other}/cancel`)).body).toEqual({ message: 'conflict found' })
    expect((await h.control('POST', `/imports/${other}/cancel`)).status).toBe(409)
    expect((await h.control('POST', '/imports/cnope/cancel')).body).toEqual({ message: 'no import with id cnope' })
  })
})

describe('GET /', () => {
  it('serves the dashboard to a browser, with a CSP that allows only its own script and style', async () => {
    const h = setup(world)
    const res = await h.app.request('/', { headers: { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
    const html = await res.text()
    expect(html).toMatch(/^<!doctype html>/)
    const csp = res.headers.get('Content-Security-Policy')!
    const { createHash } = await import('node:crypto')
    const digest = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!
    expect(csp).toBe(
      `default-src 'none'; script-src ${digest(script)}; style-src ${digest(style)}; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`
    )
    // Self-contained: nothing fetched from elsewhere, no inline handlers or styles the CSP would block.
    expect(html).not.toMatch(/\b(src|href)=["']?(https?:)?\/\//)
    expect(html).not.toMatch(/\s(on\w+|style)=/)
  })

  it('keeps the 404 for API clients', async () => {
    const h = setup(world)
    for (const accept of [undefined, 'application/json', '*/*']) {
      const res = await h.app.request('/', { headers: accept ? { Accept: accept } : {} })
      expect([res.status, await res.json()]).toEqual([404, { message: 'not found' }])
    }
  })
})
