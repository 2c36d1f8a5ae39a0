/**
 * Deterministic object bodies for generated keys: the same (seed, URI) always gives the same
 * bytes, hence the same ETag. Each body is a window into a 1 MiB corpus made once per seed
 * (faker lorem words for text, PRNG bytes otherwise), chosen by a hash of the URI, so a
 * million objects cost a copy each rather than a million word draws.
 */
import { en } from '@faker-js/faker'

const WORDS: readonly string[] = (en.lorem?.word as readonly string[] | undefined) ?? ['lorem', 'ipsum', 'dolor']
const CORPUS_BYTES = 1 << 20

export type ContentKind = 'text' | 'bytes'

export class ContentGenerator {
  readonly #corpora = new Map<ContentKind, Buffer>()

  constructor(private readonly seed: number) {}

  bytes(uri: string, size: number, kind: ContentKind): Uint8Array {
    const corpus = this.#corpus(kind)
    const out = Buffer.allocUnsafe(size)
    let offset = keyHash(this.seed, uri) % corpus.length
    for (let written = 0; written < size; ) {
      const n = corpus.copy(out, written, offset, Math.min(corpus.length, offset + size - written))
      written += n
      offset = 0
    }
    return out
  }

  /** A size in [min, max], drawn from a hash of the URI. */
  size(uri: string, size: number | { min: number; max: number }): number {
    if (typeof size === 'number') return size
    return size.min + (keyHash(this.seed ^ 0x5bd1e995, uri) % (size.max - size.min + 1))
  }

  #corpus(kind: ContentKind): Buffer {
    let corpus = this.#corpora.get(kind)
    if (!corpus) {
      corpus = kind === 'text' ? textCorpus(this.seed) : byteCorpus(this.seed)
      this.#corpora.set(kind, corpus)
    }
    return corpus
  }
}

function textCorpus(seed: number): Buffer {
  const out = Buffer.allocUnsafe(CORPUS_BYTES)
  const state = { x: seed >>> 0 || 1 }
  let i = 0
  while (i < CORPUS_BYTES) {
    const word = WORDS[xorshift(state) % WORDS.length]!
    i += out.write(`${word} `, i, 'latin1')
  }
  return out
}

function byteCorpus(seed: number): Buffer {
  const out = Buffer.allocUnsafe(CORPUS_BYTES)
  const state = { x: (seed ^ 0x9e3779b9) >>> 0 || 1 }
  for (let i = 0; i < CORPUS_BYTES; i += 4) out.writeUInt32LE(xorshift(state), i)
  return out
}

/** FNV-1a 32 over the seed and URI. */
function keyHash(seed: number, uri: string): number {
  let h = 0x811c9dc5 ^ seed
  for (let i = 0; i < uri.length; i++) {
    h ^= uri.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

function xorshift(state: { x: number }): number {
  let x = state.x
  x ^= x << 13
  x ^= x >>> 17
  x ^= x << 5
  state.x = x >>> 0
  return state.x
}
