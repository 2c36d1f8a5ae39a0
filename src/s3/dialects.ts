/**
 * The two S3 front doors' ways: the fake store answers as S3 does (opaque continuation tokens,
 * conditional reads, `encoding-type=url`); lakeFS's gateway as pkg/gateway does (raw keys as
 * tokens, no conditional reads, AccessDenied for an unknown key) and routes some paths before any
 * operation runs (handler.go, middleware.go OperationLookupHandler).
 */
import type { Emulator } from '../emulator/emulator.js'
import { splitRef } from './gateway-backend.js'
import type { S3Dialect } from './s3-context.js'
import { s3Errors } from './s3-errors.js'
import type { S3Call } from './s3-request.js'

const origin = (request: Request): string => new URL(request.url).origin

export const STORE_DIALECT: S3Dialect = {
  unknownKey: 'InvalidAccessKeyId',
  conditionalReads: true,
  urlEncoding: true,
  tokens: {
    encode: (key) => Buffer.from(key, 'utf8').toString('base64url'),
    decode: (token) => (/^[A-Za-z0-9_-]*$/.test(token) ? Buffer.from(token, 'base64url').toString('utf8') : undefined),
  },
  unknownUpload: () => s3Errors.noSuchUpload(),
  location: (request, call) => `${origin(request)}/${call.bucket}/${encodeURI(call.key)}`,
  cors: true,
}

export const GATEWAY_DIALECT: S3Dialect = {
  unknownKey: 'AccessDenied',
  conditionalReads: false,
  urlEncoding: false,
  tokens: { encode: (key) => key, decode: (token) => token },
  // The multipart tracker's miss: InternalError on upload and complete, NoSuchKey on abort.
  unknownUpload: (operation) => (operation === 'AbortMultipartUpload' ? s3Errors.noSuchKey() : s3Errors.internalError()),
  location: (request, call) => (call.virtualHost ? `${origin(request)}/${call.key}` : `${origin(request)}/${call.bucket}/${call.key}`),
  // Same origin as lakeFS's web UI.
  cors: false,
}

/**
 * What the gateway answers before an operation: POST/PUT/DELETE without a repository is not
 * supported; an unknown repository is NoSuchBucket; a ref without a path (or a path without a ref)
 * is a bare 404; and operations lakeFS does not have are ERRLakeFSNotSupported.
 */
export function gatewayRoute(emulator: () => Emulator): (call: S3Call, method: string) => Response | undefined {
  return (call, method) => {
    if (!call.bucket) {
      if (method !== 'GET') throw s3Errors.lakeFSNotSupported()
      return undefined
    }
    if (!emulator().world.repositories.has(call.bucket)) throw s3Errors.noSuchBucket({ BucketName: call.bucket })
    if (call.key) {
      const { ref, path } = splitRef(call.key)
      if (!ref || !path) return new Response(null, { status: 404 })
    }
    if (call.operation === 'Unsupported') throw s3Errors.lakeFSNotSupported()
    return undefined
  }
}
