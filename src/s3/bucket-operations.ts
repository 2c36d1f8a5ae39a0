/** The service and bucket operations: ListBuckets, Create/Head/DeleteBucket, listings, DeleteObjects. */
import type { ListItem, ListPage } from './s3-backend.js'
import { type S3Context, emptyResponse, isoTime, quoted, xmlResponse } from './s3-context.js'
import { s3Errors } from './s3-errors.js'
import { childText, readXml, type XmlObject } from './xml.js'

/** S3's cap on keys per listing and per DeleteObjects call. */
export const MAX_KEYS = 1000
const OWNER = { ID: '02d6176db174dc93cb1b899f7c6078f08654445fe8cf1b6ce98d8855f66bdbf4', DisplayName: 'lakefs-emulator' }

export function listBuckets(ctx: S3Context): Response {
  const buckets = ctx.backend.listBuckets().map((b) => ({ Name: b.name, CreationDate: isoTime(b.creationDate) }))
  return xmlResponse('ListAllMyBucketsResult', { Owner: OWNER, Buckets: { Bucket: buckets } })
}

export function createBucket(ctx: S3Context): Response {
  ctx.backend.createBucket(ctx.call.bucket)
  return emptyResponse(200, { location: `/${ctx.call.bucket}` })
}

export function headBucket(ctx: S3Context): Response {
  ctx.backend.headBucket(ctx.call.bucket)
  return emptyResponse(200)
}

export function deleteBucket(ctx: S3Context): Response {
  ctx.backend.deleteBucket(ctx.call.bucket)
  return emptyResponse(204)
}

export function getBucketLocation(ctx: S3Context): Response {
  ctx.backend.headBucket(ctx.call.bucket)
  return xmlResponse('LocationConstraint', {})
}

export function getBucketVersioning(ctx: S3Context): Response {
  ctx.backend.headBucket(ctx.call.bucket)
  return xmlResponse('VersioningConfiguration', {})
}

function maxKeys(query: URLSearchParams): number {
  const raw = query.get('max-keys')
  if (raw === null) return MAX_KEYS
  if (!/^\d+$/.test(raw) || Number(raw) > 2147483647) throw s3Errors.invalidArgument('Argument maxKeys must be an integer between 0 and 2147483647', { ArgumentName: 'maxKeys', ArgumentValue: raw })
  return Math.min(Number(raw), MAX_KEYS)
}

interface Listed {
  readonly page: ListPage
  readonly encode: (s: string) => string
  readonly encodingType?: 'url'
  readonly shared: XmlObject
}

function listing(ctx: S3Context, after: string): Listed {
  const { query } = ctx.call
  const encodingType = query.get('encoding-type')
  if (encodingType !== null && encodingType !== 'url') throw s3Errors.invalidArgument('Invalid Encoding Method specified in Request', { ArgumentName: 'encoding-type', ArgumentValue: encodingType })
  const urlEncoded = encodingType === 'url' && ctx.dialect.urlEncoding
  const encode = urlEncoded ? (s: string) => encodeURIComponent(s).replace(/%2F/g, '/') : (s: string) => s
  const prefix = query.get('prefix') ?? ''
  const delimiter = query.get('delimiter') ?? ''
  const max = maxKeys(query)
  const page = max === 0 ? { items: [], truncated: false } : ctx.backend.list(ctx.call.bucket, { prefix, delimiter, after, maxKeys: max })
  const shared = { Name: ctx.call.bucket, Prefix: encode(prefix), Delimiter: delimiter ? encode(delimiter) : undefined, MaxKeys: max }
  return { page, encode, encodingType: urlEncoded ? 'url' : undefined, shared }
}

function rows(items: readonly ListItem[], encode: (s: string) => string): { Contents: XmlObject[]; CommonPrefixes: XmlObject[] } {
  const Contents: XmlObject[] = []
  const CommonPrefixes: XmlObject[] = []
  for (const item of items) {
    if (item.kind === 'prefix') CommonPrefixes.push({ Prefix: encode(item.prefix) })
    else Contents.push({ Key: encode(item.object.key), LastModified: isoTime(item.object.lastModified), ETag: quoted(item.object.etag), Size: item.object.size, StorageClass: 'STANDARD' })
  }
  return { Contents, CommonPrefixes }
}

const lastKey = (items: readonly ListItem[]): string => {
  const last = items[items.length - 1]
  return last ? (last.kind === 'prefix' ? last.prefix : last.object.key) : ''
}

export function listObjectsV2(ctx: S3Context): Response {
  const { query } = ctx.call
  const token = query.get('continuation-token')
  const startAfter = query.get('start-after') ?? ''
  let after = startAfter
  if (token !== null) {
    const decoded = ctx.dialect.tokens.decode(token)
    if (decoded === undefined) throw s3Errors.invalidArgument('The continuation token provided is incorrect', { ArgumentName: 'continuation-token' })
    after = decoded
  }
  const { page, encode, encodingType, shared } = listing(ctx, after)
  const { Contents, CommonPrefixes } = rows(page.items, encode)
  return xmlResponse('ListBucketResult', {
    ...shared,
    KeyCount: page.items.length,
    IsTruncated: page.truncated,
    ContinuationToken: token ?? undefined,
    NextContinuationToken: page.truncated ? ctx.dialect.tokens.encode(lastKey(page.items)) : undefined,
    StartAfter: startAfter ? encode(startAfter) : undefined,
    EncodingType: encodingType,
    Contents,
    CommonPrefixes,
  })
}

export function listObjects(ctx: S3Context): Response {
  const marker = ctx.call.query.get('marker') ?? ''
  const { page, encode, encodingType, shared } = listing(ctx, marker)
  const { Contents, CommonPrefixes } = rows(page.items, encode)
  // NextMarker only with a delimiter: without one the last key is the marker (S3 and lakeFS alike).
  const nextMarker = page.truncated && ctx.call.query.get('delimiter') ? encode(lastKey(page.items)) : undefined
  return xmlResponse('ListBucketResult', { ...shared, Marker: encode(marker), NextMarker: nextMarker, IsTruncated: page.truncated, EncodingType: encodingType, Contents, CommonPrefixes })
}

/** POST ?delete: each key deleted on its own; failures reported per key, the rest go ahead. */
export async function deleteObjects(ctx: S3Context): Promise<Response> {
  const doc = readXml(Buffer.from(await ctx.body()).toString('utf8'))
  if (doc.name !== 'Delete') throw s3Errors.malformedXml()
  const keys = doc.children.filter((c) => c.name === 'Object').map((o) => childText(o, 'Key'))
  if (!keys.length || keys.length > MAX_KEYS || keys.some((k) => k === undefined)) throw s3Errors.malformedXml()
  const quiet = childText(doc, 'Quiet')?.trim() === 'true'
  ctx.backend.headBucket(ctx.call.bucket)
  const Deleted: XmlObject[] = []
  const Errors: XmlObject[] = []
  for (const key of keys as string[]) {
    try {
      ctx.backend.delete(ctx.call.bucket, key)
      if (!quiet) Deleted.push({ Key: key })
    } catch (err) {
      const e = err as { code?: string; message?: string }
      Errors.push({ Key: key, Code: e.code ?? 'InternalError', Message: e.message ?? String(err) })
    }
  }
  return xmlResponse('DeleteResult', { Deleted, Error: Errors })
}
