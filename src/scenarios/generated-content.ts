/**
 * Deterministic object bodies for generated keys: the same (seed, URI) always gives the same
 * bytes, hence the same ETag. A small keyed PRNG keeps a million objects cheap; the words
 * come from faker's lorem vocabulary so text objects read like text.
 */
import { en } from '@faker-js/faker'

const WORDS: readonly string[] = (en.lorem?.word as readonly string[] | undefined) ?? ['lorem', 'ipsum', 'dolor', 'sit', 'amet']

/** FNV-1a 32 over the seed and URI: the per-object PRNG seed. */
function keySeed(seed: number, uri: string): number {
  let h = 0x811c9dc5 ^ seed
  for (let i = 0; i < uri.length; i++) {
    h ^= uri.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0 || 1
}

/** xorshift32: fast, and plenty for filler bytes. */
function nextRandom(state: { x: number }): number {
  let x = state.x
  x ^= x << 13
  x ^= x >>> 17
  x ^= x << 5
  state.x = x >>> 0
  return state.x
}

export function generateBytes(seed: number, uri: string, size: number, kind: 'text' | 'bytes'): Uint8Array {
  const state = { x: keySeed(seed, uri) }
  const out = Buffer.allocUnsafe(size)
  if (kind === 'bytes') {
    for (let i = 0; i < size; i++) out[i] = nextRandom(state) & 0xff
    return out
  }
  let i = 0
  while (i < size) {
    const word = WORDS[nextRandom(state) % WORDS.length]!
    i += out.write(i === 0 ? word : ` ${word}`, i, 'latin1')
  }
  return out
}

/** A size in [min, max] drawn from the same keyed PRNG. */
export function generatedSize(seed: number, uri: string, size: number | { min: number; max: number }): number {
  if (typeof size === 'number') return size
  const state = { x: keySeed(seed ^ 0x5bd1e995, uri) }
  return size.min + (nextRandom(state) % (size.max - size.min + 1))
}
