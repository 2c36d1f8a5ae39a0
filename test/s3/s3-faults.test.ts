/**
 * Fault rules on the S3 front doors, with the trigger keys of the lakeFS API's (operation, method,
 * bucket; repository and branch on the gateway): SlowDown, a delay on the emulator clock and a
 * dropped connection, as @aws-sdk/client-s3 meets them, and the journal naming the rule that fired.
 */
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { s3Failure, type S3World, s3World } from './s3-clients.js'

let w: S3World

beforeAll(async () => {
  w = await s3World({
    version: 1,
    clock: { start: '2024-01-15T10:00:00Z', mode: 'manual' },
    store: { objects: [{ uri: 's3://landing/a.csv', content: 'a' }, { uri: 's3://other/a.csv', content: 'a' }] },
    repositories: [{ name: 'example', storageNamespace: 's3://example-bucket/ns', defaultBranch: 'main', branches: [{ name: 'dev' }] }],
    faults: [
      { name: 'slow-down', operation: 's3:GetObject', bucket: 'landing', calls: [1], respond: { status: 503, headers: { 'Retry-After': '2' } } },
      { name: 'lag', operation: 's3:ListObjectsV2', delayMs: 5000 },
      { name: 'reset', operation: 's3:HeadObject', bucket: 'other', dropConnection: true },
      { name: 'dev-only', operation: 'gateway:PutObject', repository: 'example', branch: 'dev', respond: { status: 500, code: 'InternalError', message: 'disk on fire' } },
    ],
  })
})
afterAll(() => w.close())

it('answers SlowDown for the bucket and call the rule names, and only those', async () => {
  expect(await s3Failure(w.store.send(new GetObjectCommand({ Bucket: 'landing', Key: 'a.csv' })))).toEqual({ code: 'SlowDown', status: 503, message: 'Please reduce your request rate.' })
  expect(await (await w.store.send(new GetObjectCommand({ Bucket: 'landing', Key: 'a.csv' }))).Body!.transformToString()).toBe('a')
  const entries = w.lakefs.journal.list({ operation: 's3:GetObject' })
  expect(entries.map((e) => [e.status, e.faults])).toEqual([[503, ['slow-down']], [200, []]])
})

it('delays a call on the emulator clock', async () => {
  let done = false
  const listing = w.store.send(new ListObjectsV2Command({ Bucket: 'landing' })).then((r) => ((done = true), r))
  await new Promise((r) => setTimeout(r, 50))
  expect(done).toBe(false)
  await w.lakefs.clock.advance(5000)
  expect((await listing).KeyCount).toBe(1)
  expect(w.lakefs.journal.list({ operation: 's3:ListObjectsV2' }).map((e) => [e.latencyMs, e.faults])).toEqual([[5000, ['lag']]])
})

it('drops the connection without an answer', async () => {
  await expect(w.store.send(new HeadObjectCommand({ Bucket: 'other', Key: 'a.csv' }))).rejects.toThrow(/socket hang up|ECONNRESET/)
  expect(w.lakefs.journal.list({ operation: 's3:HeadObject' }).map((e) => [e.status, e.faults])).toEqual([[null, ['reset']]])
  expect((await w.store.send(new HeadObjectCommand({ Bucket: 'landing', Key: 'a.csv' }))).ContentLength).toBe(1)
})

it('matches the gateway by repository and branch, and writes nothing when it answers', async () => {
  expect(await s3Failure(w.gateway.send(new PutObjectCommand({ Bucket: 'example', Key: 'dev/x', Body: 'x' })))).toEqual({ code: 'InternalError', status: 500, message: 'disk on fire' })
  await w.gateway.send(new PutObjectCommand({ Bucket: 'example', Key: 'main/x', Body: 'x' }))
  expect(await s3Failure(w.gateway.send(new HeadObjectCommand({ Bucket: 'example', Key: 'dev/x' })))).toMatchObject({ status: 404 })
})
