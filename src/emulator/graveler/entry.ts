/** A catalog entry (one object on a ref) and its graveler value bytes. */
import { IdentWriter } from './ident.js'

/** FULL: data outside lakeFS (imports). RELATIVE: under the storage namespace (uploads). */
export type AddressType = 'full' | 'relative'

export interface Entry {
  readonly address: string
  readonly addressType: AddressType
  /** ETag / hex MD5, without quotes. */
  readonly checksum: string
  readonly size: number
  /** Last-modified time in epoch milliseconds. */
  readonly mtimeMs: number
  readonly contentType?: string
  readonly metadata: Readonly<Record<string, string>>
}

export const DEFAULT_CONTENT_TYPE = 'application/octet-stream'

/**
 * An entry whose identity was computed elsewhere (an import's hasher thread): 32 bytes at
 * `identityOffset` of a batch of digests that many entries share.
 */
export interface PrehashedIdentity {
  readonly identities: Uint8Array | undefined
  readonly identityOffset: number
}

/** Whether `e` is an entry whose identity was computed elsewhere (it may have been taken already). */
export function isPrehashed(e: Entry): e is Entry & PrehashedIdentity {
  return (e as Partial<PrehashedIdentity>).identities !== undefined
}

/** Entry identity (catalog/entry.go): what makes two entries "the same object" in a diff. */
export function entryIdentity(e: Entry): Buffer {
  return new IdentWriter()
    .int64(e.size)
    .string(e.checksum)
    .stringMap(e.metadata)
    .optionalString(e.contentType)
    .digest()
}

/**
 * The stored value bytes (committed/value.go MarshalValue): varint-prefixed identity and
 * protobuf `catalog.Entry` data. Range IDs hash these, so they can match lakeFS's.
 */
export function entryValue(e: Entry): Buffer {
  return marshalValue(entryIdentity(e), encodeEntryProto(e))
}

export function marshalValue(identity: Uint8Array, data: Uint8Array): Buffer {
  const w = new ProtoWriter()
  w.zigzag(identity.length)
  w.raw(identity)
  w.zigzag(data.length)
  w.raw(data)
  return w.finish()
}

function encodeEntryProto(e: Entry): Uint8Array {
  const w = new ProtoWriter()
  w.stringField(1, e.address)
  const seconds = Math.floor(e.mtimeMs / 1000)
  const nanos = (e.mtimeMs - seconds * 1000) * 1_000_000
  const ts = new ProtoWriter()
  if (seconds) ts.varintField(1, seconds)
  if (nanos) ts.varintField(2, nanos)
  w.messageField(2, ts.finish())
  if (e.size) w.varintField(3, e.size)
  w.stringField(4, e.checksum)
  for (const key of Object.keys(e.metadata).sort()) {
    const kv = new ProtoWriter()
    kv.stringField(1, key)
    kv.stringField(2, e.metadata[key] ?? '')
    w.messageField(5, kv.finish())
  }
  w.varintField(6, e.addressType === 'full' ? 2 : 1)
  if (e.contentType) w.stringField(7, e.contentType)
  return w.finish()
}

/** Just enough protobuf (proto3 semantics: empty strings and zeros are omitted). */
export class ProtoWriter {
  #parts: number[] = []
  #chunks: Uint8Array[] = []

  #flush(): void {
    if (this.#parts.length) {
      this.#chunks.push(Uint8Array.from(this.#parts))
      this.#parts = []
    }
  }

  varint(n: number): void {
    let v = n
    while (v >= 0x80) {
      this.#parts.push((v % 0x80) | 0x80)
      v = Math.floor(v / 0x80)
    }
    this.#parts.push(v)
  }

  /** An int32 or int64 field as Go writes it: a negative number as its 64-bit two's complement (ten bytes). */
  intField(field: number, n: number): void {
    this.varint(field << 3)
    if (n >= 0) return this.varint(n)
    let v = BigInt.asUintN(64, BigInt(n))
    while (v >= 0x80n) {
      this.#parts.push(Number(v & 0x7fn) | 0x80)
      v >>= 7n
    }
    this.#parts.push(Number(v))
  }

  zigzag(n: number): void {
    this.varint(n >= 0 ? n * 2 : -n * 2 - 1)
  }

  raw(bytes: Uint8Array): void {
    this.#flush()
    this.#chunks.push(bytes)
  }

  varintField(field: number, n: number): void {
    this.varint(field << 3)
    this.varint(n)
  }

  bytesField(field: number, bytes: Uint8Array): void {
    if (!bytes.length) return
    this.messageField(field, bytes)
  }

  stringField(field: number, s: string): void {
    if (s) this.bytesField(field, Buffer.from(s, 'utf8'))
  }

  messageField(field: number, bytes: Uint8Array): void {
    this.varint((field << 3) | 2)
    this.varint(bytes.length)
    this.raw(bytes)
  }

  finish(): Buffer {
    this.#flush()
    return Buffer.concat(this.#chunks)
  }
}
