/** Repositories, branches, tags and commits (the refs side of graveler). */
import { createHash } from 'node:crypto'
import { compareBytewise } from '../../util/byte-order.js'
import { parseStorageUri } from '../blockstore.js'
import { type Commit, type CommitFields, createCommit } from '../graveler/commit.js'
import { errors, ValidationError } from '../errors.js'
import { type Page, paginate } from './pagination.js'
import { Branch, Repository } from './repository.js'
import { matchesPattern, parseRef, resolveRef } from './ref-expression.js'
import { applyChanges, stagedChanges } from '../graveler/tree-changes.js'
import { sameEntry } from '../graveler/tree-diff.js'
import type { World } from './world.js'

export interface CreateRepositoryInput {
  readonly name: string
  readonly storageNamespace: string
  readonly defaultBranch?: string
  readonly readOnly?: boolean
  /** lakeFS `storage_id`: which configured storage holds the namespace; the emulator's one storage is "". */
  readonly storageId?: string
  /** A bare repository has no first commit and no branch (ref/manager.go CreateBareRepository). */
  readonly bare?: boolean
}

/** A ref resolved to a commit, and to a branch when it named one (reads then see staging). */
export interface CommitInput {
  readonly committer: string
  readonly message: string
  readonly metadata?: Readonly<Record<string, string>>
  /** Unix seconds overriding the creation date (CommitCreation `date`). */
  readonly date?: number
  readonly allowEmpty?: boolean
}

export interface ResolvedRef {
  readonly commit: Commit
  readonly branch?: Branch
}

const BRANCH_NAME = /^\w[-\w]*$/

export class RefService {
  constructor(private readonly world: World) {}

  createRepository(input: CreateRepositoryInput): Repository {
    const { repositories, clock } = this.world
    if (input.storageId) throw errors.invalidStorageId(input.storageId)
    if (repositories.has(input.name)) throw errors.repositoryExists()
    const defaultBranch = input.defaultBranch || 'main'
    validateBranchName(defaultBranch)
    const repo = new Repository({
      name: input.name,
      storageNamespace: input.storageNamespace,
      defaultBranch,
      readOnly: input.readOnly ?? false,
      creationDate: clock.now(),
    })
    repositories.set(input.name, repo)
    // lakeFS checks that it can write to the namespace, so its bucket exists from here on.
    const namespace = parseStorageUri(input.storageNamespace)
    if (namespace && namespace.type !== 'local') this.world.store.createBucket(namespace.root, this.world.clock.now())
    if (input.bare) return repo
    // ref/manager.go CreateRepository: an empty first commit with no metarange.
    const first = createCommit({
      parents: [],
      committer: '',
      message: 'Repository created',
      creationDate: Math.floor(clock.now() / 1000),
      metaRangeId: '',
      metadata: {},
      generation: 1,
      version: 1,
    })
    repo.addCommit(first)
    repo.branches.set(defaultBranch, new Branch(defaultBranch, first.id))
    return repo
  }

  listRepositories(options: { prefix?: string; after?: string; amount: number }): Page<Repository> {
    const names = [...this.world.repositories.keys()].sort(compareBytewise)
    return paginate(names, options, (n) => this.world.repositories.get(n)!)
  }

  deleteRepository(name: string): Repository {
    const repo = this.world.repository(name)
    this.world.repositories.delete(name)
    return repo
  }

  /** A repository by name; lakeFS's 404 when there is none. */
  getRepository(name: string): Repository {
    return this.world.repository(name)
  }

  /** A branch of a repository; lakeFS's 404s when either is missing. */
  getBranch(repoName: string, name: string): Branch {
    return this.world.branch(this.world.repository(repoName), name)
  }

  repositoryMetadata(repoName: string): Record<string, string> {
    return Object.fromEntries(this.world.repository(repoName).metadata)
  }

  createBranch(repoName: string, name: string, source: string, { hidden = false } = {}): Branch {
    const repo = this.world.repository(repoName)
    validateBranchName(name)
    if (repo.branches.has(name)) throw errors.branchExists()
    const { commit } = this.resolve(repo, source)
    const branch = new Branch(name, commit.id, hidden)
    repo.branches.set(name, branch)
    return branch
  }

  /** Branches in byte order; hidden ones only with `showHidden` (catalog.ListBranches). */
  listBranches(repoName: string, options: { prefix?: string; after?: string; amount: number; showHidden?: boolean }): Page<Branch> {
    const repo = this.world.repository(repoName)
    const names = [...repo.branches.values()]
      .filter((b) => options.showHidden || !b.hidden)
      .map((b) => b.name)
      .sort(compareBytewise)
    return paginate(names, options, (n) => repo.branches.get(n)!)
  }

  deleteBranch(repoName: string, name: string): void {
    const repo = this.world.repository(repoName)
    this.world.branch(repo, name)
    if (name === repo.settings.defaultBranch) throw errors.deleteDefaultBranch()
    repo.branches.delete(name)
  }

  /**
   * Commits a branch's staged changes (graveler Commit). Only changes that alter an entry's
   * identity count: without `allowEmpty`, a staging area that changes nothing is "no changes".
   */
  commitStaging(repoName: string, branchName: string, input: CommitInput): Commit {
    const repo = this.world.repository(repoName)
    const branch = this.world.branch(repo, branchName)
    const parent = this.commit(repo, branch.head)
    if (!this.isDirty(repo, branch) && !input.allowEmpty) throw errors.noChanges()
    const changes = stagedChanges(branch.staging)
    const metaRange = changes.length ? applyChanges(this.world.ranges, parent.metaRangeId, changes).id : parent.metaRangeId
    const commit = this.addCommit(repo, {
      parents: [parent.id],
      committer: input.committer,
      message: input.message,
      creationDate: input.date ?? Math.floor(this.world.clock.now() / 1000),
      metaRangeId: metaRange,
      metadata: { ...input.metadata },
      generation: parent.generation + 1,
      version: 1,
    })
    branch.head = commit.id
    branch.staging.clear()
    return commit
  }

  /**
   * Whether staging changes anything the head commit has (graveler checkEmpty): a staged entry
   * with the committed identity, or a delete of an absent key, is no change. Commit, merge,
   * revert, cherry-pick and import all ask this one question.
   */
  isDirty(repo: Repository, branch: Branch): boolean {
    const metaRangeId = this.commit(repo, branch.head).metaRangeId
    for (const [key, staged] of branch.staging) {
      const committed = this.world.ranges.get(metaRangeId, key)
      if (staged ? !sameEntry(committed, staged) : committed) return true
    }
    return false
  }

  /** Stores a commit (idempotent: the ID is its content) and returns it. */
  addCommit(repo: Repository, fields: CommitFields): Commit {
    const commit = createCommit(fields)
    repo.addCommit(commit)
    return commit
  }

  /** A ref expression: commit ID or unique prefix, branch or tag, with `~N`, `^N`, `@`, `$`. */
  resolve(repo: Repository, ref: string): ResolvedRef {
    const r = resolveRef(repo, ref)
    return { commit: this.commit(repo, r.commitId), branch: r.branch }
  }

  /** A ref that must name a commit (graveler dereferenceCommit): staging (`$`) is refused. */
  resolveCommit(repo: Repository, ref: string): Commit {
    if (parseRef(ref).modifiers.some((m) => m.type === 'dollar')) throw errors.invalidRef()
    return this.resolve(repo, ref).commit
  }

  getCommit(repoName: string, ref: string): Commit {
    const repo = this.world.repository(repoName)
    try {
      return this.resolve(repo, ref).commit
    } catch (err) {
      if (err instanceof ValidationError) throw err
      throw errors.commitNotFound()
    }
  }

  commit(repo: Repository, id: string): Commit {
    const commit = repo.commits.get(id)
    if (!commit) throw errors.commitNotFound()
    return commit
  }

  // --- tags (graveler CreateTag/DeleteTag; tags resolve as refs) ---

  createTag(repoName: string, id: string, ref: string, force = false): string {
    const repo = this.world.repository(repoName)
    validateTagId(id)
    const commit = this.resolveCommit(repo, ref)
    if (repo.tags.has(id) && !force) throw errors.tagExists()
    repo.tags.set(id, commit.id)
    return commit.id
  }

  getTag(repoName: string, id: string): string {
    const commitId = this.world.repository(repoName).tags.get(id)
    if (!commitId) throw errors.tagNotFound()
    return commitId
  }

  listTags(repoName: string, options: { prefix?: string; after?: string; amount: number }): Page<{ id: string; commitId: string }> {
    const repo = this.world.repository(repoName)
    const names = [...repo.tags.keys()].sort(compareBytewise)
    return paginate(names, options, (id) => ({ id, commitId: repo.tags.get(id)! }))
  }

  deleteTag(repoName: string, id: string): void {
    const repo = this.world.repository(repoName)
    if (!repo.tags.delete(id)) throw errors.tagNotFound()
  }

  // --- branch protection and repository metadata ---

  /** The rules and their ETag (a digest of the patterns, so any change gives a new one). */
  protectionRules(repoName: string): { patterns: readonly string[]; etag: string } {
    const repo = this.world.repository(repoName)
    return { patterns: repo.protectionRules, etag: rulesEtag(repo.protectionRules) }
  }

  /** catalog SetBranchProtectionRules: refused on a read-only repository, and when `ifMatch` names other rules. */
  setProtectionRules(repoName: string, patterns: readonly string[], ifMatch?: string): void {
    const repo = this.world.repository(repoName)
    if (repo.settings.readOnly) throw errors.readOnlyRepository()
    if (ifMatch !== undefined && ifMatch !== rulesEtag(repo.protectionRules)) throw errors.preconditionFailed()
    repo.protectionRules = [...patterns]
  }

  isProtected(repo: Repository, branch: string): boolean {
    return repo.protectionRules.some((p) => matchesPattern(p, branch))
  }

  setRepositoryMetadata(repoName: string, metadata: Readonly<Record<string, string>>): void {
    const repo = this.world.repository(repoName)
    for (const [k, v] of Object.entries(metadata)) repo.metadata.set(k, v)
  }

  deleteRepositoryMetadata(repoName: string, keys: readonly string[]): void {
    const repo = this.world.repository(repoName)
    for (const k of keys) repo.metadata.delete(k)
  }
}

function rulesEtag(patterns: readonly string[]): string {
  return createHash('md5').update(JSON.stringify(patterns)).digest('hex')
}

/** graveler ValidateTagID, after git-check-ref-format (lakeFS allows `~`). */
export function validateTagId(id: string): void {
  const bad =
    !id ||
    id === '@' ||
    /(\.|\.lock|\/)$/.test(id) ||
    /\.\.|\/\/|@\{/.test(id) ||
    /[\^:?*[\\\s\x00-\x1f\x7f]/.test(id)
  if (bad) throw errors.invalidTagId()
}

export function validateBranchName(name: string): void {
  if (!BRANCH_NAME.test(name)) throw new ValidationError('branch id: invalid value: validation error')
}
