/**
 * Commits and the history: commit, log, diff between refs, and resets (graveler.go Commit,
 * Log, Diff, ResetHard; catalog.go). Merges, reverts and cherry-picks are the MergeService's.
 */
import { compareBytewise } from '../../util/byte-order.js'
import { type Commit, type CommitFields, createCommit } from '../graveler/commit.js'
import { commitOf, findMergeBase, walkLog } from '../graveler/commit-graph.js'
import { ConflictError, errors, ValidationError } from '../errors.js'
import { groupByDelimiter, pageOf } from './listing.js'
import type { DiffItem, DiffType, ListOptions } from './object-service.js'
import type { Page } from './pagination.js'
import type { CommitInput, RefService } from './ref-service.js'
import type { Repository } from './repository.js'
import { diffTrees, sameEntry } from '../graveler/tree-diff.js'
import { compareTrees } from '../graveler/tree-merge.js'
import type { World } from './world.js'

export interface LogOptions {
  readonly after?: string
  readonly amount: number
  readonly objects?: readonly string[]
  readonly prefixes?: readonly string[]
  /** Stop once `amount` commits are found, without looking for more (`has_more` stays false). */
  readonly limit?: boolean
  readonly firstParent?: boolean
  /** Unix seconds: stop at the first commit older than this. */
  readonly since?: number
  readonly stopAt?: string
}

interface DiffRow {
  readonly key: string
  readonly type: DiffType
  readonly size: number
}

export interface ResetTarget {
  readonly type: 'object' | 'common_prefix' | 'reset'
  readonly path?: string
}

export class CommitService {
  constructor(
    private readonly world: World,
    private readonly refs: RefService
  ) {}

  /** POST .../commits: protected branches refuse; otherwise graveler Commit of staging. */
  commit(repoName: string, branchName: string, input: CommitInput): Commit {
    const repo = this.world.repository(repoName)
    this.world.branch(repo, branchName)
    if (this.refs.isProtected(repo, branchName)) throw errors.commitToProtectedBranch()
    return this.refs.commitStaging(repoName, branchName, input)
  }

  /**
   * CreateCommitRecord (graveler.go, ref/manager.go): a commit written as given, when its ID is the
   * content address of its fields; refused on a read-only repository unless forced, and when it exists.
   */
  createRecord(repoName: string, id: string, fields: CommitFields, force = false): Commit {
    const repo = this.world.repository(repoName)
    if (repo.settings.readOnly && !force) throw errors.readOnlyRepository()
    const commit = createCommit(fields)
    if (commit.id !== id) throw new ValidationError('commit id: invalid value: validation error')
    if (repo.commits.has(id)) throw new ConflictError('commit already exists: not unique')
    repo.addCommit(commit)
    return commit
  }

  log(repoName: string, ref: string, options: LogOptions): Page<Commit> {
    const repo = this.world.repository(repoName)
    const start = this.refs.resolveCommit(repo, ref)
    const stopAt = options.stopAt ? this.refs.resolveCommit(repo, options.stopAt).id : undefined
    const commits = walkLog(repo, start.id, options.firstParent)
    if (options.after) {
      // Skip up to and including `after` (catalog ListCommits); `next()` keeps the walk open.
      const from = this.refs.resolveCommit(repo, options.after).id
      for (let c = commits.next(); !c.done && c.value.id !== from; c = commits.next());
    }
    const found: Commit[] = []
    const paths = [...(options.objects ?? []).map((p) => ({ path: p, prefix: false })), ...(options.prefixes ?? []).map((p) => ({ path: p, prefix: true }))].filter((p) => p.path)
    for (let next = commits.next(); !next.done; next = commits.next()) {
      const c = next.value
      if (options.since !== undefined && c.creationDate < options.since) break
      // With paths, merge commits are skipped and a commit counts when it changed one of them.
      const matches = paths.length === 0 || (c.parents.length === 1 && this.#touches(repo, c, paths))
      if (matches) found.push(c)
      if (c.id === stopAt) break
      if ((options.limit && found.length >= options.amount) || found.length > options.amount) break
    }
    const hasMore = found.length > options.amount
    const results = found.slice(0, options.amount)
    return { results, hasMore, nextOffset: hasMore ? results[results.length - 1]!.id : '' }
  }

  #touches(repo: Repository, c: Commit, paths: readonly { path: string; prefix: boolean }[]): boolean {
    const parent = commitOf(repo, c.parents[0]!)
    for (const p of paths) {
      if (p.prefix) {
        // Changes come in key order from the prefix on: the first is under it, or past all it holds.
        const first = diffTrees(this.world.ranges, parent.metaRangeId, c.metaRangeId, p.path).next()
        if (!first.done && first.value.key.startsWith(p.path)) return true
      } else {
        const before = this.world.ranges.get(parent.metaRangeId, p.path)
        const after = this.world.ranges.get(c.metaRangeId, p.path)
        if (!sameEntry(before, after)) return true
      }
    }
    return false
  }

  /** diffRefs: `two_dot` compares the trees; `three_dot` shows what merging right into left brings. */
  diffRefs(repoName: string, leftRef: string, rightRef: string, type: 'two_dot' | 'three_dot', options: ListOptions): Page<DiffItem> {
    const repo = this.world.repository(repoName)
    const left = this.refs.resolveCommit(repo, leftRef)
    const right = this.refs.resolveCommit(repo, rightRef)
    const store = this.world.ranges
    const prefix = options.prefix ?? ''
    const after = options.after ?? ''
    // Pages read the trees from where they start, not from the first key.
    const from = compareBytewise(after, prefix) > 0 ? after : prefix
    let rows: Iterable<DiffRow>
    if (type === 'two_dot') {
      rows = mapRows(diffTrees(store, left.metaRangeId, right.metaRangeId, from), (c) => ({ key: c.key, type: c.type, size: (c.right ?? c.left)!.size }))
    } else {
      const base = findMergeBase(repo, right.id, left.id)
      if (!base) throw errors.noMergeBase()
      rows = mapRows(compareTrees(store, left.metaRangeId, right.metaRangeId, base.metaRangeId, from), (c) => ({ key: c.key, type: c.type, size: c.entry.size }))
    }
    const items = groupByDelimiter<DiffRow, DiffItem>(
      skipBefore(rows, from),
      prefix,
      after,
      options.delimiter,
      (r) => ({ kind: 'object', type: r.type, path: r.key, sizeBytes: r.size }),
      (path) => ({ kind: 'prefix', type: 'prefix_changed', path })
    )
    return pageOf(items, options.amount)
  }

  /** hardResetBranch: points the branch at `ref` and drops its staged changes. */
  hardReset(repoName: string, branchName: string, ref: string): void {
    const repo = this.world.repository(repoName)
    const branch = this.world.branch(repo, branchName)
    if (this.refs.isProtected(repo, branchName)) throw errors.commitToProtectedBranch()
    const target = this.refs.resolveCommit(repo, ref)
    branch.head = target.id
    branch.staging.clear()
  }

  /** resetBranch: discards staged changes of one object, a prefix, or the whole branch. */
  reset(repoName: string, branchName: string, target: ResetTarget): void {
    const repo = this.world.repository(repoName)
    const branch = this.world.branch(repo, branchName)
    if (this.refs.isProtected(repo, branchName)) throw errors.writeToProtectedBranch()
    const path = target.path ?? ''
    if (target.type === 'reset') branch.staging.clear()
    else if (target.type === 'object') branch.staging.delete(path)
    else for (const key of [...branch.staging.keys()]) if (key.startsWith(path)) branch.staging.delete(key)
  }

}

function* mapRows<T, R>(rows: Iterable<T>, f: (t: T) => R): Generator<R> {
  for (const r of rows) yield f(r)
}

function* skipBefore<T extends { key: string }>(rows: Iterable<T>, from: string): Generator<T> {
  for (const r of rows) if (compareBytewise(r.key, from) >= 0) yield r
}
