/** CreateMultipartUpload, UploadPart, UploadPartCopy, CompleteMultipartUpload, AbortMultipartUpload, ListParts. */
import { MAX_PART_NUMBER, type Upload } from './multipart.js'
import { copySource, parseRange } from './object-operations.js'
import { type S3Context, emptyResponse, isoTime, quoted, xmlResponse } from './s3-context.js'
import { s3Errors } from './s3-errors.js'
import { userMetadata } from './s3-request.js'
import { childText, readXml } from './xml.js'

function upload(ctx: S3Context): Upload {
  const id = ctx.call.query.get('uploadId') ?? ''
  const found = ctx.uploads.get(id, ctx.call.bucket, ctx.call.key)
  if (!found) throw ctx.dialect.unknownUpload(ctx.call.operation)
  return found
}

function partNumber(ctx: S3Context): number {
  const raw = ctx.call.query.get('partNumber') ?? ''
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN
  if (!(n >= 1 && n <= MAX_PART_NUMBER)) throw s3Errors.invalidArgument(`Part number must be an integer between 1 and ${MAX_PART_NUMBER}, inclusive`, { ArgumentName: 'partNumber', ArgumentValue: raw })
  return n
}

export function createMultipartUpload(ctx: S3Context): Response {
  const { call, request } = ctx
  ctx.backend.checkWritable(call.bucket, call.key)
  const created = ctx.uploads.create({
    bucket: call.bucket,
    key: call.key,
    contentType: request.headers.get('content-type') ?? undefined,
    metadata: userMetadata(request.headers),
    initiated: ctx.now,
  })
  return xmlResponse('InitiateMultipartUploadResult', { Bucket: call.bucket, Key: call.key, UploadId: created.id })
}

export async function uploadPart(ctx: S3Context): Promise<Response> {
  const target = upload(ctx)
  const number = partNumber(ctx)
  const part = ctx.uploads.putPart(target, number, await ctx.body(), ctx.now)
  return emptyResponse(200, { etag: quoted(part.etag) })
}

export function uploadPartCopy(ctx: S3Context): Response {
  const target = upload(ctx)
  const number = partNumber(ctx)
  const source = copySource(ctx.request.headers.get('x-amz-copy-source')!)
  const object = ctx.backend.stat(source.bucket, source.key)
  const rangeHeader = ctx.request.headers.get('x-amz-copy-source-range')
  let range: { start: number; end: number } | undefined
  try {
    range = parseRange(rangeHeader, object.size)
  } catch {
    throw s3Errors.invalidArgument('Range specified is not valid for source object', { ArgumentName: 'x-amz-copy-source-range', ArgumentValue: rangeHeader ?? '' })
  }
  const bytes = ctx.backend.read(source.bucket, object, range?.start ?? 0, range?.end ?? object.size)
  const part = ctx.uploads.putPart(target, number, bytes, ctx.now)
  return xmlResponse('CopyPartResult', { LastModified: isoTime(part.lastModified), ETag: quoted(part.etag) })
}

export async function completeMultipartUpload(ctx: S3Context): Promise<Response> {
  const target = upload(ctx)
  const doc = readXml(Buffer.from(await ctx.body()).toString('utf8'))
  if (doc.name !== 'CompleteMultipartUpload') throw s3Errors.malformedXml()
  const listed = doc.children
    .filter((c) => c.name === 'Part')
    .map((p) => ({ number: Number(childText(p, 'PartNumber')), etag: childText(p, 'ETag') ?? '' }))
  if (listed.some((p) => !Number.isInteger(p.number))) throw s3Errors.malformedXml()
  const { bytes, etag } = ctx.uploads.assemble(target, listed)
  const ifNoneMatch = ctx.request.headers.get('if-none-match') ?? undefined
  ctx.backend.put(target.bucket, target.key, { bytes, etag, contentType: target.contentType, metadata: target.metadata, ifNoneMatch })
  ctx.uploads.remove(target.id)
  return xmlResponse('CompleteMultipartUploadResult', { Location: ctx.dialect.location(ctx.request, ctx.call), Bucket: ctx.call.bucket, Key: ctx.call.key, ETag: quoted(etag) })
}

export function abortMultipartUpload(ctx: S3Context): Response {
  ctx.uploads.remove(upload(ctx).id)
  return emptyResponse(204)
}

export function listParts(ctx: S3Context): Response {
  const target = upload(ctx)
  const marker = Number(ctx.call.query.get('part-number-marker') ?? 0)
  const max = Math.min(Number(ctx.call.query.get('max-parts') ?? 1000) || 1000, 1000)
  const parts = [...target.parts.values()].sort((a, b) => a.number - b.number).filter((p) => p.number > marker)
  const page = parts.slice(0, max)
  const truncated = parts.length > max
  return xmlResponse('ListPartsResult', {
    Bucket: ctx.call.bucket,
    Key: ctx.call.key,
    UploadId: target.id,
    PartNumberMarker: marker,
    NextPartNumberMarker: page.length ? page[page.length - 1]!.number : undefined,
    MaxParts: max,
    IsTruncated: truncated,
    Part: page.map((p) => ({ PartNumber: p.number, LastModified: isoTime(p.lastModified), ETag: quoted(p.etag), Size: p.bytes.length })),
    StorageClass: 'STANDARD',
  })
}
