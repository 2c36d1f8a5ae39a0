/** One contract for the fake store, run over memfs and over a real temporary directory. */
import { mkdtempSync, rmSync } from 'node:fs'
import * as nodeFs from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { MemfsObjectStore } from '../../src/index.js'

const dir = mkdtempSync(join(tmpdir(), 'lakefs-emulator-store-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe.each([
  ['memfs', () => new MemfsObjectStore()],
  ['a real directory', () => new MemfsObjectStore({ fs: nodeFs, root: mkdtempSync(join(dir, 's-')) })],
])('MemfsObjectStore over %s', (_, make) => {
  it('stores bytes with size, MD5 ETag and last-modified', () => {
    const store = make()
    const put = store.put('s3://b/a', Buffer.from('hello'), 1000)
    expect(put).toEqual({ uri: 's3://b/a', size: 5, etag: '5d41402abc4b2a76b9719d911017c592', lastModified: 1000 })
    expect(store.stat('s3://b/a')).toEqual(put)
    expect(Buffer.from(store.read('s3://b/a', 1, 3)).toString()).toBe('el')
  })

  it('keeps keys that would clash as paths (a and a/b)', () => {
    const store = make()
    store.put('s3://b/a', Buffer.from('1'), 0)
    store.put('s3://b/a/b', Buffer.from('2'), 0)
    expect(Buffer.from(store.read('s3://b/a')).toString()).toBe('1')
    expect(Buffer.from(store.read('s3://b/a/b')).toString()).toBe('2')
  })

  it('lists by string prefix in byte order, with after and limit', () => {
    const store = make()
    for (const k of ['b/2', 'b/10', 'b/1', 'c/1', 'b\u{1F600}', 'b\uFFFD']) store.put(`s3://x/${k}`, Buffer.from(k), 0)
    const uris = (o: { uri: string }[]) => o.map((x) => x.uri.slice(7))
    expect(uris(store.list('s3://x/b'))).toEqual(['b/1', 'b/10', 'b/2', 'b\uFFFD', 'b\u{1F600}'])
    expect(uris(store.list('s3://x/b/', { after: 's3://x/b/1', limit: 1 }))).toEqual(['b/10'])
  })

  it('deletes objects and serves generated ones with a stable ETag', () => {
    const store = make()
    store.put('s3://b/gone', Buffer.from('x'), 0)
    expect(store.delete('s3://b/gone')).toBe(true)
    expect(store.stat('s3://b/gone')).toBeUndefined()
    store.putGenerated('s3://b/gen', { size: 3, lastModified: 5, generate: () => Buffer.from('abc') })
    expect(store.stat('s3://b/gen')).toEqual({ uri: 's3://b/gen', size: 3, etag: '900150983cd24fb0d6963f7d28e17f72', lastModified: 5 })
  })
})
