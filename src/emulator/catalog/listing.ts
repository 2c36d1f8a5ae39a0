/** Listing helpers shared by object listings and diffs: delimiter grouping and paging. */
import { compareBytewise } from '../../util/byte-order.js'
import type { Page } from './pagination.js'

/**
 * Turns a key-ordered stream into listing rows: keys <= `after` are skipped, and with a
 * delimiter everything past the prefix up to the delimiter collapses into one common prefix.
 */
export function* groupByDelimiter<T extends { key: string }, R>(
  rows: Iterable<T>,
  prefix: string,
  after: string,
  delimiter: string | undefined,
  toItem: (row: T) => R,
  toPrefix: (path: string, firstRow: T) => R
): Generator<R> {
  let lastPrefix: string | undefined
  for (const row of rows) {
    if (!row.key.startsWith(prefix)) {
      if (compareBytewise(row.key, prefix) > 0) return
      continue
    }
    if (after && compareBytewise(row.key, after) <= 0) continue
    if (delimiter) {
      const cut = row.key.indexOf(delimiter, prefix.length)
      if (cut >= 0) {
        const common = row.key.slice(0, cut + delimiter.length)
        if (common === lastPrefix || (after && compareBytewise(common, after) <= 0)) continue
        lastPrefix = common
        yield toPrefix(common, row)
        continue
      }
    }
    yield toItem(row)
  }
}

export function pageOf<T extends { path: string }>(items: Iterable<T>, amount: number): Page<T> {
  const results: T[] = []
  for (const item of items) {
    if (results.length === amount) {
      return { results, hasMore: true, nextOffset: results[results.length - 1]!.path }
    }
    results.push(item)
  }
  return { results, hasMore: false, nextOffset: '' }
}
