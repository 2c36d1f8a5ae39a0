/**
 * The identities stage of the import pipeline (walk -> identities -> ranges -> metarange ->
 * landing): walked records' entry identities, hashed on the hasher thread in batches while the
 * walk goes on. Each record gets its digest (PrehashedIdentity); one without (no hasher, a closed
 * one, or a batch not back yet when the ranges stage reaches it) is hashed inline when its range is
 * written, with the same result. The ranges stage never waits for the hasher.
 */
import { writeIdentityInput } from '../graveler/record-encoding.js'
import type { IdentityHasher } from './identity-hasher.js'
import type { ImportedRecord } from './imported-record.js'

/** Objects walked before identities go to the hasher: a small import is done before a worker would start. */
const OFFLOAD_AFTER = 20_000
/** Objects walked before the hasher's thread is started, so that it is up (~25 ms) by OFFLOAD_AFTER. */
const WARM_AFTER = 2_000
/** Identities per batch sent to the hasher. */
const OFFLOAD_BATCH = 4096

export class IdentityOffload {
  /** Walked records whose identities are still to be sent. */
  #unsent: ImportedRecord[] = []
  constructor(private readonly hasher: IdentityHasher | undefined) {}

  /** Takes freshly walked records, once the walk is past OFFLOAD_AFTER, and sends full batches. */
  add(records: readonly ImportedRecord[], walked: number): void {
    if (!this.hasher || walked <= WARM_AFTER) return
    if (walked <= OFFLOAD_AFTER) return this.hasher.warm()
    for (const r of records) this.#unsent.push(r)
    this.#send(false)
  }

  /** Sends what is left, however small: the walk is done. */
  flush(): void {
    this.#send(true)
  }

  #send(all: boolean): void {
    const hasher = this.hasher
    while (hasher && this.#unsent.length >= (all ? 1 : OFFLOAD_BATCH)) {
      const records = this.#unsent.splice(0, OFFLOAD_BATCH)
      const { input, ends } = identityInputs(records)
      void hasher.hash(input, ends).then((digests) => {
        if (!digests) return
        for (let i = 0; i < records.length; i++) {
          records[i]!.identities = digests
          records[i]!.identityIndex = i
        }
      })
    }
  }
}

/** The records' identity inputs in one buffer, with where each ends. */
function identityInputs(records: readonly ImportedRecord[]): { input: Buffer; ends: Uint32Array } {
  // `ends` holds each checksum's length until it holds where each input ends.
  const ends = new Uint32Array(records.length)
  let total = 0
  for (let i = 0; i < records.length; i++) total += 32 + (ends[i] = Buffer.byteLength(records[i]!.checksum, 'utf8'))
  // Its own memory, not the shared pool: the buffer is transferred to the worker.
  const input = Buffer.allocUnsafeSlow(total)
  let o = 0
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!
    o = writeIdentityInput(input, o, r.size, r.checksum, ends[i]!)
    ends[i] = o
  }
  return { input, ends }
}
