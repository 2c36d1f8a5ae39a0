/** Handlers for GC preparation (controller.go PrepareGarbageCollection*). */
import type { Context } from 'hono'
import type { GcCommitsRun, UncommittedMark } from '../../../emulator/catalog/gc-prepare.js'
import { errors } from '../../../emulator/errors.js'
import { authenticated, signedIn } from '../auth.js'
import type { LakeFSEnv, LakeFSHandler } from '../create-router.js'
import { goTime } from '../dto.js'
import { uncommittedParquet } from './gc-parquet.js'
import type * as routes from './gc.routes.js'

/** apigen.GarbageCollectionPrepareResponse; the CSV pre-signed when the blockstore can (lakeFS logs a failure and answers ""). */
function prepared(c: Context<LakeFSEnv>, run: GcCommitsRun) {
  const { presigner, emulator } = c.var
  const url = presigner.enabled(emulator.blockstore) ? presigner.sign('GET', run.commitsLocation).url : ''
  return { gc_commits_location: run.commitsLocation, gc_addresses_location: run.addressesLocation, run_id: run.runId, gc_commits_presigned_url: url }
}

export const prepareGarbageCollectionCommits: LakeFSHandler<typeof routes.prepareGarbageCollectionCommits> = (c) => {
  const { emulator } = signedIn(c)
  return c.json(prepared(c, emulator.gc.prepareCommits(c.req.valid('param').repository)), 201)
}

/** catalog PrepareExpiredCommitsAsync: the same work as a GCPC task. */
export const prepareGarbageCollectionCommitsAsync: LakeFSHandler<typeof routes.prepareGarbageCollectionCommitsAsync> = (c) => {
  const { emulator } = signedIn(c)
  const { repository } = c.req.valid('param')
  const id = emulator.tasks.run(emulator.refs.getRepository(repository), 'GCPC', () => ({ ...emulator.gc.prepareCommits(repository) }))
  return c.json({ id }, 202)
}

export const prepareGarbageCollectionCommitsStatus: LakeFSHandler<typeof routes.prepareGarbageCollectionCommitsStatus> = (c) => {
  const { emulator } = authenticated(c)
  const task = emulator.tasks.status(c.req.valid('param').repository, 'GCPC', c.req.valid('query').id)
  const run = task.result as GcCommitsRun | undefined
  return c.json(
    {
      task_id: task.id,
      completed: task.done,
      update_time: goTime(task.updateTime),
      ...(run ? { result: prepared(c, run) } : {}),
      ...(task.error === undefined ? {} : { error: { message: task.error } }),
    },
    200
  )
}

/** controller.go PrepareGarbageCollectionUncommitted: the continuation token is base64 of the mark's JSON. */
export const prepareGarbageCollectionUncommitted: LakeFSHandler<typeof routes.prepareGarbageCollectionUncommitted> = (c) => {
  const { emulator } = signedIn(c)
  const token = c.req.valid('json')?.continuation_token ?? ''
  const info = emulator.gc.prepareUncommitted(c.req.valid('param').repository, decodeMark(token), uncommittedParquet)
  return c.json({ run_id: info.runId, gc_uncommitted_location: info.location }, 201)
}

/** controller.go decodeGCUncommittedMark: base64 (standard) of {"branch","path","run_id","key"}, each a string or null. */
function decodeMark(token: string): UncommittedMark | undefined {
  if (token === '') return undefined
  let mark: unknown
  try {
    mark = /^[A-Za-z0-9+/]*={0,2}$/.test(token) ? JSON.parse(Buffer.from(token, 'base64').toString('utf8')) : undefined
  } catch {
    mark = undefined
  }
  const fields = mark !== null && typeof mark === 'object' && !Array.isArray(mark) ? (mark as Record<string, unknown>) : undefined
  const [branch, path, runId] = ['branch', 'path', 'run_id'].map((k) => fields?.[k] ?? '')
  if (!fields || typeof branch !== 'string' || typeof path !== 'string' || typeof runId !== 'string') throw errors.invalid('invalid continuation token')
  return { branch, path, runId }
}
