/** Records every lakeFS request in the journal, and tells later middleware which operation it is. */
import type { Context, MiddlewareHandler } from 'hono'
import type { Clock } from '../emulator/clock.js'
import type { Journal } from './journal.js'
import type { OperationResolver, ResolvedOperation } from './operations.js'

const resolved = new WeakMap<Request, ResolvedOperation>()

/** The lakeFS operation this request is, once the journal middleware has seen it. */
export function operationOf(c: Context): ResolvedOperation | undefined {
  return resolved.get(c.req.raw)
}

/** Mounted on /api/v1/*: paths are resolved relative to it. */
export function journalMiddleware(journal: Journal, resolver: OperationResolver, clock: () => Clock): MiddlewareHandler {
  return async (c, next) => {
    const url = new URL(c.req.url)
    const op = resolver.resolve(c.req.method, url.pathname.replace(/^\/api\/v1/, ''))
    if (op) resolved.set(c.req.raw, op)
    const started = clock().now()
    const entry = journal.begin(started, c.req.method, url, op?.operationId ?? null)
    try {
      await journal.within(entry, next)
    } catch (err) {
      // Only a dropped connection gets here (every other error became a response).
      journal.finish(entry, null, clock().now() - started)
      throw err
    }
    journal.finish(entry, c.res.status, clock().now() - started)
  }
}
