/**
 * Lua hooks on a real Lua VM: gates that read the branch through lakeFS's Lua `lakefs` client and fail
 * with error(), the modules gates use, lakeFS's `action` and `args` globals, and a module lakeFS has
 * that the emulator does not, named in the failure.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { createEmulator } from '../../src/index.js'
import { AUTH } from '../support/harness.js'

const lakefs = createEmulator({ clockMode: 'manual' })
let url = ''
beforeAll(async () => ({ url } = await lakefs.listen()))
afterAll(() => lakefs.close())

function world(script: string, event = 'pre-commit', args: Record<string, unknown> = {}) {
  lakefs.loadScenario({
    version: 1,
    clock: { start: '2024-01-15T10:00:00Z', mode: 'manual' },
    store: { objects: [{ uri: 's3://drop/day/a.csv', content: 'id\n1\n' }] },
    actions: { env: { LAKEFSACTIONS_LIMIT: '2' } },
    repositories: [{ name: 'repo', storageNamespace: 's3://bucket/repo', defaultBranch: 'main', actions: [{ name: 'lua gate', on: { [event]: null }, hooks: [{ id: 'check', type: 'lua', properties: { script, args } }] }] }],
  })
}

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any; text: string }> {
  const res = await fetch(`${url}/api/v1${path}`, { method, headers: { authorization: AUTH, 'content-type': 'application/json' }, body: typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body) })
  const text = await res.text()
  return { status: res.status, text, body: res.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : text }
}

const put = (path: string, content: string) => api('POST', `/repositories/repo/branches/main/objects?path=${encodeURIComponent(path)}`, content)
const lastOutput = async () => {
  const run = (await api('GET', '/repositories/repo/actions/runs')).body.results[0]
  return (await api('GET', `/repositories/repo/actions/runs/${run.run_id}/hooks/0000_0000/output`)).text
}

beforeEach(() => world('print("no gate")'))

it('gates a commit on what the branch holds, read through the lakefs client, and fails with error()', async () => {
  world(`
    local lakefs = require("lakefs")
    local strings = require("strings")
    local json = require("encoding/json")
    local code, diff = lakefs.diff_branch(action.repository_id, action.branch_id)
    if code ~= 200 then error("diff failed: " .. code) end
    local n = 0
    for _, d in ipairs(diff.results) do
      n = n + 1
      if strings.has_suffix(d.path, ".tmp") then error("temporary file staged: " .. d.path) end
    end
    if n > tonumber(args.limit) then error("too many changes: " .. n) end
    local code2, stat = lakefs.stat_object(action.repository_id, action.branch_id, diff.results[1].path)
    print(action.event_type, action.commit.message, n, stat.size_bytes, json.marshal({ ok = true }))
  `, 'pre-commit', { limit: '{{ ENV.LAKEFSACTIONS_LIMIT }}' })
  await put('a.csv', 'abc')
  expect((await api('POST', '/repositories/repo/branches/main/commits', { message: 'good' })).status).toBe(201)
  expect(await lastOutput()).toBe('pre-commit\tgood\t1\t3\t{"ok":true}\n')
  await put('b.tmp', 'x')
  const refused = await api('POST', '/repositories/repo/branches/main/commits', { message: 'bad' })
  expect([refused.status, refused.body.message]).toEqual([412, expect.stringMatching(/hook 'check': .*temporary file staged: b\.tmp/)])
  await put('c.csv', 'x')
  await put('d.csv', 'x')
  await put('e.csv', 'x')
  await api('DELETE', '/repositories/repo/branches/main/objects?path=b.tmp')
  expect((await api('POST', '/repositories/repo/branches/main/commits', { message: 'many' })).body.message).toMatch(/too many changes: 3/)
})

it("runs inside an import, where the gate does not see the imported objects (lakeFS #8334)", async () => {
  world(`
    local lakefs = require("lakefs")
    local code, listing = lakefs.list_objects(action.repository_id, action.branch_id, "", "day/", "")
    print(code, #listing.results)
  `)
  const started = await api('POST', '/repositories/repo/branches/main/import', { paths: [{ type: 'common_prefix', path: 's3://drop/day/', destination: 'day/' }], commit: { message: 'drop' } })
  let status: any
  // The gate runs in a Lua VM whose first start takes real time (wasm), more on a loaded machine: wait for it in real time too.
  for (let i = 0; i < 300 && !status?.completed && !status?.error; i++) {
    await lakefs.clock.advance(1000)
    status = (await api('GET', `/repositories/repo/branches/main/import?id=${started.body.id}`)).body
    if (!status.completed) await new Promise((resolve) => setTimeout(resolve, 20))
  }
  expect(status.completed).toBe(true)
  expect(await lastOutput()).toBe('200\t0\n')
})

it('provides the modules gates use, and names a lakeFS module it does not provide', async () => {
  world(`
    local path, regexp, strings, time = require("path"), require("regexp"), require("strings"), require("time")
    local yaml = require("encoding/yaml")
    local p = path.parse("data/2024/part-1.parquet")
    print(path.join("/", "data", "2024"), p.parent, p.base_name, regexp.match("^part-[0-9]+", p.base_name), #strings.split("a,b,c", ","), math.floor(time.now()))
    local doc = yaml.unmarshal("columns:\\n  - id\\n  - name\\n")
    print(doc.columns[2], yaml.marshal({ ok = true }))
    require("encoding/parquet")
  `)
  await put('x', 'x')
  const refused = await api('POST', '/repositories/repo/branches/main/commits', { message: 'm' })
  expect(refused.body.message).toContain("lakeFS's Lua module 'encoding/parquet' is not provided by the emulator")
  expect(await lastOutput()).toBe('data/2024\tdata/2024/\tpart-1.parquet\ttrue\t3\t1705312800\nname\tok: true\n\nError: [string "lua"]:8: lakeFS\'s Lua module \'encoding/parquet\' is not provided by the emulator\n')
})

it('runs a ref event hook as the user who made the request', async () => {
  world('print(username, action.branch_id)', 'pre-create-branch')
  expect((await api('POST', '/repositories/repo/branches', { name: 'feature', source: 'main' })).status).toBe(201)
  expect(await lastOutput()).toBe('quickstart\tfeature\n')
})
