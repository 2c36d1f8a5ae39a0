/**
 * What merges one tree into a branch: mergeIntoBranch, revertBranch and cherryPick (graveler.go
 * Merge, Revert, CherryPick), each graveler's three-way merge over metaranges and one new commit.
 */
import type { Commit } from '../graveler/commit.js'
import { commitOf, findMergeBase } from '../graveler/commit-graph.js'
import { errors, wrapError } from '../errors.js'
import { mergeTrees, type MergeStrategy } from '../graveler/tree-merge.js'
import type { RefService } from './ref-service.js'
import type { Branch, Repository } from './repository.js'
import type { World } from './world.js'

/** lakeFS records the strategy of every merge in the commit metadata. */
export const MERGE_STRATEGY_KEY = '.lakefs.merge.strategy'
const STRATEGY_NAME: Record<MergeStrategy, string> = { none: 'default', 'dest-wins': 'dest-wins', 'source-wins': 'source-wins' }

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

export class MergeService {
  constructor(
    private readonly world: World,
    private readonly refs: RefService
  ) {}

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
