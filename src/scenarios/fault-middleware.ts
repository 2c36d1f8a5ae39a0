/**
 * The HTTP seam for fault rules: before a lakeFS handler runs, delay it, answer in its place,
 * or drop the connection, as the scenario's rules decide. Handlers never know.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { type Clock, sleep } from '../emulator/clock.js'
import type { FaultCall, FaultEngine, FaultResponse } from './fault-engine.js'

/** Thrown (and never turned into a response) when a rule drops the connection. */
export class ConnectionDroppedError extends Error {
  override name = 'ConnectionDroppedError'
}

export interface FaultMiddlewareOptions {
  /** The current engine and clock (a scenario reload replaces them). */
  readonly engine: () => FaultEngine
  readonly clock: () => Clock
  /** The lakeFS call a request is, or undefined for paths lakeFS does not serve. */
  readonly callOf: (c: Context) => FaultCall | undefined
  /** Told which rules fired on a request (the journal listens). */
  readonly onFired?: (c: Context, rules: readonly string[]) => void
  /** The protocol's error message for a status, for a rule that responds without one. */
  readonly messageFor: (status: number) => string
}

export function faultMiddleware(options: FaultMiddlewareOptions): MiddlewareHandler {
  return async (c, next) => {
    const engine = options.engine()
    if (!engine.hasHttpRules) return next()
    const call = options.callOf(c)
    if (!call) return next()
    const decision = engine.evaluate(call)
    options.onFired?.(c, decision.fired)
    if (decision.delayMs > 0) await sleep(options.clock(), decision.delayMs)
    if (decision.dropConnection) {
      // Over a socket the client sees a reset; in-process, app.fetch rejects.
      ;(c.env as { incoming?: { socket?: { destroy(): void } } } | undefined)?.incoming?.socket?.destroy()
      throw new ConnectionDroppedError(`connection dropped by fault rule "${decision.fired.at(-1)}"`)
    }
    if (decision.respond) return respond(c, decision.respond, options.messageFor)
    return next()
  }
}

function respond(c: Context, r: FaultResponse, messageFor: (status: number) => string): Response {
  for (const [name, value] of Object.entries(r.headers ?? {})) c.header(name, value)
  const status = r.status as Parameters<typeof c.json>[1] & number
  if (status === 204 || status === 205 || status === 304) return c.body(null, status as 204)
  const body = r.body !== undefined ? r.body : { message: r.message ?? messageFor(status) }
  return c.json(body as object, status)
}
