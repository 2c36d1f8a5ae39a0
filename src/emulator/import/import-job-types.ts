/** The import job's types: its options, status record, step results and phases. */
import type { ObjectStore } from '../../fakestore/object-store.js'
import type { BlockstoreSettings } from '../blockstore.js'
import type { Commit } from '../graveler/commit.js'
import type { IdentityHasher } from './identity-hasher.js'
import type { ImportEffect } from './import-effects.js'
import type { BuiltTree, ImportLanding } from './import-landing.js'
import type { ImportCompat, ImportPacing, ImportRequest } from './import-request.js'
import type { SourceWalker } from './import-walk.js'

export type ImportState = 'running' | 'completed' | 'failed' | 'canceled'

/** The status record clients read (graveler.ImportStatus). */
export interface ImportStatusRecord {
  readonly completed: boolean
  /** Epoch milliseconds. */
  readonly updateTime: number
  readonly ingestedObjects: number
  readonly metaRangeId?: string
  readonly commit?: Commit
  /** Stored error text; clients see it prefixed with `import error: `. */
  readonly error?: string
}

export interface ImportJobOptions {
  readonly id: string
  readonly repository: string
  readonly branch: string
  readonly user: string
  readonly request: ImportRequest
  readonly startTime: number
  readonly pacing: ImportPacing
  readonly compat: ImportCompat
  readonly store: ObjectStore
  readonly blockstore: BlockstoreSettings
  /** Where the built tree lands (the catalog's, over this job's repository and branch). */
  readonly landing: ImportLanding
  /** Misbehaviour to apply as the job runs (from scenario fault rules). */
  readonly effects?: readonly ImportEffect[]
  /** Hashes entry identities on another thread; without it, the build hashes them inline. */
  readonly hasher?: IdentityHasher
  /** Told when work elsewhere lands (the pre-commit hooks' answer), so the job can be stepped again. */
  readonly onOffloadedWork?: () => void
}

/** What one slice of work asks of the runner next. */
export type StepResult =
  | { readonly kind: 'more' }
  | { readonly kind: 'wait'; readonly until: number }
  | { readonly kind: 'done' }
  /** Waiting on work elsewhere (the pre-commit hooks); `onOffloadedWork` says when it lands. */
  | { readonly kind: 'blocked' }

export type Phase =
  | { name: 'walk'; walker?: SourceWalker }
  | { name: 'build'; work: Generator<void, BuiltTree> }
  /** Built; `gated` once the pre-commit hooks passed (or there were none). */
  | { name: 'ready'; tree: BuiltTree; gated?: boolean }
  /** Waiting on the pre-commit hooks; `outcome` once they answered. */
  | { name: 'gating'; tree: BuiltTree; outcome?: { error?: string } }
  | { name: 'failed'; error: string }
  /** Finished one way or another: the walk's records and the built tree are let go. */
  | { name: 'over'; outcome: Exclude<ImportState, 'running'> }
  /** The lakeFS process died (a crash effect): no more work, no more status writes. */
  | { name: 'dead' }

