/**
 * The last stages of the import pipeline (ranges -> metarange -> landing), as a port the job is
 * handed when it starts: the catalog implements it over the job's repository and branch, so the
 * job never names either and never hands itself back.
 */
import type { Commit } from '../graveler/commit.js'
import type { MetaRange } from '../graveler/metarange.js'
import type { RecordSource } from '../graveler/tree-import.js'
import type { ConflictKind } from './import-effects.js'

/** What the walk found: per source, records in key order, each read once. */
export type ImportRecords = readonly RecordSource[]

export interface BuiltTree {
  readonly baseCommitId: string
  readonly metaRange: MetaRange
}

export interface ImportLanding {
  /**
   * Builds the branch's new tree (ranges, then the metarange) from its current head, yielding
   * between slices of work; `walked` is how many objects the sources hold.
   */
  buildTree(records: ImportRecords, walked: number): Generator<void, BuiltTree>
  /** Commits a built tree at `atMs` (rebuilding first if the head moved); throws to fail. */
  commit(tree: BuiltTree, atMs: number): Commit
  /** Changes the branch behind the import's back (a conflict effect). */
  conflict(kind: ConflictKind, rule: string): void
  /**
   * The pre-commit hooks lakeFS runs inside an import (graveler.Import): undefined when there are
   * none, else a promise of the failure text (undefined when they passed).
   */
  preCommit?(): Promise<string | undefined> | undefined
  /** The post-commit hooks, in the background. */
  postCommit?(commit: Commit): void
}
