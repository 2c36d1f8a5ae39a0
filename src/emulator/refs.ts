/** Repositories, branches and commits (the refs side of graveler). */
import { compareBytewise } from '../util/byte-order.js'
import { type Commit, createCommit } from './commit.js'
import { errors, ValidationError } from './errors.js'
import { type Page, paginate } from './pagination.js'
import { Branch, Repository } from './repository.js'
import { applyChanges, stagedChanges } from './tree-changes.js'
import type { World } from './world.js'

export interface CreateRepositoryInput {
  readonly name: string
  readonly storageNamespace: string
  readonly defaultBranch?: string
  readonly readOnly?: boolean
}

/** A ref resolved to a commit, and to a branch when it named one (reads then see staging). */
export interface CommitInput {
  readonly committer: string
  readonly message: string
  readonly metadata?: Readonly<Record<string, string>>
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
    repositories.set(input.name, repo)
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

  createBranch(repoName: string, name: string, source: string): Branch {
    const repo = this.world.repository(repoName)
    validateBranchName(name)
    if (repo.branches.has(name)) throw errors.branchExists()
    const { commit } = this.resolve(repo, source)
    const branch = new Branch(name, commit.id)
    repo.branches.set(name, branch)
    return branch
  }

  listBranches(repoName: string, options: { prefix?: string; after?: string; amount: number }): Page<Branch> {
    const repo = this.world.repository(repoName)
    const names = [...repo.branches.keys()].sort(compareBytewise)
    return paginate(names, options, (n) => repo.branches.get(n)!)
  }

  deleteBranch(repoName: string, name: string): void {
    const repo = this.world.repository(repoName)
    this.world.branch(repo, name)
    if (name === repo.settings.defaultBranch) throw errors.deleteDefaultBranch()
    repo.branches.delete(name)
  }

  /** Commits a branch's staged changes (graveler Commit); an empty staging area is an error. */
  commitStaging(repoName: string, branchName: string, input: CommitInput): Commit {
    const repo = this.world.repository(repoName)
    const branch = this.world.branch(repo, branchName)
    if (!branch.isDirty) throw errors.noChanges()
    const parent = this.commit(repo, branch.head)
    const metaRange = applyChanges(this.world.ranges, parent.metaRangeId, stagedChanges(branch.staging))
    const commit = createCommit({
      parents: [parent.id],
      committer: input.committer,
      message: input.message,
      creationDate: Math.floor(this.world.clock.now() / 1000),
      metaRangeId: metaRange.id,
      metadata: { ...input.metadata },
      generation: parent.generation + 1,
      version: 1,
    })
    repo.addCommit(commit)
    branch.head = commit.id
    branch.staging.clear()
    return commit
  }

  /** A branch name or a full commit ID. */
  resolve(repo: Repository, ref: string): ResolvedRef {
    const branch = repo.branches.get(ref)
    if (branch) return { commit: this.commit(repo, branch.head), branch }
    const commit = repo.commits.get(ref)
    if (commit) return { commit }
    throw errors.refNotFound()
  }

  getCommit(repoName: string, ref: string): Commit {
    const repo = this.world.repository(repoName)
    try {
      return this.resolve(repo, ref).commit
    } catch {
      throw errors.commitNotFound()
    }
  }

  commit(repo: Repository, id: string): Commit {
    const commit = repo.commits.get(id)
    if (!commit) throw errors.commitNotFound()
    return commit
  }
}

function validateBranchName(name: string): void {
  if (!BRANCH_NAME.test(name)) throw new ValidationError('branch id: invalid value: validation error')
}
