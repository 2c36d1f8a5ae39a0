/**
 * The lakeFS API's Presigner (declared in src/api/lakefs/presign.ts, met structurally here and
 * checked where composition hands it over). Pre-signed URLs for the fake store's S3 endpoint, as lakeFS's S3 adapter makes them for its
 * blockstore (block/s3 GetPreSignedURL, 15 minutes by default), signed with the installation's
 * first credential at emulator time, and the multipart uploads lakeFS's presign API drives over it.
 */
import type { BlockstoreSettings } from '../emulator/blockstore.js'
import { parseStorageUri } from '../emulator/blockstore.js'
import { NotFoundError, ValidationError } from '../emulator/errors.js'
import type { MultipartUploads } from './multipart.js'
import type { S3Backend } from './s3-backend.js'
import { S3Error } from './s3-errors.js'
import { presignUrl } from './sigv4.js'

/** lakeFS's `blockstore.s3.pre_signed_expiry` default. */
export const PRESIGNED_EXPIRY_SECONDS = 15 * 60

export interface StorePresignerOptions {
  /** The store's S3 endpoint, once it listens. */
  readonly endpoint: () => string | undefined
  readonly credential: () => { readonly accessKeyId: string; readonly secretAccessKey: string } | undefined
  /** Emulator time, epoch ms. */
  readonly now: () => number
  readonly uploads: MultipartUploads
  readonly backend: () => S3Backend
}

function locate(physicalAddress: string): { bucket: string; key: string } {
  const uri = parseStorageUri(physicalAddress)
  if (uri?.type !== 's3' || !uri.key) throw new ValidationError(`invalid physical address: ${physicalAddress}`)
  return { bucket: uri.root.slice('s3://'.length, -1), key: uri.key }
}

export function storePresigner(o: StorePresignerOptions) {
  const sign = (method: 'GET' | 'PUT', physicalAddress: string, query: Record<string, string> = {}) => {
    const { bucket, key } = locate(physicalAddress)
    const credential = o.credential()!
    const url = new URL(`${o.endpoint()}/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`)
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value)
    const now = o.now()
    const signed = presignUrl({ method, url, ...credential, region: 'us-east-1', now, expiresSeconds: PRESIGNED_EXPIRY_SECONDS })
    return { url: signed, expiresAt: Math.floor(now / 1000) + PRESIGNED_EXPIRY_SECONDS }
  }
  const signPart = (physicalAddress: string, uploadId: string, partNumber: number) =>
    sign('PUT', physicalAddress, { partNumber: String(partNumber), uploadId })
  const upload = (physicalAddress: string, uploadId: string) => {
    const { bucket, key } = locate(physicalAddress)
    const found = o.uploads.get(uploadId, bucket, key)
    if (!found) throw new NotFoundError('upload not found')
    return found
  }
  return {
    enabled: (blockstore: BlockstoreSettings) => blockstore.type === 's3' && blockstore.preSign !== false && o.endpoint() !== undefined && o.credential() !== undefined,
    sign,
    createMultipart(physicalAddress: string, parts: number) {
      const { bucket, key } = locate(physicalAddress)
      const created = o.uploads.create({ bucket, key, metadata: {}, initiated: o.now() })
      const urls = Array.from({ length: parts }, (_, i) => signPart(physicalAddress, created.id, i + 1).url)
      return { uploadId: created.id, urls }
    },
    completeMultipart(physicalAddress: string, uploadId: string, parts: readonly { partNumber: number; etag: string }[]) {
      const target = upload(physicalAddress, uploadId)
      try {
        const { bytes, etag } = o.uploads.assemble(target, parts.map((p) => ({ number: p.partNumber, etag: p.etag })))
        o.backend().put(target.bucket, target.key, { bytes, etag, metadata: {} })
        o.uploads.remove(uploadId)
        return { etag, size: bytes.length }
      } catch (err) {
        // The store's refusal (InvalidPart, EntityTooSmall, ...) is the client's error, as lakeFS relays it.
        if (err instanceof S3Error) throw new ValidationError(`${err.code}: ${err.message}`)
        throw err
      }
    },
    abortMultipart(physicalAddress: string, uploadId: string) {
      o.uploads.remove(upload(physicalAddress, uploadId).id)
    },
    signPart,
    copyPart(physicalAddress: string, uploadId: string, partNumber: number, bytes: Uint8Array) {
      return o.uploads.putPart(upload(physicalAddress, uploadId), partNumber, bytes, o.now()).etag
    },
  }
}
