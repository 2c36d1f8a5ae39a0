/** A branch's uncommitted changes: its staging compared with its head commit (catalog DiffUncommitted). */
import { compareBytewise } from '../../util/byte-order.js'
import { sameEntry } from '../graveler/tree-diff.js'
import { groupByDelimiter, pageOf } from './listing.js'
import type { ListOptions } from './object-service.js'
import type { Page } from './pagination.js'
import type { RefService } from './ref-service.js'
import type { World } from './world.js'

export type DiffType = 'added' | 'removed' | 'changed' | 'conflict'
/** A diff row; lakeFS reports every common prefix as `prefix_changed` (catalog listDiffHelper). */
export type DiffItem =
  | { readonly kind: 'object'; readonly type: DiffType; readonly path: string; readonly sizeBytes?: number }
  | { readonly kind: 'prefix'; readonly type: 'prefix_changed'; readonly path: string }

/** Uncommitted changes: staged entries compared with the head commit. */
export function diffUncommitted(world: World, refs: RefService, repoName: string, branchName: string, options: ListOptions): Page<DiffItem> {
  const repo = world.repository(repoName)
  const branch = world.branch(repo, branchName)
  const head = refs.commit(repo, branch.head)
  const prefix = options.prefix ?? ''
  const after = options.after ?? ''
  const changes: { key: string; type: DiffType; size?: number }[] = []
  for (const key of [...branch.staging.keys()].sort(compareBytewise)) {
    const staged = branch.staging.get(key) ?? null
    const committed = world.ranges.get(head.metaRangeId, key)
    if (staged === null) {
      // A staged delete is a tombstone: graveler's uncommitted diff carries no value for it, so
      // lakeFS reports size 0 (catalog.DiffUncommitted), unlike a diff between commits.
      if (committed) changes.push({ key, type: 'removed', size: 0 })
    } else if (!committed) {
      changes.push({ key, type: 'added', size: staged.size })
    } else if (!sameEntry(committed, staged)) {
      changes.push({ key, type: 'changed', size: staged.size })
    }
  }
  const rows = changes.filter((c) => c.key.startsWith(prefix) && compareBytewise(c.key, after) > 0)
  const items = groupByDelimiter<(typeof changes)[number], DiffItem>(
    rows,
    prefix,
    after,
    options.delimiter,
    (c) => ({ kind: 'object', type: c.type, path: c.key, sizeBytes: c.size }),
    (path) => ({ kind: 'prefix', type: 'prefix_changed', path })
  )
  return pageOf(items, options.amount)
}
