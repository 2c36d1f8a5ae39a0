/**
 * The identities stage of the import pipeline (walk -> identities -> ranges -> metarange ->
 * landing): walked records' entry identities, hashed on the hasher thread a walk-log chunk at a
 * time while the walk goes on. A chunk's digests land in the log beside its records; a record
 * without (no hasher, a closed one, or a chunk not back yet when the ranges stage reaches it) is
 * hashed inline when its range is written, with the same result. The ranges stage never waits.
 */
import type { IdentityHasher } from './identity-hasher.js'
import { CHUNK_RECORDS, type WalkLog } from './walk-log.js'

/** Objects walked before identities go to the hasher: a small import is done before a worker would start. */
const OFFLOAD_AFTER = 20_000
/** Objects walked before the hasher's thread is started, so that it is up (~25 ms) by OFFLOAD_AFTER. */
const WARM_AFTER = 2_000

export class IdentityOffload {
  /** The next chunk of the log to send (chunks sealed before OFFLOAD_AFTER are hashed inline). */
  #next = 0

  constructor(
    private readonly hasher: IdentityHasher | undefined,
    private readonly log: WalkLog
  ) {}

  /** Sends the chunks the walk has filled, once it is past OFFLOAD_AFTER objects. */
  add(walked: number): void {
    if (!this.hasher || walked <= WARM_AFTER) return
    if (walked <= OFFLOAD_AFTER) {
      this.#next = this.log.sealedChunks
      return this.hasher.warm()
    }
    this.#send(this.log.sealedChunks)
  }

  /** Sends what is left, however small: the walk is done. */
  flush(): void {
    if (this.hasher && this.log.length > OFFLOAD_AFTER) this.#send(Math.ceil(this.log.length / CHUNK_RECORDS))
  }

  #send(upTo: number): void {
    const { hasher, log } = this
    for (; hasher && this.#next < upTo; this.#next++) {
      const k = this.#next
      const { input, ends } = log.identityInputs(k)
      void hasher.hash(input, ends).then((digests) => {
        if (digests) log.setIdentities(k, digests)
      })
    }
  }
}
