import { describe, expect, it } from 'vitest'
import type { Scenario } from '../../src/index.js'
import { setup, T0 } from '../support/harness.js'
import { commit, put, read, REPO } from '../support/versioning.js'

const world: Scenario = { repositories: [{ name: REPO, storageNamespace: 's3://bucket/repo' }] }
const objects = `/repositories/${REPO}/branches/main/objects`

describe('deleteObjects', () => {
  it('stages every delete and reports per-path failures without stopping the rest', async () => {
    const h = setup(world)
    for (const k of ['a', 'b', 'c']) await put(h, 'main', k, k)
    await commit(h, 'main', 'abc')
    const res = await h.request('POST', `${objects}/delete`, { body: { paths: ['a', '', 'c', 'never-existed'] } })
    expect([res.status, res.body]).toEqual([200, { errors: [{ path: '', status_code: 400, message: 'path: required value: validation error' }] }])
    const diff = await h.request('GET', `/repositories/${REPO}/branches/main/diff`)
    expect(diff.body.results.map((d: any) => `${d.type} ${d.path}`)).toEqual(['removed a', 'removed c'])
  })

  it('refuses more than 1000 paths with 400 and changes nothing', async () => {
    const h = setup(world)
    await put(h, 'main', 'a', 'a')
    const paths = Array.from({ length: 1001 }, (_, i) => `p${i}`).concat('a')
    const res = await h.request('POST', `${objects}/delete`, { body: { paths } })
    expect([res.status, res.body]).toEqual([400, { message: 'keys length (1002) passed the maximum allowed(1000): invalid value: validation error' }])
    expect(await read(h, 'main', 'a')).toEqual([200, 'a'])
  })
})

describe('copyObject', () => {
  it('copies bytes to a new address, keeping checksum, content type and user metadata', async () => {
    const h = setup(world)
    const src = await put(h, 'main', 'src.csv', 'x,y\n', { 'Content-Type': 'text/csv', 'x-lakefs-meta-owner': 'me' })
    await commit(h, 'main', 'src')
    h.clock.advance(3000)
    const res = await h.request('POST', `${objects}/copy?dest_path=dst.csv`, { body: { src_path: 'src.csv', src_ref: 'main' } })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({
      path: 'dst.csv',
      path_type: 'object',
      physical_address: expect.stringMatching(/^s3:\/\/bucket\/repo\/data\//),
      checksum: src.checksum,
      size_bytes: 4,
      mtime: T0 / 1000 + 3,
      metadata: { owner: 'me' },
      content_type: 'text/csv',
    })
    expect(res.body.physical_address).not.toBe(src.physical_address)
    expect(await read(h, 'main', 'dst.csv')).toEqual([200, 'x,y\n'])
  })

  it('shallow copy within a branch keeps the physical address; a missing source is 404', async () => {
    const h = setup(world)
    const src = await put(h, 'main', 'src', 'data')
    const res = await h.request('POST', `${objects}/copy?dest_path=dst`, { body: { src_path: 'src', shallow: true } })
    expect([res.status, res.body.physical_address]).toEqual([201, src.physical_address])
    const missing = await h.request('POST', `${objects}/copy?dest_path=x`, { body: { src_path: 'nope' } })
    expect([missing.status, missing.body]).toEqual([404, { message: 'not found' }])
  })
})

describe('updateObjectUserMetadata', () => {
  it('replaces the user metadata as a staged change', async () => {
    const h = setup(world)
    await put(h, 'main', 'k', 'v', { 'x-lakefs-meta-a': '1' })
    await commit(h, 'main', 'k')
    const res = await h.request('PUT', `${objects}/stat/user_metadata?path=k`, { body: { set: { b: '2' } } })
    expect([res.status, res.text]).toEqual([201, ''])
    const stat = await h.request('GET', `/repositories/${REPO}/refs/main/objects/stat?path=k`)
    expect(stat.body.metadata).toEqual({ b: '2' })
    const diff = await h.request('GET', `/repositories/${REPO}/branches/main/diff`)
    expect(diff.body.results).toEqual([{ type: 'changed', path: 'k', path_type: 'object', size_bytes: 1 }])
    expect((await h.request('PUT', `${objects}/stat/user_metadata?path=gone`, { body: { set: {} } })).status).toBe(404)
  })
})

describe('uploadObject, more', () => {
  it('accepts multipart/form-data with one file named "content", taking its part content type', async () => {
    const h = setup(world)
    const form = new FormData()
    form.append('content', new Blob(['{"a":1}'], { type: 'application/json' }), 'a.json')
    const res = await h.request('POST', `${objects}?path=a.json`, { raw: form })
    expect([res.status, res.body.size_bytes, res.body.content_type]).toEqual([201, 7, 'application/json'])
    expect(await read(h, 'main', 'a.json')).toEqual([200, '{"a":1}'])
    const wrong = new FormData()
    wrong.append('file', new Blob(['x']), 'x')
    expect((await h.request('POST', `${objects}?path=b`, { raw: wrong })).status).toBe(400)
  })

  it('accepts storageClass and records any content type as given', async () => {
    const h = setup(world)
    const res = await h.request('POST', `${objects}?path=img&storageClass=GLACIER`, { raw: 'png', headers: { 'Content-Type': 'image/png' } })
    expect([res.status, res.body.content_type]).toEqual([201, 'image/png'])
    const head = await h.request('GET', `/repositories/${REPO}/refs/main/objects?path=img`)
    expect(head.headers.get('Content-Type')).toBe('image/png')
  })
})
