/** Core state as the control API reports it (its wire shapes, from control.routes.ts). */
import type { z } from '@hono/zod-openapi'
import type { ActionRun } from '../../emulator/actions/action-runs.js'
import type { ActionRunReport } from './control-plane.js'
import type { ImportView, RepositoryView } from '../../emulator/inspection.js'
import { compareBytewise } from '../../util/byte-order.js'
import type { ImportReportSchema, RepositorySummarySchema } from './control.routes.js'

/** Repositories and branches as lakeFS lists them: by name, in byte order. */
const byName = (a: { name: string }, b: { name: string }) => compareBytewise(a.name, b.name)

const iso = (ms: number | undefined) => (ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString())

export function repositorySummaries(repositories: readonly RepositoryView[]): z.infer<typeof RepositorySummarySchema>[] {
  return repositories.map((repo) => ({
    name: repo.name,
    storageNamespace: repo.settings.storageNamespace,
    defaultBranch: repo.settings.defaultBranch,
    branches: [...repo.branches.values()].sort(byName).map((b) => ({ name: b.name, commitId: b.head, uncommitted: b.staging.size })),
    tags: repo.tags.size,
    commits: repo.commits.size,
  }))
}

export function importReport(job: ImportView): z.infer<typeof ImportReportSchema> {
  const s = job.status
  return {
    id: job.id,
    repository: job.options.repository,
    branch: job.options.branch,
    state: job.state,
    startTime: new Date(job.options.startTime).toISOString(),
    paths: job.options.request.paths.map(({ type, path, destination }) => ({ type, path, destination })),
    message: job.options.request.message,
    walkedObjects: job.walked,
    expectedObjects: job.expectedObjects ?? null,
    status: {
      completed: s.completed,
      updateTime: new Date(s.updateTime).toISOString(),
      ingestedObjects: s.ingestedObjects,
      ...(s.error !== undefined && { error: s.error }),
      ...(s.commit && { commitId: s.commit.id }),
    },
    effects: job.effects.map(({ effect, firedAt, endsAt }) => {
      const { kind, rule, ...detail } = effect
      return { rule, kind, detail, firedAt: iso(firedAt), ...(kind === 'stall' && { endsAt: firedAt === undefined ? null : iso(endsAt) }) }
    }),
  }
}

/** Action runs across repositories for the dashboard: newest first, the latest `limit`. */
export function runReports(runs: readonly { repository: string; run: ActionRun }[], limit = 50): ActionRunReport[] {
  const iso = (ms: number) => (ms > 0 ? new Date(ms).toISOString() : '')
  const status = (passed: boolean) => (passed ? 'completed' : 'failed') as 'completed' | 'failed'
  return [...runs]
    .sort((a, b) => b.run.startTime - a.run.startTime)
    .slice(0, limit)
    .map(({ repository, run }) => ({
      repository,
      runId: run.runId,
      eventType: run.eventType,
      branch: run.branchId,
      commitId: run.commitId,
      status: status(run.passed),
      startTime: iso(run.startTime),
      endTime: iso(run.endTime),
      hooks: run.hooks.map((h) => ({ hookRunId: h.hookRunId, action: h.actionName, hookId: h.hookId, status: status(h.passed) })),
    }))
}
