import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Scenario } from '../../src/index.js'
import { setup, T0 } from '../support/harness.js'

const world: Scenario = { repositories: [{ name: 'repo', storageNamespace: 's3://bucket/repos/repo' }] }
const upload = (h: ReturnType<typeof setup>, path: string, content: string, headers: Record<string, string> = {}) =>
  h.request('POST', `/repositories/repo/branches/main/objects?path=${encodeURIComponent(path)}`, { raw: content, headers: { 'Content-Type': 'text/csv', ...headers } })

describe('uploadObject', () => {
  it('stores the raw body under the namespace and answers 201 with its stats', async () => {
    const h = setup(world)
    const res = await upload(h, 'a/b.csv', 'x,y\n1,2\n', { 'x-lakefs-meta-owner': 'me' })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({
      path: 'a/b.csv',
      path_type: 'object',
      physical_address: expect.stringMatching(/^s3:\/\/bucket\/repos\/repo\/data\/[0-9a-v]{20}\/[0-9a-v]{20}$/),
      checksum: createHash('md5').update('x,y\n1,2\n').digest('hex'),
      size_bytes: 8,
      mtime: T0 / 1000,
      metadata: { owner: 'me' },
      content_type: 'text/csv',
    })
    const read = await h.request('GET', '/repositories/repo/refs/main/objects?path=a/b.csv')
    expect([read.text, read.headers.get('Content-Type')]).toEqual(['x,y\n1,2\n', 'text/csv'])
  })

  it('answers 412 with If-None-Match: * when the path exists', async () => {
    const h = setup(world)
    await upload(h, 'k', 'one')
    const res = await upload(h, 'k', 'two', { 'If-None-Match': '*' })
    expect([res.status, res.body]).toEqual([412, { message: 'Precondition failed' }])
    expect((await h.request('GET', '/repositories/repo/refs/main/objects?path=k')).text).toBe('one')
  })

  it('answers 404 for a missing branch', async () => {
    const h = setup(world)
    const res = await h.request('POST', '/repositories/repo/branches/nope/objects?path=k', { raw: 'x' })
    expect([res.status, res.body]).toEqual([404, { message: 'branch not found' }])
  })

  it('answers 400, not 500, for a body that is not the multipart it claims to be (found by the fuzz test)', async () => {
    const h = setup(world)
    const res = await h.request('POST', '/repositories/repo/branches/main/objects?path=k', { raw: 'not multipart', headers: { 'Content-Type': 'multipart/form-data' } })
    expect(res.status).toBe(400)
    expect(res.body.message).toMatch(/^request body has an error: failed to decode request body: /)
    expect((await h.request('GET', '/repositories/repo/refs/main/objects/stat?path=k')).status).toBe(404)
  })
})

describe('statObject, headObject, getObject', () => {
  it('404 for a missing path; HEAD answers 200 or 404 with no body', async () => {
    const h = setup(world)
    await upload(h, 'here', 'x')
    expect((await h.request('GET', '/repositories/repo/refs/main/objects/stat?path=gone')).status).toBe(404)
    const head = await h.request('HEAD', '/repositories/repo/refs/main/objects?path=here')
    expect([head.status, head.text, head.headers.get('Content-Length')]).toEqual([200, '', '1'])
    expect((await h.request('HEAD', '/repositories/repo/refs/main/objects?path=gone')).status).toBe(404)
  })

  it('rejects a malformed Range header with 400', async () => {
    const h = setup(world)
    await upload(h, 'here', 'x')
    const res = await h.request('GET', '/repositories/repo/refs/main/objects?path=here', { headers: { Range: 'lines=1-2' } })
    expect(res.status).toBe(400)
  })
})

describe('listObjects', () => {
  async function withKeys() {
    const h = setup(world)
    for (const k of ['a/1', 'a/2', 'b/c/1', 'b/d', 'top']) await upload(h, k, k)
    return h
  }

  it('groups by delimiter into common prefixes with empty fields', async () => {
    const h = await withKeys()
    const res = await h.request('GET', '/repositories/repo/refs/main/objects/ls?delimiter=/')
    expect(res.body.results.map((r: any) => [r.path, r.path_type])).toEqual([
      ['a/', 'common_prefix'],
      ['b/', 'common_prefix'],
      ['top', 'object'],
    ])
    expect(res.body.results[0]).toEqual({ path: 'a/', path_type: 'common_prefix', physical_address: '', checksum: '', mtime: 0 })
  })

  it('pages with after = next_offset, across common prefixes too', async () => {
    const h = await withKeys()
    const first = await h.request('GET', '/repositories/repo/refs/main/objects/ls?delimiter=/&amount=1')
    expect(first.body.pagination).toEqual({ has_more: true, next_offset: 'a/', results: 1, max_per_page: 1000 })
    const second = await h.request('GET', '/repositories/repo/refs/main/objects/ls?delimiter=/&amount=1&after=a/')
    expect(second.body.results.map((r: any) => r.path)).toEqual(['b/'])
    const inside = await h.request('GET', '/repositories/repo/refs/main/objects/ls?delimiter=/&prefix=b/')
    expect(inside.body.results.map((r: any) => r.path)).toEqual(['b/c/', 'b/d'])
  })

  it('lists a commit id as well as a branch, and 404s for an unknown ref', async () => {
    const h = await withKeys()
    const head = (await h.request('GET', '/repositories/repo/branches/main')).body.commit_id
    expect((await h.request('GET', `/repositories/repo/refs/${head}/objects/ls`)).body.results).toEqual([])
    expect((await h.request('GET', '/repositories/repo/refs/nope/objects/ls')).status).toBe(404)
  })
})

describe('deleteObject', () => {
  it('answers 204, also for an absent path, and stages the delete of a committed object', async () => {
    const h = setup({
      ...world,
      import: { objectsPerSecond: 0 },
      store: { objects: [{ uri: 's3://src/k', content: 'abc' }] },
    })
    const start = await h.request('POST', '/repositories/repo/branches/main/import', {
      body: { paths: [{ type: 'object', path: 's3://src/k', destination: 'k' }], commit: { message: '' } },
    })
    expect(start.status).toBe(202)
    await h.advance(1000)
    await upload(h, 'staged-only', 'x')
    expect((await h.request('DELETE', '/repositories/repo/branches/main/objects?path=never-there')).status).toBe(204)
    expect((await h.request('DELETE', '/repositories/repo/branches/main/objects?path=staged-only')).status).toBe(204)
    expect((await h.request('DELETE', '/repositories/repo/branches/main/objects?path=k')).status).toBe(204)
    expect((await h.request('GET', '/repositories/repo/branches/main/diff')).body.results).toEqual([
      { type: 'removed', path: 'k', path_type: 'object', size_bytes: 0 },
    ])
    expect((await h.request('GET', '/repositories/repo/refs/main/objects/stat?path=k')).status).toBe(404)
    const head = (await h.request('GET', '/repositories/repo/branches/main')).body.commit_id
    expect((await h.request('GET', `/repositories/repo/refs/${head}/objects/stat?path=k`)).status).toBe(200)
  })
})

describe('diffBranch', () => {
  it('shows uncommitted changes with prefix and delimiter', async () => {
    const h = setup(world)
    for (const k of ['x/1', 'x/2', 'y']) await upload(h, k, 'abc')
    const all = await h.request('GET', '/repositories/repo/branches/main/diff')
    expect(all.body.results).toEqual([
      { type: 'added', path: 'x/1', path_type: 'object', size_bytes: 3 },
      { type: 'added', path: 'x/2', path_type: 'object', size_bytes: 3 },
      { type: 'added', path: 'y', path_type: 'object', size_bytes: 3 },
    ])
    const grouped = await h.request('GET', '/repositories/repo/branches/main/diff?delimiter=/')
    expect(grouped.body.results).toEqual([
      { type: 'prefix_changed', path: 'x/', path_type: 'common_prefix' },
      { type: 'added', path: 'y', path_type: 'object', size_bytes: 3 },
    ])
  })
})
