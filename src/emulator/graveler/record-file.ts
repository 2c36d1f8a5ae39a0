/**
 * The files the emulator keeps lakeFS's metadata in (a deliberate difference from lakeFS's Pebble
 * SSTables, docs/differences.md): `<len>key|<len>value|` records, lengths in ASCII decimal, values
 * as committed/value.go MarshalValue lays them out (zig-zag varint length and identity, then the
 * data's), ending with the ident encoding of {"type": "ranges"} or {"type": "metaranges"}. A file's
 * SHA-256 is its ID. Refs dumps write commits, branches and tags this way, as lakeFS writes them as
 * ranges and metaranges.
 */
import { createHash } from 'node:crypto'
import { ValidationError } from '../errors.js'
import { marshalValue, ProtoWriter } from './entry.js'
import { identBytes } from './ident.js'
import type { RangeInfo } from './metarange.js'
import { asInt, asString, readFields } from './protobuf.js'

export const RANGES_TRAILER = identBytes((w) => w.stringMap({ type: 'ranges' }))
export const METARANGES_TRAILER = identBytes((w) => w.stringMap({ type: 'metaranges' }))

/** A record's value: its identity and its data (committed/value.go Value). */
export interface RecordValue {
  readonly identity: Uint8Array
  readonly data: Uint8Array
}

/** The bytes of a file holding these records (keys in byte order), with its trailer. */
export function recordFileBytes(records: readonly (readonly [string, RecordValue])[], trailer: Uint8Array): Buffer {
  const parts: Buffer[] = []
  for (const [k, v] of records) {
    const key = Buffer.from(k, 'utf8')
    const value = marshalValue(v.identity, v.data)
    parts.push(Buffer.from(`${key.length}`), key, Buffer.from('|'), Buffer.from(`${value.length}`), value, Buffer.from('|'))
  }
  parts.push(Buffer.from(trailer))
  return Buffer.concat(parts)
}

/** A file's records as offsets into its bytes: key start and end, value start and end, four per record. */
export interface ScannedFile {
  /** The records' bytes (the file without its trailer). */
  readonly body: Buffer
  readonly offsets: Uint32Array
  readonly count: number
}

/** Scans a file checked against its ID and trailer; lakeFS's 400 kind of error for a damaged one. */
export function scanRecordFile(bytes: Uint8Array, id: string, trailer: Uint8Array): ScannedFile {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (createHash('sha256').update(b).digest('hex') !== id) throw damaged(id, 'its SHA-256 is not its ID')
  const end = b.length - trailer.length
  if (end < 0 || !b.subarray(end).equals(Buffer.from(trailer))) throw damaged(id, 'it ends with another trailer')
  // A length runs straight into its key, which may start with digits too: each field takes the
  // shortest length its '|' confirms, and a dead end goes back for a longer one (a search, not a guess).
  const fields: { start: number; digits: number; length: number }[] = []
  let o = 0
  let minDigits = 1
  while (o < end || fields.length % 2 !== 0) {
    const digits = o < end ? fieldAt(b, o, end, minDigits) : undefined
    if (digits) {
      fields.push({ start: o, ...digits })
      o += digits.digits + digits.length + 1
      minDigits = 1
      continue
    }
    const last = fields.pop()
    if (!last) throw damaged(id, 'a record is cut short')
    o = last.start
    minDigits = last.digits + 1
  }
  const found = fields.flatMap((f) => [f.start + f.digits, f.start + f.digits + f.length])
  return { body: b.subarray(0, end), offsets: Uint32Array.from(found), count: found.length / 4 }
}

/** The records of a file, checked against its ID and trailer. */
export function readRecordFile(bytes: Uint8Array, id: string, trailer: Uint8Array): [string, RecordValue][] {
  const { body, offsets, count } = scanRecordFile(bytes, id, trailer)
  const out: [string, RecordValue][] = []
  for (let i = 0; i < count; i++) {
    const key = body.toString('utf8', offsets[4 * i], offsets[4 * i + 1])
    out.push([key, unmarshalValue(body.subarray(offsets[4 * i + 2], offsets[4 * i + 3]), id)])
  }
  return out
}

/** The first length of at least `minDigits` digits at `o` whose field ends with '|' before `end`. */
function fieldAt(b: Buffer, o: number, end: number, minDigits: number): { digits: number; length: number } | undefined {
  let n = 0
  for (let k = 1; o + k <= end && b[o + k - 1]! >= 0x30 && b[o + k - 1]! <= 0x39; k++) {
    n = n * 10 + (b[o + k - 1]! - 0x30)
    if (k >= minDigits && o + k + n < end && b[o + k + n] === 0x7c) return { digits: k, length: n }
  }
  return undefined
}

/** committed/value.go UnmarshalValue. */
function unmarshalValue(b: Buffer, id: string): RecordValue {
  let o = 0
  const length = (): number => {
    let n = 0
    let shift = 0
    for (;;) {
      if (o >= b.length) throw damaged(id, 'a value is cut short')
      const x = b[o++]!
      n += (x & 0x7f) * 2 ** shift
      shift += 7
      if (x < 0x80) break
    }
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2
  }
  const n = length()
  const identity = b.subarray(o, o + n)
  o += n
  const m = length()
  return { identity, data: b.subarray(o, o + m) }
}

/** A metarange's records: one per range, keyed by its max key, valued with its ID and RangeData. */
export function metaRangeRecords(ranges: readonly RangeInfo[]): [string, RecordValue][] {
  return ranges.map((r) => {
    const data = new ProtoWriter()
    data.stringField(1, r.minKey)
    data.stringField(2, r.maxKey)
    if (r.estimatedSize) data.varintField(3, r.estimatedSize)
    if (r.count) data.varintField(4, r.count)
    return [r.maxKey, { identity: Buffer.from(r.id, 'ascii'), data: data.finish() }]
  })
}

/** The ranges a metarange file names (RangeData: min_key 1, max_key 2, estimated_size 3, count 4). */
export function rangesOf(records: readonly (readonly [string, RecordValue])[]): RangeInfo[] {
  return records.map(([, v]) => {
    const f = readFields(v.data)
    const get = (n: number) => f.find((x) => x.field === n)?.value
    return { id: Buffer.from(v.identity).toString('ascii'), minKey: asString(get(1)), maxKey: asString(get(2)), estimatedSize: asInt(get(3)), count: asInt(get(4)) }
  })
}

const damaged = (id: string, why: string) => new ValidationError(`metadata file ${id} is damaged: ${why}`)
