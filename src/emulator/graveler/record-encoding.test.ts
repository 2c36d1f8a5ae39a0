/** The fast range encoder hashes exactly the bytes `entryValue` (the plain reference) lays out. */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { type Entry, entryValue } from './entry.js'
import { RecordEncoder } from './record-encoding.js'

const entries: [string, Entry][] = [
  ['a', { address: 's3://b/a', addressType: 'full', checksum: 'd41d8cd98f00b204e9800998ecf8427e', size: 0, mtimeMs: 1_705_298_400_000, metadata: {} }],
  ['dir/é\u{1F600}', { address: 'data/gx/ab', addressType: 'relative', checksum: 'abc-3', size: 5_000_000_000, mtimeMs: 1_705_298_400_123, contentType: 'text/csv', metadata: { Zeta: 'z', alpha: '', 'X-Lakefs-Meta-Owner': 'ü' } }],
  ['k'.repeat(300), { address: '', addressType: 'full', checksum: '', size: 130, mtimeMs: 999, metadata: {} }],
]

describe('RecordEncoder', () => {
  it('gives the range ID a record-by-record hash of entryValue gives', () => {
    const reference = createHash('sha256')
    const encoder = new RecordEncoder()
    for (const [key, e] of entries) {
      const k = Buffer.from(key, 'utf8')
      const v = entryValue(e)
      reference.update(`${k.length}`).update(k).update('|').update(`${v.length}`).update(v).update('|')
      expect(encoder.append({ key, entry: e })).toBe(k.length + v.length)
    }
    const trailer = Buffer.from('trailer')
    expect(encoder.finish(trailer).id).toBe(reference.update(trailer).digest('hex'))
  })
})
