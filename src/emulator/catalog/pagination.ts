/** lakeFS-style pagination over sorted names: `after` is exclusive, `next_offset` the last one. */
import { compareBytewise } from '../../util/byte-order.js'

export interface Page<T> {
  readonly results: T[]
  readonly hasMore: boolean
  /** The last returned name when there is more, else empty. */
  readonly nextOffset: string
}

/** lakeFS caps every listing at 1000 per page (controller.go DefaultMaxPerPage). */
export const MAX_PER_PAGE = 1000
export const DEFAULT_PER_PAGE = 100

/** controller.go paginationAmount: missing or non-positive means the default, capped at 1000. */
export function pageAmount(amount: number | undefined): number {
  if (amount === undefined || amount <= 0) return DEFAULT_PER_PAGE
  return Math.min(amount, MAX_PER_PAGE)
}

export function paginate<T>(
  sortedNames: readonly string[],
  options: { prefix?: string; after?: string; amount: number },
  load: (name: string) => T
): Page<T> {
  const { prefix = '', after = '', amount } = options
  const names = sortedNames.filter(
    (n) => n.startsWith(prefix) && (!after || compareBytewise(n, after) > 0)
  )
  const page = names.slice(0, amount)
  const hasMore = names.length > amount
  return {
    results: page.map(load),
    hasMore,
    nextOffset: hasMore ? (page[page.length - 1] ?? '') : '',
  }
}
