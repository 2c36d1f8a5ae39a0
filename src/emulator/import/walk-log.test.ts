/** The walk log gives back what the walk put in, hashes what the entry identity hashes, and lets chunks go. */
import { hash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { entryIdentity } from '../graveler/entry.js'
import type { KeyFrame } from './imported-record.js'
import { CHUNK_RECORDS, WalkLog } from './walk-log.js'

/** Keys that are the address itself: the log read back as it was written. */
const AS_WALKED: KeyFrame = { prefix: '', prefixBytes: Buffer.alloc(0), dropBytes: 0 }

const object = (i: number) => ({
  uri: i % 7 === 0 ? `s3://bücket/dïr/😀-${i}` : `s3://bucket/p/${i}`,
  checksum: i % 5 === 0 ? `${i.toString(16)}-3` : i.toString(16).padStart(32, '0'),
  size: i % 3 === 0 ? 2 ** 33 + i : i,
  mtimeMs: 1_705_298_400_000 + i,
})

function filled(n: number): WalkLog {
  const log = new WalkLog()
  for (let i = 0; i < n; i++) {
    const o = object(i)
    log.append(o.uri, o.checksum, o.size, o.mtimeMs)
  }
  return log
}

describe('WalkLog', () => {
  const n = 2 * CHUNK_RECORDS + 17

  it('reads back every object walked, across chunks', () => {
    const log = filled(n)
    expect([log.length, log.sealedChunks]).toEqual([n, 2])
    for (let i = 0; i < n; i++) {
      const { key, address, checksum, size, mtimeMs } = log.record(i, AS_WALKED)
      expect({ uri: address, checksum, size, mtimeMs }).toEqual(object(i))
      expect(key).toBe(address)
    }
  })

  it("gives each chunk's identity inputs, which hash to the entry identity", () => {
    const log = filled(n)
    for (const k of [0, 2]) {
      const { input, ends } = log.identityInputs(k)
      for (let j = 0, start = 0; j < ends.length; start = ends[j++]!) {
        const o = object(k * CHUNK_RECORDS + j)
        expect(hash('sha256', input.subarray(start, ends[j]), 'hex')).toBe(entryIdentity({ ...o, address: '', addressType: 'full', metadata: {} }).toString('hex'))
      }
    }
    const digests = new Uint8Array(CHUNK_RECORDS * 32).fill(7)
    log.setIdentities(1, digests)
    const hashed = log.record(CHUNK_RECORDS + 3, AS_WALKED)
    expect([hashed.identities, hashed.identityOffset]).toEqual([digests, 96])
    expect(log.record(3, AS_WALKED).identities).toBeUndefined()
  })

  it('lets a chunk go once every source reading it is past it', () => {
    const log = filled(n)
    log.retain(0, CHUNK_RECORDS + 10)
    log.retain(CHUNK_RECORDS + 10, n)
    log.release(0)
    expect(() => log.record(5, AS_WALKED)).toThrow('walked record 5 was already let go')
    log.release(1)
    expect(log.record(CHUNK_RECORDS, AS_WALKED).address).toBe(object(CHUNK_RECORDS).uri)
    log.release(1)
    expect(() => log.record(CHUNK_RECORDS, AS_WALKED)).toThrow('already let go')
    expect(log.record(n - 1, AS_WALKED).address).toBe(object(n - 1).uri)
  })
})
