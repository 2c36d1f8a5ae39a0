/**
 * The fake store's S3 endpoint through @aws-sdk/client-s3 and @aws-sdk/lib-storage: what a
 * pipeline writes there is what it reads and lists, with S3's ETags, ranges, conditions and errors.
 */
import { createHash } from 'node:crypto'
import {
  AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CopyObjectCommand, CreateBucketCommand, CreateMultipartUploadCommand,
  DeleteBucketCommand, DeleteObjectCommand, DeleteObjectsCommand, GetBucketLocationCommand, GetBucketVersioningCommand, GetObjectCommand,
  HeadBucketCommand, HeadObjectCommand, ListBucketsCommand, ListObjectsCommand, ListObjectsV2Command, ListPartsCommand, PutObjectCommand,
  S3Client, UploadPartCommand, UploadPartCopyCommand,
} from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { S3_OPERATIONS } from '../../src/s3/s3-request.js'
import { calledOperations, CREDENTIALS, s3Failure, type S3World, s3World } from './s3-clients.js'

const MiB = 1024 * 1024
const md5 = (data: string | Uint8Array) => createHash('md5').update(data).digest('hex')
let w: S3World

beforeAll(async () => {
  w = await s3World({
    version: 1,
    clock: { start: '2024-01-15T10:00:00Z', mode: 'manual' },
    store: {
      objects: [{ uri: 's3://landing/raw/a.csv', content: 'id\n1\n', lastModified: '2024-01-01T00:00:00Z' }],
      generate: [{ prefix: 's3://landing/logs/', keys: ['day={01..03}/part-{1..4}.log'], size: 32 }],
    },
  })
})
afterAll(() => w.close())

describe('buckets', () => {
  it('creates, heads, lists and deletes buckets with S3 answers for the wrong ones', async () => {
    await w.store.send(new CreateBucketCommand({ Bucket: 'fresh' }))
    await w.store.send(new HeadBucketCommand({ Bucket: 'fresh' }))
    const names = (await w.store.send(new ListBucketsCommand({}))).Buckets!.map((b) => b.Name)
    expect(names).toEqual(['fresh', 'landing'])
    expect(await s3Failure(w.store.send(new CreateBucketCommand({ Bucket: 'fresh' })))).toMatchObject({ code: 'BucketAlreadyOwnedByYou', status: 409 })
    expect(await s3Failure(w.store.send(new CreateBucketCommand({ Bucket: 'Bad_Name' })))).toMatchObject({ code: 'InvalidBucketName', status: 400 })
    expect(await s3Failure(w.store.send(new DeleteBucketCommand({ Bucket: 'landing' })))).toMatchObject({ code: 'BucketNotEmpty', status: 409 })
    expect((await w.store.send(new GetBucketLocationCommand({ Bucket: 'fresh' }))).LocationConstraint).toBeUndefined()
    expect((await w.store.send(new GetBucketVersioningCommand({ Bucket: 'fresh' }))).Status).toBeUndefined()
    await w.store.send(new DeleteBucketCommand({ Bucket: 'fresh' }))
    expect(await s3Failure(w.store.send(new HeadBucketCommand({ Bucket: 'fresh' })))).toMatchObject({ status: 404 })
    expect(await s3Failure(w.store.send(new PutObjectCommand({ Bucket: 'fresh', Key: 'k', Body: 'x' })))).toMatchObject({ code: 'NoSuchBucket', status: 404 })
  })
})

describe('objects', () => {
  it('puts and gets bytes, ETag, content type and user metadata; heads and ranges', async () => {
    const put = await w.store.send(new PutObjectCommand({ Bucket: 'landing', Key: 'raw/b c+é.json', Body: '{"n":1}', ContentType: 'application/json', Metadata: { owner: 'etl' } }))
    expect(put.ETag).toBe(`"${md5('{"n":1}')}"`)
    const got = await w.store.send(new GetObjectCommand({ Bucket: 'landing', Key: 'raw/b c+é.json' }))
    expect(await got.Body!.transformToString()).toBe('{"n":1}')
    expect([got.ContentType, got.Metadata, got.ContentLength, got.LastModified?.toISOString()]).toEqual(['application/json', { owner: 'etl' }, 7, '2024-01-15T10:00:00.000Z'])
    const head = await w.store.send(new HeadObjectCommand({ Bucket: 'landing', Key: 'raw/a.csv' }))
    expect([head.ContentLength, head.ETag, head.LastModified?.toISOString()]).toEqual([5, `"${md5('id\n1\n')}"`, '2024-01-01T00:00:00.000Z'])
    const range = await w.store.send(new GetObjectCommand({ Bucket: 'landing', Key: 'raw/a.csv', Range: 'bytes=1-3' }))
    expect([await range.Body!.transformToString(), range.ContentRange, range.ContentLength]).toEqual(['d\n1', 'bytes 1-3/5', 3])
    const suffix = await w.store.send(new GetObjectCommand({ Bucket: 'landing', Key: 'raw/a.csv', Range: 'bytes=-2' }))
    expect(await suffix.Body!.transformToString()).toBe('1\n')
    expect(await s3Failure(w.store.send(new GetObjectCommand({ Bucket: 'landing', Key: 'raw/a.csv', Range: 'bytes=5-' })))).toMatchObject({ code: 'InvalidRange', status: 416 })
    expect(await s3Failure(w.store.send(new GetObjectCommand({ Bucket: 'landing', Key: 'raw/none' })))).toMatchObject({ code: 'NoSuchKey', status: 404 })
    expect(await s3Failure(w.store.send(new GetObjectCommand({ Bucket: 'nowhere', Key: 'x' })))).toMatchObject({ code: 'NoSuchBucket', status: 404 })
  })

  it('answers conditional reads as S3 does', async () => {
    const etag = `"${md5('id\n1\n')}"`
    expect(await s3Failure(w.store.send(new GetObjectCommand({ Bucket: 'landing', Key: 'raw/a.csv', IfNoneMatch: etag })))).toMatchObject({ status: 304 })
    expect(await s3Failure(w.store.send(new GetObjectCommand({ Bucket: 'landing', Key: 'raw/a.csv', IfMatch: '"0000"' })))).toMatchObject({ code: 'PreconditionFailed', status: 412 })
    expect(await s3Failure(w.store.send(new GetObjectCommand({ Bucket: 'landing', Key: 'raw/a.csv', IfModifiedSince: new Date('2024-01-02T00:00:00Z') })))).toMatchObject({ status: 304 })
    const fresh = await w.store.send(new GetObjectCommand({ Bucket: 'landing', Key: 'raw/a.csv', IfMatch: etag, IfModifiedSince: new Date('2023-12-01T00:00:00Z') }))
    expect(await fresh.Body!.transformToString()).toBe('id\n1\n')
    expect(await s3Failure(w.store.send(new PutObjectCommand({ Bucket: 'landing', Key: 'raw/a.csv', Body: 'no', IfNoneMatch: '*' })))).toMatchObject({ code: 'PreconditionFailed', status: 412 })
    expect(await (await w.store.send(new GetObjectCommand({ Bucket: 'landing', Key: 'raw/a.csv' }))).Body!.transformToString()).toBe('id\n1\n')
  })

  it('copies with the metadata directive, deletes one and many', async () => {
    await w.store.send(new PutObjectCommand({ Bucket: 'landing', Key: 'tmp/src', Body: 'copy me', ContentType: 'text/plain', Metadata: { a: '1' } }))
    const copied = await w.store.send(new CopyObjectCommand({ Bucket: 'landing', Key: 'tmp/kept', CopySource: 'landing/tmp/src' }))
    expect(copied.CopyObjectResult?.ETag).toBe(`"${md5('copy me')}"`)
    await w.store.send(new CopyObjectCommand({ Bucket: 'landing', Key: 'tmp/replaced', CopySource: '/landing/tmp/src', MetadataDirective: 'REPLACE', ContentType: 'text/csv', Metadata: { b: '2' } }))
    const kept = await w.store.send(new HeadObjectCommand({ Bucket: 'landing', Key: 'tmp/kept' }))
    const replaced = await w.store.send(new HeadObjectCommand({ Bucket: 'landing', Key: 'tmp/replaced' }))
    expect([kept.ContentType, kept.Metadata, replaced.ContentType, replaced.Metadata]).toEqual(['text/plain', { a: '1' }, 'text/csv', { b: '2' }])
    expect(await s3Failure(w.store.send(new CopyObjectCommand({ Bucket: 'landing', Key: 'tmp/src', CopySource: 'landing/tmp/src' })))).toMatchObject({ code: 'InvalidRequest', status: 400 })
    expect(await s3Failure(w.store.send(new CopyObjectCommand({ Bucket: 'landing', Key: 'tmp/x', CopySource: 'landing/tmp/none' })))).toMatchObject({ code: 'NoSuchKey', status: 404 })
    await w.store.send(new DeleteObjectCommand({ Bucket: 'landing', Key: 'tmp/kept' }))
    await w.store.send(new DeleteObjectCommand({ Bucket: 'landing', Key: 'tmp/never-there' }))
    const many = await w.store.send(new DeleteObjectsCommand({ Bucket: 'landing', Delete: { Objects: [{ Key: 'tmp/src' }, { Key: 'tmp/replaced' }] } }))
    expect(many.Deleted?.map((d) => d.Key)).toEqual(['tmp/src', 'tmp/replaced'])
    expect((await w.store.send(new ListObjectsV2Command({ Bucket: 'landing', Prefix: 'tmp/' }))).KeyCount).toBe(0)
  })
})

describe('listings', () => {
  it('lists V2 with prefix, delimiter, continuation and start-after over put and generated objects', async () => {
    const top = await w.store.send(new ListObjectsV2Command({ Bucket: 'landing', Delimiter: '/' }))
    expect(top.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['logs/', 'raw/'])
    const days = await w.store.send(new ListObjectsV2Command({ Bucket: 'landing', Prefix: 'logs/', Delimiter: '/', MaxKeys: 2 }))
    expect([days.CommonPrefixes?.map((p) => p.Prefix), days.IsTruncated, days.KeyCount]).toEqual([['logs/day=01/', 'logs/day=02/'], true, 2])
    const rest = await w.store.send(new ListObjectsV2Command({ Bucket: 'landing', Prefix: 'logs/', Delimiter: '/', ContinuationToken: days.NextContinuationToken }))
    expect([rest.CommonPrefixes?.map((p) => p.Prefix), rest.IsTruncated]).toEqual([['logs/day=03/'], false])
    const keys: string[] = []
    let token: string | undefined
    do {
      const page = await w.store.send(new ListObjectsV2Command({ Bucket: 'landing', Prefix: 'logs/', MaxKeys: 5, ContinuationToken: token }))
      keys.push(...page.Contents!.map((c) => c.Key!))
      token = page.NextContinuationToken
    } while (token)
    expect(keys).toHaveLength(12)
    expect(keys.slice(0, 2)).toEqual(['logs/day=01/part-1.log', 'logs/day=01/part-2.log'])
    const after = await w.store.send(new ListObjectsV2Command({ Bucket: 'landing', Prefix: 'logs/', StartAfter: 'logs/day=03/part-2.log' }))
    expect(after.Contents?.map((c) => [c.Key, c.Size])).toEqual([['logs/day=03/part-3.log', 32], ['logs/day=03/part-4.log', 32]])
    expect(await s3Failure(w.store.send(new ListObjectsV2Command({ Bucket: 'landing', MaxKeys: -1 })))).toMatchObject({ code: 'InvalidArgument', status: 400 })
  })

  it('lists V1 with markers, and URL-encodes keys when asked', async () => {
    const v1 = await w.store.send(new ListObjectsCommand({ Bucket: 'landing', Prefix: 'logs/day=02/', MaxKeys: 3, Delimiter: '/' }))
    expect([v1.Contents?.length, v1.IsTruncated, v1.NextMarker]).toEqual([3, true, 'logs/day=02/part-3.log'])
    const next = await w.store.send(new ListObjectsCommand({ Bucket: 'landing', Prefix: 'logs/day=02/', Marker: v1.NextMarker }))
    expect(next.Contents?.map((c) => c.Key)).toEqual(['logs/day=02/part-4.log'])
    await w.store.send(new PutObjectCommand({ Bucket: 'landing', Key: 'enc/a b&c.txt', Body: 'x' }))
    const raw = await fetch(await getSignedUrl(w.store, new ListObjectsV2Command({ Bucket: 'landing', Prefix: 'enc/', EncodingType: 'url' })))
    expect(await raw.text()).toContain('<Key>enc/a%20b%26c.txt</Key>')
    // The v3 SDK hands encoded keys back as they came (boto3 decodes them).
    const encoded = await w.store.send(new ListObjectsV2Command({ Bucket: 'landing', Prefix: 'enc/', EncodingType: 'url' }))
    expect([encoded.EncodingType, encoded.Contents?.map((c) => decodeURIComponent(c.Key!))]).toEqual(['url', ['enc/a b&c.txt']])
  })
})

describe('multipart uploads', () => {
  it('assembles parts with an S3 multipart ETag through lib-storage', async () => {
    const body = Buffer.alloc(11 * MiB, 7)
    const result = await new Upload({ client: w.store, params: { Bucket: 'landing', Key: 'big/blob.bin', Body: body }, partSize: 5 * MiB, queueSize: 2 }).done()
    const parts = [body.subarray(0, 5 * MiB), body.subarray(5 * MiB, 10 * MiB), body.subarray(10 * MiB)]
    const expected = `"${md5(Buffer.concat(parts.map((p) => Buffer.from(md5(p), 'hex'))))}-3"`
    expect(result.ETag).toBe(expected)
    const head = await w.store.send(new HeadObjectCommand({ Bucket: 'landing', Key: 'big/blob.bin' }))
    expect([head.ETag, head.ContentLength]).toEqual([expected, 11 * MiB])
  })

  it('lists, copies into, aborts and refuses small or missing parts', async () => {
    const { UploadId } = await w.store.send(new CreateMultipartUploadCommand({ Bucket: 'landing', Key: 'mp/x', ContentType: 'text/plain' }))
    const p1 = await w.store.send(new UploadPartCommand({ Bucket: 'landing', Key: 'mp/x', UploadId, PartNumber: 1, Body: 'small' }))
    const p2 = await w.store.send(new UploadPartCopyCommand({ Bucket: 'landing', Key: 'mp/x', UploadId, PartNumber: 2, CopySource: 'landing/raw/a.csv', CopySourceRange: 'bytes=0-1' }))
    expect(p2.CopyPartResult?.ETag).toBe(`"${md5('id')}"`)
    const listed = await w.store.send(new ListPartsCommand({ Bucket: 'landing', Key: 'mp/x', UploadId }))
    expect(listed.Parts?.map((p) => [p.PartNumber, p.Size, p.ETag])).toEqual([[1, 5, p1.ETag], [2, 2, p2.CopyPartResult?.ETag]])
    const complete = (Parts: { PartNumber: number; ETag?: string }[]) => w.store.send(new CompleteMultipartUploadCommand({ Bucket: 'landing', Key: 'mp/x', UploadId, MultipartUpload: { Parts } }))
    expect(await s3Failure(complete([{ PartNumber: 1, ETag: p1.ETag }, { PartNumber: 2, ETag: p2.CopyPartResult?.ETag }]))).toMatchObject({ code: 'EntityTooSmall', status: 400 })
    expect(await s3Failure(complete([{ PartNumber: 3, ETag: p1.ETag }]))).toMatchObject({ code: 'InvalidPart', status: 400 })
    expect(await s3Failure(complete([{ PartNumber: 2, ETag: p2.CopyPartResult?.ETag }, { PartNumber: 1, ETag: p1.ETag }]))).toMatchObject({ code: 'InvalidPartOrder', status: 400 })
    await w.store.send(new AbortMultipartUploadCommand({ Bucket: 'landing', Key: 'mp/x', UploadId }))
    expect(await s3Failure(w.store.send(new ListPartsCommand({ Bucket: 'landing', Key: 'mp/x', UploadId })))).toMatchObject({ code: 'NoSuchUpload', status: 404 })
    expect(await s3Failure(w.store.send(new HeadObjectCommand({ Bucket: 'landing', Key: 'mp/x' })))).toMatchObject({ status: 404 })
  })
})

describe('authentication', () => {
  it('refuses a wrong secret or an unknown key and stores nothing', async () => {
    const client = (secretAccessKey: string, accessKeyId = CREDENTIALS.accessKeyId) =>
      new S3Client({ endpoint: w.storeUrl, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId, secretAccessKey }, maxAttempts: 1 })
    const wrong = client('not-the-secret')
    const unknown = client(CREDENTIALS.secretAccessKey, 'AKIAUNKNOWN')
    expect(await s3Failure(wrong.send(new PutObjectCommand({ Bucket: 'landing', Key: 'auth/x', Body: 'x' })))).toMatchObject({ code: 'SignatureDoesNotMatch', status: 403 })
    expect(await s3Failure(unknown.send(new ListBucketsCommand({})))).toMatchObject({ code: 'InvalidAccessKeyId', status: 403 })
    expect(await s3Failure(w.store.send(new HeadObjectCommand({ Bucket: 'landing', Key: 'auth/x' })))).toMatchObject({ status: 404 })
    const unsigned = await fetch(`${w.storeUrl}/landing/raw/a.csv`)
    expect([unsigned.status, await unsigned.text()]).toEqual([403, expect.stringContaining('<Code>AccessDenied</Code>')])
    wrong.destroy()
    unknown.destroy()
  })

  it('serves pre-signed GET and PUT URLs fetched with plain HTTP, until they expire on the emulator clock', async () => {
    const put = await getSignedUrl(w.store, new PutObjectCommand({ Bucket: 'landing', Key: 'signed/up.txt' }), { expiresIn: 60 })
    expect((await fetch(put, { method: 'PUT', body: 'via url' })).status).toBe(200)
    const now = new Date(w.lakefs.clock.now())
    const get = await getSignedUrl(w.store, new GetObjectCommand({ Bucket: 'landing', Key: 'signed/up.txt' }), { expiresIn: 60, signingDate: now })
    expect(await (await fetch(get)).text()).toBe('via url')
    await w.lakefs.clock.advance(61_000)
    const expired = await fetch(get)
    expect([expired.status, await expired.text()]).toEqual([403, expect.stringContaining('Request has expired')])
    const tampered = await fetch(get.replace('signed%2Fup.txt', 'signed/other.txt').replace('signed/up.txt', 'signed/other.txt'))
    expect(tampered.status).toBe(403)
  })

  it('reads aws-chunked streaming uploads (unsigned payload with a checksum trailer)', async () => {
    const { Readable } = await import('node:stream')
    const body = Readable.from([Buffer.from('chunk-one,'), Buffer.from('chunk-two')])
    await w.store.send(new PutObjectCommand({ Bucket: 'landing', Key: 'stream/s.txt', Body: body, ContentLength: 19 }))
    expect(await (await w.store.send(new GetObjectCommand({ Bucket: 'landing', Key: 'stream/s.txt' }))).Body!.transformToString()).toBe('chunk-one,chunk-two')
  })
})

describe('browsers and limits', () => {
  it('lets any origin fetch pre-signed URLs: preflights answered, ETag and ranges exposed', async () => {
    const url = await getSignedUrl(w.store, new GetObjectCommand({ Bucket: 'landing', Key: 'raw/a.csv' }), { signingDate: new Date(w.lakefs.clock.now()) })
    const pre = await fetch(url, { method: 'OPTIONS', headers: { Origin: 'http://127.0.0.1:8000', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'range' } })
    expect([pre.status, pre.headers.get('access-control-allow-origin'), pre.headers.get('access-control-allow-headers')]).toEqual([200, '*', 'range'])
    const got = await fetch(url, { headers: { Origin: 'http://127.0.0.1:8000', Range: 'bytes=0-1' } })
    expect([got.status, await got.text(), got.headers.get('access-control-allow-origin')]).toEqual([206, 'id', '*'])
    expect(got.headers.get('access-control-expose-headers')).toContain('Content-Range')
  })

  it('refuses an object or a part beyond the upload limit with EntityTooLarge, storing nothing', async () => {
    const small = await s3World({ version: 1, store: { buckets: ['s3://tight'] } }, { limits: { uploadBytes: 1024 * 1024 } })
    try {
      const body = Buffer.alloc(1024 * 1024 + 1)
      expect(await s3Failure(small.store.send(new PutObjectCommand({ Bucket: 'tight', Key: 'big', Body: body })))).toMatchObject({ code: 'EntityTooLarge', status: 400 })
      const { UploadId } = await small.store.send(new CreateMultipartUploadCommand({ Bucket: 'tight', Key: 'parts' }))
      expect(await s3Failure(small.store.send(new UploadPartCommand({ Bucket: 'tight', Key: 'parts', UploadId, PartNumber: 1, Body: body })))).toMatchObject({ code: 'EntityTooLarge', status: 400 })
      expect((await small.store.send(new ListPartsCommand({ Bucket: 'tight', Key: 'parts', UploadId }))).Parts ?? []).toEqual([])
      expect((await small.store.send(new ListObjectsV2Command({ Bucket: 'tight' }))).KeyCount).toBe(0)
    } finally {
      await small.close()
    }
  })
})

it('has been called with every S3 operation on the fake store', () => {
  expect(calledOperations(w, 's3')).toEqual(S3_OPERATIONS.map((op) => `s3:${op}`).sort())
})
