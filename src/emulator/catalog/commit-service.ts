/**
 * Commits and what moves a branch head: commit, log, diff between refs, merge, revert,
 * cherry-pick and resets (graveler.go Commit/Merge/Revert/CherryPick/ResetHard, catalog.go).
 */
import { compareBytewise } from '../../util/byte-order.js'
import type { Commit } from '../graveler/commit.js'
import { commitOf, findMergeBase, walkLog } from '../graveler/commit-graph.js'
import { errors, wrapError } from '../errors.js'
import { groupByDelimiter, pageOf } from './listing.js'
import type { DiffItem, DiffType, ListOptions } from './object-service.js'
import type { Page } from './pagination.js'
import type { CommitInput, RefService } from './ref-service.js'
import type { Branch, Repository } from './repository.js'
import { diffTrees, sameEntry } from '../graveler/tree-diff.js'
import { compareTrees, mergeTrees, type MergeStrategy } from '../graveler/tree-merge.js'
import type { World } from './world.js'

/** lakeFS records the strategy of every merge in the commit metadata. */
export const MERGE_STRATEGY_KEY = '.lakefs.merge.strategy'
const STRATEGY_NAME: Record<MergeStrategy, string> = { none: 'default', 'dest-wins': 'dest-wins', 'source-wins': 'source-wins' }

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

export interface MergeInput {
  readonly committer: string
  readonly message?: string
  readonly metadata?: Readonly<Record<string, string>>
  readonly strategy?: string
  readonly allowEmpty?: boolean
  readonly force?: boolean
  readonly squash?: boolean
}

export interface CommitOverrides {
  readonly message?: string
  readonly metadata?: Readonly<Record<string, string>>
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
        for (const change of diffTrees(this.world.ranges, parent.metaRangeId, c.metaRangeId)) {
          if (change.key.startsWith(p.path)) return true
        }
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
    let rows: Iterable<DiffRow>
    if (type === 'two_dot') {
      rows = mapRows(diffTrees(store, left.metaRangeId, right.metaRangeId), (c) => ({ key: c.key, type: c.type, size: (c.right ?? c.left)!.size }))
    } else {
      const base = findMergeBase(repo, right.id, left.id)
      if (!base) throw errors.noMergeBase()
      rows = mapRows(compareTrees(store, left.metaRangeId, right.metaRangeId, base.metaRangeId), (c) => ({ key: c.key, type: c.type, size: c.entry.size }))
    }
    const prefix = options.prefix ?? ''
    const after = options.after ?? ''
    const items = groupByDelimiter<DiffRow, DiffItem>(
      skipBefore(rows, compareBytewise(after, prefix) > 0 ? after : prefix),
      prefix,
      after,
      options.delimiter,
      (r) => ({ kind: 'object', type: r.type, path: r.key, sizeBytes: r.size }),
      (path) => ({ kind: 'prefix', type: 'prefix_changed', path })
    )
    return pageOf(items, options.amount)
  }

  /** The commits a merge of `sourceRef` into `destination` would use. */
  mergeBase(repoName: string, sourceRef: string, destination: string): { source: Commit; destination: Commit; base: Commit } {
    const repo = this.world.repository(repoName)
    const source = this.refs.resolveCommit(repo, sourceRef)
    const dest = this.refs.resolveCommit(repo, destination)
    const base = findMergeBase(repo, source.id, dest.id)
    if (!base) throw errors.noMergeBase()
    return { source, destination: dest, base }
  }

  /**
   * mergeIntoBranch (graveler Merge): a merge commit whose parents are the destination head and
   * the source commit (only the head when squashing). A destination untouched since the base
   * takes the source tree as it is, without reading a range.
   */
  merge(repoName: string, sourceRef: string, destName: string, input: MergeInput): Commit {
    const repo = this.world.repository(repoName)
    const branch = this.world.branch(repo, destName)
    const strategy = parseStrategy(input.strategy)
    if (repo.settings.readOnly && !input.force) throw errors.readOnlyRepository()
    this.#requireClean(repo, branch)
    const { source, destination, base } = this.mergeBase(repoName, sourceRef, destName)
    const metaRangeId = withPrefix(`update branch ${destName}`, () =>
      mergeTrees(this.world.ranges, {
        destination: destination.metaRangeId,
        source: source.metaRangeId,
        base: base.metaRangeId,
        strategy,
        allowEmpty: input.allowEmpty || input.force,
      })
    )
    const commit = this.refs.addCommit(repo, {
      parents: input.squash ? [destination.id] : [destination.id, source.id],
      committer: input.committer,
      message: input.message || `Merge '${sourceRef}' into '${destName}'`,
      creationDate: this.#now(),
      metaRangeId,
      metadata: { ...input.metadata, [MERGE_STRATEGY_KEY]: STRATEGY_NAME[strategy] },
      generation: Math.max(destination.generation, input.squash ? 0 : source.generation) + 1,
      version: 1,
    })
    branch.head = commit.id
    return commit
  }

  /**
   * revertBranch: merges the reverted commit's parent into the branch with the commit as base,
   * i.e. applies the reverse of its changes on top of the head.
   */
  revert(repoName: string, branchName: string, ref: string, parentNumber: number, input: { committer: string; allowEmpty?: boolean } & CommitOverrides): Commit {
    const repo = this.world.repository(repoName)
    const branch = this.world.branch(repo, branchName)
    const target = this.refs.resolveCommit(repo, ref)
    if (target.parents.length > 1 && parentNumber <= 0) throw errors.revertMergeNoParent()
    if (parentNumber > target.parents.length) throw errors.parentOutOfRange(parentNumber)
    this.#requireClean(repo, branch)
    const parentId = target.parents[Math.max(parentNumber, 1) - 1]
    const parentTree = parentId ? commitOf(repo, parentId).metaRangeId : ''
    const head = commitOf(repo, branch.head)
    const metaRangeId = withPrefix('update branch', () =>
      mergeTrees(this.world.ranges, { destination: head.metaRangeId, source: parentTree, base: target.metaRangeId, strategy: 'none', allowEmpty: input.allowEmpty })
    )
    return this.#advance(repo, branch, head, {
      committer: input.committer,
      message: input.message || `Revert ${ref}`,
      metadata: input.metadata ?? {},
      metaRangeId,
    })
  }

  /** cherryPick: applies one commit's changes (relative to a parent) on top of the branch. */
  cherryPick(repoName: string, branchName: string, ref: string, parentNumber: number | undefined, input: { committer: string } & CommitOverrides): Commit {
    const repo = this.world.repository(repoName)
    const branch = this.world.branch(repo, branchName)
    const target = this.refs.resolveCommit(repo, ref)
    if (parentNumber === undefined && target.parents.length > 1) throw errors.cherryPickMergeNoParent()
    const pn = parentNumber ?? 1
    if (pn > target.parents.length) throw errors.parentOutOfRange(pn)
    this.#requireClean(repo, branch)
    const parentId = target.parents[pn - 1]
    const parentTree = parentId ? commitOf(repo, parentId).metaRangeId : ''
    const head = commitOf(repo, branch.head)
    const metaRangeId = withPrefix('update branch', () =>
      mergeTrees(this.world.ranges, { destination: head.metaRangeId, source: target.metaRangeId, base: parentTree, strategy: 'none' })
    )
    return this.#advance(repo, branch, head, {
      committer: input.committer,
      message: input.message || target.message,
      metadata: {
        ...target.metadata,
        ...input.metadata,
        'cherry-pick-origin': target.id,
        'cherry-pick-committer': target.committer,
      },
      metaRangeId,
    })
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

  #requireClean(repo: Repository, branch: Branch): void {
    if (this.refs.isDirty(repo, branch)) throw errors.dirtyBranch()
  }

  #advance(repo: Repository, branch: Branch, head: Commit, c: { committer: string; message: string; metadata: Record<string, string>; metaRangeId: string }): Commit {
    const commit = this.refs.addCommit(repo, {
      parents: [head.id],
      committer: c.committer,
      message: c.message,
      creationDate: this.#now(),
      metaRangeId: c.metaRangeId,
      metadata: c.metadata,
      generation: head.generation + 1,
      version: 1,
    })
    branch.head = commit.id
    return commit
  }

  #now(): number {
    return Math.floor(this.world.clock.now() / 1000)
  }
}

function parseStrategy(s: string | undefined): MergeStrategy {
  if (!s) return 'none'
  if (s === 'dest-wins' || s === 'source-wins') return s
  throw errors.invalidMergeStrategy()
}

function withPrefix<T>(prefix: string, f: () => T): T {
  try {
    return f()
  } catch (err) {
    throw wrapError(err, prefix)
  }
}

function* mapRows<T, R>(rows: Iterable<T>, f: (t: T) => R): Generator<R> {
  for (const r of rows) yield f(r)
}

function* skipBefore<T extends { key: string }>(rows: Iterable<T>, from: string): Generator<T> {
  for (const r of rows) if (compareBytewise(r.key, from) >= 0) yield r
}
