/**
 * Pull requests, as lakeFS keeps them (pkg/catalog/catalog.go *PullRequest*, pkg/graveler/graveler.go
 * UpdatePullRequest, pkg/graveler/ref/manager.go): per repository, keyed by an xid drawn from a time
 * counting down from the year 3000 (graveler.NewRunID), so that listings in key order show the newest
 * first. A merge is a real merge of source into destination, with its hooks and its conflicts.
 */
import { NotFoundError, ValidationError } from '../errors.js'
import { compareBytewise } from '../../util/byte-order.js'
import type { HookedWrites } from './hooked-writes.js'
import type { Repository } from './repository.js'
import { validateBranchName } from './ref-service.js'
import type { World } from './world.js'

export type PullRequestStatus = 'open' | 'closed' | 'merged'

export interface PullRequest {
  readonly id: string
  readonly title: string
  readonly description: string
  readonly author: string
  readonly source: string
  readonly destination: string
  readonly status: PullRequestStatus
  /** Epoch milliseconds. */
  readonly creationDate: number
  readonly closedDate?: number
  readonly mergedCommitId?: string
}

/** graveler.UnixYear3000: PR IDs count down from it. */
const UNIX_YEAR_3000 = 32503680000
/** catalog ListPullsLimitMax. */
const LIST_LIMIT_MAX = 1000
const XID = /^[0-9a-v]{20}$/

export class PullRequestService {
  constructor(
    private readonly world: World,
    private readonly hooked: HookedWrites
  ) {}

  /** catalog CreatePullRequest: both branch names valid and different, and both branches there. */
  create(repoName: string, input: { title: string; description?: string; author: string; source: string; destination: string }): string {
    for (const [arg, name] of [['dest', input.destination], ['src', input.source]] as const) {
      if (name === '') throw new ValidationError(`argument ${arg}: required value: validation error`)
      try {
        validateBranchName(name)
      } catch (err) {
        throw new ValidationError(`argument ${arg}: ${(err as Error).message}`)
      }
    }
    if (input.source === input.destination) throw new ValidationError('source and destination branches are the same: same branch validation error')
    const repo = this.world.repository(repoName)
    this.world.branch(repo, input.source)
    this.world.branch(repo, input.destination)
    const now = this.world.clock.now()
    const id = this.world.xids.next((UNIX_YEAR_3000 - Math.floor(now / 1000)) * 1000)
    const pr: PullRequest = { id, title: input.title, description: input.description ?? '', author: input.author, source: input.source, destination: input.destination, status: 'open', creationDate: now }
    repo.pullRequests.set(id, pr)
    return id
  }

  get(repoName: string, id: string): PullRequest {
    const repo = this.#repository(repoName, id)
    const pr = repo.pullRequests.get(id)
    if (!pr) throw new NotFoundError('pull request not found')
    return pr
  }

  /**
   * catalog ListPullRequest: key order from `after` (exclusive) or `prefix`, filtered by status ("open",
   * or "closed" for closed and merged ones; anything else lists all).
   */
  list(repoName: string, options: { prefix?: string; after?: string; amount?: number; status?: string }): { results: PullRequest[]; hasMore: boolean } {
    const repo = this.world.repository(repoName)
    const prefix = options.prefix ?? ''
    const after = options.after ?? ''
    const amount = options.amount === undefined || options.amount < 0 || options.amount > LIST_LIMIT_MAX ? LIST_LIMIT_MAX : options.amount
    const from = compareBytewise(after, prefix) < 0 ? prefix : after
    const ids = [...repo.pullRequests.keys()].filter((id) => compareBytewise(id, from) >= 0 && id !== after).sort(compareBytewise)
    const out: PullRequest[] = []
    for (const id of ids) {
      if (!id.startsWith(prefix)) break
      const pr = repo.pullRequests.get(id)!
      if (options.status === 'open' && pr.status !== 'open') continue
      if (options.status === 'closed' && pr.status === 'open') continue
      out.push(pr)
      if (out.length > amount) break
    }
    return { results: out.slice(0, amount), hasMore: out.length > amount }
  }

  /** graveler UpdatePullRequest: title, description and any status; closing (or merging) stamps the closed date. */
  update(repoName: string, id: string, change: { title?: string; description?: string; status?: string; mergedCommitId?: string }): PullRequest {
    const repo = this.#repository(repoName, id)
    const pr = this.get(repoName, id)
    let status = pr.status
    if (change.status !== undefined) {
      const wanted = change.status.toLowerCase()
      if (wanted !== 'open' && wanted !== 'closed' && wanted !== 'merged') throw new ValidationError('invalid pull request status: validation error')
      status = wanted
    }
    const closed = change.status !== undefined && status !== 'open'
    const next: PullRequest = {
      ...pr,
      ...(change.title === undefined ? {} : { title: change.title }),
      ...(change.description === undefined ? {} : { description: change.description }),
      status,
      ...(closed ? { closedDate: this.world.clock.now() } : {}),
      ...(change.mergedCommitId === undefined ? {} : { mergedCommitId: change.mergedCommitId }),
    }
    repo.pullRequests.set(id, next)
    return next
  }

  /**
   * controller.go MergePullRequest: only an open pull request; source merged into destination by the
   * merging user, with lakeFS's default message, hooks and conflicts; then it is merged.
   */
  async merge(repoName: string, id: string, committer: string): Promise<string> {
    const pr = this.get(repoName, id)
    if (pr.status !== 'open') throw new ValidationError('bad pull request status')
    const commit = await this.hooked.merge(repoName, pr.source, pr.destination, { committer })
    this.update(repoName, id, { status: 'merged', mergedCommitId: commit.id })
    return commit.id
  }

  /** catalog's validation comes first: the ID must be an xid (400), then the repository must exist. */
  #repository(repoName: string, id: string): Repository {
    if (!XID.test(id)) throw new ValidationError('argument pullRequestID: pull request id: invalid value: validation error')
    return this.world.repository(repoName)
  }
}
