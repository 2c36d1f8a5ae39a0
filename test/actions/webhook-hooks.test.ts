/**
 * Actions with webhook hooks (pkg/actions): action files on the branch gate commits and merges; a
 * real HTTP server plays the webhook. Payloads, failures, timeouts on the manual clock, branch
 * filters, bad files, and the runs API that records it all.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { createEmulator } from '../../src/index.js'
import { AUTH } from '../support/harness.js'

interface Received {
  readonly path: string
  readonly query: string
  readonly headers: IncomingMessage['headers']
  readonly body: any
}

const lakefs = createEmulator({ clockMode: 'manual' })
let url = ''
let hookUrl = ''
let server: Server
const received: Received[] = []
const held: (() => void)[] = []

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (d) => (body += d))
    req.on('end', () => {
      const [path, query = ''] = req.url!.split('?')
      received.push({ path: path!, query, headers: req.headers, body: JSON.parse(body) })
      if (path === '/slow') return void held.push(() => res.end())
      res.writeHead(path === '/fail' ? 500 : 200, { 'content-type': 'text/plain' })
      res.end(path === '/fail' ? 'schema check failed: column id missing' : 'ok')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  ;({ url } = await lakefs.listen())
})
afterAll(async () => {
  for (const release of held) release()
  await new Promise((r) => server.close(r))
  await lakefs.close()
})
beforeEach(() => {
  lakefs.loadScenario({
    version: 1,
    clock: { start: '2024-01-15T10:00:00Z', mode: 'manual' },
    repositories: [{ name: 'repo', storageNamespace: 's3://bucket/repo', defaultBranch: 'main', branches: [{ name: 'dev' }] }],
  })
  received.length = 0
})

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any; text: string }> {
  const res = await fetch(`${url}/api/v1${path}`, { method, headers: { authorization: AUTH, 'content-type': 'application/json' }, body: typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body) })
  const text = await res.text()
  return { status: res.status, text, body: res.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : text }
}

const put = (branch: string, path: string, content: string) => api('POST', `/repositories/repo/branches/${branch}/objects?path=${encodeURIComponent(path)}`, content)

function action(name: string, on: string, hookPath: string, extra = ''): string {
  return `name: ${name}\non:\n  ${on}\nhooks:\n  - id: check\n    type: webhook\n    properties:\n      url: ${hookUrl}${hookPath}\n      query_params:\n        team: data\n${extra}`
}

it('runs a pre-commit webhook with lakeFS payload, then post-commit, and records both runs', async () => {
  await put('main', '_lakefs_actions/gate.yaml', action('gate', 'pre-commit:\n    branches: [main]\n  post-commit:', '/ok'))
  await put('main', 'data/a.csv', 'id\n1\n')
  const commit = await api('POST', '/repositories/repo/branches/main/commits', { message: 'daily', metadata: { source: 'airflow' } })
  expect(commit.status).toBe(201)
  for (let i = 0; i < 20 && received.length < 2; i++) await new Promise((r) => setTimeout(r, 10))
  expect(received.map((r) => [r.path, r.query, r.headers['content-type']])).toEqual([['/ok', 'team=data', 'application/json'], ['/ok', 'team=data', 'application/json']])
  expect(received[0]!.body).toEqual({
    event_type: 'pre-commit', event_time: '2024-01-15T10:00:00Z', action_name: 'gate', hook_id: 'check', repository_id: 'repo',
    branch_id: 'main', source_ref: 'main', commit_message: 'daily', committer: 'quickstart', commit_metadata: { source: 'airflow' },
  })
  expect(received[1]!.body).toMatchObject({ event_type: 'post-commit', source_ref: commit.body.id, commit_id: commit.body.id })
  const runs = (await api('GET', '/repositories/repo/actions/runs')).body
  expect(runs.results.map((r: any) => [r.event_type, r.status, r.branch, r.commit_id])).toEqual([
    ['post-commit', 'completed', 'main', commit.body.id],
    ['pre-commit', 'completed', 'main', commit.body.id],
  ])
  const hooks = (await api('GET', `/repositories/repo/actions/runs/${runs.results[1].run_id}/hooks`)).body
  expect(hooks.results).toEqual([{ hook_run_id: '0000_0000', action: 'gate', hook_id: 'check', start_time: '2024-01-15T10:00:00.000Z', end_time: '2024-01-15T10:00:00.000Z', status: 'completed' }])
  // What the dashboard shows: every repository's runs with their hooks.
  const dashboard = await (await fetch(`${url}/_emulator/runs`)).json()
  expect(dashboard.runs.map((r: any) => [r.repository, r.eventType, r.status, r.hooks.map((h: any) => `${h.action}/${h.hookId}: ${h.status}`)])).toEqual([
    ['repo', 'post-commit', 'completed', ['gate/check: completed']],
    ['repo', 'pre-commit', 'completed', ['gate/check: completed']],
  ])
})

it('aborts the commit with 412 when the gate answers non-2xx, changing nothing, and keeps the exchange as the hook output', async () => {
  await put('main', '_lakefs_actions/gate.yaml', action('gate', 'pre-commit:', '/fail'))
  const head = (await api('GET', '/repositories/repo/branches/main')).body.commit_id
  const commit = await api('POST', '/repositories/repo/branches/main/commits', { message: 'bad' })
  const run = (await api('GET', '/repositories/repo/actions/runs')).body.results[0]
  expect([commit.status, commit.body.message]).toEqual([412, `pre-commit hook aborted, run id '${run.run_id}': 1 error occurred:\n\t* hook run id '0000_0000' failed on action 'gate' hook 'check': webhook request failed (status code: 500)\n\n`])
  expect((await api('GET', '/repositories/repo/branches/main')).body.commit_id).toBe(head)
  expect([run.status, (await api('GET', `/repositories/repo/actions/runs/${run.run_id}`)).body.status]).toEqual(['failed', 'failed'])
  const output = (await api('GET', `/repositories/repo/actions/runs/${run.run_id}/hooks/0000_0000/output`)).text
  expect(output).toContain(`Request:\nPOST ${hookUrl}/fail\nQuery Params:\nteam: data\n`)
  expect(output).toContain('HTTP/1.1 500 Internal Server Error')
  expect(output).toContain('schema check failed: column id missing')
  expect(output.endsWith('Error: webhook request failed (status code: 500)\n')).toBe(true)
})

it('times a hook out on the emulator clock', async () => {
  await put('main', '_lakefs_actions/gate.yaml', action('gate', 'pre-commit:', '/slow', '      timeout: 30s\n'))
  let settled = false
  const commit = api('POST', '/repositories/repo/branches/main/commits', { message: 'slow' }).finally(() => (settled = true))
  for (let i = 0; i < 50 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 10))
  expect(settled).toBe(false)
  await lakefs.clock.advance(30_000)
  const res = await commit
  expect(res.status).toBe(412)
  expect(res.body.message).toContain(`failed on action 'gate' hook 'check': Post "${hookUrl}/slow?team=data": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`)
})

it('gates merges with the source branch action files, by destination branch pattern', async () => {
  await put('dev', '_lakefs_actions/merge-gate.yaml', action('merge gate', 'pre-merge:\n    branches: ["ma*"]', '/fail'))
  await put('dev', 'x.csv', 'x')
  expect((await api('POST', '/repositories/repo/branches/dev/commits', { message: 'dev work' })).status).toBe(201)
  const merge = await api('POST', '/repositories/repo/refs/dev/merge/main', {})
  expect([merge.status, merge.body.message]).toEqual([412, expect.stringMatching(/^pre-merge hook aborted, run id '.+': 1 error occurred:\n\t\* hook run id '0000_0000' failed on action 'merge gate' hook 'check': webhook request failed \(status code: 500\)\n\n$/)])
  expect(received[0]!.body).toMatchObject({ event_type: 'pre-merge', branch_id: 'main', merge_source: 'dev', commit_message: "Merge 'dev' into 'main'" })
  expect((await api('GET', '/repositories/repo/actions/runs?branch=main')).body.results).toHaveLength(1)
  expect((await api('GET', '/repositories/repo/actions/runs?branch=dev')).body.results).toHaveLength(0)
})

it('gates an import: a failing pre-commit hook fails its status and leaves the branch untouched', async () => {
  // The gate is committed on dev (which it does not watch) and merged into main.
  lakefs.loadScenario({
    version: 1,
    clock: { start: '2024-01-15T10:00:00Z', mode: 'manual' },
    store: { objects: [{ uri: 's3://drop/day/a.csv', content: 'id\n1\n' }] },
    repositories: [{ name: 'repo', storageNamespace: 's3://bucket/repo', defaultBranch: 'main', branches: [{ name: 'dev', uncommitted: [{ path: '_lakefs_actions/gate.yaml', content: action('import gate', 'pre-commit:\n    branches: [main]\n  post-commit:\n    branches: [main]', '/fail') }] }] }],
  })
  received.length = 0
  expect((await api('POST', '/repositories/repo/branches/dev/commits', { message: 'gate' })).status).toBe(201)
  expect((await api('POST', '/repositories/repo/refs/dev/merge/main', {})).status).toBe(200)
  const before = (await api('GET', '/repositories/repo/branches/main')).body.commit_id
  const started = await api('POST', '/repositories/repo/branches/main/import', { paths: [{ type: 'common_prefix', path: 's3://drop/day/', destination: 'day/' }], commit: { message: 'daily drop' } })
  let status: any
  for (let i = 0; i < 20 && !status?.error && !status?.completed; i++) {
    await lakefs.clock.advance(1000)
    status = (await api('GET', `/repositories/repo/branches/main/import?id=${started.body.id}`)).body
  }
  const run = (await api('GET', '/repositories/repo/actions/runs?branch=main')).body.results[0]
  expect(status.error.message).toBe(`import error: merge import: update branch main: pre-commit hook aborted, run id '${run.run_id}': 1 error occurred:\n\t* hook run id '0000_0000' failed on action 'import gate' hook 'check': webhook request failed (status code: 500)\n\n`)
  expect((await api('GET', '/repositories/repo/branches/main')).body.commit_id).toBe(before)
  expect(received.at(-1)!.body).toMatchObject({ event_type: 'pre-commit', branch_id: 'main', source_ref: 'main', commit_message: 'daily drop' })
})

it('fails the operation on an action file lakeFS cannot parse, naming the file', async () => {
  await put('main', '_lakefs_actions/bad.yaml', 'name: bad\non:\n  pre-commit:\nhooks:\n  - id: xy\n    type: carrier-pigeon\n')
  const commit = await api('POST', '/repositories/repo/branches/main/commits', { message: 'm' })
  expect([commit.status, commit.body.message]).toEqual([412, expect.stringMatching(/^prepare-commit hook aborted, run id '.+': parsing file _lakefs_actions\/bad.yaml: hook\[0\] type 'xy' unknown: invalid action$/)])
  expect((await api('GET', '/repositories/repo/actions/runs/nope')).status).toBe(404)
})

it('runs hooks on every event type lakeFS has, with what each event carries', async () => {
  const events = ['prepare-commit', 'pre-commit', 'post-commit', 'pre-merge', 'post-merge', 'pre-create-branch', 'post-create-branch', 'pre-delete-branch', 'post-delete-branch', 'pre-create-tag', 'post-create-tag', 'pre-delete-tag', 'post-delete-tag', 'pre-revert', 'post-revert', 'pre-cherry-pick', 'post-cherry-pick']
  const all = `name: everything\non:\n${events.map((e) => `  ${e}:`).join('\n')}\nhooks:\n  - id: log\n    type: webhook\n    properties:\n      url: ${hookUrl}/ok\n`
  await put('main', '_lakefs_actions/all.yaml', all)
  const committed = await api('POST', '/repositories/repo/branches/main/commits', { message: 'actions' })
  const c1 = committed.body.id
  await api('POST', '/repositories/repo/branches', { name: 'feature', source: 'main' })
  await put('feature', 'f.txt', 'f')
  const c2 = (await api('POST', '/repositories/repo/branches/feature/commits', { message: 'feature work' })).body.id
  await api('POST', '/repositories/repo/refs/feature/merge/main', {})
  await api('POST', '/repositories/repo/tags', { id: 'v1', ref: c1 })
  await api('DELETE', '/repositories/repo/tags/v1')
  await api('POST', '/repositories/repo/branches/main/revert', { ref: 'main', parent_number: 1 })
  await api('POST', '/repositories/repo/branches/main/cherry-pick', { ref: c2 })
  await api('DELETE', '/repositories/repo/branches/feature')
  for (let i = 0; i < 50 && received.length < 28; i++) await new Promise((r) => setTimeout(r, 10))
  const seen = received.map((r) => r.body.event_type)
  expect(new Set(seen)).toEqual(new Set(events))
  const by = (e: string) => received.find((r) => r.body.event_type === e)!.body
  expect(by('pre-create-branch')).toMatchObject({ branch_id: 'feature', source_ref: c1, commit_id: c1, commit_message: '', committer: '' })
  expect(by('pre-create-tag')).toMatchObject({ branch_id: '', tag_id: 'v1', source_ref: c1, commit_id: c1 })
  expect(by('post-delete-tag')).toMatchObject({ tag_id: 'v1', commit_id: c1 })
  expect(by('pre-revert')).toMatchObject({ branch_id: 'main', source_ref: 'main', commit_message: 'Revert main' })
  expect(by('post-cherry-pick')).toMatchObject({ branch_id: 'main', commit_id: expect.stringMatching(/^[0-9a-f]{64}$/) })
  expect(by('pre-delete-branch')).toMatchObject({ branch_id: 'feature', source_ref: c2 })
})

it('refuses a branch a pre-create-branch gate rejects, creating nothing', async () => {
  await put('main', '_lakefs_actions/gate.yaml', action('branch gate', 'pre-create-branch:\n    branches: ["tmp-*"]', '/fail'))
  await api('POST', '/repositories/repo/branches/main/commits', { message: 'gate' })
  const refused = await api('POST', '/repositories/repo/branches', { name: 'tmp-1', source: 'main' })
  expect([refused.status, refused.body.message]).toEqual([412, expect.stringMatching(/^pre-create-branch hook aborted, run id '.+': 1 error occurred:/)])
  expect((await api('GET', '/repositories/repo/branches/tmp-1')).status).toBe(404)
  expect((await api('POST', '/repositories/repo/branches', { name: 'keep', source: 'main' })).status).toBe(201)
})

it('reads {{ ENV.NAME }} secrets into query params and headers, masks them in the output, and fails on a missing one', async () => {
  const hook = (headers: Record<string, string>) => ({
    name: 'secret gate',
    on: { 'pre-commit': null },
    hooks: [{ id: 'check', type: 'webhook', properties: { url: `${hookUrl}/ok`, query_params: { token: '{{ ENV.LAKEFSACTIONS_TOKEN }}' }, headers } }],
  })
  const scenario = (headers: Record<string, string>) => ({
    version: 1 as const,
    clock: { start: '2024-01-15T10:00:00Z', mode: 'manual' as const },
    actions: { env: { LAKEFSACTIONS_TOKEN: 's3cr3t' } },
    repositories: [{ name: 'repo', storageNamespace: 's3://bucket/repo', defaultBranch: 'main', actions: [hook(headers)] }],
  })
  lakefs.loadScenario(scenario({ 'X-Team': 'data' }))
  expect((await api('GET', '/repositories/repo/refs/main/objects/stat?path=_lakefs_actions/secret-gate.yaml')).status).toBe(200)
  await put('main', 'a.txt', 'a')
  expect((await api('POST', '/repositories/repo/branches/main/commits', { message: 'm' })).status).toBe(201)
  expect([received[0]!.query, received[0]!.headers['x-team']]).toEqual(['token=s3cr3t', 'data'])
  const run = (await api('GET', '/repositories/repo/actions/runs')).body.results.at(-1)
  const output = (await api('GET', `/repositories/repo/actions/runs/${run.run_id}/hooks/0000_0000/output`)).text
  expect(output).toContain('Query Params:\ntoken: *******\nHeaders:\nX-Team: data\n')
  expect(output).not.toContain('s3cr3t')

  lakefs.loadScenario(scenario({ 'X-Key': '{{ ENV.NOT_SET }}' }))
  await put('main', 'b.txt', 'b')
  const refused = await api('POST', '/repositories/repo/branches/main/commits', { message: 'm' })
  expect([refused.status, refused.body.message]).toEqual([412, expect.stringContaining("hook 'check': extracting headers: reading header: NOT_SET not found: missing env var")])
})

it('lets fault rules slow a gate down or take it down, as on the lakeFS API', async () => {
  const withFault = (fault: Record<string, unknown>) =>
    lakefs.loadScenario({
      version: 1,
      clock: { start: '2024-01-15T10:00:00Z', mode: 'manual' },
      repositories: [
        { name: 'repo', storageNamespace: 's3://bucket/repo', defaultBranch: 'main', actions: [{ name: 'gate', on: { 'pre-commit': null }, hooks: [{ id: 'check', type: 'webhook', properties: { url: `${hookUrl}/ok`, timeout: '10s' } }] }] },
      ],
      faults: [{ name: 'gate fault', operation: 'webhook', ...fault } as never],
    })
  const commit = () => api('POST', '/repositories/repo/branches/main/commits', { message: 'm', allow_empty: true })
  withFault({ respond: { status: 503 } })
  expect((await commit()).body.message).toContain('webhook request failed (status code: 503)')
  withFault({ dropConnection: true })
  expect((await commit()).body.message).toContain('read: connection reset by peer')
  expect(received).toHaveLength(0)
  withFault({ delayMs: 2000 })
  let done = false
  const slow = commit().finally(() => (done = true))
  await new Promise((r) => setTimeout(r, 30))
  expect(done).toBe(false)
  await lakefs.clock.advance(2000)
  expect((await slow).status).toBe(201)
  expect(received).toHaveLength(1)
  withFault({ delayMs: 20_000 })
  const stuck = commit()
  await new Promise((r) => setTimeout(r, 30))
  await lakefs.clock.advance(10_000)
  expect((await stuck).body.message).toContain('context deadline exceeded')
})

it("runs a hook whose if is failure() only after one failed, skipping the rest as lakeFS does", async () => {
  const hooks = [
    { id: 'gate', type: 'webhook', properties: { url: `${hookUrl}/fail` } },
    { id: 'after-gate', type: 'webhook', properties: { url: `${hookUrl}/ok` } },
    { id: 'notify', type: 'webhook', if: 'failure()', properties: { url: `${hookUrl}/ok`, query_params: { notify: 'yes' } } },
  ]
  lakefs.loadScenario({
    version: 1,
    clock: { start: '2024-01-15T10:00:00Z', mode: 'manual' },
    repositories: [{ name: 'repo', storageNamespace: 's3://bucket/repo', defaultBranch: 'main', actions: [{ name: 'gate with notice', on: { 'pre-commit': null }, hooks }] }],
  })
  expect((await api('POST', '/repositories/repo/branches/main/commits', { message: 'm', allow_empty: true })).status).toBe(412)
  expect(received.map((r) => [r.path, r.query])).toEqual([['/fail', ''], ['/ok', 'notify=yes']])
  const run = (await api('GET', '/repositories/repo/actions/runs')).body.results[0]
  const listed = (await api('GET', `/repositories/repo/actions/runs/${run.run_id}/hooks`)).body.results
  expect(listed.map((h: any) => [h.hook_id, h.status, h.start_time === '0001-01-01T00:00:00Z'])).toEqual([['gate', 'failed', false], ['after-gate', 'failed', true], ['notify', 'completed', false]])
  expect(run.status).toBe('failed')
})
