/**
 * Seeded randomness: the only source of opaque IDs, so the same seed gives the same IDs.
 *
 * The generator is MT19937 with 53-bit draws, seeded and drawn exactly as @faker-js/faker's
 * `new Faker({ seed }).number.int()` does (its mersenne randomizer), so every ID the emulator has
 * ever made stays the same; loading faker itself took a third of a second at start and is now left
 * to the generated text content that needs its word lists (tested draw for draw against faker).
 */
const N = 624
const UPPER = 0x80000000
const LOWER = 0x7fffffff
const MATRIX = 0x9908b0df

function initialState(seed: number): number[] {
  const t = new Array<number>(N)
  t[0] = seed
  for (let i = 1; i < N; i++) {
    const prev = t[i - 1]! ^ (t[i - 1]! >>> 30)
    t[i] = Math.trunc(Math.imul(1812433253, prev) + i)
  }
  return t
}

function twist(t: number[]): number[] {
  for (let i = 0; i < N - 397; i++) {
    const y = (t[i]! & UPPER) + (t[i + 1]! & LOWER)
    t[i] = t[i + 397]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX)
  }
  for (let i = N - 397; i < N - 1; i++) {
    const y = (t[i]! & UPPER) + (t[i + 1]! & LOWER)
    t[i] = t[i + 397 - N]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX)
  }
  const y = (t[N - 1]! & UPPER) + (t[0]! & LOWER)
  t[N - 1] = t[396]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX)
  return t
}

/** A per-emulator generator; never shared. */
export class SeededRandom {
  #states: number[]
  #index = 0

  constructor(readonly seed: number) {
    this.#states = twist(initialState(seed))
  }

  #nextU32(): number {
    let y = this.#states[this.#index]!
    y ^= this.#states[this.#index]! >>> 11
    y ^= (y << 7) & 0x9d2c5680
    y ^= (y << 15) & 0xefc60000
    y ^= y >>> 18
    if (++this.#index >= N) {
      this.#states = twist(this.#states)
      this.#index = 0
    }
    return y >>> 0
  }

  /** A number in [0, 1) with 53 random bits. */
  #nextF53(): number {
    const a = this.#nextU32() >>> 5
    const b = this.#nextU32() >>> 6
    return (a * 67108864 + b) / 9007199254740992
  }

  /** An integer in [0, max); as faker, a range of one value draws nothing. */
  int(max: number): number {
    if (max <= 1) return 0
    return Math.floor(this.#nextF53() * max)
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
