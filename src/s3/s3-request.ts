/**
 * An S3 request taken apart: bucket and key (path style, or the bucket in the host under a
 * configured domain), the operation its method and query name, and its body as S3 reads it
 * (aws-chunked decoded, `x-amz-content-sha256` and `Content-MD5` checked).
 */
import { createHash } from 'node:crypto'
import { decodeAwsChunked, isStreaming } from './aws-chunked.js'
import { s3Errors } from './s3-errors.js'
import { type ChunkSigning, sha256Hex } from './sigv4.js'

export type S3Operation =
  | 'ListBuckets' | 'CreateBucket' | 'HeadBucket' | 'DeleteBucket' | 'GetBucketLocation' | 'GetBucketVersioning'
  | 'ListObjects' | 'ListObjectsV2' | 'DeleteObjects'
  | 'GetObject' | 'HeadObject' | 'PutObject' | 'CopyObject' | 'DeleteObject'
  | 'CreateMultipartUpload' | 'UploadPart' | 'UploadPartCopy' | 'CompleteMultipartUpload' | 'AbortMultipartUpload' | 'ListParts'
  | 'Unsupported'

/** Every operation a front door may answer, for coverage and fault rules. */
export const S3_OPERATIONS: readonly S3Operation[] = [
  'ListBuckets', 'CreateBucket', 'HeadBucket', 'DeleteBucket', 'GetBucketLocation', 'GetBucketVersioning',
  'ListObjects', 'ListObjectsV2', 'DeleteObjects',
  'GetObject', 'HeadObject', 'PutObject', 'CopyObject', 'DeleteObject',
  'CreateMultipartUpload', 'UploadPart', 'UploadPartCopy', 'CompleteMultipartUpload', 'AbortMultipartUpload', 'ListParts',
]

export interface S3Call {
  readonly operation: S3Operation
  /** Empty for service-level calls (ListBuckets). */
  readonly bucket: string
  /** Empty for bucket-level calls. */
  readonly key: string
  /** Whether the bucket came from the host (virtual-host style). */
  readonly virtualHost: boolean
  readonly query: URLSearchParams
}

/** The host without its port, lower case. */
export const hostname = (host: string): string => host.replace(/:\d+$/, '').toLowerCase()

/** Bucket and key of a request: `{bucket}.{domain}/key` under one of `domains`, else `/{bucket}/{key}`. */
export function locate(pathname: string, host: string, domains: readonly string[]): { bucket: string; key: string; virtualHost: boolean } {
  const path = decodePath(pathname.slice(1))
  const name = hostname(host)
  const domain = domains.find((d) => name !== d && name.endsWith(`.${d}`))
  if (domain) return { bucket: name.slice(0, -domain.length - 1), key: path, virtualHost: true }
  const slash = path.indexOf('/')
  return slash < 0 ? { bucket: path, key: '', virtualHost: false } : { bucket: path.slice(0, slash), key: path.slice(slash + 1), virtualHost: false }
}

function decodePath(raw: string): string {
  try {
    return decodeURIComponent(raw)
  } catch {
    throw s3Errors.badRequest()
  }
}

export function classify(method: string, bucket: string, key: string, query: URLSearchParams, headers: Headers): S3Operation {
  if (!bucket) return method === 'GET' ? 'ListBuckets' : 'Unsupported'
  if (!key) return bucketOperation(method, query)
  const copy = headers.has('x-amz-copy-source')
  switch (method) {
    case 'GET':
      return query.has('uploadId') ? 'ListParts' : 'GetObject'
    case 'HEAD':
      return 'HeadObject'
    case 'PUT':
      if (query.has('uploadId') || query.has('partNumber')) return copy ? 'UploadPartCopy' : 'UploadPart'
      return copy ? 'CopyObject' : 'PutObject'
    case 'DELETE':
      return query.has('uploadId') ? 'AbortMultipartUpload' : 'DeleteObject'
    case 'POST':
      if (query.has('uploads')) return 'CreateMultipartUpload'
      return query.has('uploadId') ? 'CompleteMultipartUpload' : 'Unsupported'
    default:
      return 'Unsupported'
  }
}

function bucketOperation(method: string, query: URLSearchParams): S3Operation {
  switch (method) {
    case 'GET':
      if (query.has('location')) return 'GetBucketLocation'
      if (query.has('versioning')) return 'GetBucketVersioning'
      return query.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects'
    case 'HEAD':
      return 'HeadBucket'
    case 'PUT':
      return 'CreateBucket'
    case 'DELETE':
      return 'DeleteBucket'
    case 'POST':
      return query.has('delete') ? 'DeleteObjects' : 'Unsupported'
    default:
      return 'Unsupported'
  }
}

/**
 * The request's payload as S3 takes it: beyond `maxBytes` EntityTooLarge before reading, chunked
 * bodies decoded (and their chunk signatures checked), a declared SHA-256 or Content-MD5 checked.
 */
export async function readPayload(request: Request, payloadHash: string, signing: ChunkSigning | undefined, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('x-amz-decoded-content-length') ?? request.headers.get('content-length') ?? 0)
  if (declared > maxBytes) throw s3Errors.entityTooLarge({ ProposedSize: declared, MaxSizeAllowed: maxBytes })
  const raw = new Uint8Array(await request.arrayBuffer())
  const decodedLength = request.headers.get('x-amz-decoded-content-length')
  const bytes = isStreaming(payloadHash) ? decodeAwsChunked(raw, payloadHash, signing, decodedLength === null ? undefined : Number(decodedLength)) : raw
  if (bytes.length > maxBytes) throw s3Errors.entityTooLarge({ ProposedSize: bytes.length, MaxSizeAllowed: maxBytes })
  if (/^[0-9a-f]{64}$/.test(payloadHash) && sha256Hex(bytes) !== payloadHash) throw s3Errors.contentSha256Mismatch()
  const contentMd5 = request.headers.get('content-md5')
  if (contentMd5 !== null) {
    if (!/^[A-Za-z0-9+/]{22}==$/.test(contentMd5)) throw s3Errors.invalidDigest()
    if (createHash('md5').update(bytes).digest('base64') !== contentMd5) throw s3Errors.badDigest()
  }
  return bytes
}

/** `x-amz-meta-*` headers, names in lower case. */
export function userMetadata(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {}
  headers.forEach((value, name) => {
    if (name.startsWith('x-amz-meta-')) out[name] = value
  })
  return out
}
