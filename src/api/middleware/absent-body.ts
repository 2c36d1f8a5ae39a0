/**
 * lakeFS treats an empty request body as no body at all: kin-openapi reads the body and, when it has
 * no bytes, validates nothing for an optional body and answers `value is required but missing` for a
 * required one (openapi3filter `ValidateRequestBody`). Clients rely on it: the legacy `lakefs_client`
 * merges with `Content-Type: application/json` and no bytes. Here a request that declares no bytes
 * (`Content-Length: 0`, or, in process through `app.request`, a Request made without a body) loses its
 * JSON content type before routing, so an optional body validates as absent, and the router's hook
 * names a missing required one.
 */
import type { Context, MiddlewareHandler } from 'hono'

const ABSENT = 'lakefsEmulatorAbsentBody'

export const absentBody: MiddlewareHandler = (c, next) => {
  const { method } = c.req
  if (method === 'GET' || method === 'HEAD') return next()
  const length = c.req.header('content-length')
  if (length === '0' || (length === undefined && c.req.raw.body === null)) {
    c.set(ABSENT as never, true as never)
    const type = c.req.header('content-type')
    if (type !== undefined && /^application\/json\b/i.test(type)) {
      const headers = new Headers(c.req.raw.headers)
      headers.delete('content-type')
      c.req.raw = new Request(c.req.raw.url, { method, headers })
    }
  }
  return next()
}

/** Whether the request came without a body (see `absentBody`). */
export function bodyIsAbsent(c: Context): boolean {
  return c.get(ABSENT as never) === true
}
