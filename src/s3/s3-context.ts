/** What every S3 operation handler gets, and the answers they build. */
import type { MultipartUploads } from './multipart.js'
import type { S3Backend } from './s3-backend.js'
import type { S3Error } from './s3-errors.js'
import type { S3Call, S3Operation } from './s3-request.js'
import { type XmlObject, xmlDocument } from './xml.js'

/** Where a front door departs from S3 (lakeFS's gateway has its own ways). */
export interface S3Dialect {
  /** An unknown access key: S3 says InvalidAccessKeyId, lakeFS's gateway AccessDenied. */
  readonly unknownKey: 'InvalidAccessKeyId' | 'AccessDenied'
  /** Whether GET and HEAD honour If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since. */
  readonly conditionalReads: boolean
  /** Whether listings honour `encoding-type=url` (encode keys, echo `EncodingType`). */
  readonly urlEncoding: boolean
  /** Continuation tokens from the last key listed, and back. */
  readonly tokens: { encode(key: string): string; decode(token: string): string | undefined }
  /** The error for an upload id that names no upload, per operation. */
  unknownUpload(operation: S3Operation): S3Error
  /** Where multipart answers say the object is (lakeFS: the URL it was written to). */
  location(request: Request, call: S3Call): string
  /**
   * Whether any origin may call it from a browser (preflights answered, ETag and ranges exposed), as
   * MinIO allows by default: what lets a web page fetch the pre-signed URLs lakeFS hands out.
   */
  readonly cors: boolean
}

export interface S3Context {
  readonly request: Request
  readonly call: S3Call
  readonly backend: S3Backend
  readonly dialect: S3Dialect
  readonly uploads: MultipartUploads
  /** Emulator time, epoch ms. */
  readonly now: number
  /** The request body as S3 reads it (see readPayload). */
  body(): Promise<Uint8Array>
}

export type S3Handler = (ctx: S3Context) => Response | Promise<Response>

export function xmlResponse(root: string, body: XmlObject, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(xmlDocument(root, body), { status, headers: { 'content-type': 'application/xml', ...headers } })
}

export const emptyResponse = (status: number, headers: Record<string, string> = {}): Response => new Response(null, { status, headers })

/** S3's XML timestamps: `2024-01-15T10:00:00.000Z`. */
export const isoTime = (ms: number): string => new Date(ms).toISOString()
/** HTTP dates: `Mon, 15 Jan 2024 10:00:00 GMT`. */
export const httpTime = (ms: number): string => new Date(ms).toUTCString()
export const quoted = (etag: string): string => `"${etag}"`
