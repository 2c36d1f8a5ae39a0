/**
 * What an import's walk found, off the JavaScript heap: each walked object's URI, ETag, size and
 * mtime in chunks of CHUNK_RECORDS records, read back as records when the ranges are written.
 * Ten million walked objects held as objects and strings outlive the young generation, and every
 * scavenge copied them (tens of milliseconds each, stalling the event loop); as bytes they cost the
 * collector nothing. A chunk is also the unit the hasher thread hashes identities for, and is let
 * go once the sources reading it are past it.
 */
import { writeIdentityInputBytes } from '../graveler/identity-input.js'
import { ImportedRecord, type KeyFrame } from './imported-record.js'

export const CHUNK_RECORDS = 4096

/** Up to CHUNK_RECORDS walked objects, in columns. */
export interface WalkChunk {
  /** Per record, its URI then its ETag (UTF-8). */
  bytes: Buffer
  /** Where record j starts (`starts[count]` is where the next would), and where its URI ends. */
  readonly starts: Uint32Array
  readonly uriEnds: Uint32Array
  /** Record j's size at 2j and mtime (epoch ms) at 2j + 1. */
  readonly numbers: Float64Array
  count: number
  /** Entry identities made elsewhere: 32 bytes per record, record j at j * 32. */
  identities?: Uint8Array
  /** Sources still to read records of this chunk (set when the walk is done). */
  readers: number
}

export class WalkLog {
  readonly #chunks: (WalkChunk | undefined)[] = []
  #length = 0
  /** Bytes a chunk starts with: what the last full one used, and a little more, so chunks seldom grow. */
  #chunkBytes = CHUNK_RECORDS * 80

  get length(): number {
    return this.#length
  }

  /** Chunks that are full: no more records go into them. */
  get sealedChunks(): number {
    return Math.floor(this.#length / CHUNK_RECORDS)
  }

  append(uri: string, checksum: string, size: number, mtimeMs: number): void {
    const j = this.#length % CHUNK_RECORDS
    if (j === 0) this.#chunks.push(newChunk(this.#chunkBytes))
    const chunk = this.#chunks[this.#chunks.length - 1]!
    const uriLen = Buffer.byteLength(uri, 'utf8')
    const sumLen = Buffer.byteLength(checksum, 'utf8')
    let o = chunk.starts[j]!
    if (o + uriLen + sumLen > chunk.bytes.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(chunk.bytes.length + (chunk.bytes.length >> 2), o + uriLen + sumLen))
      chunk.bytes.copy(grown, 0, 0, o)
      chunk.bytes = grown
    }
    const b = chunk.bytes
    o += b.write(uri, o, uriLen === uri.length ? 'latin1' : 'utf8')
    chunk.uriEnds[j] = o
    o += b.write(checksum, o, sumLen === checksum.length ? 'latin1' : 'utf8')
    chunk.starts[j + 1] = o
    chunk.numbers[2 * j] = size
    chunk.numbers[2 * j + 1] = mtimeMs
    chunk.count++
    this.#length++
    // Not trimmed when full (a copy into fresh memory costs more than the few percent it saves).
    if (chunk.count === CHUNK_RECORDS) this.#chunkBytes = Math.ceil(o * 1.03) + 1024
  }

  /** Record `g` with its key made as `frame` says. */
  record(g: number, frame: KeyFrame): ImportedRecord {
    return new ImportedRecord(frame, this.#chunk(g), g % CHUNK_RECORDS)
  }

  /**
   * The identity inputs (pkg/ident's encoding of size, ETag and no metadata) of chunk `k`'s records
   * in one buffer, with where each ends: what the hasher thread hashes.
   */
  identityInputs(k: number): { input: Buffer; ends: Uint32Array } {
    const { bytes, starts, uriEnds, numbers, count } = this.#chunks[k]!
    const ends = new Uint32Array(count)
    // 32 bytes of encoding around each ETag; its own memory (not the pool): it is transferred.
    const input = Buffer.allocUnsafeSlow(count * 32 + starts[count]!)
    let o = 0
    for (let j = 0; j < count; j++) {
      o = writeIdentityInputBytes(input, o, numbers[2 * j]!, bytes, uriEnds[j]!, starts[j + 1]!)
      ends[j] = o
    }
    return { input: input.subarray(0, o), ends }
  }

  /** Digests for chunk `k`, from the hasher thread; dropped if the chunk was let go meanwhile. */
  setIdentities(k: number, digests: Uint8Array): void {
    const chunk = this.#chunks[k]
    if (chunk) chunk.identities = digests
  }

  /** One more source will read records `from..to` (exclusive): their chunks are kept for it. */
  retain(from: number, to: number): void {
    for (let k = Math.floor(from / CHUNK_RECORDS); k * CHUNK_RECORDS < to; k++) this.#chunks[k]!.readers++
  }

  /** A source has read every record of chunk `k` it had: the chunk goes once no source needs it. */
  release(k: number): void {
    const chunk = this.#chunks[k]
    if (chunk && --chunk.readers <= 0) this.#chunks[k] = undefined
  }

  #chunk(g: number): WalkChunk {
    const chunk = this.#chunks[Math.floor(g / CHUNK_RECORDS)]
    if (!chunk) throw new Error(`walked record ${g} was already let go`)
    return chunk
  }
}

function newChunk(bytes: number): WalkChunk {
  return {
    bytes: Buffer.allocUnsafeSlow(bytes),
    starts: new Uint32Array(CHUNK_RECORDS + 1),
    uriEnds: new Uint32Array(CHUNK_RECORDS),
    numbers: new Float64Array(CHUNK_RECORDS * 2),
    count: 0,
    readers: 0,
  }
}
