/**
 * GCS uploads: `uploadType=multipart` bodies (a JSON resource and the media, multipart/related), and
 * resumable sessions (a POST that returns the session's URL, then PUTs of byte ranges with
 * `Content-Range`, answered 308 with the `Range` received until the last byte lands).
 */
import { gcsErrors } from './gcs-errors.js'

export interface ObjectFields {
  readonly name?: string
  readonly contentType?: string
  readonly metadata?: Readonly<Record<string, string>>
}

/** Splits a multipart/related body into its JSON resource and its media. */
export function parseMultipart(body: Uint8Array, contentType: string): { fields: ObjectFields; media: Uint8Array; mediaType?: string } {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1]
  if (!boundary) throw gcsErrors.invalid('Multipart upload without a boundary')
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  const delimiter = Buffer.from(`--${boundary}`)
  const parts: Buffer[] = []
  let at = buf.indexOf(delimiter)
  while (at >= 0) {
    const next = buf.indexOf(delimiter, at + delimiter.length)
    if (next < 0) break
    parts.push(buf.subarray(at + delimiter.length, next))
    at = next
  }
  if (parts.length < 2) throw gcsErrors.invalid('Multipart upload needs a metadata part and a media part')
  const split = (part: Buffer) => {
    const end = part.indexOf('\r\n\r\n')
    const head = part.subarray(0, end).toString('latin1')
    // The part's bytes end before the CRLF that precedes the next delimiter.
    const content = part.subarray(end + 4, part.length - (part.subarray(-2).toString('latin1') === '\r\n' ? 2 : 0))
    return { type: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim(), content }
  }
  const meta = split(parts[0]!)
  const media = split(parts[1]!)
  let fields: ObjectFields
  try {
    fields = JSON.parse(meta.content.toString('utf8') || '{}') as ObjectFields
  } catch {
    throw gcsErrors.invalid('The metadata part of a multipart upload is not JSON')
  }
  return { fields, media: new Uint8Array(media.content), mediaType: media.type }
}

export interface ResumableSession {
  readonly bucket: string
  readonly fields: ObjectFields
  readonly query: URLSearchParams
  readonly chunks: Uint8Array[]
  received: number
}

/**
 * What a PUT to a session says: `bytes a-b/total`, `bytes a-b/*` (more to come), `bytes a-*\/*` (the
 * rest of the upload streamed in this request, as the Node client sends it: it ends with the body),
 * `bytes *\/total` (a status query, or the end), or nothing (all of it).
 */
export function contentRange(header: string | null, length: number): { start: number; total?: number } {
  if (header === null) return { start: 0, total: length }
  const m = /^bytes (?:(\d+)-(\d+|\*)|\*)\/(\d+|\*)$/.exec(header.trim())
  if (!m) throw gcsErrors.invalid(`Invalid Content-Range: ${header}`)
  const total = m[3] === '*' ? undefined : Number(m[3])
  if (m[1] === undefined) return { start: -1, total }
  const start = Number(m[1])
  if (m[2] === '*') return { start, total: total ?? start + length }
  if (Number(m[2]) - start + 1 !== length) throw gcsErrors.invalid('Content-Range does not match the bytes sent')
  return { start, total }
}
