/** The walker's sources read back in key order, and the walk log is let go as the ranges stage reads it. */
import { describe, expect, it } from 'vitest'
import { MemfsObjectStore } from '../../fakestore/memfs-object-store.js'
import { RecordEncoder } from '../graveler/record-encoding.js'
import { SourceMerge } from '../graveler/tree-import.js'
import { SourceWalker } from './import-walk.js'
import { CHUNK_RECORDS } from './walk-log.js'

const frame = { prefix: '', prefixBytes: Buffer.alloc(0), dropBytes: 0 }

describe('SourceWalker', () => {
  it('reads each source once, in key order, and lets every chunk of the log go behind the reading', () => {
    const store = new MemfsObjectStore()
    store.createBucket('s3://b')
    const n = CHUNK_RECORDS + 100
    for (let i = 0; i < n; i++) store.put(`s3://b/x/${String(i).padStart(5, '0')}`, Buffer.from('x'), 1000)
    store.put('s3://b/y/last', Buffer.from('yy'), 2000)
    const walker = new SourceWalker(store, { type: 's3', importEnabled: true, importHidden: false }, [
      { type: 'common_prefix', path: 's3://b/x/', destination: 'in/' },
      { type: 'object', path: 's3://b/y/last', destination: 'in/00001' },
    ])
    while (!walker.done) walker.step(1000)
    expect(walker.log.length).toBe(n + 1)
    const merge = new SourceMerge(walker.results())
    const keys: string[] = []
    for (let r = merge.peek(); r; r = merge.peek()) {
      const { key, entry } = merge.take()
      keys.push(`${key} ${entry.address} ${entry.size}`)
    }
    // The object imported to in/00001 replaces the prefix's record at the same key (the later path wins).
    expect(keys.length).toBe(n)
    expect(keys.slice(0, 3)).toEqual(['in/00000 s3://b/x/00000 1', 'in/00001 s3://b/y/last 2', 'in/00002 s3://b/x/00002 1'])
    expect(keys.at(-1)).toBe(`in/${String(n - 1).padStart(5, '0')} s3://b/x/${String(n - 1).padStart(5, '0')} 1`)
    expect(() => walker.log.record(0, frame)).toThrow('already let go')
    expect(() => walker.log.record(n, frame)).toThrow('already let go')
  })
})

describe('walked records', () => {
  it('encode as bytes exactly as the same entries encode from strings (UTF-8 prefixes and keys, an object source)', () => {
    const store = new MemfsObjectStore()
    store.createBucket('s3://bü')
    for (const k of ['dïr/a', 'dïr/é😀', 'dïr/z', 'dïrx/1']) store.put(`s3://bü/${k}`, Buffer.from(k), 1_705_298_400_123)
    const sources = [
      { type: 'common_prefix' as const, path: 's3://bü/dïr/', destination: 'dést' },
      { type: 'common_prefix' as const, path: 's3://bü/dïr', destination: '' },
      { type: 'object' as const, path: 's3://bü/dïr/z', destination: 'ô/z' },
    ]
    const walker = new SourceWalker(store, { type: 's3', importEnabled: true, importHidden: false }, sources)
    while (!walker.done) walker.step(2)
    const raw = new RecordEncoder()
    const plain = new RecordEncoder()
    const keys: string[] = []
    for (const source of walker.results()) {
      for (let r = source.head; r; source.advance(), r = source.head) {
        const { address, addressType, checksum, size, mtimeMs, metadata } = r.entry
        raw.append(r)
        plain.append({ key: r.key, entry: { address, addressType, checksum, size, mtimeMs, metadata } })
        keys.push(`${r.key} <- ${address}`)
      }
    }
    expect(keys).toEqual([
      'dést/a <- s3://bü/dïr/a',
      'dést/z <- s3://bü/dïr/z',
      'dést/é😀 <- s3://bü/dïr/é😀',
      'dïr/a <- s3://bü/dïr/a',
      'dïr/z <- s3://bü/dïr/z',
      'dïr/é😀 <- s3://bü/dïr/é😀',
      'dïrx/1 <- s3://bü/dïrx/1',
      'ô/z <- s3://bü/dïr/z',
    ])
    const trailer = Buffer.from('t')
    const [a, b] = [raw.finish(trailer), plain.finish(trailer)]
    expect(a.id).toBe(b.id)
    expect(Buffer.concat(a.range.pages)).toEqual(Buffer.concat(b.range.pages))
  })
})
