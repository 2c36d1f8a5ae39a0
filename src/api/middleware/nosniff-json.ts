/**
 * lakeFS marks its JSON answers `X-Content-Type-Options: nosniff`. With a second header, Hono's
 * `c.json` builds a WHATWG `Headers` object that @hono/node-server then copies header by header,
 * which cost a third of importStatus's throughput. So, when the handler prepared no headers or
 * status of its own, the answer is made with plain-object headers, which the server writes as
 * they are; otherwise Hono's own path runs with the header added.
 */
import type { Context, MiddlewareHandler } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { notePlainHeaders, requestIdOf } from './request-id.js'

const JSON_HEADERS = { 'content-type': 'application/json', 'x-content-type-options': 'nosniff' } as const

export const nosniffJson: MiddlewareHandler = (c, next) => {
  const { json, header, status } = c
  let prepared = false
  c.header = ((...args: Parameters<typeof header>) => {
    prepared = true
    return header(...args)
  }) as typeof header
  c.status = (code) => {
    prepared = true
    status(code)
  }
  c.json = ((object: unknown, arg?: unknown, headers?: unknown) => {
    if (prepared || headers !== undefined || (arg !== undefined && typeof arg !== 'number')) {
      header('X-Content-Type-Options', 'nosniff')
      return json(object, arg as ContentfulStatusCode, headers as Record<string, string>)
    }
    return contextJsonResponse(c, JSON.stringify(object), (arg as number | undefined) ?? 200)
  }) as typeof json
  return next()
}

/** JSON already serialized (a cached body), answered with lakeFS's JSON headers and the request id. */
export function jsonResponse(text: string, status: number, requestId: string | undefined): Response {
  const headers =
    requestId === undefined
      ? JSON_HEADERS
      : { 'content-type': 'application/json', 'x-content-type-options': 'nosniff', 'x-request-id': requestId }
  return new Response(text, { status, headers })
}

/** `jsonResponse` inside a route: with this request's id, and noted so the id is not set twice. */
export function contextJsonResponse(c: Context, text: string, status: number): Response {
  notePlainHeaders(c)
  return jsonResponse(text, status, requestIdOf(c))
}
