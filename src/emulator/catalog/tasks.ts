/**
 * lakeFS's background tasks (pkg/catalog/task.go, catalog.go RunBackgroundTaskSteps): refs dumps and
 * restores and GC commit preparation, each with an ID of a prefix and 20 nanoid characters and a
 * status record per repository. The emulator runs a task's steps when it is submitted, so its
 * status is done by the first poll; a step's failure is the task's error, as lakeFS records it.
 */
import { createHash } from 'node:crypto'
import { NotFoundError } from '../errors.js'
import type { Repository } from './repository.js'
import type { World } from './world.js'

/** catalog.go DumpRefsTaskIDPrefix, RestoreRefsTaskIDPrefix, GarbageCollectionPrepareCommitsPrefix. */
export type TaskPrefix = 'DR' | 'RR' | 'GCPC'

export interface TaskStatus {
  readonly id: string
  readonly done: boolean
  /** Epoch milliseconds. */
  readonly updateTime: number
  readonly error?: string
  /** What the task produced (a dump's metarange IDs, a GC run's locations). */
  readonly result?: Readonly<Record<string, string>>
}

/** nanoid's URL alphabet, which lakeFS's task IDs are drawn from. */
const NANOID_ALPHABET = 'useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict'

export class TaskService {
  constructor(private readonly world: World) {}

  /** Runs `steps` now and records how they ended; returns the task's ID. */
  run(repo: Repository, prefix: TaskPrefix, steps: () => Readonly<Record<string, string>> | undefined): string {
    const digest = createHash('sha256').update(this.world.xids.next(this.world.clock.now())).digest()
    const id = prefix + [...digest.subarray(0, 20)].map((b) => NANOID_ALPHABET[b & 63]).join('')
    let status: TaskStatus
    try {
      const result = steps()
      status = { id, done: true, updateTime: this.world.clock.now(), ...(result ? { result } : {}) }
    } catch (err) {
      status = { id, done: true, updateTime: this.world.clock.now(), error: err instanceof Error ? err.message : String(err) }
    }
    repo.tasks.set(id, status)
    return id
  }

  /** catalog GetValidatedTaskStatus: an ID of another kind, or unknown, is "not found". */
  status(repoName: string, prefix: TaskPrefix, id: string): TaskStatus {
    const repo = this.world.repository(repoName)
    const status = id.length === prefix.length + 20 && id.startsWith(prefix) ? repo.tasks.get(id) : undefined
    if (!status) throw new NotFoundError('not found')
    return status
  }
}
