/**
 * What the lakeFS API needs to hand out pre-signed URLs (the blockstore adapter's GetPreSignedURL
 * and its multipart calls in lakeFS): declared here, implemented in composition over the fake
 * store's S3 endpoint, which is where the URLs point.
 */
import type { BlockstoreSettings } from '../../emulator/blockstore.js'
import { NotImplementedError } from '../../emulator/errors.js'

export interface PresignedUrl {
  readonly url: string
  /** Unix seconds. */
  readonly expiresAt: number
}

export interface PresignedPart {
  readonly partNumber: number
  readonly etag: string
}

export interface Presigner {
  /** Whether this blockstore's addresses can be pre-signed now (s3, and the store's endpoint is listening). */
  enabled(blockstore: BlockstoreSettings): boolean
  /** A URL to GET or PUT the object at a full physical address, signed at emulator time. */
  sign(method: 'GET' | 'PUT', physicalAddress: string): PresignedUrl
  /** Starts an S3 multipart upload at the address, with a pre-signed UploadPart URL for each of `parts`. */
  createMultipart(physicalAddress: string, parts: number): { uploadId: string; urls: string[] }
  /** Assembles the parts uploaded; the object's ETag and size. */
  completeMultipart(physicalAddress: string, uploadId: string, parts: readonly PresignedPart[]): { etag: string; size: number }
  abortMultipart(physicalAddress: string, uploadId: string): void
  /** A pre-signed UploadPart URL for one part of a multipart upload at the address (block/s3 GetPresignUploadPartURL). */
  signPart(physicalAddress: string, uploadId: string, partNumber: number): PresignedUrl
  /** Adds `bytes` as a part of the upload (block/s3 UploadCopyPart); the part's ETag, unquoted. */
  copyPart(physicalAddress: string, uploadId: string, partNumber: number, bytes: Uint8Array): string
}

/** What lakeFS answers when its adapter cannot pre-sign (block.ErrOperationNotSupported). */
export const presignNotSupported = () => new NotImplementedError('operation not supported')

/** A presigner for an app that serves no store endpoint: nothing can be pre-signed. */
export const NO_PRESIGNER: Presigner = {
  enabled: () => false,
  sign: () => {
    throw presignNotSupported()
  },
  createMultipart: () => {
    throw presignNotSupported()
  },
  completeMultipart: () => {
    throw presignNotSupported()
  },
  abortMultipart: () => {
    throw presignNotSupported()
  },
  signPart: () => {
    throw presignNotSupported()
  },
  copyPart: () => {
    throw presignNotSupported()
  },
}
