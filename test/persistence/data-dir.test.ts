/**
 * `--data-dir` in process: a world saved after every acknowledged write comes back whole after a
 * restart, and goes on exactly as one that never stopped (the same IDs); directories that are not
 * ours, of another format version, or in use are refused with a message that says so.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Scenario } from '../../src/index.js'
import { importBody, setup, startImport, status, type Harness } from '../support/harness.js'

const WORLD: Scenario = {
  seed: 3,
  import: { objectsPerSecond: 1000, statusIntervalMs: 1000 },
  store: { generate: [{ prefix: 's3://landing/day/', keys: ['part-{1..3}/f{001..500}.csv'], size: 10 }] },
  repositories: [{ name: 'repo', storageNamespace: 's3://bucket/repos/repo' }],
}

const dirs: string[] = []
const open: Harness[] = []
afterEach(() => {
  for (const h of open.splice(0)) h.app.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function newDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lakefs-emulator-data-'))
  dirs.push(dir)
  return dir
}

function start(dataDir: string, scenario: Scenario = WORLD): Harness {
  const h = setup(scenario, { dataDir })
  open.push(h)
  return h
}

function stop(h: Harness): void {
  open.splice(open.indexOf(h), 1)
  h.app.close()
}

/**
 * A day's work: a branch, uploads, a commit, a tag, an import, a staged change, an object in the store,
 * a pull request and a refs dump task.
 */
async function work(h: Harness, day: number): Promise<{ importId: string; commitId: string; taskId: string }> {
  expect((await h.request('POST', '/repositories/repo/branches', { body: { name: `day-${day}`, source: 'main' } })).status).toBe(201)
  const upload = await h.request('POST', `/repositories/repo/branches/day-${day}/objects?path=notes/${day}.txt`, { raw: `day ${day}`, headers: { 'Content-Type': 'application/octet-stream' } })
  expect(upload.status).toBe(201)
  const commit = await h.request('POST', `/repositories/repo/branches/day-${day}/commits`, { body: { message: `day ${day}`, metadata: { day: String(day) } } })
  expect(commit.status).toBe(201)
  expect((await h.request('POST', '/repositories/repo/tags', { body: { id: `v${day}`, ref: `day-${day}` } })).status).toBe(201)
  const importId = await startImport(h, 'repo', 'main', importBody([{ path: `s3://landing/day/part-${day}/`, destination: `day-${day}/` }], { message: `import ${day}` }))
  await h.advance(5_000)
  const staged = await h.request('POST', `/repositories/repo/branches/day-${day}/objects?path=wip/${day}.txt`, { raw: 'not yet', headers: { 'Content-Type': 'application/octet-stream' } })
  expect(staged.status).toBe(201)
  expect((await h.control('PUT', `/objects?uri=s3://landing/extra/${day}.json`, { raw: `{"day":${day}}` })).status).toBe(201)
  expect((await h.request('POST', '/repositories/repo/pulls', { body: { title: `day ${day}`, source_branch: `day-${day}`, destination_branch: 'main' } })).status).toBe(201)
  const task = await h.request('POST', '/repositories/repo/dump')
  expect(task.status).toBe(202)
  return { importId, commitId: commit.body.id, taskId: task.body.id }
}

/** What a client can see of the world, for comparing two of them. */
async function observe(h: Harness, importIds: string[], tasks: string[] = []) {
  const branches = (await h.request('GET', '/repositories/repo/branches')).body.results
  const tags = (await h.request('GET', '/repositories/repo/tags')).body.results
  const log = (await h.request('GET', '/repositories/repo/refs/main/commits')).body.results.map((c: any) => [c.id, c.message, c.creation_date])
  const staged = await Promise.all(branches.map(async (b: any) => (await h.request('GET', `/repositories/repo/branches/${b.id}/diff`)).body.results))
  const imports = await Promise.all(importIds.map(async (id) => (await status(h, 'repo', id)).body))
  const store = (await h.control('GET', '/repositories')).body
  const pulls = (await h.request('GET', '/repositories/repo/pulls')).body.results
  const users = (await h.request('GET', '/auth/users')).body.results
  const dumps = await Promise.all(tasks.map(async (id) => (await h.request('GET', `/repositories/repo/dump?task_id=${id}`)).body))
  const extra = h.emulator.world.store.list('s3://landing/extra/').map((o) => [o.uri, o.etag, new TextDecoder().decode(h.emulator.world.store.read(o.uri))])
  return { branches, tags, log, staged, imports, store, extra, pulls, users, dumps, clock: (await h.control('GET', '/clock')).body.now }
}

describe('--data-dir', () => {
  it('brings back everything acknowledged, and goes on with the same IDs as a run that never stopped', async () => {
    const dir = newDir()
    const first = start(dir)
    const day1 = await work(first, 1)
    const before = await observe(first, [day1.importId], [day1.taskId])
    stop(first)

    const second = start(dir)
    expect(second.app.runtime.dataDir).toEqual({ path: dir, restored: true })
    expect(await observe(second, [day1.importId], [day1.taskId])).toEqual(before)
    const notes = await second.request('GET', '/repositories/repo/refs/day-1/objects?path=notes/1.txt')
    expect([notes.status, notes.text]).toEqual([200, 'day 1'])
    const imported = await second.request('GET', '/repositories/repo/refs/main/objects/stat?path=day-1/f001.csv')
    expect(imported.body.physical_address).toBe('s3://landing/day/part-1/f001.csv')
    const day2 = await work(second, 2)
    const resumed = await observe(second, [day1.importId, day2.importId], [day1.taskId, day2.taskId])

    // The same two days without a restart, in memory.
    const straight = setup(WORLD, { dataDir: newDir() })
    open.push(straight)
    const s1 = await work(straight, 1)
    const s2 = await work(straight, 2)
    expect([s1, s2]).toEqual([day1, day2])
    expect(await observe(straight, [s1.importId, s2.importId], [s1.taskId, s2.taskId])).toEqual(resumed)
  })

  it('keeps an import that was running as lakeFS does when its process dies: never completes, record as last written', async () => {
    const dir = newDir()
    const first = start(dir)
    const id = await startImport(first, 'repo', 'main', importBody([{ path: 's3://landing/day/', destination: 'all/' }]))
    await first.advance(1_000)
    // A poll acknowledges what it shows: the status is saved by then (it changed at the tick).
    expect((await status(first, 'repo', id)).body).toMatchObject({ completed: false, ingested_objects: 1000 })
    first.app.runtime.persist()
    stop(first)

    const second = start(dir)
    await second.advance(60_000)
    const after = (await status(second, 'repo', id)).body
    expect(after).toEqual({ completed: false, update_time: '2024-01-15T10:00:01.000Z', ingested_objects: 1000 })
    expect((await second.request('GET', '/repositories/repo/refs/main/objects/ls?prefix=all/')).body.results).toEqual([])
    expect((await second.request('DELETE', `/repositories/repo/branches/main/import?id=${id}`)).status).toBe(204)
  })

  it('starts again from the scenario after a reset, and saves that', async () => {
    const dir = newDir()
    const first = start(dir)
    await work(first, 1)
    expect((await first.control('POST', '/reset')).status).toBe(204)
    stop(first)
    const second = start(dir)
    expect((await second.request('GET', '/repositories/repo/branches')).body.results.map((b: any) => b.id)).toEqual(['main'])
    expect(second.emulator.world.store.list('s3://landing/extra/')).toEqual([])
  })

  it('refuses a directory written in another format version, naming both versions', () => {
    const dir = newDir()
    writeFileSync(join(dir, 'state.json'), JSON.stringify({ format: 'lakefs-emulator data directory', version: 99, writtenBy: '9.0.0', content: {} }))
    expect(() => start(dir)).toThrow(`--data-dir ${dir} was written by lakefs-emulator 9.0.0 in data format 99; this is lakefs-emulator 0.1.0, which reads format 1. Use that version, or another directory`)
    expect(JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')).version).toBe(99)
  })

  it('refuses a directory that holds something else, and one another emulator uses', () => {
    const dir = newDir()
    writeFileSync(join(dir, 'notes.txt'), 'mine')
    expect(() => start(dir)).toThrow(`--data-dir ${dir} is not a lakefs-emulator data directory (it holds notes.txt); give an empty or new directory`)
    const shared = newDir()
    start(shared)
    expect(() => start(shared)).toThrow(`--data-dir ${shared} is in use by another lakefs-emulator (pid ${process.pid})`)
  })
})
