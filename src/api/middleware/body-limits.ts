/**
 * Request body limits, so a runaway client gets a 413 rather than the emulator's memory. lakeFS
 * streams uploads to its object store and sets no limit of its own; the emulator keeps bodies in
 * memory, so it has one for uploads and a smaller one for JSON (a deliberate, documented difference).
 */
import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { errorResponse } from '../lakefs/errors.js'

export interface BodyLimits {
  /** Bytes of a JSON (or any non-upload) request body; default 16 MiB (room for an import of about 100,000 object paths). */
  readonly jsonBytes?: number
  /** Bytes of an object upload; default 256 MiB. */
  readonly uploadBytes?: number
}

export const DEFAULT_JSON_BYTES = 16 << 20
export const DEFAULT_UPLOAD_BYTES = 256 << 20

/** Limits each request's body by its kind; requests without a body pass untouched. */
export function bodyLimits(limits: BodyLimits, isUpload: (c: Context) => boolean): MiddlewareHandler {
  const limiter = (maxSize: number, flag: string) =>
    bodyLimit({
      maxSize,
      onError: (c) => errorResponse(c, 413, `request body too large: the limit is ${maxSize} bytes (${flag})`),
    })
  const json = limiter(limits.jsonBytes ?? DEFAULT_JSON_BYTES, '--max-json-bytes')
  const upload = limiter(limits.uploadBytes ?? DEFAULT_UPLOAD_BYTES, '--max-upload-bytes')
  return (c, next) => {
    // Reading the body stream of a GET would cost every poll; only requests that carry one are counted.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    return (isUpload(c) ? upload : json)(c, next)
  }
}
