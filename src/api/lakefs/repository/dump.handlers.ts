/** Handlers for refs dumps and restores (controller.go DumpRefs, RestoreRefs, Dump*, Restore*). */
import type { RefsDump } from '../../../emulator/catalog/refs-dump.js'
import type { TaskStatus } from '../../../emulator/catalog/tasks.js'
import { authenticated, signedIn } from '../auth.js'
import type { LakeFSHandler } from '../create-router.js'
import type * as routes from './dump.routes.js'
import { goTime } from '../dto.js'

const toWire = (d: RefsDump) => ({ branches_meta_range_id: d.branches, commits_meta_range_id: d.commits, tags_meta_range_id: d.tags })
const fromWire = (b: { commits_meta_range_id: string; branches_meta_range_id: string; tags_meta_range_id: string }): RefsDump => ({
  commits: b.commits_meta_range_id,
  branches: b.branches_meta_range_id,
  tags: b.tags_meta_range_id,
})

/** controller.go DumpRefs: the three metaranges, and their manifest at _lakefs/refs_manifest.json. */
export const dumpRefs: LakeFSHandler<typeof routes.dumpRefs> = (c) => {
  const { emulator } = signedIn(c)
  return c.json(toWire(emulator.dumps.dump(c.req.valid('param').repository, true)), 201)
}

/** controller.go RestoreRefs writes no body on success: Go answers 200, empty. */
export const restoreRefs: LakeFSHandler<typeof routes.restoreRefs> = (c) => {
  const { emulator } = signedIn(c)
  const body = c.req.valid('json')
  emulator.dumps.restore(c.req.valid('param').repository, fromWire(body), body.force)
  return c.body(null, 200)
}

export const dumpSubmit: LakeFSHandler<typeof routes.dumpSubmit> = (c) => {
  const { emulator } = signedIn(c)
  const { repository } = c.req.valid('param')
  const repo = emulator.refs.getRepository(repository)
  const id = emulator.tasks.run(repo, 'DR', () => {
    const d = emulator.dumps.dump(repository, false)
    return { commits: d.commits, branches: d.branches, tags: d.tags }
  })
  return c.json({ id }, 202)
}

/** controller.go DumpStatus: the task's state, and the dump's IDs once done. */
export const dumpStatus: LakeFSHandler<typeof routes.dumpStatus> = (c) => {
  const { emulator } = authenticated(c)
  const task = emulator.tasks.status(c.req.valid('param').repository, 'DR', c.req.valid('query').task_id)
  const refs = task.result && toWire(task.result as unknown as RefsDump)
  return c.json({ ...statusOf(task), ...(refs ? { refs } : {}) }, 200)
}

/** controller.go RestoreSubmit: a repository that is not bare is refused at once; the rest is the task's. */
export const restoreSubmit: LakeFSHandler<typeof routes.restoreSubmit> = (c) => {
  const { emulator } = signedIn(c)
  const { repository } = c.req.valid('param')
  const body = c.req.valid('json')
  const repo = emulator.dumps.checkBare(repository)
  const id = emulator.tasks.run(repo, 'RR', () => void emulator.dumps.restore(repository, fromWire(body), body.force))
  return c.json({ id }, 202)
}

export const restoreStatus: LakeFSHandler<typeof routes.restoreStatus> = (c) => {
  const { emulator } = authenticated(c)
  return c.json(statusOf(emulator.tasks.status(c.req.valid('param').repository, 'RR', c.req.valid('query').task_id)), 200)
}

function statusOf(task: TaskStatus) {
  return { id: task.id, done: task.done, update_time: goTime(task.updateTime), ...(task.error === undefined ? {} : { error: task.error }) }
}
