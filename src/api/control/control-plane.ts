/** What the /_emulator control API needs of a running emulator: the interface its handlers call. */
import type { z } from '@hono/zod-openapi'
import type { Commit } from '../../emulator/graveler/commit.js'
import type { Journal } from '../observability/journal.js'
import type { CoverageReport } from './coverage.js'
import type * as routes from './control.routes.js'

export type ClockState = z.infer<typeof routes.ClockStateSchema>
export type ImportReport = z.infer<typeof routes.ImportReportSchema>
export type ActionRunReport = z.infer<typeof routes.ActionRunReportSchema>
type RepositorySummary = z.infer<typeof routes.RepositorySummarySchema>
type ScenarioSummary = z.infer<typeof routes.ScenarioSummarySchema>

/** A request the control plane refuses; `problems` carry JSON paths (a bad scenario). */
export class ControlInputError extends Error {
  override name = 'ControlInputError'
  constructor(
    message: string,
    readonly status: 400 | 404 | 409 = 400,
    readonly problems?: readonly { path: string; message: string }[]
  ) {
    super(message)
  }
}

/** What the control API can do to a running emulator. */
export interface ControlPlane {
  readonly journal: Journal
  scenario(): unknown
  scenarioSummary(): ScenarioSummary
  /** Replaces the world and the rules; throws ControlInputError when the scenario is invalid. */
  replaceScenario(data: unknown): void
  reset(): void
  putObject(uri: string, bytes: Uint8Array): { uri: string; size: number; etag: string; lastModified: number }
  deleteObject(uri: string): boolean
  coverage(): CoverageReport
  clock(): ClockState
  advance(ms: number): Promise<ClockState>
  imports(): ImportReport[]
  /** The latest action runs of every repository, newest first. */
  runs(): ActionRunReport[]
  repositories(): RepositorySummary[]
  /** Throws lakeFS's errors for an unknown repository or ref. */
  log(repository: string, ref: string, amount: number): Commit[]
  /** Cancels as importCancel does (409 once completed); false when no import has this id. */
  cancelImport(id: string): boolean
}
