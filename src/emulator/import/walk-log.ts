/**
 * What an import's walk found, off the JavaScript heap: each walked object's URI, ETag, size and
 * mtime in chunks of CHUNK_RECORDS records, read back as records when the ranges are written.
 * Ten million walked objects held as objects and strings outlive the young generation, and every
 * scavenge copied them (tens of milliseconds each, stalling the event loop); as bytes they cost the
 * collector nothing. A chunk is also the unit the hasher thread hashes identities for, and is let
 * go once the sources reading it are past it.
 */
import { writeIdentityInputBytes } from '../graveler/record-encoding.js'

export const CHUNK_RECORDS = 4096
/** Fixed fields before a record's strings: size, mtime (float64), URI and ETag byte lengths (uint32). */
const HEAD = 24

interface Chunk {
  /** Per record: HEAD bytes, then the URI and the ETag (UTF-8). */
  bytes: Buffer
  /** Where record j starts (`starts[count]` is where the next would). */
  readonly starts: Uint32Array
  count: number
  /** Entry identities made elsewhere: 32 bytes per record, record j at j * 32. */
  identities?: Uint8Array
  /** Sources still to read records of this chunk (set when the walk is done). */
  readers: number
}

export interface WalkedObject {
  readonly uri: string
  readonly checksum: string
  readonly size: number
  readonly mtimeMs: number
  /** The digests made on the hasher thread for this record's chunk, if they came back. */
  readonly identities: Uint8Array | undefined
  readonly identityOffset: number
}

export class WalkLog {
  readonly #chunks: (Chunk | undefined)[] = []
  #length = 0

  get length(): number {
    return this.#length
  }

  /** Chunks that are full: no more records go into them. */
  get sealedChunks(): number {
    return Math.floor(this.#length / CHUNK_RECORDS)
  }

  append(uri: string, checksum: string, size: number, mtimeMs: number): void {
    const j = this.#length % CHUNK_RECORDS
    if (j === 0) this.#chunks.push({ bytes: Buffer.allocUnsafeSlow(CHUNK_RECORDS * 96), starts: new Uint32Array(CHUNK_RECORDS + 1), count: 0, readers: 0 })
    const chunk = this.#chunks[this.#chunks.length - 1]!
    const uriLen = Buffer.byteLength(uri, 'utf8')
    const sumLen = Buffer.byteLength(checksum, 'utf8')
    let o = chunk.starts[j]!
    if (o + HEAD + uriLen + sumLen > chunk.bytes.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(chunk.bytes.length * 2, o + HEAD + uriLen + sumLen))
      chunk.bytes.copy(grown, 0, 0, o)
      chunk.bytes = grown
    }
    const b = chunk.bytes
    b.writeDoubleLE(size, o)
    b.writeDoubleLE(mtimeMs, o + 8)
    b.writeUInt32LE(uriLen, o + 16)
    b.writeUInt32LE(sumLen, o + 20)
    o += HEAD
    o += b.write(uri, o, uriLen === uri.length ? 'latin1' : 'utf8')
    o += b.write(checksum, o, sumLen === checksum.length ? 'latin1' : 'utf8')
    chunk.starts[j + 1] = o
    chunk.count++
    this.#length++
    // A full chunk keeps only the bytes it uses.
    if (chunk.count === CHUNK_RECORDS && o < b.length) chunk.bytes = Buffer.from(b.subarray(0, o))
  }

  read(g: number): WalkedObject {
    const chunk = this.#chunk(g)
    const j = g % CHUNK_RECORDS
    const b = chunk.bytes
    const o = chunk.starts[j]!
    const uriEnd = o + HEAD + b.readUInt32LE(o + 16)
    return {
      uri: b.toString('utf8', o + HEAD, uriEnd),
      checksum: b.toString('utf8', uriEnd, uriEnd + b.readUInt32LE(o + 20)),
      size: b.readDoubleLE(o),
      mtimeMs: b.readDoubleLE(o + 8),
      identities: chunk.identities,
      identityOffset: j * 32,
    }
  }

  /**
   * The identity inputs (pkg/ident's encoding of size, ETag and no metadata) of chunk `k`'s records
   * in one buffer, with where each ends: what the hasher thread hashes.
   */
  identityInputs(k: number): { input: Buffer; ends: Uint32Array } {
    const chunk = this.#chunks[k]!
    const b = chunk.bytes
    const ends = new Uint32Array(chunk.count)
    // 32 bytes of encoding around each ETag; its own memory (not the pool): it is transferred.
    const input = Buffer.allocUnsafeSlow(chunk.count * 32 + chunk.starts[chunk.count]! - chunk.count * HEAD)
    let o = 0
    for (let j = 0; j < chunk.count; j++) {
      const at = chunk.starts[j]!
      const sumStart = at + HEAD + b.readUInt32LE(at + 16)
      o = writeIdentityInputBytes(input, o, b.readDoubleLE(at), b, sumStart, sumStart + b.readUInt32LE(at + 20))
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

  /** Lets every chunk go (the import is over). */
  clear(): void {
    this.#chunks.fill(undefined)
  }

  #chunk(g: number): Chunk {
    const chunk = this.#chunks[Math.floor(g / CHUNK_RECORDS)]
    if (!chunk) throw new Error(`walked record ${g} was already let go`)
    return chunk
  }
}
