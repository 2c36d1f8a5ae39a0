/**
 * Combining imported records with a branch's tree (committed/manager.go Import): every key under
 * a destination prefix is replaced; keys elsewhere are kept, whole ranges reused when untouched.
 */
import { compareBytewise } from '../util/byte-order.js'
import { type EntryRecord, type MetaRange, MetaRangeWriter, type RangeInfo, type RangeStore } from './metarange.js'

/** Yields every `sliceSize` records so a caller can spread the work over event-loop turns. */
export function* combineImport(
  store: RangeStore,
  baseMetaRangeId: string,
  imported: readonly EntryRecord[],
  destinations: readonly string[],
  sliceSize = 4096
): Generator<void, MetaRange> {
  const prefixes = minimalPrefixes(destinations)
  const underPrefix = (key: string) => prefixes.some((p) => key.startsWith(p))
  const writer = new MetaRangeWriter(store)
  let i = 0
  let work = 0
  const emitImportedBefore = function* (limit: string | undefined) {
    while (i < imported.length && (limit === undefined || compareBytewise(imported[i]!.key, limit) < 0)) {
      writer.add(imported[i++]!)
      if (++work % sliceSize === 0) yield
    }
  }
  for (const range of store.metaRange(baseMetaRangeId).ranges) {
    yield* emitImportedBefore(range.minKey)
    const nextImported = imported[i]
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
 * Merges per-source record lists (each sorted by key) into one sorted list with unique keys.
 * On equal keys the later record wins: later in its source, or from a later source.
 */
export function mergeSources(sources: readonly (readonly EntryRecord[])[]): EntryRecord[] {
  let lists = sources.map(lastWins)
  if (lists.length === 0) return []
  while (lists.length > 1) {
    const next: EntryRecord[][] = []
    for (let k = 0; k < lists.length; k += 2) {
      const b = lists[k + 1]
      next.push(b ? mergeTwo(lists[k]!, b) : lists[k]!)
    }
    lists = next
  }
  return lists[0]!
}

function lastWins(list: readonly EntryRecord[]): EntryRecord[] {
  const out: EntryRecord[] = []
  for (const r of list) {
    if (out.length && out[out.length - 1]!.key === r.key) out[out.length - 1] = r
    else out.push(r)
  }
  return out
}

function mergeTwo(a: readonly EntryRecord[], b: readonly EntryRecord[]): EntryRecord[] {
  const out: EntryRecord[] = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    const c = compareBytewise(a[i]!.key, b[j]!.key)
    if (c < 0) out.push(a[i++]!)
    else if (c > 0) out.push(b[j++]!)
    else {
      out.push(b[j++]!)
      i++
    }
  }
  while (i < a.length) out.push(a[i++]!)
  while (j < b.length) out.push(b[j++]!)
  return out
}
