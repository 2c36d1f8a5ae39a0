/**
 * The bytes a range ID hashes, written straight into one buffer: for each record,
 * `<len>key|<len>value|` with the value as committed/value.go MarshalValue lays it out. This is
 * `entryValue` without the intermediate buffers, the hot loop of every import; the range keeps
 * these bytes as its stored form (EncodedRange).
 */
import { createHash, hash as oneShotHash, type Hash } from 'node:crypto'
import { EncodedRange, type EntryRecord } from './encoded-range.js'
import { type Entry, entryIdentity, isPrehashed } from './entry.js'
import { copyBytes, writeIdentityInput, writeIdentityInputBytes } from './identity-input.js'

/**
 * An entry whose key, address and checksum are UTF-8 bytes already (a record of an import's walk
 * log): the encoder copies them rather than encode strings. The key is `keyPrefix` followed by
 * `bytes[keyRest..addrEnd)` (the address's part relative to its source); the address is
 * `bytes[addrStart..addrEnd)` and the checksum `bytes[addrEnd..sumEnd)`.
 */
export interface RawEntryBytes {
  readonly bytes: Buffer
  readonly keyPrefix: Buffer
  readonly keyRest: number
  readonly addrStart: number
  readonly addrEnd: number
  readonly sumEnd: number
}

export interface RawEntry extends Entry {
  readonly raw: RawEntryBytes
}

const TWO_32 = 4294967296
const PIPE = 0x7c
/**
 * A range's bytes are written in pages of this size, each hashed when full: closing a 20 MiB range
 * is neither one long hash nor one long copy (fresh memory costs a page fault per 4 KiB touched,
 * about 3 ms per MiB on a small VM, so a range is never copied whole).
 */
const PAGE = 1 << 18

export class RecordEncoder {
  #buf = Buffer.allocUnsafeSlow(PAGE)
  #off = 0
  /** The range's full pages so far. */
  #pages: Buffer[] = []
  /** Where each record's key starts and ends in its page, two entries per record, and which page. */
  #keys = new Uint32Array(2048)
  #pageOf = new Uint16Array(1024)
  #count = 0
  #hash: Hash = createHash('sha256')
  readonly #identity = Buffer.allocUnsafe(1024)
  /** FNV-1a 64 of the last key's bytes, as two 32-bit halves. */
  lastKeyHi = 0
  lastKeyLo = 0

  /** Appends a record; returns its key and value byte count (graveler's range size estimate). */
  append(record: EntryRecord): number {
    const e = record.entry
    const raw = (e as Partial<RawEntry>).raw
    const key = raw ? '' : record.key
    const keyLen = raw ? raw.keyPrefix.length + raw.addrEnd - raw.keyRest : Buffer.byteLength(key, 'utf8')
    const addrLen = raw ? raw.addrEnd - raw.addrStart : Buffer.byteLength(e.address, 'utf8')
    const sumLen = raw ? raw.sumEnd - raw.addrEnd : Buffer.byteLength(e.checksum, 'utf8')
    const ctLen = e.contentType ? Buffer.byteLength(e.contentType, 'utf8') : 0
    const metaKeys = hasKeys(e.metadata) ? Object.keys(e.metadata).sort() : NO_KEYS
    const seconds = Math.floor(e.mtimeMs / 1000)
    const nanos = (e.mtimeMs - seconds * 1000) * 1_000_000
    const tsLen = (seconds ? 1 + varintLen(seconds) : 0) + (nanos ? 1 + varintLen(nanos) : 0)
    let protoLen =
      field(addrLen) + 1 + varintLen(tsLen) + tsLen + (e.size ? 1 + varintLen(e.size) : 0) + field(sumLen) + 2 + field(ctLen)
    for (const k of metaKeys) protoLen += 1 + lenPrefixed(pairLen(k, e.metadata[k]!))
    // MarshalValue writes both lengths zigzag-encoded (2n for n >= 0).
    const valueLen = 1 + 32 + varintLen(protoLen * 2) + protoLen
    this.#reserve(24 + keyLen + valueLen + 2)

    const buf = this.#buf
    let o = writeDecimal(buf, this.#off, keyLen)
    const keyStart = o
    if (raw) o = copyKey(buf, o, raw)
    // A UTF-8 length equal to the string's length means ASCII: Latin-1 writes the same bytes, faster.
    else o += buf.write(key, o, keyLen === key.length ? 'latin1' : 'utf8')
    this.#fnv(keyStart, o)
    this.#indexKey(keyStart, o)
    buf[o++] = PIPE
    o = writeDecimal(buf, o, valueLen)
    // Identity: zigzag length (32 -> 64), then the 32-byte digest.
    buf[o++] = 64
    this.#writeIdentity(e, raw, sumLen, metaKeys.length, buf, o)
    o = writeVarint(buf, o + 32, protoLen * 2)
    if (addrLen) o = raw ? copyField(buf, o, 0x0a, raw.bytes, raw.addrStart, raw.addrEnd) : writeString(buf, o, 0x0a, e.address, addrLen)
    buf[o++] = 0x12
    o = writeVarint(buf, o, tsLen)
    if (seconds) o = writeVarint(buf, (buf[o] = 0x08, o + 1), seconds)
    if (nanos) o = writeVarint(buf, (buf[o] = 0x10, o + 1), nanos)
    if (e.size) o = writeVarint(buf, (buf[o] = 0x18, o + 1), e.size)
    if (sumLen) o = raw ? copyField(buf, o, 0x22, raw.bytes, raw.addrEnd, raw.sumEnd) : writeString(buf, o, 0x22, e.checksum, sumLen)
    o = writeMetadata(buf, o, e.metadata, metaKeys)
    buf[o++] = 0x30
    buf[o++] = e.addressType === 'full' ? 2 : 1
    if (ctLen) o = writeString(buf, o, 0x3a, e.contentType!, ctLen)
    buf[o++] = PIPE
    this.#off = o
    return keyLen + valueLen
  }

  /**
   * The range: its ID (SHA-256 of its records and `trailer`) and its records' bytes; the encoder
   * starts the next range.
   */
  finish(trailer: Uint8Array): { id: string; range: EncodedRange } {
    // The last page, at its exact size: a fresh page is one allocation and its unused part not kept.
    const last = Buffer.allocUnsafeSlow(this.#off)
    this.#buf.copy(last, 0, 0, this.#off)
    const pages = this.#off ? [...this.#pages, last] : this.#pages
    const id = this.#hash.update(last).update(trailer).digest('hex')
    const range = new EncodedRange(pages, this.#keys.slice(0, this.#count * 2), this.#pageOf.slice(0, this.#count))
    this.#hash = createHash('sha256')
    this.#pages = []
    this.#off = 0
    this.#count = 0
    return { id, range }
  }

  /** FNV-1a 64 of the last key, modulo n (graveler's range split test). */
  lastKeyMod(n: number): number {
    return (((this.lastKeyHi % n) * (TWO_32 % n)) % n + (this.lastKeyLo % n)) % n
  }

  /** Makes room for a record of up to `n` bytes: records are never split across pages. */
  #reserve(n: number): void {
    if (this.#off + n <= this.#buf.length) return
    if (this.#off > 0) {
      const full = this.#buf.subarray(0, this.#off)
      this.#hash.update(full)
      this.#pages.push(full)
    }
    this.#buf = Buffer.allocUnsafeSlow(Math.max(PAGE, n))
    this.#off = 0
  }

  #indexKey(start: number, end: number): void {
    if (this.#count === this.#pageOf.length) {
      const keys = new Uint32Array(this.#keys.length * 2)
      keys.set(this.#keys)
      this.#keys = keys
      const pageOf = new Uint16Array(this.#pageOf.length * 2)
      pageOf.set(this.#pageOf)
      this.#pageOf = pageOf
    }
    this.#keys[this.#count * 2] = start
    this.#keys[this.#count * 2 + 1] = end
    this.#pageOf[this.#count] = this.#pages.length
    this.#count++
  }

  #fnv(start: number, end: number): void {
    const buf = this.#buf
    let hi = 0xcbf29ce4
    let lo = 0x84222325
    for (let i = start; i < end; i++) {
      lo = (lo ^ buf[i]!) >>> 0
      // Multiply (hi:lo) by the FNV prime 2^40 + 0x1b3, modulo 2^64, in 32-bit halves.
      const loMul = lo * 0x1b3
      hi = (hi * 0x1b3 + lo * 256 + Math.floor(loMul / TWO_32)) >>> 0
      lo = loMul >>> 0
    }
    this.lastKeyHi = hi
    this.lastKeyLo = lo
  }

  /**
   * Writes the entry identity (catalog/entry.go) at `o`: the digest the hasher thread made, or
   * a hash now (the common case, no metadata or content type, without allocations).
   */
  #writeIdentity(e: Entry, raw: RawEntryBytes | undefined, sumLen: number, metaCount: number, buf: Buffer, o: number): void {
    if (isPrehashed(e)) {
      const hashed = e.identities!
      for (let i = 0, at = e.identityOffset; i < 32; i++) buf[o + i] = hashed[at + i]!
      return
    }
    if (metaCount || e.contentType || sumLen > 900) {
      buf.set(entryIdentity(e), o)
      return
    }
    const end = raw
      ? writeIdentityInputBytes(this.#identity, 0, e.size, raw.bytes, raw.addrEnd, raw.sumEnd)
      : writeIdentityInput(this.#identity, 0, e.size, e.checksum, sumLen)
    buf.set(oneShotHash('sha256', this.#identity.subarray(0, end), 'buffer'), o)
  }
}

function varintLen(n: number): number {
  let len = 1
  while (n >= 0x80) {
    n = Math.floor(n / 0x80)
    len++
  }
  return len
}

function lenPrefixed(len: number): number {
  return varintLen(len) + len
}

/** A length-delimited field of `len` bytes, or nothing when empty (proto3). */
function field(len: number): number {
  return len ? 1 + lenPrefixed(len) : 0
}

function pairLen(k: string, v: string): number {
  return field(Buffer.byteLength(k, 'utf8')) + field(Buffer.byteLength(v, 'utf8'))
}

function writeVarint(buf: Buffer, o: number, n: number): number {
  while (n >= 0x80) {
    buf[o++] = (n % 0x80) | 0x80
    n = Math.floor(n / 0x80)
  }
  buf[o++] = n
  return o
}

const NO_KEYS: string[] = []

/** Whether an object has any own enumerable key, without listing them (imports rarely carry metadata). */
function hasKeys(o: object): boolean {
  for (const _ in o) return true
  return false
}

/** `n` in ASCII decimal, as graveler writes lengths; no string for the usual sizes. */
function writeDecimal(buf: Buffer, o: number, n: number): number {
  if (n >= 10_000) return o + buf.write(String(n), o, 'latin1')
  if (n >= 1000) buf[o++] = 48 + Math.floor(n / 1000)
  if (n >= 100) buf[o++] = 48 + (Math.floor(n / 100) % 10)
  if (n >= 10) buf[o++] = 48 + (Math.floor(n / 10) % 10)
  buf[o++] = 48 + (n % 10)
  return o
}

function writeMetadata(buf: Buffer, o: number, metadata: Readonly<Record<string, string>>, keys: readonly string[]): number {
  for (const k of keys) {
    const v = metadata[k]!
    buf[o++] = 0x2a
    o = writeVarint(buf, o, pairLen(k, v))
    const kl = Buffer.byteLength(k, 'utf8')
    const vl = Buffer.byteLength(v, 'utf8')
    if (kl) o = writeString(buf, o, 0x0a, k, kl)
    if (vl) o = writeString(buf, o, 0x12, v, vl)
  }
  return o
}

/** A raw entry's key: its prefix, then the rest of its address. */
function copyKey(buf: Buffer, o: number, raw: RawEntryBytes): number {
  o = copyBytes(buf, o, raw.keyPrefix, 0, raw.keyPrefix.length)
  return copyBytes(buf, o, raw.bytes, raw.keyRest, raw.addrEnd)
}

function copyField(buf: Buffer, o: number, tag: number, from: Buffer, start: number, end: number): number {
  buf[o++] = tag
  o = writeVarint(buf, o, end - start)
  return copyBytes(buf, o, from, start, end)
}

function writeString(buf: Buffer, o: number, tag: number, s: string, len: number): number {
  buf[o++] = tag
  o = writeVarint(buf, o, len)
  return o + buf.write(s, o, len === s.length ? 'latin1' : 'utf8')
}
