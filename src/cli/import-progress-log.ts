/**
 * Import progress for the CLI's info log: `import <id> (repo/branch): 12,000/30,000 objects, 4,900/s`
 * while an import runs, and one line when it ends. The total is the fake store's count of what the
 * walk will visit (lakeFS never knows it); until the store has indexed the sources it is left out.
 * Rates are per wall second between ticks.
 */
import type { Emulator } from '../emulator/emulator.js'
import { withThousands } from '../util/numbers.js'

const n = (x: number) => withThousands(Math.round(x))

export class ImportProgressLog {
  /** Objects walked at the last tick, per import still running then. */
  readonly #seen = new Map<string, { walked: number; at: number }>()
  /** Imports whose end was logged, until their records expire. */
  #ended = new Set<string>()

  constructor(
    private readonly emulator: () => Emulator,
    private readonly write: (line: string) => void,
    private readonly now: () => number = () => performance.now()
  ) {}

  /** Logs what changed since the last tick (the CLI ticks once a second). */
  tick(): void {
    const at = this.now()
    const ended = new Set<string>()
    for (const job of this.emulator().inspect.imports()) {
      const { id } = job
      if (this.#ended.has(id)) {
        ended.add(id)
        continue
      }
      const where = `import ${id} (${job.options.repository}/${job.options.branch})`
      const before = this.#seen.get(id)
      if (job.state === 'running') {
        if (before && job.walked !== before.walked) {
          const rate = ((job.walked - before.walked) * 1000) / Math.max(1, at - before.at)
          const total = job.expectedObjects
          this.write(`${where}: ${n(job.walked)}${total === undefined ? '' : `/${n(total)}`} objects, ${n(rate)}/s`)
        }
        this.#seen.set(id, { walked: job.walked, at })
        continue
      }
      ended.add(id)
      this.#seen.delete(id)
      const { status } = job
      const outcome =
        job.state === 'completed'
          ? `completed, ${n(status.ingestedObjects)} objects, commit ${status.commit?.id.slice(0, 12)}`
          : job.state === 'failed'
            ? `failed after ${n(status.ingestedObjects)} objects: ${status.error}`
            : `canceled after ${n(job.walked)} objects`
      this.write(`${where}: ${outcome}`)
    }
    this.#ended = ended
  }
}
