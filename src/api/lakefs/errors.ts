/** Maps core errors to lakeFS's statuses and `{"message"}` body, in one table. */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { EmulatorError, type ErrorKind, RangeNotSatisfiableError } from '../../emulator/errors.js'

const STATUS: Record<ErrorKind, ContentfulStatusCode> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  precondition: 412,
  range_not_satisfiable: 416,
  internal: 500,
  not_implemented: 501,
}

/**
 * lakeFS's wording for an error status when nothing more specific is known (controller.go
 * handleApiErrorCallback): what injected faults answer unless their rule gives a message.
 */
export function lakeFSMessage(status: number): string {
  return LAKEFS_MESSAGES[status] ?? `injected ${status}`
}

const LAKEFS_MESSAGES: Record<number, string> = {
  400: 'bad request',
  401: 'error authenticating request',
  403: 'insufficient permissions',
  404: 'not found',
  409: 'conflict found',
  412: 'Precondition failed',
  429: 'Too many attempts, try again later',
  500: 'internal server error',
  502: 'bad gateway',
  503: 'Throughput exceeded. Slow down and retry',
  504: 'gateway timeout',
}

/** lakeFS's error body. Every error response goes through here. */
export function errorResponse(c: Context, status: ContentfulStatusCode, message: string): Response {
  return c.json({ message }, status)
}

/** `app.onError`: core errors get their status; anything else is a 500 with its text, as lakeFS. */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof RangeNotSatisfiableError) {
    c.header('Content-Range', `bytes */${err.size}`)
  }
  if (err instanceof EmulatorError) return errorResponse(c, STATUS[err.kind], err.message)
  if (err instanceof HTTPException) {
    // Hono's validators throw these for bodies they cannot parse (malformed JSON).
    const message = err.status === 400 ? `request body has an error: failed to decode request body: ${err.message}` : err.message
    return errorResponse(c, err.status as ContentfulStatusCode, message)
  }
  return errorResponse(c, 500, err.message || 'internal server error')
}
