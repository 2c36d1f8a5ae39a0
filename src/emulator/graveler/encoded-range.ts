/**
 * A written range as graveler keeps it: its records' bytes, `<len>key|<len>value|` with the value
 * as committed/value.go MarshalValue lays it out (the bytes its ID hashes), in pages of a few
 * hundred KiB written as records are added, and read back on demand.
 * Ranges live off the JavaScript heap this way: ten million imported objects are a few hundred
 * buffers, not forty million small objects the garbage collector copies and marks.
 */
import type { AddressType, Entry } from './entry.js'

export interface EntryRecord {
  readonly key: string
  readonly entry: Entry
}

/** An entry that carries its identity (catalog/entry.go), as its stored record does. */
export interface StoredIdentity {
  readonly identityHex: string
}

/** One record read back from a range; it is its own entry. */
class DecodedRecord implements EntryRecord, Entry, StoredIdentity {
  address = ''
  addressType: AddressType = 'relative'
  checksum = ''
  size = 0
  mtimeMs = 0
  contentType: string | undefined = undefined
  metadata: Record<string, string> = NO_METADATA

  constructor(
    readonly key: string,
    private readonly page: Buffer,
    private readonly identityAt: number
  ) {}

  get identityHex(): string {
    return this.page.toString('hex', this.identityAt, this.identityAt + 32)
  }

  get entry(): Entry {
    return this
  }
}

const NO_METADATA: Readonly<Record<string, string>> = Object.freeze({})
const DIGIT_0 = 0x30
const DIGIT_9 = 0x39

export class EncodedRange {
  /**
   * `pages`: the records, in order, none split across two pages; `keys`: for record i, where its
   * key starts (2i) and ends (2i + 1) in page `pageOf[i]`. The length prefixes are ASCII decimal
   * right before the key, so a key's start cannot be found from the record's start; this says.
   */
  constructor(
    readonly pages: readonly Buffer[],
    readonly keys: Uint32Array,
    readonly pageOf: Uint16Array
  ) {}

  get length(): number {
    return this.pageOf.length
  }

  keyAt(i: number): string {
    return this.pages[this.pageOf[i]!]!.toString('utf8', this.keys[2 * i], this.keys[2 * i + 1])
  }

  /** The first index whose key is not below `key` in byte order (`length` when none). */
  lowerBound(key: Buffer): number {
    let lo = 0
    let hi = this.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const page = this.pages[this.pageOf[mid]!]!
      if (page.compare(key, 0, key.length, this.keys[2 * mid], this.keys[2 * mid + 1]) < 0) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  recordAt(i: number): EntryRecord {
    const b = this.pages[this.pageOf[i]!]!
    // After the key: `|`, the value's length in decimal, then the value: zigzag(32) = 0x40 and the
    // identity (32 bytes), the entry's protobuf length (zigzag varint) and the protobuf.
    let o = this.keys[2 * i + 1]! + 1
    while (b[o]! >= DIGIT_0 && b[o]! <= DIGIT_9) o++
    const record = new DecodedRecord(this.keyAt(i), b, o + 1)
    o += 1 + 32
    const [protoLen2, start] = varint(b, o)
    readEntryProto(b, start, start + protoLen2 / 2, record)
    return record
  }

  records(): EntryRecord[] {
    const out = new Array<EntryRecord>(this.length)
    for (let i = 0; i < out.length; i++) out[i] = this.recordAt(i)
    return out
  }
}

/** catalog.Entry's protobuf fields (catalog.proto), as encodeEntryProto and RecordEncoder write them. */
function readEntryProto(b: Buffer, o: number, end: number, into: DecodedRecord): void {
  let seconds = 0
  let nanos = 0
  while (o < end) {
    const tag = b[o++]!
    if (tag === 0x18) [into.size, o] = varint(b, o)
    else if (tag === 0x30) {
      into.addressType = b[o++] === 2 ? 'full' : 'relative'
    } else {
      const [len, at] = varint(b, o)
      o = at + len
      if (tag === 0x0a) into.address = b.toString('utf8', at, o)
      else if (tag === 0x22) into.checksum = b.toString('utf8', at, o)
      else if (tag === 0x3a) into.contentType = b.toString('utf8', at, o)
      else if (tag === 0x12) [seconds, nanos] = readTimestamp(b, at, o)
      else if (tag === 0x2a) {
        if (into.metadata === NO_METADATA) into.metadata = {}
        readPair(b, at, o, into.metadata)
      }
    }
  }
  into.mtimeMs = seconds * 1000 + nanos / 1_000_000
}

function readTimestamp(b: Buffer, o: number, end: number): [number, number] {
  let seconds = 0
  let nanos = 0
  while (o < end) {
    const tag = b[o++]!
    if (tag === 0x08) [seconds, o] = varint(b, o)
    else [nanos, o] = varint(b, o)
  }
  return [seconds, nanos]
}

function readPair(b: Buffer, o: number, end: number, into: Record<string, string>): void {
  let k = ''
  let v = ''
  while (o < end) {
    const tag = b[o++]!
    const [len, at] = varint(b, o)
    o = at + len
    if (tag === 0x0a) k = b.toString('utf8', at, o)
    else v = b.toString('utf8', at, o)
  }
  into[k] = v
}

/** An unsigned varint at `o` (arithmetic, not bit shifts: sizes pass 2^31); returns it and where it ends. */
function varint(b: Buffer, o: number): [number, number] {
  let n = 0
  let scale = 1
  for (;;) {
    const byte = b[o++]!
    n += (byte & 0x7f) * scale
    if (byte < 0x80) return [n, o]
    scale *= 0x80
  }
}
