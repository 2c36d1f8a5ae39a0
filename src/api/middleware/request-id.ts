/**
 * Request ids, as lakeFS sets them (`X-Request-Id` on every answer, the caller's own id kept when
 * it sends one): the same id goes in the journal entry and the CLI's request log line, so one
 * failing call in a CI log can be found in `/_emulator/journal`. Ids count up per app, so the
 * same run gives the same ids.
 */
import type { Context, MiddlewareHandler } from 'hono'

export const REQUEST_ID_HEADER = 'X-Request-Id'
const VAR = 'requestId'
const PLAIN = 'plainHeaders'
/** A caller's id is kept when it is a plain token (lakeFS keeps any; a log line should not carry junk). */
const CALLERS_ID = /^[\w.:@/+=-]{1,200}$/

export class RequestIds {
  #seq = 0

  /** The caller's id, or the next of ours, shaped like the UUIDs lakeFS makes. */
  next(request: Request): string {
    return this.nextFor(request.headers.get(REQUEST_ID_HEADER))
  }

  /** The same, from the X-Request-Id header's value (null or undefined when there is none). */
  nextFor(given: string | null | undefined): string {
    if (given != null && CALLERS_ID.test(given)) return given
    return `00000000-0000-4000-8000-${(++this.#seq).toString(16).padStart(12, '0')}`
  }
}

/** The id `app.fetch` gave this request. */
export function requestIdOf(c: Context): string | undefined {
  return c.get(VAR) as string | undefined
}

/**
 * Mounted first, before `nosniffJson` wraps `c.header`: Hono-made answers carry the header from
 * here, answers made with plain-object headers add it themselves (see `jsonResponse`), and any
 * other Response a handler returns gets it set afterwards.
 */
export const requestIdHeader: MiddlewareHandler = async (c, next) => {
  const id = (c.env as { requestId?: string } | undefined)?.requestId
  if (id === undefined) return next()
  c.set(VAR, id)
  c.header(REQUEST_ID_HEADER, id)
  await next()
  if (!c.get(PLAIN)) c.res.headers.set(REQUEST_ID_HEADER, id)
}

/** Marks an answer made with plain-object headers that already carry the id (reading them back would copy them). */
export function notePlainHeaders(c: Context): void {
  c.set(PLAIN, true)
}
