/**
 * What every storage front door (S3's two, GCS's) does around its server: record each request in the
 * journal as `<door>:<Op>`, and apply the scenario's fault rules (operation, method, bucket; on the S3
 * gateway repository and branch too) before the server runs it: a delay, an answer in the protocol's
 * own error, or a dropped connection.
 */
import type { Journal } from '../api/observability/journal.js'
import { sleep } from '../emulator/clock.js'
import type { Runtime } from './runtime.js'
import type { FaultResponse } from '../scenarios/fault-engine.js'
import { ConnectionDroppedError } from '../scenarios/fault-middleware.js'

/** A front door's fetch; `env` is @hono/node-server's (its socket is what a dropped connection destroys). */
export type FrontDoor = { fetch(request: Request, requestId: string, env?: unknown): Promise<Response> }

/** What a fault rule may match a storage request on. */
export interface DoorCall {
  /** `<door>:<Op>`, or null for a request no operation serves. */
  readonly operationId: string | null
  readonly bucket?: string
  readonly repository?: string
  readonly branch?: string
}

export interface DoorServer<C> {
  resolve(request: Request): C
  describe(call: C): DoorCall
  serve(request: Request, requestId: string, call: C, before: () => Promise<void>): Promise<Response>
  /** The protocol's error for a fault rule's answer (thrown before the server runs, answered by it). */
  faultError(answer: FaultResponse): Error
}

export function journaledDoor<C>(server: DoorServer<C>, journal: Journal, runtime: Runtime): FrontDoor {
  return {
    async fetch(request, requestId, env) {
      const call = server.resolve(request)
      const about = server.describe(call)
      const url = new URL(request.url)
      const started = runtime.clock.now()
      const record = journal.begin(started, request.method, url.pathname, url.search, about.operationId, requestId)
      const faults = async () => {
        const engine = runtime.faults
        if (!engine.hasHttpRules || !about.operationId) return
        const decision = engine.evaluate({ operationId: about.operationId, method: request.method, bucket: about.bucket, repository: about.repository, branch: about.branch })
        if (decision.fired.length) record.faults = record.faults.concat(decision.fired)
        if (decision.delayMs > 0) await sleep(runtime.clock, decision.delayMs)
        if (decision.dropConnection) {
          ;(env as { incoming?: { socket?: { destroy(): void } } } | undefined)?.incoming?.socket?.destroy()
          throw new ConnectionDroppedError(`connection dropped by fault rule "${decision.fired.at(-1)}"`)
        }
        if (decision.respond) throw server.faultError(decision.respond)
      }
      try {
        const response = await server.serve(request, requestId, call, faults)
        journal.finish(record, response.status, runtime.clock.now() - started)
        return response
      } catch (err) {
        journal.finish(record, null, runtime.clock.now() - started)
        throw err
      }
    },
  }
}
