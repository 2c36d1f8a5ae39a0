/** A range kept as its bytes reads back the records written into it, exactly. */
import { describe, expect, it } from 'vitest'
import type { Entry } from './entry.js'
import { MetaRangeWriter, RangeStore } from './metarange.js'
import { RecordEncoder } from './record-encoding.js'

const records: { key: string; entry: Entry }[] = [
  { key: '1a', entry: { address: '', addressType: 'full', checksum: '', size: 0, mtimeMs: 999, metadata: {} } },
  { key: '2024|x', entry: { address: 's3://b/a', addressType: 'full', checksum: 'd41d8cd98f00b204e9800998ecf8427e', size: 130, mtimeMs: 1_705_298_400_000, metadata: {} } },
  {
    key: 'dir/é\u{1F600}',
    entry: { address: 'data/gx/ab', addressType: 'relative', checksum: 'abc-3', size: 5_000_000_000, mtimeMs: 1_705_298_400_123, contentType: 'text/csv', metadata: { Zeta: 'z', alpha: '', 'X-Lakefs-Meta-Owner': 'ü' } },
  },
  { key: 'k'.repeat(300), entry: { address: 'x'.repeat(200), addressType: 'relative', checksum: '9', size: 2 ** 40 + 3, mtimeMs: 0, metadata: { a: 'b'.repeat(150) } } },
]

describe('EncodedRange', () => {
  const encoder = new RecordEncoder()
  for (const r of records) encoder.append(r)
  const { range } = encoder.finish(Buffer.from('t'))

  it('reads back every key and entry (lengths that look like keys, UTF-8, sizes past 2^32, metadata)', () => {
    expect(range.length).toBe(4)
    const plain = ({ address, addressType, checksum, size, mtimeMs, metadata, contentType }: Entry) => ({ address, addressType, checksum, size, mtimeMs, metadata, contentType })
    expect(range.records().map((r) => ({ key: r.key, entry: plain(r.entry) }))).toEqual(records)
    expect(range.records().map((r) => r.entry.contentType)).toEqual([undefined, undefined, 'text/csv', undefined])
  })

  it('finds keys in byte order', () => {
    const at = (k: string) => range.lowerBound(Buffer.from(k, 'utf8'))
    expect([at(''), at('1a'), at('1b'), at('2024|x'), at('dir/é\uFFFD'), at('dir/é\u{1F600}'), at('z')]).toEqual([0, 0, 1, 1, 2, 2, 4])
  })

  it('answers point reads and listings from a written tree', () => {
    const store = new RangeStore()
    const writer = new MetaRangeWriter(store, { raggednessEntries: 3, maxRangeSizeBytes: 1 << 20 })
    const keys = Array.from({ length: 50 }, (_, i) => `p/${String(i).padStart(3, '0')}`)
    for (const key of keys) writer.add({ key, entry: { ...records[1]!.entry, address: `s3://b/${key}` } })
    const mr = writer.close()
    expect(mr.ranges.length).toBeGreaterThan(3)
    expect(store.get(mr.id, 'p/017')?.address).toBe('s3://b/p/017')
    expect(store.get(mr.id, 'p/017x')).toBeUndefined()
    expect([...store.iterate(mr.id, 'p/0455')].map((r) => r.key)).toEqual(keys.slice(46))
    expect(mr.ranges.flatMap((r) => store.range(r.id)).map((r) => r.key)).toEqual(keys)
  })
})

describe('a range larger than one page', () => {
  it('keeps records whole across pages and reads every one back', () => {
    const store = new RangeStore()
    const writer = new MetaRangeWriter(store, { raggednessEntries: 1_000_000_007, maxRangeSizeBytes: 1 << 30 })
    const keys = Array.from({ length: 6000 }, (_, i) => `data/part-${String(i).padStart(5, '0')}.parquet`)
    for (const key of keys) writer.add({ key, entry: { ...records[1]!.entry, address: `s3://bucket/${key}`, size: keys.length } })
    const mr = writer.close()
    expect(mr.ranges.map((r) => r.count)).toEqual([6000])
    const [info] = mr.ranges
    expect(info!.estimatedSize).toBeGreaterThan(3 * 256 * 1024)
    expect(store.range(info!.id).map((r) => r.key)).toEqual(keys)
    for (const i of [0, 1747, 1748, 3999, 5999]) expect(store.get(mr.id, keys[i]!)?.address).toBe(`s3://bucket/${keys[i]}`)
    expect([...store.iterate(mr.id, keys[4321])].length).toBe(6000 - 4321)
  })
})
