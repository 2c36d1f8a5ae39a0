/**
 * lakeFS's identity encoding (pkg/ident/ident.go): a typed, length-prefixed byte stream whose
 * SHA-256 becomes a commit, range or metarange ID.
 */
import { createHash, type Hash } from 'node:crypto'
import { compareBytewise } from '../../util/byte-order.js'

const T_BYTES = 0
const T_STRING = 1
const T_INT64 = 2
const T_STRING_SLICE = 3
const T_STRING_MAP = 4
const T_EMBEDDED = 5

/** Anything that takes bytes: a running hash, or a collector. */
export interface ByteSink {
  update(data: Uint8Array): unknown
}

/** Writes ident-encoded values into a sink, by default a running SHA-256. */
export class IdentWriter {
  constructor(private readonly sink: ByteSink = createHash('sha256')) {}

  #int64Raw(n: number | bigint): void {
    const b = Buffer.alloc(10)
    b[0] = T_INT64
    b[1] = 8
    b.writeBigInt64BE(BigInt(n), 2)
    this.sink.update(b)
  }

  int64(n: number | bigint): this {
    this.#int64Raw(n)
    return this
  }

  bytes(data: Uint8Array): this {
    this.sink.update(Uint8Array.of(T_BYTES))
    this.#int64Raw(data.length)
    this.sink.update(data)
    return this
  }

  string(s: string): this {
    const data = Buffer.from(s, 'utf8')
    this.sink.update(Uint8Array.of(T_STRING))
    this.#int64Raw(data.length)
    this.sink.update(data)
    return this
  }

  /** Written only when non-empty, as lakeFS's `MarshalOptionalString` does. */
  optionalString(s: string | undefined): this {
    if (s) this.string(s)
    return this
  }

  stringSlice(items: readonly string[]): this {
    this.sink.update(Uint8Array.of(T_STRING_SLICE))
    this.#int64Raw(items.length)
    for (const s of items) this.string(s)
    return this
  }

  /** Maps are written in sorted key order so identity does not depend on insertion order. */
  stringMap(map: Readonly<Record<string, string>>): this {
    const keys = Object.keys(map).sort(compareBytewise)
    this.sink.update(Uint8Array.of(T_STRING_MAP))
    this.#int64Raw(keys.length)
    for (const k of keys) this.string(k).string(map[k] ?? '')
    return this
  }

  embedded(childDigest: Uint8Array): this {
    this.sink.update(Uint8Array.of(T_EMBEDDED))
    this.bytes(childDigest)
    return this
  }

  hex(): string {
    return (this.sink as Hash).digest('hex')
  }

  digest(): Buffer {
    return (this.sink as Hash).digest()
  }
}

/** The raw ident encoding of whatever `write` writes, for appending to another hash. */
export function identBytes(write: (w: IdentWriter) => void): Buffer {
  const chunks: Buffer[] = []
  write(new IdentWriter({ update: (d: Uint8Array) => chunks.push(Buffer.from(d)) }))
  return Buffer.concat(chunks)
}
