/** The record of action runs (pkg/actions RunResult and TaskResult), per repository, newest first. */
import type { EventType } from './action-file.js'

export interface HookRun {
  /** `<action index>_<hook index>`, four digits each (actions.NewHookRunID). */
  readonly hookRunId: string
  readonly actionName: string
  readonly hookId: string
  readonly startTime: number
  readonly endTime: number
  readonly passed: boolean
  /** What the hook wrote: the request and response of a webhook. */
  readonly output: string
}

export interface ActionRun {
  readonly runId: string
  readonly eventType: EventType
  readonly branchId: string
  readonly sourceRef: string
  /** The commit the event made or acted on; a pre-commit run learns it once the commit lands. */
  commitId: string
  readonly startTime: number
  readonly endTime: number
  readonly passed: boolean
  readonly hooks: readonly HookRun[]
}

export class ActionRuns {
  readonly #byRepository = new Map<string, ActionRun[]>()

  add(repository: string, run: ActionRun): void {
    let runs = this.#byRepository.get(repository)
    if (!runs) this.#byRepository.set(repository, (runs = []))
    runs.unshift(run)
  }

  /** Newest first; `branch` and `commit` filter as listRepositoryRuns does. */
  list(repository: string, filter: { branch?: string; commit?: string } = {}): readonly ActionRun[] {
    return (this.#byRepository.get(repository) ?? []).filter(
      (r) => (!filter.branch || r.branchId === filter.branch) && (!filter.commit || r.commitId === filter.commit)
    )
  }

  get(repository: string, runId: string): ActionRun | undefined {
    return this.#byRepository.get(repository)?.find((r) => r.runId === runId)
  }

  drop(repository: string): void {
    this.#byRepository.delete(repository)
  }
}
