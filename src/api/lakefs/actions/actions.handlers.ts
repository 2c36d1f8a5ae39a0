/** Handlers for the runs API (controller.go ListRepositoryRuns, GetRun, ListRunHooks, GetRunHookOutput). */
import type { z } from '@hono/zod-openapi'
import type { ActionRun, HookRun } from '../../../emulator/actions/action-runs.js'
import { pageAmount, type Page } from '../../../emulator/catalog/pagination.js'
import { NotFoundError } from '../../../emulator/errors.js'
import type { ActionRunSchema, HookRunSchema } from './actions.routes.js'
import type * as routes from './actions.routes.js'
import { signedIn } from '../auth.js'
import type { LakeFSHandler } from '../create-router.js'
import { toPagination } from '../dto.js'

/** Go's zero time, which lakeFS shows for a hook that was skipped. */
const time = (ms: number) => (ms > 0 ? new Date(ms).toISOString() : '0001-01-01T00:00:00Z')
const status = (passed: boolean): 'completed' | 'failed' => (passed ? 'completed' : 'failed')

const toRun = (r: ActionRun): z.infer<typeof ActionRunSchema> => ({
  run_id: r.runId,
  branch: r.branchId,
  start_time: time(r.startTime),
  end_time: time(r.endTime),
  event_type: r.eventType,
  status: status(r.passed),
  commit_id: r.commitId,
})

const toHook = (h: HookRun): z.infer<typeof HookRunSchema> => ({
  hook_run_id: h.hookRunId,
  action: h.actionName,
  hook_id: h.hookId,
  start_time: time(h.startTime),
  end_time: time(h.endTime),
  status: status(h.passed),
})

/** A page of `items` after the one named `after` (by id), lakeFS-style. */
function pageAfter<T>(items: readonly T[], idOf: (t: T) => string, after: string | undefined, amount: number): Page<T> {
  const start = after ? items.findIndex((t) => idOf(t) === after) + 1 : 0
  const results = items.slice(start, start + amount)
  const hasMore = start + amount < items.length
  return { results, hasMore, nextOffset: hasMore ? idOf(results[results.length - 1]!) : '' }
}

function runOf(emulator: ReturnType<typeof signedIn>['emulator'], repository: string, runId: string): ActionRun {
  emulator.refs.getRepository(repository)
  const run = emulator.actions.runs.get(repository, runId)
  if (!run) throw new NotFoundError('not found')
  return run
}

export const listRepositoryRuns: LakeFSHandler<typeof routes.listRepositoryRuns> = (c) => {
  const { emulator } = signedIn(c)
  const { repository } = c.req.valid('param')
  const q = c.req.valid('query')
  emulator.refs.getRepository(repository)
  const page = pageAfter(emulator.actions.runs.list(repository, { branch: q.branch, commit: q.commit }), (r) => r.runId, q.after, pageAmount(q.amount))
  return c.json({ pagination: toPagination(page), results: page.results.map(toRun) }, 200)
}

export const getRun: LakeFSHandler<typeof routes.getRun> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, run_id } = c.req.valid('param')
  return c.json(toRun(runOf(emulator, repository, run_id)), 200)
}

export const listRunHooks: LakeFSHandler<typeof routes.listRunHooks> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, run_id } = c.req.valid('param')
  const q = c.req.valid('query')
  const page = pageAfter(runOf(emulator, repository, run_id).hooks, (h) => h.hookRunId, q.after, pageAmount(q.amount))
  return c.json({ pagination: toPagination(page), results: page.results.map(toHook) }, 200)
}

export const getRunHookOutput: LakeFSHandler<typeof routes.getRunHookOutput> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, run_id, hook_run_id } = c.req.valid('param')
  const hook = runOf(emulator, repository, run_id).hooks.find((h) => h.hookRunId === hook_run_id)
  if (!hook) throw new NotFoundError('not found')
  return c.body(hook.output, 200, { 'Content-Type': 'application/octet-stream' }) as never
}
