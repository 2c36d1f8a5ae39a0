/** The domain form of an ImportCreation body. */

export type ImportPathType = 'common_prefix' | 'object'

export interface ImportPath {
  readonly type: ImportPathType
  readonly path: string
  readonly destination: string
}

export interface ImportRequest {
  readonly paths: readonly ImportPath[]
  readonly message: string
  readonly metadata: Readonly<Record<string, string>>
  readonly force: boolean
}

/** What the emulator may be told to do differently from current lakeFS (scenario `compat`). */
export interface ImportCompat {
  /** `at-commit` (lakeFS today) or `reject-at-start` (the documented older rule). */
  readonly dirtyBranch: 'at-commit' | 'reject-at-start'
  /** `incomplete` (lakeFS today: completed=false) or `completed` (as some docs describe). */
  readonly failedImport: 'incomplete' | 'completed'
}

export interface ImportPacing {
  /** Visible ingestion pace on the emulator clock; 0 = as fast as the machine goes. */
  readonly objectsPerSecond: number
  /** How often status is published; 0 = live. lakeFS flushes every second. */
  readonly statusIntervalMs: number
}
