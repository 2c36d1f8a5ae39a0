/**
 * The protobuf wire format, as far as lakeFS's stored messages need it (varints and length-delimited
 * fields): what graveler.proto's messages look like when lakeFS keeps them in a storage namespace.
 * Fields are written in field-number order, as Go's proto.Marshal does.
 */
import { ValidationError } from '../errors.js'

export type FieldValue = bigint | Uint8Array

/** One field as read: its number and its value (a varint, or the bytes of a length-delimited field). */
export interface Field {
  readonly field: number
  readonly value: FieldValue
}

/** Writes fields: numbers as varints (int32 and int64 as Go encodes them, negatives in ten bytes), strings as UTF-8. */
export class ProtoWriter {
  readonly #chunks: number[] = []

  #varint(v: bigint): void {
    let x = BigInt.asUintN(64, v)
    while (x >= 0x80n) {
      this.#chunks.push(Number(x & 0x7fn) | 0x80)
      x >>= 7n
    }
    this.#chunks.push(Number(x))
  }

  /** A varint field; proto3 leaves out zeros (a map entry's key and value are always written). */
  int(field: number, value: number | bigint, keepZero = false): this {
    if (BigInt(value) === 0n && !keepZero) return this
    this.#varint(BigInt(field << 3))
    this.#varint(BigInt(value))
    return this
  }

  bool(field: number, value: boolean): this {
    return this.int(field, value ? 1 : 0)
  }

  /** A length-delimited field; proto3 leaves out empty strings and bytes. */
  bytes(field: number, value: Uint8Array | string, keepEmpty = false): this {
    const b = typeof value === 'string' ? Buffer.from(value, 'utf8') : value
    if (b.length === 0 && !keepEmpty) return this
    this.#varint(BigInt((field << 3) | 2))
    this.#varint(BigInt(b.length))
    for (const x of b) this.#chunks.push(x)
    return this
  }

  /** An embedded message (always written, as Go writes a set message field even when empty). */
  message(field: number, inner: ProtoWriter): this {
    return this.bytes(field, inner.finish(), true)
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.#chunks)
  }
}

/** Reads a message's fields in order; throws lakeFS's 400 kind of error for bytes that are no message. */
export function readFields(bytes: Uint8Array): Field[] {
  const out: Field[] = []
  let i = 0
  const varint = (): bigint => {
    let result = 0n
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (i >= bytes.length) throw malformed()
      const b = bytes[i++]!
      result |= BigInt(b & 0x7f) << shift
      if ((b & 0x80) === 0) return result
    }
    throw malformed()
  }
  while (i < bytes.length) {
    const key = Number(varint())
    const field = key >>> 3
    const wire = key & 7
    if (field === 0) throw malformed()
    if (wire === 0) out.push({ field, value: varint() })
    else if (wire === 2) {
      const n = Number(varint())
      if (i + n > bytes.length) throw malformed()
      out.push({ field, value: bytes.subarray(i, i + n) })
      i += n
    } else if (wire === 1 || wire === 5) i += wire === 1 ? 8 : 4
    else throw malformed()
  }
  return out
}

/** A varint field's value as a signed 32- or 64-bit number, as Go reads int32 and int64. */
export const asInt = (v: FieldValue | undefined, bits: 32 | 64 = 64): number => (typeof v === 'bigint' ? Number(BigInt.asIntN(bits, v)) : 0)

export const asString = (v: FieldValue | undefined): string => (v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : '')

const malformed = () => new ValidationError('proto: cannot parse invalid wire-format data')
