/**
 * The equivalents of lakeFS's own import tests (spec section 8): esti/import_test.go and the
 * Python wrapper's tests/integration/test_import.py, over the esti-like scenario.
 */
import { describe, expect, it } from 'vitest'
import { loadScenarioFile } from '../../src/index.js'
import { type Harness, importBody, listAll, setup, startImport, status } from '../support/harness.js'

const esti = loadScenarioFile('scenarios/esti-like.json')
const SRC = 's3://esti-system-testing-data/import-test-data/'
const NS = 's3://esti-namespace/esti-import'
const DEST = 'imported/new-prefix/'
const samples = (root: string) => [1, 2, 3, 4, 5, 6, 7].flatMap((n) => [`${root}prefix-${n}/file000001`, `${root}nested/prefix-${n}/file002100`])

async function poll(h: Harness, id: string, everyMs = 2000) {
  const seen = []
  for (;;) {
    await h.advance(everyMs)
    const s = (await status(h, 'esti-import', id)).body
    seen.push(s)
    if (s.completed || s.error) return seen
  }
}

describe('esti import_test.go', () => {
  it('1-3 default: polls to completion with update_time moving, then reads, lists, 409 and metadata', async () => {
    const h = setup(esti)
    const id = await startImport(h, 'esti-import', 'main', importBody([{ path: SRC, destination: DEST }], { message: 'default' }))
    const seen = await poll(h, id)
    expect(seen.map((s) => s.error)).toEqual(seen.map(() => undefined))
    const times = seen.map((s) => s.update_time)
    expect(new Set(times).size).toBe(times.length)
    const done = seen.at(-1)
    expect(done).toMatchObject({ completed: true, ingested_objects: 29400 })
    for (const key of samples(DEST)) {
      const res = await h.request('GET', `/repositories/esti-import/refs/main/objects?path=${key}`)
      expect([res.status, res.text.length]).toEqual([200, 1024])
    }
    const listed = (await listAll(h, 'esti-import', 'main', DEST)).map((o) => o.path)
    expect(listed).toHaveLength(29400)
    expect(listed.every((p, i) => i === 0 || listed[i - 1]! < p)).toBe(true)
    expect((await h.request('DELETE', `/repositories/esti-import/branches/main/import?id=${id}`)).status).toBe(409)
    expect((await status(h, 'esti-import', id)).body.error).toBeUndefined()
    const meta = await h.request('GET', '/repositories/esti-import/metadata')
    expect(meta.body['.lakefs.last.import.timestamp']).toBe(String(done.commit.creation_date))
  })

  it('4 parent: a source without a trailing slash keeps its last segment; commit metadata is kept', async () => {
    const h = setup(esti)
    const id = await startImport(h, 'esti-import', 'main', importBody([{ path: SRC.slice(0, -1), destination: DEST }], { message: 'parent', metadata: { created_by: 'import' } }))
    const done = (await poll(h, id)).at(-1)
    expect(done.commit.metadata).toEqual({ created_by: 'import', '.lakefs.merge.strategy': 'source-wins' })
    const res = await h.request('GET', `/repositories/esti-import/refs/main/objects/stat?path=${DEST}import-test-data/prefix-1/file000001`)
    expect(res.status).toBe(200)
  })

  it('5-6 several paths, and prefixes with objects: every sample is readable', async () => {
    const h = setup(esti)
    const paths = [1, 2, 3, 4, 5, 6, 7].map((n) => ({ path: `${SRC}prefix-${n}/`, destination: `${DEST}prefix-${n}/` }))
    paths.push({ path: `${SRC}nested/`, destination: `${DEST}nested` })
    const objects = [1, 2, 3, 4, 5, 6, 7].map((n) => ({ type: 'object', path: `${SRC}nested/prefix-${n}/file002100`, destination: `objects/nested/prefix-${n}/file002100` }))
    const id = await startImport(h, 'esti-import', 'main', importBody([...paths, ...objects]))
    expect((await poll(h, id)).at(-1).completed).toBe(true)
    for (const key of [...samples(DEST), ...objects.map((o) => o.destination)]) {
      expect((await h.request('HEAD', `/repositories/esti-import/refs/main/objects?path=${key}`)).status).toBe(200)
    }
  })

  it('7 cancel: 204 twice, error Canceled, update_time frozen across polls 3 s apart', async () => {
    const h = setup(esti)
    const id = await startImport(h, 'esti-import', 'main', importBody([{ path: SRC, destination: DEST }]))
    await h.advance(1000)
    expect((await h.request('DELETE', `/repositories/esti-import/branches/main/import?id=${id}`)).status).toBe(204)
    expect((await h.request('DELETE', `/repositories/esti-import/branches/main/import?id=${id}`)).status).toBe(204)
    const first = (await status(h, 'esti-import', id)).body
    await h.advance(3000)
    const second = (await status(h, 'esti-import', id)).body
    expect(first.error.message).toContain('Canceled')
    expect(second.update_time).toBe(first.update_time)
  })

  it('8 import from the storage namespace: 400 for prefixes overlapping it, 202 for the object form', async () => {
    const h = setup(esti)
    const start = (type: string, path: string) =>
      h.request('POST', '/repositories/esti-import/branches/main/import', { body: importBody([{ type, path, destination: 'x' }]) })
    for (const path of [NS, `${NS}/some_path/in/namespace`, NS.slice(0, -2)]) {
      const res = await start('common_prefix', path)
      expect(res.status).toBe(400)
      expect(res.body.message).toContain('invalid import source')
    }
    expect((await start('object', NS.slice(0, -2))).status).toBe(202)
  })

  it('9 local storage with import disabled: 403', async () => {
    const h = setup({ ...esti, blockstore: { type: 'local' }, repositories: [{ name: 'esti-import', storageNamespace: 'local://ns' }] })
    const res = await h.request('POST', '/repositories/esti-import/branches/main/import', { body: importBody([{ path: 'local:///x/', destination: '' }]) })
    expect([res.status, res.body.message]).toEqual([403, 'import is not supported for this storage'])
  })
})

describe('python-wrapper test_import.py', () => {
  it('11 empty import with message and metadata', async () => {
    const h = setup(esti)
    const id = await startImport(h, 'esti-import', 'main', { paths: [], commit: { message: 'my imported data', metadata: { foo: 'bar' }, allow_empty: false } })
    const s = (await poll(h, id)).at(-1)
    expect(s.error).toBeUndefined()
    expect(s.ingested_objects).toBe(0)
    expect(s.commit.message).toBe('my imported data')
    expect(s.commit.metadata.foo).toBe('bar')
    expect(s.commit.id).toBe((await h.request('GET', '/repositories/esti-import/commits/main')).body.id)
  })

  it('13 two prefixes plus seven nested objects ingest 4207 objects', async () => {
    const h = setup(esti)
    const objects = [1, 2, 3, 4, 5, 6, 7].map((n) => ({ type: 'object', path: `${SRC}nested/prefix-${n}/file000001`, destination: `import/nested-${n}` }))
    const id = await startImport(h, 'esti-import', 'main', importBody([{ path: `${SRC}prefix-1/`, destination: 'import/p1/' }, { path: `${SRC}prefix-2/`, destination: 'import/p2/' }, ...objects], { message: 'new commit' }))
    const s = (await poll(h, id)).at(-1)
    expect(s).toMatchObject({ completed: true, ingested_objects: 4207, commit: { message: 'new commit' } })
    expect(s.commit.metadata.foo).toBeUndefined()
    // 14: cancel after completion is a conflict.
    expect((await h.request('DELETE', `/repositories/esti-import/branches/main/import?id=${id}`)).status).toBe(409)
  })

  it('15 cancel a running import: head unchanged, completed false, Canceled', async () => {
    const h = setup(esti)
    const head = (await h.request('GET', '/repositories/esti-import/commits/main')).body
    const id = await startImport(h, 'esti-import', 'main', importBody([{ path: SRC, destination: 'import/' }]))
    await h.advance(1000)
    expect((await h.request('DELETE', `/repositories/esti-import/branches/main/import?id=${id}`)).status).toBe(204)
    await h.advance(5000)
    const s = (await status(h, 'esti-import', id)).body
    expect(s.completed).toBe(false)
    expect(s.error.message).toContain('Canceled')
    expect((await h.request('GET', '/repositories/esti-import/commits/main')).body).toEqual(head)
  })
})
