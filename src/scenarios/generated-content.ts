/**
 * Generated objects: the same (seed, URI) always gives the same size, ETag and bytes. Each body
 * is a window into a 1 MiB corpus made once per seed (faker lorem words for text, PRNG bytes
 * otherwise), chosen by a hash of the URI, so a million objects cost a copy each when read and
 * nothing until then.
 */
import { createRequire } from 'node:module'
import type { GeneratedObjects, SortedKeys, StoredObject } from '../fakestore/object-store.js'
import { countExpansion, expandInSteps, orderedExpansion } from './brace-expansion.js'

const CORPUS_BYTES = 1 << 20

export type ContentKind = 'text' | 'bytes'
export type SizeSpec = number | { min: number; max: number }

export class ContentGenerator {
  readonly #corpora = new Map<ContentKind, Buffer>()
  readonly #etagBytes = Buffer.alloc(16)

  constructor(readonly seed: number) {}

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

  /**
   * The object at `uri`, from one pass over the URI (a listing describes every object it returns):
   * - its size: `size` itself, or one in [min, max] drawn from an FNV-1a hash of seed and URI;
   * - its ETag: 32 hex digits hashed from seed and URI. Like the ETag of an S3 object encrypted
   *   with SSE-KMS, it is not the MD5 of the bytes: hashing a million bodies would cost more than
   *   the import that lists them.
   */
  describe(uri: string, size: SizeSpec, lastModified: number): StoredObject {
    let a = 0x811c9dc5 ^ this.seed
    let b = 0x050c5d1f ^ this.seed
    let c = 0x1b873593 ^ this.seed
    let d = 0xcc9e2d51 ^ this.seed
    // keyHash(seed ^ 0x5bd1e995, uri), the size's draw, in the same loop.
    let h = 0x811c9dc5 ^ this.seed ^ 0x5bd1e995
    for (let i = 0; i < uri.length; i++) {
      const ch = uri.charCodeAt(i)
      a = Math.imul(a ^ ch, 0x01000193)
      b = Math.imul(b ^ ch, 0x01000193) ^ (b >>> 15)
      c = Math.imul(c ^ ch, 0x85ebca6b)
      d = Math.imul(d ^ ch, 0xc2b2ae35) ^ (d >>> 13)
      h = Math.imul(h ^ ch, 0x01000193)
    }
    const out = this.#etagBytes
    out.writeUInt32BE(mix(a ^ d), 0)
    out.writeUInt32BE(mix(b ^ a), 4)
    out.writeUInt32BE(mix(c ^ b), 8)
    out.writeUInt32BE(mix(d ^ c), 12)
    const bytes = typeof size === 'number' ? size : size.min + ((h >>> 0) % (size.max - size.min + 1))
    return { uri, size: bytes, etag: out.toString('hex'), lastModified }
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

/** One `store.generate` entry of a scenario, as a store's generated set. */
export class GeneratedSpec implements GeneratedObjects {
  readonly count: number

  constructor(
    readonly prefix: string,
    readonly patterns: readonly string[],
    readonly sizeSpec: SizeSpec,
    readonly lastModified: number,
    readonly kind: ContentKind,
    readonly content: ContentGenerator
  ) {
    this.count = patterns.reduce((n, p) => n + countExpansion(p), 0)
  }

  sortedUris(): SortedKeys | undefined {
    return this.patterns.length === 1 ? orderedExpansion(this.patterns[0]!, this.prefix) : undefined
  }

  *uris(): Generator<void, string[]> {
    const lists: string[][] = []
    for (const pattern of this.patterns) lists.push(yield* expandInSteps(pattern, this.prefix))
    return lists.length === 1 ? lists[0]! : lists.flat()
  }

  describe(uri: string): StoredObject {
    return this.content.describe(uri, this.sizeSpec, this.lastModified)
  }

  bytes(uri: string, size: number): Uint8Array {
    return this.content.bytes(uri, size, this.kind)
  }
}

/** Faker is loaded only when a text body is first read: it takes longer to load than the rest. */
function loremWords(): readonly string[] {
  const faker = createRequire(import.meta.url)('@faker-js/faker') as { en: { lorem?: { word?: readonly string[] } } }
  return faker.en.lorem?.word ?? ['lorem', 'ipsum', 'dolor']
}

function textCorpus(seed: number): Buffer {
  const words = loremWords()
  const out = Buffer.allocUnsafe(CORPUS_BYTES)
  const state = { x: seed >>> 0 || 1 }
  let i = 0
  while (i < CORPUS_BYTES) {
    const word = words[xorshift(state) % words.length]!
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

/** murmur3's finaliser: spreads every input bit over the output. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

function xorshift(state: { x: number }): number {
  let x = state.x
  x ^= x << 13
  x ^= x >>> 17
  x ^= x << 5
  state.x = x >>> 0
  return state.x
}
