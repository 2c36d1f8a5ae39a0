/**
 * Combining imported records with a branch's tree (committed/manager.go Import): every key under
 * a destination prefix is replaced; keys elsewhere are kept, whole ranges reused when untouched.
 */
import { compareBytewise } from '../../util/byte-order.js'
import { type EntryRecord, type MetaRange, MetaRangeWriter, type RangeInfo, type RangeStore } from './metarange.js'

/** Yields every `sliceSize` records so a caller can spread the work over event-loop turns. */
export function* combineImport(
  store: RangeStore,
  baseMetaRangeId: string,
  sources: readonly (readonly EntryRecord[])[],
  destinations: readonly string[],
  sliceSize = 1024
): Generator<void, MetaRange> {
  const imported = new SourceMerge(sources)
  const prefixes = minimalPrefixes(destinations)
  const underPrefix = (key: string) => prefixes.some((p) => key.startsWith(p))
  const writer = new MetaRangeWriter(store)
  let work = 0
  const emitImportedBefore = function* (limit: string | undefined) {
    for (let next = imported.peek(); next && (limit === undefined || compareBytewise(next.key, limit) < 0); next = imported.peek()) {
      writer.add(imported.take())
      if (++work % sliceSize === 0) yield
    }
  }
  for (const range of store.metaRange(baseMetaRangeId).ranges) {
    yield* emitImportedBefore(range.minKey)
    const nextImported = imported.peek()
    const untouched =
      !prefixes.some((p) => rangeMayHold(range, p)) &&
      (nextImported === undefined || compareBytewise(nextImported.key, range.maxKey) > 0)
    if (untouched && writer.atBoundary) {
      writer.addRange(range)
      continue
    }
    for (const record of store.range(range.id)) {
      yield* emitImportedBefore(record.key)
      if (!underPrefix(record.key)) writer.add(record)
      if (++work % sliceSize === 0) yield
    }
  }
  yield* emitImportedBefore(undefined)
  return writer.close()
}

/** Could a range hold a key starting with `prefix`? (Conservative: true when unsure.) */
function rangeMayHold(range: RangeInfo, prefix: string): boolean {
  if (compareBytewise(range.maxKey, prefix) < 0) return false
  return range.minKey.startsWith(prefix) || compareBytewise(range.minKey, prefix) <= 0
}

/** Drops prefixes that a shorter one already covers; the rest decide what is replaced. */
function minimalPrefixes(destinations: readonly string[]): string[] {
  const sorted = [...new Set(destinations)].sort(compareBytewise)
  const out: string[] = []
  for (const p of sorted) if (!out.some((q) => p.startsWith(q))) out.push(p)
  return out
}

/**
 * Per-source record lists (each sorted by key) read as one sorted stream with unique keys. On
 * equal keys the later record wins: later in its source (objects imported to one destination),
 * or from a later source, as lakeFS's import applies paths in order.
 */
export class SourceMerge {
  readonly #pos: number[]
  #head: EntryRecord | undefined
  #headSource = -1

  constructor(private readonly sources: readonly (readonly EntryRecord[])[]) {
    this.#pos = sources.map(() => 0)
  }

  peek(): EntryRecord | undefined {
    if (this.#headSource >= 0) return this.#head
    const { sources } = this
    if (sources.length === 0) return undefined
    if (sources.length === 1) return this.#settle(0)
    let best = -1
    for (let s = 0; s < sources.length; s++) {
      const r = sources[s]![this.#pos[s]!]
      if (!r) continue
      const c = best < 0 ? -1 : compareBytewise(r.key, sources[best]![this.#pos[best]!]!.key)
      if (c < 0) best = s
      else if (c === 0) {
        // The earlier source's records at this key are replaced: skip them.
        const key = r.key
        while (sources[best]![this.#pos[best]!]?.key === key) this.#pos[best]!++
        best = s
      }
    }
    return this.#settle(Math.max(best, 0))
  }

  /** Makes the last record with the head key of source `s` the head. */
  #settle(s: number): EntryRecord | undefined {
    const list = this.sources[s]!
    let p = this.#pos[s]!
    while (p + 1 < list.length && list[p + 1]!.key === list[p]!.key) p++
    this.#pos[s] = p
    this.#headSource = s
    this.#head = list[p]
    return this.#head
  }

  take(): EntryRecord {
    const r = this.peek()!
    this.#pos[this.#headSource]!++
    this.#headSource = -1
    return r
  }
}
