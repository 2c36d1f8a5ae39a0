/** Binary searches over sorted keys (UTF-8 byte order), read by position. */
import { compareBytewise } from '../util/byte-order.js'
import type { SortedKeys } from './object-store.js'

export function binarySearch(sorted: SortedKeys, key: string): boolean {
  return sorted.at(lowerBound(sorted, key)) === key
}

/** Keys starting with `prefix` are one run in sorted order: its length, by two binary searches. */
export function countUnder(sorted: SortedKeys, prefix: string): number {
  const start = lowerBound(sorted, prefix)
  let lo = start
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted.at(mid)!.startsWith(prefix)) lo = mid + 1
    else hi = mid
  }
  return lo - start
}

export function lowerBound(sorted: SortedKeys, key: string): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (compareBytewise(sorted.at(mid)!, key) < 0) lo = mid + 1
    else hi = mid
  }
  return lo
}
