/** Seeded randomness: the only source of opaque IDs, so the same seed gives the same IDs. */
import { Faker, en } from '@faker-js/faker'

/** A per-emulator generator; never the global `faker`. */
export class SeededRandom {
  readonly #faker: Faker

  constructor(readonly seed: number) {
    this.#faker = new Faker({ locale: [en], seed })
  }

  /** An integer in [0, max). */
  int(max: number): number {
    return this.#faker.number.int({ min: 0, max: max - 1 })
  }

  /** A number in [0, 1). */
  fraction(): number {
    return this.int(0x100000000) / 0x100000000
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n)
    for (let i = 0; i < n; i++) out[i] = this.int(256)
    return out
  }
}

const BASE32_HEX = '0123456789abcdefghijklmnopqrstuv'

/**
 * Makes IDs shaped like rs/xid (what lakeFS uses for import IDs and upload addresses):
 * 4 bytes of big-endian seconds, 3 of machine id, 2 of pid, 3 of counter, in base32hex.
 * Machine id, pid and the counter's start come from the seeded generator.
 */
export class XidGenerator {
  readonly #machine: Uint8Array
  readonly #pid: number
  #counter: number

  constructor(random: SeededRandom) {
    this.#machine = random.bytes(3)
    this.#pid = random.int(0x10000)
    this.#counter = random.int(0x1000000)
  }

  /** The counter the next ID takes; a snapshot keeps it so that IDs go on where they left off. */
  get counter(): number {
    return this.#counter
  }

  set counter(value: number) {
    this.#counter = value % 0x1000000
  }

  next(nowMs: number): string {
    const b = new Uint8Array(12)
    const secs = Math.floor(nowMs / 1000) >>> 0
    b[0] = secs >>> 24
    b[1] = (secs >>> 16) & 0xff
    b[2] = (secs >>> 8) & 0xff
    b[3] = secs & 0xff
    b.set(this.#machine, 4)
    b[7] = this.#pid >>> 8
    b[8] = this.#pid & 0xff
    const c = this.#counter
    this.#counter = (this.#counter + 1) % 0x1000000
    b[9] = c >>> 16
    b[10] = (c >>> 8) & 0xff
    b[11] = c & 0xff
    return encodeBase32Hex(b)
  }
}

function encodeBase32Hex(bytes: Uint8Array): string {
  let out = ''
  let buffer = 0
  let bits = 0
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += BASE32_HEX[(buffer >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += BASE32_HEX[(buffer << (5 - bits)) & 31]
  return out
}
