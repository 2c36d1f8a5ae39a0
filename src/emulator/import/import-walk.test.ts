/** The walker's sources read back in key order, and the walk log is let go as the ranges stage reads it. */
import { describe, expect, it } from 'vitest'
import { MemfsObjectStore } from '../../fakestore/memfs-object-store.js'
import { SourceMerge } from '../graveler/tree-import.js'
import { SourceWalker } from './import-walk.js'
import { CHUNK_RECORDS } from './walk-log.js'

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
    expect(() => walker.log.read(0)).toThrow('already let go')
    expect(() => walker.log.read(n)).toThrow('already let go')
  })
})
