/** Repositories and branches: the in-memory refs of one lakeFS installation. */
import type { Commit } from '../graveler/commit.js'
import type { Entry } from '../graveler/entry.js'
import type { PullRequest } from './pull-requests.js'
import type { TaskStatus } from './tasks.js'

/** A branch: a head commit plus staged changes (`null` marks a staged delete). */
export class Branch {
  readonly staging = new Map<string, Entry | null>()
  constructor(
    readonly name: string,
    public head: string,
    /** Hidden branches (graveler BranchRecord.Hidden) are left out of listings unless asked for. */
    readonly hidden = false
  ) {}
}

export interface RepositorySettings {
  readonly name: string
  readonly storageNamespace: string
  readonly defaultBranch: string
  readonly readOnly: boolean
  /** Epoch milliseconds. */
  readonly creationDate: number
}

export class Repository {
  readonly branches = new Map<string, Branch>()
  readonly commits = new Map<string, Commit>()
  readonly metadata = new Map<string, string>()
  /** Tag name to commit ID. */
  readonly tags = new Map<string, string>()
  /** Addresses getPhysicalAddress gave out and linkPhysicalAddress has not used yet (catalog SetLinkAddress). */
  readonly linkAddresses = new Set<string>()
  /** Background tasks' status records by ID (dumps, restores, GC preparation). */
  readonly tasks = new Map<string, TaskStatus>()
  /** Pull requests by ID. */
  readonly pullRequests = new Map<string, PullRequest>()
  /** Branch protection patterns (fnmatch with `*` and `?`), in the order they were set. */
  protectionRules: readonly string[] = []

  constructor(readonly settings: RepositorySettings) {}

  get name(): string {
    return this.settings.name
  }

  addCommit(commit: Commit): void {
    this.commits.set(commit.id, commit)
  }
}

/** A repository's storage namespace with one trailing slash: what its relative addresses follow. */
export function namespacePrefix(repo: Repository): string {
  const ns = repo.settings.storageNamespace
  return ns.endsWith('/') ? ns : `${ns}/`
}

/** Where lakeFS keeps files of its own in a repository's storage namespace (committedBlockStoragePrefix `_lakefs`). */
export function namespaceUri(repo: Repository, key: string): string {
  return `${namespacePrefix(repo)}_lakefs/${key}`
}
