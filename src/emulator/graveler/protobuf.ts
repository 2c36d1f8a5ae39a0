/**
 * Reading the protobuf wire format, as far as lakeFS's stored messages need it (varints and
 * length-delimited fields; fixed-width ones are skipped). They are written with entry.ts's ProtoWriter.
 */
import { ValidationError } from '../errors.js'

export type FieldValue = bigint | Uint8Array

/** One field as read: its number and its value (a varint, or the bytes of a length-delimited field). */
export interface Field {
  readonly field: number
  readonly value: FieldValue
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
