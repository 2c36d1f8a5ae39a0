/**
 * A listing of one bucket as object stores give it: keys under a prefix, in byte order, with keys
 * that hold the delimiter past the prefix rolled up into common prefixes, a page at a time. S3's
 * ListObjects and GCS's objects.list both read the fake store through it.
 */
import { compareBytewise } from '../util/byte-order.js'
import type { ListOptions, StoredObject } from './object-store.js'

/** Sorts after every key that starts with what precedes it. */
const PAST = '\u{10FFFF}'
const BATCH = 1000

export interface DelimitedRequest {
  readonly prefix: string
  readonly delimiter: string
  /** List strictly after this key ('' from the start). */
  readonly after: string
  readonly maxKeys: number
}

export type DelimitedItem = { readonly kind: 'object'; readonly key: string; readonly stored: StoredObject } | { readonly kind: 'prefix'; readonly prefix: string }

export interface DelimitedPage {
  readonly items: readonly DelimitedItem[]
  readonly truncated: boolean
}

/** Lists the bucket at `base` (`s3://b/`, `gs://b/`), keys relative to it. */
export function listDelimited(store: { list(prefix: string, options?: ListOptions): StoredObject[] }, base: string, req: DelimitedRequest): DelimitedPage {
  const items: DelimitedItem[] = []
  let from = req.after && compareBytewise(req.after, req.prefix) > 0 ? base + req.after : undefined
  let lastPrefix = ''
  for (;;) {
    const batch = store.list(base + req.prefix, { after: from, limit: BATCH })
    if (!batch.length) return { items, truncated: false }
    for (const stored of batch) {
      from = stored.uri
      const key = stored.uri.slice(base.length)
      const cut = req.delimiter ? key.indexOf(req.delimiter, req.prefix.length) : -1
      if (cut < 0) {
        if (items.length === req.maxKeys) return { items, truncated: true }
        items.push({ kind: 'object', key, stored })
        continue
      }
      const prefix = key.slice(0, cut + req.delimiter.length)
      // A prefix at or before where the listing resumes was given already.
      if (prefix !== lastPrefix && compareBytewise(prefix, req.after) > 0) {
        if (items.length === req.maxKeys) return { items, truncated: true }
        items.push({ kind: 'prefix', prefix })
        lastPrefix = prefix
      }
      // Skip the rest of the group: list again from past it.
      from = base + prefix + PAST
      break
    }
  }
}
