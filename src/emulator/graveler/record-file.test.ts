import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { metaRangeBytes, MetaRangeWriter, rangeBytes, RangeStore } from './metarange.js'

const entry = (i: number) => ({ address: `data/a${i}`, addressType: 'relative' as const, checksum: `c${i}`, size: i, mtimeMs: 1705312800000 + i * 1000, contentType: i % 2 ? 'text/csv' : undefined, metadata: (i % 3 ? {} : { k: `v${i}` }) as Record<string, string> })

describe('metadata files', () => {
  it('hash to their IDs and load back into another store as the same ranges and records', () => {
    const store = new RangeStore()
    const writer = new MetaRangeWriter(store, { raggednessEntries: 7, maxRangeSizeBytes: 1 << 20 })
    // Keys that start with digits run on from their lengths: the reader must still find where each starts.
    const keys = Array.from({ length: 40 }, (_, i) => (i % 2 ? `${i}${'9'.repeat(i % 5)}/x` : `k/${String(i).padStart(3, '0')}/é`)).sort()
    keys.forEach((key, i) => writer.add({ key, entry: entry(i) }))
    const mr = writer.close()
    expect(mr.ranges.length).toBeGreaterThan(1)
    const mrFile = metaRangeBytes(mr.ranges)
    expect(createHash('sha256').update(mrFile).digest('hex')).toBe(mr.id)
    const other = new RangeStore()
    expect(other.loadMetaRange(mr.id, mrFile)).toEqual(mr)
    for (const r of mr.ranges) {
      const file = rangeBytes(store.reader(r.id))
      expect(createHash('sha256').update(file).digest('hex')).toBe(r.id)
      other.loadRange(r.id, file)
    }
    expect([...other.iterate(mr.id)].map((r) => [r.key, { ...r.entry }])).toEqual([...store.iterate(mr.id)].map((r) => [r.key, { ...r.entry }]))
    expect(other.get(mr.id, keys[17]!)).toMatchObject({ address: 'data/a17', size: 17 })
  })

  it('refuse a file that is not the one its ID names, or is cut short', () => {
    const store = new RangeStore()
    const writer = new MetaRangeWriter(store)
    writer.add({ key: 'a', entry: entry(1) })
    const mr = writer.close()
    const file = rangeBytes(store.reader(mr.ranges[0]!.id))
    const flipped = Buffer.from(file)
    flipped[3] = flipped[3]! ^ 1
    expect(() => new RangeStore().loadRange(mr.ranges[0]!.id, flipped)).toThrow('its SHA-256 is not its ID')
    const cut = file.subarray(0, 10)
    expect(() => new RangeStore().loadRange(createHash('sha256').update(cut).digest('hex'), cut)).toThrow(/damaged/)
  })
})
