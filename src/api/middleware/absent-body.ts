/**
 * lakeFS treats an empty request body as no body at all: kin-openapi reads the body and, when it has
 * no bytes, validates nothing for an optional body and answers `value is required but missing` for a
 * required one (openapi3filter `ValidateRequestBody`). Clients rely on it: the legacy `lakefs_client`
 * merges with `Content-Type: application/json` and no bytes, and curl's `-X POST` without `-d` sends
 * neither a length nor a body. Here a request without bytes loses its JSON content type before
 * routing, so an optional body validates as absent, and the router's hook names a missing required
 * one. Without bytes means `Content-Length: 0`; or, over a socket, neither `Content-Length` nor
 * `Transfer-Encoding` (HTTP/1.1 then has no body, as Go's server reads it); or, in process through
 * `app.request`, a Request made without a body.
 */
import type { Context, MiddlewareHandler } from 'hono'

declare module 'hono' {
  interface ContextVariableMap {
    /** Set on a request that came without bytes (see absentBody). */
    bodyAbsent?: true
  }
}

export const absentBody: MiddlewareHandler = (c, next) => {
  const { method } = c.req
  if (method === 'GET' || method === 'HEAD') return next()
  if (noBytes(c)) {
    c.set('bodyAbsent', true)
    const type = c.req.header('content-type')
    if (type !== undefined && /^application\/json\b/i.test(type)) {
      const headers = new Headers(c.req.raw.headers)
      headers.delete('content-type')
      c.req.raw = new Request(c.req.raw.url, { method, headers })
    }
  }
  return next()
}

function noBytes(c: Context): boolean {
  const length = c.req.header('content-length')
  if (length !== undefined) return length === '0'
  const overSocket = (c.env as { incoming?: unknown } | undefined)?.incoming !== undefined
  return overSocket ? c.req.header('transfer-encoding') === undefined : c.req.raw.body === null
}

/** Whether the request came without a body (see `absentBody`). */
export function bodyIsAbsent(c: Context): boolean {
  return c.get('bodyAbsent') === true
}
