/**
 * A GCS JSON API request taken apart: which operation, which bucket and object. Paths as
 * fake-gcs-server serves them (`/storage/v1/...`, `/upload/storage/v1/...`, `/download/storage/v1/...`,
 * and `/<bucket>/<object>` for public-URL downloads). Object names arrive percent-encoded, `/` as `%2F`.
 */
export const GCS_OPERATIONS = [
  'ListBuckets', 'GetBucket', 'InsertBucket', 'DeleteBucket',
  'ListObjects', 'GetObject', 'DownloadObject', 'UploadObject', 'StartResumableUpload', 'ResumeUpload', 'CancelUpload',
  'PatchObject', 'DeleteObject', 'CopyObject', 'RewriteObject', 'ComposeObject', 'Unsupported',
] as const

export type GcsOperation = (typeof GCS_OPERATIONS)[number]

export interface GcsCall {
  readonly operation: GcsOperation
  readonly bucket?: string
  readonly object?: string
  /** Copy and rewrite: where to. */
  readonly destination?: { readonly bucket: string; readonly object: string }
}

const decode = (segment: string) => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

export function resolveGcs(request: Request): GcsCall {
  const url = new URL(request.url)
  const method = request.method
  const parts = url.pathname.split('/').slice(1).map(decode)
  const q = url.searchParams
  if (parts[0] === 'upload' && parts[1] === 'storage' && parts[2] === 'v1' && parts[3] === 'b' && parts[5] === 'o' && parts.length === 6) {
    const bucket = parts[4]!
    if (q.has('upload_id')) return { operation: method === 'DELETE' ? 'CancelUpload' : 'ResumeUpload', bucket }
    if (method !== 'POST') return { operation: 'Unsupported', bucket }
    return { operation: q.get('uploadType') === 'resumable' ? 'StartResumableUpload' : 'UploadObject', bucket }
  }
  if (parts[0] === 'download' && parts[1] === 'storage' && parts[2] === 'v1' && parts[3] === 'b' && parts[5] === 'o' && parts.length >= 7) {
    return { operation: method === 'GET' || method === 'HEAD' ? 'DownloadObject' : 'Unsupported', bucket: parts[4], object: parts.slice(6).join('/') }
  }
  if (parts[0] === 'storage' && parts[1] === 'v1' && parts[2] === 'b') return jsonApi(method, parts.slice(3), q)
  // `/<bucket>/<object>`: the public (and signed) URL form; a PUT there is the XML API's simple upload.
  if (parts.length >= 2 && parts[0] && (method === 'GET' || method === 'HEAD')) return { operation: 'DownloadObject', bucket: parts[0], object: parts.slice(1).join('/') }
  if (parts.length >= 2 && parts[0] && method === 'PUT') return { operation: 'UploadObject', bucket: parts[0], object: parts.slice(1).join('/') }
  return { operation: 'Unsupported' }
}

function jsonApi(method: string, rest: string[], q: URLSearchParams): GcsCall {
  if (rest.length === 0 || (rest.length === 1 && rest[0] === '')) {
    return { operation: method === 'GET' ? 'ListBuckets' : method === 'POST' ? 'InsertBucket' : 'Unsupported' }
  }
  const bucket = rest[0]!
  if (rest.length === 1) return { operation: method === 'GET' ? 'GetBucket' : method === 'DELETE' ? 'DeleteBucket' : 'Unsupported', bucket }
  if (rest[1] !== 'o') return { operation: 'Unsupported', bucket }
  if (rest.length === 2) return { operation: method === 'GET' ? 'ListObjects' : 'Unsupported', bucket }
  // Encoded names hold no bare `/`; copyTo, rewriteTo and compose follow the object's segment.
  const object = rest[2]!
  if (rest.length === 3) {
    const byMethod: Record<string, GcsOperation> = { GET: q.get('alt') === 'media' ? 'DownloadObject' : 'GetObject', HEAD: 'GetObject', PATCH: 'PatchObject', PUT: 'PatchObject', DELETE: 'DeleteObject' }
    return { operation: byMethod[method] ?? 'Unsupported', bucket, object }
  }
  if (rest.length === 4 && rest[3] === 'compose' && method === 'POST') return { operation: 'ComposeObject', bucket, object }
  if (rest.length === 8 && (rest[3] === 'copyTo' || rest[3] === 'rewriteTo') && rest[4] === 'b' && rest[6] === 'o' && method === 'POST') {
    return { operation: rest[3] === 'copyTo' ? 'CopyObject' : 'RewriteObject', bucket, object, destination: { bucket: rest[5]!, object: rest[7]! } }
  }
  return { operation: 'Unsupported', bucket, object }
}
