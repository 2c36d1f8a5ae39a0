/**
 * Combining imported records with a branch's tree (committed/manager.go Import): every key under
 * a destination prefix is replaced; keys elsewhere are kept, whole ranges reused when untouched.
 */
import { compareBytewise } from '../../util/byte-order.js'
import { type EntryRecord, type MetaRange, MetaRangeWriter, type RangeInfo, type RangeStore } from './metarange.js'

/** One source of imported records, read once in key order: `head` is the next, until undefined. */
export interface RecordSource {
  readonly head: EntryRecord | undefined
  advance(): void
  /** True when no two of its records share a key (no need to look for the last of each). */
  readonly distinctKeys?: boolean
}

/**
 * What an import put in a tree it built: the records under its destinations (everything there
 * came from its sources). A rebuild onto a newer head reads them instead of the walk again.
 */
export function* importedRecords(store: RangeStore, metaRangeId: string, destinations: readonly string[]): Generator<EntryRecord> {
  const prefixes = minimalPrefixes(destinations)
  for (const record of store.iterate(metaRangeId)) if (prefixes.some((p) => record.key.startsWith(p))) yield record
}

/** Records in key order (a generator, an array's values) as a source. */
export function iteratorSource(records: Iterator<EntryRecord>): RecordSource {
  let head = records.next()
  return {
    get head() {
      return head.done ? undefined : head.value
    },
    advance: () => void (head = records.next()),
  }
}

/** Yields every `sliceSize` records so a caller can spread the work over event-loop turns. */
export function* combineImport(
  store: RangeStore,
  baseMetaRangeId: string,
  sources: readonly RecordSource[],
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
 * Per-source record streams (each sorted by key) read as one sorted stream with unique keys. On
 * equal keys the later record wins: later in its source (objects imported to one destination),
 * or from a later source, as lakeFS's import applies paths in order.
 */
export class SourceMerge {
  #head: EntryRecord | undefined
  #ready = false

  constructor(private readonly sources: readonly RecordSource[]) {}

  peek(): EntryRecord | undefined {
    if (this.#ready) return this.#head
    const { sources } = this
    let best: RecordSource | undefined
    for (const source of sources) {
      const r = source.head
      if (!r) continue
      const c = best ? compareBytewise(r.key, best.head!.key) : -1
      if (c < 0) best = source
      else if (c === 0) {
        // The earlier source's records at this key are replaced: skip them.
        const key = r.key
        while (best!.head?.key === key) best!.advance()
        best = source
      }
    }
    this.#head = best && lastOfKey(best)
    this.#ready = true
    return this.#head
  }

  take(): EntryRecord {
    const r = this.peek()!
    this.#ready = false
    return r
  }
}

/** Takes the source's head and every record after it with the same key; the last one wins. */
function lastOfKey(source: RecordSource): EntryRecord {
  let r = source.head!
  source.advance()
  if (source.distinctKeys) return r
  for (let next = source.head; next && next.key === r.key; next = source.head) {
    r = next
    source.advance()
  }
  return r
}
