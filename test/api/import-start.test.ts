import { describe, expect, it } from 'vitest'
import type { Scenario } from '../../src/index.js'
import { importBody, setup, startImport, status, T0 } from '../support/harness.js'

const world: Scenario = {
  store: { generate: [{ prefix: 's3://bucket/data/', keys: ['f{01..10}'], size: 10 }] },
  repositories: [
    {
      name: 'repo',
      storageNamespace: 's3://bucket/repos/repo',
      branches: [{ name: 'dirty', uncommitted: [{ path: 'wip.csv', content: 'a,b' }] }],
    },
  ],
}
const path = '/repositories/repo/branches/main/import'
const body = importBody([{ path: 's3://bucket/data/', destination: 'in/' }])

describe('importStart', () => {
  it('returns 202 with a 20-character xid, and the status record exists at once', async () => {
    const h = setup(world)
    const res = await h.request('POST', path, { body })
    expect(res.status).toBe(202)
    expect(res.body).toEqual({ id: expect.stringMatching(/^[0-9a-v]{20}$/) })
    expect((await status(h, 'repo', res.body.id)).body).toEqual({
      completed: false,
      update_time: new Date(T0).toISOString(),
      ingested_objects: 0,
    })
  })

  it('gives the same import id for the same seed and clock, and another for another seed', async () => {
    const a = await startImport(setup(world, { seed: 5 }), 'repo', 'main', body)
    const b = await startImport(setup(world, { seed: 5 }), 'repo', 'main', body)
    const c = await startImport(setup(world, { seed: 6 }), 'repo', 'main', body)
    expect(a).toBe(b)
    expect(c).not.toBe(a)
    // xids begin with the big-endian seconds, so they sort by start time.
    expect(a.slice(0, 6)).toBe(c.slice(0, 6))
  })

  it('validates the body before authenticating (400 before 401)', async () => {
    const h = setup(world)
    const res = await h.request('POST', path, { body: { commit: { message: 'x' } }, auth: null })
    expect(res.status).toBe(400)
    expect(res.body.message).toMatch(/^request body has an error: .*paths/)
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
  })

  it.each([
    ['a location without a type', { paths: [{ path: 's3://bucket/data/', destination: '' }], commit: { message: '' } }],
    ['a type outside the enum', { paths: [{ type: 'prefix', path: 's3://bucket/data/', destination: '' }], commit: { message: '' } }],
    ['no commit', { paths: [] }],
    ['a commit without a message', { paths: [], commit: {} }],
    ['metadata that is not a string map', { paths: [], commit: { message: '', metadata: { n: 1 } } }],
  ])('rejects %s with 400', async (_, bad) => {
    const h = setup(world)
    const res = await h.request('POST', path, { body: bad })
    expect(res.status).toBe(400)
    expect(res.body.message).toMatch(/^request body has an error: /)
    expect(h.emulator.imports.list()).toEqual([])
  })

  it('rejects malformed JSON with 400', async () => {
    const h = setup(world)
    const res = await h.request('POST', path, { body: '{"paths": [' })
    expect(res.status).toBe(400)
    expect(typeof res.body.message).toBe('string')
  })

  it('accepts an empty paths list', async () => {
    const h = setup(world)
    expect((await h.request('POST', path, { body: importBody([]) })).status).toBe(202)
  })

  it.each([
    ['no credentials', null],
    ['a wrong secret', `Basic ${Buffer.from('AKIAIOSFOLQUICKSTART:nope').toString('base64')}`],
    ['an unknown key', `Basic ${Buffer.from('AKIAUNKNOWN:x').toString('base64')}`],
    ['a malformed header', 'Bearer'],
  ])('answers 401 for %s', async (_, auth) => {
    const h = setup(world)
    const res = await h.request('POST', path, { body, auth })
    expect(res.status).toBe(401)
    expect(res.body).toEqual({ message: 'error authenticating request' })
  })

  it('answers 404 for a missing repository or branch', async () => {
    const h = setup(world)
    const repo = await h.request('POST', '/repositories/nope/branches/main/import', { body })
    expect([repo.status, repo.body]).toEqual([404, { message: 'repository not found' }])
    const branch = await h.request('POST', '/repositories/repo/branches/nope/import', { body })
    expect([branch.status, branch.body]).toEqual([404, { message: 'branch not found' }])
  })

  it('answers 403 on local storage with import disabled, as lakeFS quickstart does', async () => {
    const h = setup({ ...world, blockstore: { type: 'local' }, repositories: [{ name: 'repo', storageNamespace: 'local://repos/repo' }] })
    const res = await h.request('POST', path, { body: importBody([{ path: 'local:///data/', destination: '' }]) })
    expect([res.status, res.body]).toEqual([403, { message: 'import is not supported for this storage' }])
  })

  describe('overlap with the storage namespace', () => {
    const ns = 's3://bucket/repos/repo'
    it.each([
      ['the namespace itself', 'common_prefix', ns, `import path (${ns}) in repository namespace (${ns}) is prohibited: invalid import source`],
      ['a path inside it', 'common_prefix', `${ns}/some_path/in/namespace`, `import path (${ns}/some_path/in/namespace) in repository namespace (${ns}) is prohibited: invalid import source`],
      ['a prefix of it', 'common_prefix', ns.slice(0, -2), `prefix (${ns.slice(0, -2)}) contains repository namespace: (${ns}), invalid import source`],
      ['a sibling sharing the string prefix', 'object', `${ns}-2/x`, `import path (${ns}-2/x) in repository namespace (${ns}) is prohibited: invalid import source`],
    ])('rejects %s with 400', async (_, type, source, message) => {
      const h = setup(world)
      const res = await h.request('POST', path, { body: importBody([{ type, path: source, destination: 'x' }]) })
      expect([res.status, res.body]).toEqual([400, { message }])
    })

    it('accepts an object path that is a prefix of the namespace', async () => {
      const h = setup(world)
      const res = await h.request('POST', path, { body: importBody([{ type: 'object', path: ns.slice(0, -2), destination: 'x' }]) })
      expect(res.status).toBe(202)
    })
  })

  it('does not check dirtiness, concurrency or the source scheme at start', async () => {
    const h = setup(world)
    await startImport(h, 'repo', 'dirty', body)
    await startImport(h, 'repo', 'main', body)
    await startImport(h, 'repo', 'main', body)
    await startImport(h, 'repo', 'main', importBody([{ path: 'gs://bucket/data/', destination: 'x/' }]))
  })

  it('fails a source of the wrong scheme asynchronously, at the next status tick', async () => {
    const h = setup(world)
    const id = await startImport(h, 'repo', 'main', importBody([{ path: 'gs://bucket/data/', destination: 'x/' }]))
    await h.advance(999)
    expect((await status(h, 'repo', id)).body.error).toBeUndefined()
    await h.advance(1)
    expect((await status(h, 'repo', id)).body).toEqual({
      completed: false,
      update_time: new Date(T0 + 1000).toISOString(),
      ingested_objects: 0,
      error: {
        message: 'import error: error on ingest: creating object-store walker on path gs://bucket/data/: expected storage type s3: invalid address',
      },
    })
  })

  describe('with compat.dirtyBranch "reject-at-start" (the documented older rule)', () => {
    const compatWorld: Scenario = { ...world, compat: { dirtyBranch: 'reject-at-start' } }

    it('rejects an import into a dirty branch with 400 and starts nothing', async () => {
      const h = setup(compatWorld)
      const res = await h.request('POST', '/repositories/repo/branches/dirty/import', { body })
      expect([res.status, res.body]).toEqual([400, { message: 'uncommitted changes (dirty branch)' }])
      expect(h.emulator.imports.list()).toEqual([])
    })

    it('lets force: true import into the dirty branch, keeping the staged change', async () => {
      const h = setup(compatWorld)
      const id = await startImport(h, 'repo', 'dirty', importBody([{ path: 's3://bucket/data/', destination: 'in/' }], { message: 'm' }, true))
      await h.advance(1000)
      expect((await status(h, 'repo', id)).body.completed).toBe(true)
      const diff = await h.request('GET', '/repositories/repo/branches/dirty/diff')
      expect(diff.body.results).toEqual([{ type: 'added', path: 'wip.csv', path_type: 'object', size_bytes: 3 }])
    })
  })
})
