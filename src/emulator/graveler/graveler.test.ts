import { describe, expect, it } from 'vitest'
import type { Entry } from './entry.js'
import { fnv1a64Mod } from './fnv.js'
import { identBytes, IdentWriter } from './ident.js'
import { MetaRangeWriter, RangeStore } from './metarange.js'
import { combineImport, iteratorSource, SourceMerge } from './tree-import.js'
import { compareBytewise } from '../../util/byte-order.js'

const entry = (k: string): Entry => ({ address: `s3://b/${k}`, addressType: 'full', checksum: 'abc', size: 1, mtimeMs: 0, metadata: {} })

function fnvReference(s: string, n: number): number {
  let h = 0xcbf29ce484222325n
  for (const b of Buffer.from(s)) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn
  return Number(h % BigInt(n))
}

describe('graveler identities', () => {
  it('hashes the empty range and metarange to the IDs computed from lakeFS', () => {
    const store = new RangeStore()
    expect(new MetaRangeWriter(store).close().id).toBe('00fb7eff1a97c500eb3ca8d2ef5464131d6b6a5f9512e41eba97843522213b66')
    expect(new IdentWriter().stringMap({ type: 'ranges' }).hex()).toBe('5105eaf20d56aa444d5402b4eab9d952aecff97791980db9141ca8e2590ce149')
    expect(identBytes((w) => w.int64(1))).toEqual(Buffer.from([2, 8, 0, 0, 0, 0, 0, 0, 0, 1]))
  })

  it('computes FNV-1a-64 like a BigInt reference, for ASCII and multi-byte keys', () => {
    for (const key of ['', 'a', 'prefix-1/file000001', 'ünï/😀', 'x'.repeat(300)]) {
      for (const n of [50_000, 7, 2 ** 31]) expect(fnv1a64Mod(key, n)).toBe(fnvReference(key, n))
    }
  })
})

describe('byte order', () => {
  it('sorts as UTF-8 bytes, unlike JavaScript above U+FFFF', () => {
    const keys = ['a\u{1F600}', 'a\uFFFD', 'a', 'ab']
    expect([...keys].sort(compareBytewise)).toEqual(['a', 'ab', 'a\uFFFD', 'a\u{1F600}'])
    expect([...keys].sort()).toEqual(['a', 'ab', 'a\u{1F600}', 'a\uFFFD'])
  })
})

describe('ranges', () => {
  it('split after keys whose FNV hash is 0 mod raggedness, so boundaries depend only on keys', () => {
    const keys = Array.from({ length: 200 }, (_, i) => `k${String(i).padStart(4, '0')}`)
    const write = (records: string[]) => {
      const w = new MetaRangeWriter(new RangeStore(), { raggednessEntries: 10, maxRangeSizeBytes: 1 << 30 })
      for (const k of records) w.add({ key: k, entry: entry(k) })
      return w.close()
    }
    const mr = write(keys)
    const cuts = keys.filter((k) => fnv1a64Mod(k, 10) === 0)
    expect(mr.ranges.map((r) => r.maxKey)).toEqual(keys.at(-1) === cuts.at(-1) ? cuts : [...cuts, keys.at(-1)])
    expect(mr.ranges.reduce((n, r) => n + r.count, 0)).toBe(200)
    expect(write(keys).id).toBe(mr.id)
  })

  it('split when a range reaches the maximum size', () => {
    const w = new MetaRangeWriter(new RangeStore(), { raggednessEntries: 1_000_000_007, maxRangeSizeBytes: 1000 })
    for (let i = 0; i < 50; i++) w.add({ key: `key-${i}`, entry: entry(`key-${i}`) })
    const ranges = w.close().ranges
    expect(ranges.length).toBeGreaterThanOrEqual(3)
    for (const r of ranges.slice(0, -1)) expect(r.estimatedSize).toBeGreaterThanOrEqual(1000)
  })

  it('reuse untouched ranges whole when combining an import', () => {
    const store = new RangeStore()
    const keep = Array.from({ length: 120_000 }, (_, i) => `keep/${String(i).padStart(6, '0')}`)
    const w = new MetaRangeWriter(store)
    for (const k of keep) w.add({ key: k, entry: entry(k) })
    const base = w.close()
    const gen = combineImport(store, base.id, [iteratorSource([{ key: 'new/x', entry: entry('new/x') }].values())], ['new/'])
    let step = gen.next()
    while (!step.done) step = gen.next()
    const combined = step.value
    expect(combined.ranges.slice(0, base.ranges.length - 1)).toEqual(base.ranges.slice(0, -1))
    expect(combined.ranges.reduce((n, r) => n + r.count, 0)).toBe(120_001)
  })
})

describe('imported sources merged into one stream', () => {
  it('takes keys in byte order; on equal keys the later record wins, within a source and across sources', () => {
    const rec = (key: string, tag: string) => ({ key, entry: { ...entry(key), address: tag } })
    const merge = new SourceMerge([
      iteratorSource([rec('a', 's0'), rec('b', 's0'), rec('b', 's0-later'), rec('d', 's0')].values()),
      iteratorSource([rec('b', 's1'), rec('c', 's1'), rec('d', 's1'), rec('d', 's1-later')].values()),
      iteratorSource([].values()),
      iteratorSource([rec('d', 's3'), rec('e', 's3')].values()),
    ])
    const out: string[] = []
    for (let r = merge.peek(); r; r = merge.peek()) out.push(`${r.key}:${merge.take().entry.address}`)
    expect(out).toEqual(['a:s0', 'b:s1', 'c:s1', 'd:s3', 'e:s3'])
  })
})
