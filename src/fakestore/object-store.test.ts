/** One contract for the fake store, run over memfs and over a real temporary directory. */
import { mkdtempSync, rmSync } from 'node:fs'
import * as nodeFs from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { GeneratedObjects } from './object-store.js'
import { MemfsObjectStore } from './memfs-object-store.js'

/** A generated set whose ETag names its URI and whose bytes are the URI's last segment. */
function generated(prefix: string, uris: string[]): GeneratedObjects {
  return {
    prefix,
    count: uris.length,
    *uris() {
      return [...uris]
    },
    describe: (uri) => ({ uri, size: uri.split('/').at(-1)!.length, etag: `e-${uri}`, lastModified: 5 }),
    bytes: (uri) => Buffer.from(uri.split('/').at(-1)!),
  }
}

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
    store.addGenerated(generated('s3://b/g', ['s3://b/gen']))
    expect(store.stat('s3://b/gen')).toEqual({ uri: 's3://b/gen', size: 3, etag: 'e-s3://b/gen', lastModified: 5 })
    expect(Buffer.from(store.read('s3://b/gen')).toString()).toBe('gen')
  })

  it('merges generated sets with put objects in byte order; the latest write at a URI wins', () => {
    const store = make()
    store.put('s3://m/b', Buffer.from('put before'), 1)
    store.addGenerated(generated('s3://m/', ['s3://m/d', 's3://m/b', 's3://m/a', 's3://m/b']))
    store.put('s3://m/c', Buffer.from('put after'), 1)
    store.put('s3://m/d', Buffer.from('put over'), 1)
    store.addGenerated(generated('s3://m/', ['s3://m/e']))
    expect(store.delete('s3://m/a')).toBe(true)
    const listed = store.list('s3://m/').map((o) => [o.uri.slice(7), o.etag])
    expect(listed).toEqual([
      ['b', 'e-s3://m/b'],
      ['c', '9d17cf2f36c7fe44a227ded28e51687b'],
      ['d', 'b7e8f5433d250a2a4bfec4ff292f5e9d'],
      ['e', 'e-s3://m/e'],
    ])
    expect(Buffer.from(store.read('s3://m/d')).toString()).toBe('put over')
    expect(store.stat('s3://m/a')).toBeUndefined()
    expect(store.list('s3://m/', { after: 's3://m/b', limit: 2 }).map((o) => o.uri)).toEqual(['s3://m/c', 's3://m/d'])
    expect(store.size).toBe(3 + 5)
  })

  it('indexes a generated set in bounded steps when asked, before the first listing', () => {
    const store = make()
    let enumerated = 0
    const uris = Array.from({ length: 5 }, (_, i) => `s3://p/k${4 - i}`)
    store.addGenerated({ ...generated('s3://p/', uris), *uris() { enumerated++; yield; return uris } })
    const steps = [...store.prepare('s3://p/k')].length
    expect({ steps, enumerated }).toEqual({ steps: 1, enumerated: 1 })
    expect(store.list('s3://p/').map((o) => o.uri)).toEqual(['s3://p/k0', 's3://p/k1', 's3://p/k2', 's3://p/k3', 's3://p/k4'])
    expect([...store.prepare('s3://p/')].length).toBe(0)
    expect(enumerated).toBe(1)
  })

  it('lets several imports drive the indexing of one set in turns, each to the end', () => {
    const store = make()
    const uris = Array.from({ length: 6 }, (_, i) => `s3://p/k${5 - i}`)
    store.addGenerated({ ...generated('s3://p/', uris), *uris() { yield; yield; yield; return uris } })
    const a = store.prepare('s3://p/')
    const b = store.prepare('s3://p/k')
    // a starts the indexing, b joins it, a finishes it; b must then see it done, not fail.
    a.next()
    b.next()
    let turns = 0
    while (!a.next().done) turns++
    expect(b.next().done).toBe(true)
    expect(turns).toBeGreaterThan(0)
    expect(store.list('s3://p/k').map((o) => o.uri)).toEqual(['s3://p/k0', 's3://p/k1', 's3://p/k2', 's3://p/k3', 's3://p/k4', 's3://p/k5'])
  })

  it('reads a set that gives its URIs in order by position, never enumerating them', () => {
    const store = make()
    const uris = ['s3://o/k1', 's3://o/k2', 's3://o/k3', 's3://o/k4']
    store.addGenerated({
      ...generated('s3://o/', uris),
      *uris(): Generator<void, string[]> {
        throw new Error('enumerated')
      },
      sortedUris: () => ({ length: uris.length, at: (i: number) => uris[i] }),
    })
    expect([...store.prepare('s3://o/')].length).toBe(0)
    store.put('s3://o/k2a', Buffer.from('x'), 9)
    expect(store.delete('s3://o/k3')).toBe(true)
    expect(store.list('s3://o/').map((o) => o.uri)).toEqual(['s3://o/k1', 's3://o/k2', 's3://o/k2a', 's3://o/k4'])
    expect(store.list('s3://o/', { after: 's3://o/k2', limit: 2 }).map((o) => o.uri)).toEqual(['s3://o/k2a', 's3://o/k4'])
    expect([store.stat('s3://o/k4')?.etag, store.stat('s3://o/k3'), store.stat('s3://o/k5')]).toEqual(['e-s3://o/k4', undefined, undefined])
  })
})
