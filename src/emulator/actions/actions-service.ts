/**
 * lakeFS's actions service (pkg/actions/service.go StoreService.Run): load the action files on the
 * event's source ref, keep those matching the event and branch, run each action's hooks in order
 * (actions side by side; after a hook fails, the rest of its action is skipped), record the run, and
 * answer the failure as go-multierror words it. Pre-event callers abort on that; post-event callers
 * never undo what they did.
 */
import type { Clock } from '../clock.js'
import { type Action, type EventType, matchesEvent, parseAction } from './action-file.js'
import { type ActionRun, ActionRuns, type HookRun } from './action-runs.js'
import type { ActionSource, HookPorts } from './hook-port.js'
import { evalHookIf } from './hook-if.js'
import { luaHookInput } from './lua-hook.js'
import { type EventInfo, runWebhook } from './webhook-hook.js'

/** What an event is about (graveler.HookRecord). */
export interface HookRecord {
  readonly eventType: EventType
  readonly repository: string
  readonly branchId: string
  /** The ref the action files are read from. */
  readonly sourceRef: string
  readonly commitId?: string
  readonly tagId?: string
  readonly mergeSource?: string
  readonly commit: { readonly message: string; readonly committer: string; readonly metadata: Readonly<Record<string, string>> }
  /** Who made the write (what a Lua hook's lakefs calls act as); the committer when absent. */
  readonly user?: string
}

export interface RunOutcome {
  readonly runId: string
  /** The failure as lakeFS reports it, when a hook failed or the action files could not be read. */
  readonly error?: string
}

/** hashicorp/go-multierror's text, which lakeFS's hook errors carry. */
export function multiError(errors: readonly string[]): string {
  if (errors.length === 1) return `1 error occurred:\n\t* ${errors[0]}\n\n`
  return `${errors.length} errors occurred:\n\t${errors.map((e) => `* ${e}`).join('\n\t')}\n\n`
}

/** A run decided on: its ID and the actions to run, or why the action files could not be read. */
export interface RunPlan {
  readonly runId: string
  readonly actions: readonly Action[]
  readonly error?: string
}

interface HookResult extends HookRun {
  readonly error?: string
}

export class ActionsService {
  readonly runs = new ActionRuns()

  constructor(
    private readonly clock: Clock,
    private readonly newRunId: () => string,
    private readonly source: ActionSource,
    private readonly ports: HookPorts = {}
  ) {}

  /** Runs what matches `record`; undefined when no action matched (nothing is recorded then). */
  run(record: HookRecord): Promise<RunOutcome | undefined> {
    const plan = this.plan(record)
    return plan ? this.execute(plan, record) : Promise.resolve(undefined)
  }

  /**
   * What a run of `record` would do, decided at once (the action files read and matched): undefined
   * when nothing matches, so callers with nothing to wait for stay synchronous.
   */
  plan(record: HookRecord): RunPlan | undefined {
    // A run ID is drawn only for a run that happens: events without actions leave the seeded IDs alone.
    let actions: Action[]
    try {
      actions = this.#load(record).filter((a) => matchesEvent(a, record.eventType, record.branchId))
    } catch (err) {
      return { runId: this.newRunId(), actions: [], error: (err as Error).message }
    }
    return actions.length ? { runId: this.newRunId(), actions } : undefined
  }

  async execute(plan: RunPlan, record: HookRecord): Promise<RunOutcome> {
    const { runId } = plan
    if (plan.error) return { runId, error: plan.error }
    const perAction = await Promise.all(plan.actions.map((action, i) => this.#runAction(action, i, record, runId)))
    const hooks = perAction.flat()
    const started = hooks.filter((h) => h.startTime > 0)
    const run: ActionRun = {
      runId,
      eventType: record.eventType,
      branchId: record.branchId,
      sourceRef: record.sourceRef,
      commitId: record.commitId ?? '',
      startTime: Math.min(...started.map((h) => h.startTime), this.clock.now()),
      endTime: Math.max(...hooks.map((h) => h.endTime), 0),
      passed: hooks.every((h) => !h.error),
      hooks: hooks.map(({ error: _error, ...hook }) => hook),
    }
    this.runs.add(record.repository, run)
    const failures = perAction.flatMap((action) => action.find((h) => h.error) ?? []).map((h) => `hook run id '${h.hookRunId}' failed on action '${h.actionName}' hook '${h.hookId}': ${h.error}`)
    return { runId, error: failures.length ? multiError(failures) : undefined }
  }

  /** LoadActions: every file parsed (the first that fails fails the run), names unique. */
  #load(record: HookRecord): Action[] {
    const actions = this.source(record.repository, record.sourceRef).map((file) => {
      try {
        return parseAction(file.text)
      } catch (err) {
        throw new Error(`parsing file ${file.path}: ${(err as Error).message}`)
      }
    })
    const names = new Set<string>()
    for (const a of actions) {
      if (names.has(a.name)) throw new Error(`action name '${a.name}' already loaded: invalid action`)
      names.add(a.name)
    }
    return actions
  }

  async #runAction(action: Action, actionIndex: number, record: HookRecord, runId: string): Promise<HookResult[]> {
    const results: HookResult[] = []
    let failed = false
    for (const [hookIndex, hook] of action.hooks.entries()) {
      const hookRunId = `${String(actionIndex).padStart(4, '0')}_${String(hookIndex).padStart(4, '0')}`
      const base = { hookRunId, actionName: action.name, hookId: hook.id }
      const startTime = this.clock.now()
      let run: boolean
      try {
        run = hook.if === undefined ? !failed : evalHookIf(hook.if, failed)
      } catch (err) {
        // An `if` that cannot be evaluated fails the hook without running it (runHookIfEval's error).
        const error = (err as Error).message
        results.push({ ...base, startTime, endTime: this.clock.now(), passed: false, output: `Error: ${error}\n`, error })
        failed = true
        continue
      }
      // A hook its condition skips is recorded as not passed, and is no failure (service.go runTasks).
      if (!run) {
        results.push({ ...base, startTime: 0, endTime: 0, passed: false, output: '' })
        continue
      }
      const { output, error } = await this.#runHook(action, hook, record, runId)
      const text = error ? `${output}Error: ${error}\n` : output
      results.push({ ...base, startTime, endTime: this.clock.now(), passed: !error, output: text, error })
      failed ||= !!error
    }
    return results
  }

  #runHook(action: Action, hook: Action['hooks'][number], record: HookRecord, runId: string): Promise<{ output: string; error?: string }> {
    const { webhooks, lua, env = () => undefined } = this.ports
    if (hook.type === 'lua') {
      if (!lua) return Promise.resolve({ output: '', error: 'lua hooks cannot be run here (no Lua runtime)' })
      const input = luaHookInput(action, hook, record, runId, env, this.ports.readText)
      return 'error' in input ? Promise.resolve({ output: '', error: input.error }) : lua.run(input)
    }
    if (hook.type !== 'webhook') return Promise.resolve({ output: '', error: `${hook.type} hooks are not run by the emulator` })
    if (!webhooks) return Promise.resolve({ output: '', error: 'webhooks cannot be called here (no executor)' })
    const event: EventInfo = {
      event_type: record.eventType,
      event_time: new Date(this.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      action_name: action.name,
      hook_id: hook.id,
      repository_id: record.repository,
      branch_id: record.branchId,
      source_ref: record.sourceRef || undefined,
      tag_id: record.tagId,
      commit_id: record.commitId,
      commit_message: record.commit.message,
      committer: record.commit.committer,
      commit_metadata: Object.keys(record.commit.metadata).length ? { ...record.commit.metadata } : undefined,
      merge_source: record.mergeSource,
    }
    return runWebhook(hook, event, webhooks, env)
  }
}
