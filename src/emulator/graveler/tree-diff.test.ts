/** Diffs that start at a key read only from there, and give exactly the full diff's tail. */
import { describe, expect, it } from 'vitest'
import { type Entry, entryIdentity } from './entry.js'
import { MetaRangeWriter, RangeStore } from './metarange.js'
import { diffTrees, identityOf } from './tree-diff.js'

const entry = (k: string, size = 1): Entry => ({ address: `s3://b/${k}`, addressType: 'full', checksum: 'abc', size, mtimeMs: 0, metadata: {} })

function tree(store: RangeStore, records: [string, Entry][]): string {
  const w = new MetaRangeWriter(store, { raggednessEntries: 7, maxRangeSizeBytes: 1 << 20 })
  for (const [key, e] of records) w.add({ key, entry: e })
  return w.close().id
}

describe('diffTrees from a key', () => {
  const store = new RangeStore()
  const keys = Array.from({ length: 300 }, (_, i) => `k/${String(i).padStart(3, '0')}`)
  const left = tree(store, keys.filter((_, i) => i % 11 !== 3).map((k) => [k, entry(k)]))
  const right = tree(store, keys.filter((_, i) => i % 13 !== 5).map((k, i) => [k, entry(k, i % 17 === 0 ? 2 : 1)]))
  const row = (c: { key: string; type: string }) => `${c.type} ${c.key}`
  const all = [...diffTrees(store, left, right)].map(row)

  it('gives the full diff from its first key on, for every start', () => {
    expect(all.length).toBeGreaterThan(40)
    for (const from of ['', 'a', 'k/', 'k/000', 'k/0995', 'k/150', 'k/150x', 'k/299', 'k/3', 'z']) {
      expect([...diffTrees(store, left, right, from)].map(row)).toEqual(all.filter((r) => r.slice(r.indexOf(' ') + 1) >= from))
    }
  })

  it('reads no range that ends before the start', () => {
    const before = store.rangeReads
    expect([...diffTrees(store, left, right, 'k/299')].map(row)).toEqual(all.filter((r) => r.endsWith('k/299')))
    expect(store.rangeReads - before).toBeLessThanOrEqual(2)
  })

  it("takes a committed record's identity from its stored bytes, equal to the entry's", () => {
    const [record] = store.range(store.metaRange(right).ranges[0]!.id)
    const { address, addressType, checksum, size, mtimeMs, metadata } = record!.entry
    expect(identityOf(record!.entry)).toBe(entryIdentity({ address, addressType, checksum, size, mtimeMs, metadata }).toString('hex'))
  })
})
