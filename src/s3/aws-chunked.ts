/**
 * `Content-Encoding: aws-chunked` bodies, as S3 reads them: `<hex size>[;chunk-signature=<sig>]\r\n
 * <bytes>\r\n` up to a zero-size chunk, then optional trailers (`x-amz-checksum-crc32:...`). With
 * `STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]` each chunk's signature chains from the request's
 * seed signature and is verified; the unsigned variants carry none.
 */
import { type ChunkSigning, sha256Hex } from './sigv4.js'
import { s3Errors } from './s3-errors.js'

export const STREAMING_SIGNED = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD'
const STREAMING_PREFIX = 'STREAMING-'
const EMPTY_SHA256 = sha256Hex('')

/** Whether the payload hash names one of the aws-chunked forms. */
export const isStreaming = (payloadHash: string): boolean => payloadHash.startsWith(STREAMING_PREFIX)

/**
 * The decoded bytes of a chunked body. `signing` verifies chunk signatures when the payload is a
 * signed form; `decodedLength` (from `x-amz-decoded-content-length`) must match what was decoded.
 */
export function decodeAwsChunked(body: Uint8Array, payloadHash: string, signing: ChunkSigning | undefined, decodedLength?: number): Uint8Array {
  const signed = payloadHash.startsWith(STREAMING_SIGNED)
  const out: Uint8Array[] = []
  let total = 0
  let previous = signing?.seedSignature ?? ''
  let i = 0
  for (;;) {
    const lineEnd = indexOfCrlf(body, i)
    if (lineEnd < 0) throw s3Errors.incompleteBody()
    const header = Buffer.from(body.subarray(i, lineEnd)).toString('latin1')
    const m = /^([0-9a-fA-F]+)(?:;chunk-signature=([0-9a-f]{64}))?$/.exec(header)
    if (!m) throw s3Errors.incompleteBody()
    const size = parseInt(m[1]!, 16)
    const start = lineEnd + 2
    if (start + size > body.length) throw s3Errors.incompleteBody()
    const chunk = body.subarray(start, start + size)
    if (signed) previous = verifyChunk(signing, previous, m[2], chunk)
    i = start + size
    if (size === 0) break
    out.push(chunk)
    total += size
    if (body[i] !== 13 || body[i + 1] !== 10) throw s3Errors.incompleteBody()
    i += 2
  }
  if (decodedLength !== undefined && decodedLength !== total) throw s3Errors.incompleteBody()
  return Buffer.concat(out)
}

/** A chunk's expected signature (AWS4-HMAC-SHA256-PAYLOAD over the previous one), checked. */
function verifyChunk(signing: ChunkSigning | undefined, previous: string, given: string | undefined, chunk: Uint8Array): string {
  if (!signing || !given) throw s3Errors.signatureDoesNotMatch()
  const toSign = ['AWS4-HMAC-SHA256-PAYLOAD', signing.amzDate, signing.scope, previous, EMPTY_SHA256, sha256Hex(chunk)].join('\n')
  const expected = signing.signingKey.hex(toSign)
  if (expected !== given) throw s3Errors.signatureDoesNotMatch()
  return expected
}

function indexOfCrlf(body: Uint8Array, from: number): number {
  for (let i = from; i + 1 < body.length; i++) if (body[i] === 13 && body[i + 1] === 10) return i
  return -1
}
