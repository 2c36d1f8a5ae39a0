/**
 * lakeFS's S3 gateway on the lakeFS port, through @aws-sdk/client-s3: an import read back from any
 * ref, staged writes, deletes and copies committed with the lakeFS API, branch listings, and the
 * gateway's own answers (pkg/gateway), quirks included.
 */
import { createHash } from 'node:crypto'
import {
  AbortMultipartUploadCommand, CopyObjectCommand, CreateBucketCommand, CreateMultipartUploadCommand, DeleteBucketCommand, DeleteObjectCommand,
  DeleteObjectsCommand, GetBucketLocationCommand, GetBucketVersioningCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand,
  ListBucketsCommand, ListObjectsCommand, ListObjectsV2Command, ListPartsCommand, PutObjectCommand, S3Client, UploadPartCommand, UploadPartCopyCommand,
} from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { S3_OPERATIONS } from '../../src/s3/s3-request.js'
import { AUTH } from '../support/harness.js'
import { calledOperations, CREDENTIALS, s3Failure, type S3World, s3World } from './s3-clients.js'

const md5 = (data: string | Uint8Array) => createHash('md5').update(data).digest('hex')
let w: S3World
let importCommit: string

async function api(method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${w.url}/api/v1${path}`, { method, headers: { authorization: AUTH, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`)
  return res.headers.get('content-type')?.includes("json") && text ? JSON.parse(text) : text
}

beforeAll(async () => {
  w = await s3World({
    version: 1,
    blockstore: { type: 's3' },
    clock: { start: '2024-01-15T10:00:00Z', mode: 'manual' },
    store: { objects: [{ uri: 's3://landing/raw/a.csv', content: 'id\n1\n' }, { uri: 's3://landing/raw/b.csv', content: 'id\n2\n' }, { uri: 's3://landing/raw/sub/c.csv', content: 'id\n3\n' }] },
    repositories: [{ name: 'example', storageNamespace: 's3://example-bucket/repos/example', defaultBranch: 'main' }],
  })
  const { id } = await api('POST', '/repositories/example/branches/main/import', { paths: [{ type: 'common_prefix', path: 's3://landing/raw/', destination: 'raw/' }], commit: { message: 'import raw' } })
  for (let i = 0; i < 50; i++) {
    await w.lakefs.clock.advance(1000)
    const status = await api('GET', `/repositories/example/branches/main/import?id=${id}`)
    if (status.completed) {
      importCommit = status.commit.id
      break
    }
  }
  await api('POST', '/repositories/example/tags', { id: 'v1', ref: 'main' })
  await api('POST', '/repositories/example/branches', { name: 'dev', source: 'main' })
})
afterAll(() => w.close())

describe('reading what was imported', () => {
  it('gets, ranges and heads objects from a branch, a tag, a commit and an expression', async () => {
    for (const ref of ['main', 'v1', importCommit]) {
      const got = await w.gateway.send(new GetObjectCommand({ Bucket: 'example', Key: `${ref}/raw/a.csv` }))
      expect([await got.Body!.transformToString(), got.ETag]).toEqual(['id\n1\n', `"${md5('id\n1\n')}"`])
    }
    expect(await s3Failure(w.gateway.send(new GetObjectCommand({ Bucket: 'example', Key: 'main~1/raw/a.csv' })))).toMatchObject({ code: 'NoSuchKey', status: 404 })
    const range = await w.gateway.send(new GetObjectCommand({ Bucket: 'example', Key: 'main/raw/b.csv', Range: 'bytes=3-' }))
    expect([await range.Body!.transformToString(), range.ContentRange]).toEqual(['2\n', 'bytes 3-4/5'])
    const head = await w.gateway.send(new HeadObjectCommand({ Bucket: 'example', Key: 'main/raw/sub/c.csv' }))
    expect([head.ContentLength, head.ETag]).toEqual([5, `"${md5('id\n3\n')}"`])
    expect(await s3Failure(w.gateway.send(new GetObjectCommand({ Bucket: 'example', Key: 'main/raw/a.csv', Range: 'bytes=9-' })))).toMatchObject({ code: 'InvalidRange', status: 416 })
    // pkg/gateway/operations/getobject.go reads no conditional headers: the object comes back.
    const conditional = await w.gateway.send(new GetObjectCommand({ Bucket: 'example', Key: 'main/raw/a.csv', IfNoneMatch: head.ETag }))
    expect(conditional.$metadata.httpStatusCode).toBe(200)
  })

  it('reads with virtual-host addressing under the gateway domain', async () => {
    const got = await w.virtualHost.send(new GetObjectCommand({ Bucket: 'example', Key: 'main/raw/a.csv' }))
    expect(await got.Body!.transformToString()).toBe('id\n1\n')
  })

  it('lists branches at the bucket root, entries under a ref, and pages by raw keys', async () => {
    const branches = await w.gateway.send(new ListObjectsV2Command({ Bucket: 'example', Delimiter: '/' }))
    expect(branches.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['dev/', 'main/'])
    const top = await w.gateway.send(new ListObjectsV2Command({ Bucket: 'example', Prefix: 'main/raw/', Delimiter: '/' }))
    expect([top.Contents?.map((c) => c.Key), top.CommonPrefixes?.map((p) => p.Prefix)]).toEqual([['main/raw/a.csv', 'main/raw/b.csv'], ['main/raw/sub/']])
    const first = await w.gateway.send(new ListObjectsV2Command({ Bucket: 'example', Prefix: 'main/raw/', MaxKeys: 2 }))
    expect([first.IsTruncated, first.NextContinuationToken]).toEqual([true, 'main/raw/b.csv'])
    const second = await w.gateway.send(new ListObjectsV2Command({ Bucket: 'example', Prefix: 'main/raw/', ContinuationToken: first.NextContinuationToken }))
    expect(second.Contents?.map((c) => c.Key)).toEqual(['main/raw/sub/c.csv'])
    const v1 = await w.gateway.send(new ListObjectsCommand({ Bucket: 'example', Prefix: 'v1/raw/', Marker: 'v1/raw/a.csv' }))
    expect(v1.Contents?.map((c) => c.Key)).toEqual(['v1/raw/b.csv', 'v1/raw/sub/c.csv'])
    expect(await s3Failure(w.gateway.send(new ListObjectsV2Command({ Bucket: 'example', Prefix: 'main/', StartAfter: 'dev/x' })))).toMatchObject({ code: 'BadRequest', status: 400 })
    expect((await w.gateway.send(new ListObjectsV2Command({ Bucket: 'example', Prefix: 'nobranch/' }))).KeyCount).toBe(0)
  })
})

describe('writing through the gateway', () => {
  it('stages puts, copies and deletes on a branch; a commit makes them history', async () => {
    await w.gateway.send(new PutObjectCommand({ Bucket: 'example', Key: 'dev/new/x.json', Body: '{"x":1}', ContentType: 'application/json', Metadata: { team: 'etl' } }))
    await w.gateway.send(new CopyObjectCommand({ Bucket: 'example', Key: 'dev/new/a-copy.csv', CopySource: 'example/main/raw/a.csv' }))
    await w.gateway.send(new DeleteObjectCommand({ Bucket: 'example', Key: 'dev/raw/b.csv' }))
    await w.gateway.send(new DeleteObjectCommand({ Bucket: 'example', Key: 'dev/raw/never-there' }))
    const diff = await api('GET', '/repositories/example/branches/dev/diff')
    expect(diff.results.map((d: any) => [d.type, d.path])).toEqual([['added', 'new/a-copy.csv'], ['added', 'new/x.json'], ['removed', 'raw/b.csv']])
    const stat = await api('GET', '/repositories/example/refs/dev/objects/stat?path=new/x.json')
    expect([stat.content_type, stat.metadata, stat.checksum]).toEqual(['application/json', { 'X-Amz-Meta-Team': 'etl' }, md5('{"x":1}')])
    const head = await w.gateway.send(new HeadObjectCommand({ Bucket: 'example', Key: 'dev/new/x.json' }))
    expect(head.Metadata).toEqual({ team: 'etl' })
    await api('POST', '/repositories/example/branches/dev/commits', { message: 'via s3' })
    const deleted = await w.gateway.send(new DeleteObjectsCommand({ Bucket: 'example', Delete: { Objects: [{ Key: 'dev/new/x.json' }, { Key: 'dev/raw/a.csv' }] } }))
    expect(deleted.Deleted?.map((d) => d.Key)).toEqual(['dev/new/x.json', 'dev/raw/a.csv'])
    const listed = await w.gateway.send(new ListObjectsV2Command({ Bucket: 'example', Prefix: 'dev/' }))
    expect(listed.Contents?.map((c) => c.Key)).toEqual(['dev/new/a-copy.csv', 'dev/raw/sub/c.csv'])
  })

  it('writes a multipart upload whose entry keeps the ETag without its part count', async () => {
    const body = Buffer.alloc(6 * 1024 * 1024, 1)
    const done = await new Upload({ client: w.gateway, params: { Bucket: 'example', Key: 'dev/big.bin', Body: body }, partSize: 5 * 1024 * 1024 }).done()
    expect(done.ETag).toMatch(/^"[0-9a-f]{32}-2"$/)
    const head = await w.gateway.send(new HeadObjectCommand({ Bucket: 'example', Key: 'dev/big.bin' }))
    expect([head.ETag, head.ContentLength]).toEqual([done.ETag!.replace('-2', ''), body.length])
    const { UploadId } = await w.gateway.send(new CreateMultipartUploadCommand({ Bucket: 'example', Key: 'dev/parts.bin' }))
    await w.gateway.send(new UploadPartCommand({ Bucket: 'example', Key: 'dev/parts.bin', UploadId, PartNumber: 1, Body: 'p1' }))
    await w.gateway.send(new UploadPartCopyCommand({ Bucket: 'example', Key: 'dev/parts.bin', UploadId, PartNumber: 2, CopySource: 'example/main/raw/a.csv' }))
    expect((await w.gateway.send(new ListPartsCommand({ Bucket: 'example', Key: 'dev/parts.bin', UploadId }))).Parts?.map((p) => p.Size)).toEqual([2, 5])
    await w.gateway.send(new AbortMultipartUploadCommand({ Bucket: 'example', Key: 'dev/parts.bin', UploadId }))
    expect(await s3Failure(w.gateway.send(new AbortMultipartUploadCommand({ Bucket: 'example', Key: 'dev/parts.bin', UploadId })))).toMatchObject({ code: 'NoSuchKey', status: 404 })
  })

  it("answers the gateway's errors, and writes nothing when it refuses", async () => {
    await api('PUT', '/repositories/example/settings/branch_protection', [{ pattern: 'main' }]).catch(() => api('POST', '/repositories/example/branch_protection', { pattern: 'main' }))
    expect(await s3Failure(w.gateway.send(new PutObjectCommand({ Bucket: 'example', Key: 'main/x', Body: 'x' })))).toMatchObject({ code: 'ErrWriteToProtectedBranch', status: 403 })
    expect(await s3Failure(w.gateway.send(new PutObjectCommand({ Bucket: 'example', Key: 'v1/x', Body: 'x' })))).toMatchObject({ code: 'NoSuchBucket', status: 404 })
    expect(await s3Failure(w.gateway.send(new GetObjectCommand({ Bucket: 'nope', Key: 'main/x' })))).toMatchObject({ code: 'NoSuchBucket', status: 404 })
    expect(await s3Failure(w.gateway.send(new CreateBucketCommand({ Bucket: 'example' })))).toMatchObject({ code: 'BucketAlreadyExists', status: 409 })
    expect(await s3Failure(w.gateway.send(new DeleteBucketCommand({ Bucket: 'example' })))).toMatchObject({ code: 'ERRLakeFSNotSupported', status: 405 })
    const unknown = new S3Client({ endpoint: w.url, region: 'us-east-1', forcePathStyle: true, credentials: { ...CREDENTIALS, accessKeyId: 'AKIAUNKNOWN' }, maxAttempts: 1 })
    expect(await s3Failure(unknown.send(new ListBucketsCommand({})))).toMatchObject({ code: 'AccessDenied', status: 403 })
    unknown.destroy()
    expect((await w.gateway.send(new ListObjectsV2Command({ Bucket: 'example', Prefix: 'main/x' }))).KeyCount).toBe(0)
    // A ref without a path is a bare 404 (middleware.go OperationLookupHandler).
    expect(await s3Failure(w.gateway.send(new GetObjectCommand({ Bucket: 'example', Key: 'main' })))).toMatchObject({ status: 404 })
    const unsigned = await fetch(`${w.url}/example/main/raw/a.csv`, { headers: { authorization: 'AWS4-HMAC-SHA256 Credential=x' } })
    expect([unsigned.status, await unsigned.text()]).toEqual([400, expect.stringContaining('<Code>AuthorizationHeaderMalformed</Code>')])
  })

  it('lists repositories as buckets and answers bucket-level reads', async () => {
    expect((await w.gateway.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toEqual(['example'])
    expect((await w.gateway.send(new HeadBucketCommand({ Bucket: 'example' }))).$metadata.httpStatusCode).toBe(200)
    await w.gateway.send(new GetBucketLocationCommand({ Bucket: 'example' }))
    await w.gateway.send(new GetBucketVersioningCommand({ Bucket: 'example' }))
  })
})

it('has been called with every S3 operation on the gateway', () => {
  expect(calledOperations(w, 'gateway')).toEqual(S3_OPERATIONS.map((op) => `gateway:${op}`).sort())
})
