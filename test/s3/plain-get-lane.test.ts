/**
 * The plain GetObject lane (src/s3/plain-get.ts) on both S3 front doors' sockets: what it answers
 * is byte for byte what the route answers (but for the request id and the date), journaled the
 * same with ids in the same sequence; everything that is not a plain GetObject goes to the route.
 */
import { createHash } from 'node:crypto'
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { presignUrl } from '../../src/s3/sigv4.js'
import { rawGet } from '../support/raw-http.js'
import { CREDENTIALS, type S3World, s3World } from './s3-clients.js'

let w: S3World
/** Requests that reached a door's route (made a Request) rather than its lane. */
const routed = { store: 0, gateway: 0 }

beforeAll(async () => {
  w = await s3World({
    version: 1,
    clock: { start: '2024-01-15T10:00:00Z', mode: 'manual' },
    repositories: [{ name: 'repo', storageNamespace: 's3://ns/repo' }],
    store: { objects: [{ uri: 's3://landing/raw/a.csv', content: 'id\n1\n', lastModified: '2024-01-01T00:00:00Z' }] },
  })
  const store = w.lakefs.app.s3.store
  const storeFetch = store.fetch.bind(store)
  store.fetch = (...args) => (routed.store++, storeFetch(...args))
  const gateway = w.lakefs.app.s3.gateway
  const gatewayFetch = gateway.fetch.bind(gateway)
  gateway.fetch = (...args) => (routed.gateway++, gatewayFetch(...args))
  await w.store.send(new PutObjectCommand({ Bucket: 'landing', Key: 'raw/meta.json', Body: '{"a":1}', ContentType: 'application/json', Metadata: { owner: 'etl', Stage: ' raw ' } }))
  await w.gateway.send(new PutObjectCommand({ Bucket: 'repo', Key: 'main/data/b.csv', Body: 'id\n2\n', Metadata: { source: 'test' } }))
  await w.gateway.send(new PutObjectCommand({ Bucket: 'repo', Key: 'main/data/plain.txt', Body: 'plain' }))
})
afterAll(() => w.close())

/** A pre-signed GET of `base` + `path`, on the emulator's clock. */
const presigned = (base: string, path: string) =>
  presignUrl({ method: 'GET', url: new URL(`${base}${path}`), ...CREDENTIALS, region: 'us-east-1', now: w.lakefs.clock.now(), expiresSeconds: 900 })

const general = (head: string[]) => head.map((h) => h.replace(/^(x-amz-request-id|x-amz-id-2|Date): .*/, '$1: *'))
const doors = () =>
  [
    ['store', w.storeUrl, ['/landing/raw/a.csv', '/landing/raw/meta.json']],
    ['gateway', w.url, ['/repo/main/data/plain.txt', '/repo/main/data/b.csv']],
  ] as const

describe('the plain GetObject lane', () => {
  it('answers as the route does, headers in the same order, and journals the same', async () => {
    for (const [door, base, paths] of doors()) {
      for (const path of paths) {
        const before = routed[door]
        const lane = await rawGet(presigned(base, path))
        expect(routed[door]).toBe(before)
        // A parameter the lane does not know (signed with the rest) takes the route, which ignores it.
        const route = await rawGet(presigned(base, `${path}?note=1`))
        expect(routed[door]).toBe(before + 1)
        expect(lane.status).toBe(200)
        expect(general(lane.head)).toEqual(general(route.head))
        expect(lane.body).toBe(route.body)
        const [laneEntry, routeEntry] = w.lakefs.journal.list().filter((e) => e.path === path).slice(-2)
        expect(laneEntry).toMatchObject({ operationId: `${door === 'store' ? 's3' : 'gateway'}:GetObject`, method: 'GET', status: 200, path })
        expect(routeEntry!.operationId).toBe(laneEntry!.operationId)
        expect(laneEntry!.query).toBe(new URL(presigned(base, path)).search)
        // The id in the answer is the journal's, and the route's comes next in the same sequence.
        const id = lane.head.find((h) => h.startsWith('x-amz-request-id: '))!.slice(18)
        expect(laneEntry!.requestId).toBe(id)
        expect(routeEntry!.requestId).toBe(`${id.slice(0, -12)}${(Number.parseInt(id.slice(-12), 16) + 1).toString(16).padStart(12, '0')}`)
      }
    }
    const meta = await rawGet(presigned(w.storeUrl, '/landing/raw/meta.json'))
    expect(meta.head.filter((h) => !/^(Date|Connection|Keep-Alive|x-amz-request-id|x-amz-id-2|last-modified):/.test(h))).toEqual([
      'accept-ranges: bytes',
      'content-length: 7',
      'content-type: application/json',
      `etag: "${createHash('md5').update('{"a":1}').digest('hex')}"`,
      'server: lakefs-emulator',
      'x-amz-meta-owner: etl',
      'x-amz-meta-stage: raw',
    ])
  })

  it('serves the AWS SDK\'s own GetObject (header-signed, with x-id) on the lane, a caller\'s X-Request-Id kept', async () => {
    const before = { ...routed }
    const got = await w.store.send(new GetObjectCommand({ Bucket: 'landing', Key: 'raw/meta.json' }))
    expect(await got.Body!.transformToString()).toBe('{"a":1}')
    expect(got.Metadata).toEqual({ owner: 'etl', stage: 'raw' })
    const fromGateway = await w.gateway.send(new GetObjectCommand({ Bucket: 'repo', Key: 'main/data/b.csv' }))
    expect(await fromGateway.Body!.transformToString()).toBe('id\n2\n')
    expect(routed).toEqual(before)
    const named = await rawGet(presigned(w.storeUrl, '/landing/raw/a.csv'), { 'X-Request-Id': 'mine-7' })
    expect(named.head).toContain('x-amz-request-id: mine-7')
    expect(w.lakefs.journal.list().at(-1)).toMatchObject({ requestId: 'mine-7', operationId: 's3:GetObject' })
  })

  it('leaves ranges, conditions, CORS, errors and bad signatures to the route', async () => {
    const url = presigned(w.storeUrl, '/landing/raw/a.csv')
    const before = routed.store
    expect((await rawGet(url, { Range: 'bytes=0-1' })).status).toBe(206)
    expect((await rawGet(url, { 'If-None-Match': '*' })).status).toBe(304)
    expect((await rawGet(url, { Origin: 'http://example.com' })).head).toContain('access-control-allow-origin: *')
    const missing = await rawGet(presigned(w.storeUrl, '/landing/raw/none.csv'))
    expect([missing.status, missing.body.match(/<Code>(\w+)<\/Code>/)?.[1]]).toEqual([404, 'NoSuchKey'])
    const tampered = await rawGet(url.replace('X-Amz-Signature=', 'X-Amz-Signature=0'))
    expect(tampered.status).toBe(400)
    const forged = await rawGet(url.replace(/X-Amz-Signature=[0-9a-f]{4}/, 'X-Amz-Signature=0000'))
    expect([forged.status, forged.body.match(/<Code>(\w+)<\/Code>/)?.[1]]).toEqual([403, 'SignatureDoesNotMatch'])
    expect((await rawGet(`${w.storeUrl}/landing/raw/a.csv`)).status).toBe(403)
    // A stored content type no header can carry: the route's InternalError, never a failed write on the socket.
    w.lakefs.emulator.world.store.put('s3://landing/raw/odd.txt', new TextEncoder().encode('odd'), w.lakefs.clock.now(), { contentType: 'text/plain; charset=\u20ac' })
    const odd = await rawGet(presigned(w.storeUrl, '/landing/raw/odd.txt'))
    expect([odd.status, odd.body.match(/<Code>(\w+)<\/Code>/)?.[1]]).toEqual([500, 'InternalError'])
    expect(routed.store).toBe(before + 8)
  })

  it('leaves every request to the route while fault rules are loaded', async () => {
    w.lakefs.app.runtime.load([
      {
        version: 1,
        clock: { start: '2024-01-15T10:00:00Z', mode: 'manual' },
        store: { objects: [{ uri: 's3://landing/raw/a.csv', content: 'id\n1\n' }] },
        faults: [{ operation: 's3:GetObject', calls: [2], respond: { status: 503 } }],
      },
    ])
    const before = routed.store
    const url = presigned(w.storeUrl, '/landing/raw/a.csv')
    const statuses = [(await rawGet(url)).status, (await rawGet(url)).status, (await rawGet(url)).status]
    expect(statuses).toEqual([200, 503, 200])
    expect(routed.store).toBe(before + 3)
  })
})
