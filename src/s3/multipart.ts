/**
 * Multipart uploads in progress, as S3 keeps them: parts by number (a later upload of a number
 * replaces it), each with its MD5 ETag, assembled on completion into one object whose ETag is the
 * MD5 of the parts' MD5s and `-<count>`. Upload ids are derived from a counter, so the same calls
 * give the same ids.
 */
import { createHash } from 'node:crypto'
import { s3Errors } from './s3-errors.js'

/** S3's smallest part (but the last) and its part-number range. */
export const MIN_PART_BYTES = 5 * 1024 * 1024
export const MAX_PART_NUMBER = 10_000

export interface Part {
  readonly number: number
  readonly bytes: Uint8Array
  readonly etag: string
  readonly lastModified: number
}

export interface Upload {
  readonly id: string
  readonly bucket: string
  readonly key: string
  readonly contentType?: string
  readonly metadata: Readonly<Record<string, string>>
  readonly initiated: number
  readonly parts: Map<number, Part>
}

export class MultipartUploads {
  readonly #uploads = new Map<string, Upload>()
  #count = 0

  create(fields: Omit<Upload, 'id' | 'parts'>): Upload {
    const id = createHash('sha256').update(`${++this.#count}\0${fields.bucket}\0${fields.key}`).digest('base64url')
    const upload: Upload = { ...fields, id, parts: new Map() }
    this.#uploads.set(id, upload)
    return upload
  }

  /** The upload, if `id` names one for this bucket and key. */
  get(id: string, bucket: string, key: string): Upload | undefined {
    const upload = this.#uploads.get(id)
    return upload && upload.bucket === bucket && upload.key === key ? upload : undefined
  }

  putPart(upload: Upload, number: number, bytes: Uint8Array, now: number): Part {
    const part = { number, bytes, etag: md5(bytes), lastModified: now }
    upload.parts.set(number, part)
    return part
  }

  remove(id: string): void {
    this.#uploads.delete(id)
  }

  /**
   * The object the listed parts make, checked as S3 checks them: ascending numbers, each part
   * uploaded with that ETag, every part but the last at least 5 MiB.
   */
  assemble(upload: Upload, listed: readonly { number: number; etag: string }[]): { bytes: Uint8Array; etag: string } {
    if (!listed.length) throw s3Errors.malformedXml()
    const parts: Part[] = []
    for (const [i, l] of listed.entries()) {
      if (i > 0 && l.number <= listed[i - 1]!.number) throw s3Errors.invalidPartOrder()
      const part = upload.parts.get(l.number)
      if (!part || part.etag !== l.etag.replace(/^"|"$/g, '')) throw s3Errors.invalidPart()
      parts.push(part)
    }
    for (const part of parts.slice(0, -1)) {
      if (part.bytes.length < MIN_PART_BYTES) throw s3Errors.entityTooSmall({ ProposedSize: part.bytes.length, MinSizeAllowed: MIN_PART_BYTES, PartNumber: part.number, ETag: part.etag })
    }
    const digests = Buffer.concat(parts.map((p) => Buffer.from(p.etag, 'hex')))
    return { bytes: Buffer.concat(parts.map((p) => p.bytes)), etag: `${md5(digests)}-${parts.length}` }
  }
}

export const md5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('hex')
