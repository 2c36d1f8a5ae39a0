/** Request body limits: 413 with lakeFS's error body, nothing stored, the next request served. */
import { describe, expect, it } from 'vitest'
import { createApp, ManualClock } from '../../src/index.js'
import { AUTH, T0 } from '../support/harness.js'

function limited() {
  const app = createApp({
    scenarios: [{ repositories: [{ name: 'repo', storageNamespace: 's3://bucket/repos/repo' }] }],
    clock: new ManualClock(T0),
    limits: { jsonBytes: 200, uploadBytes: 1000 },
  })
  const call = async (method: string, path: string, body?: BodyInit, headers: Record<string, string> = {}) => {
    const res = await app.request(path, { method, body, headers: { Authorization: AUTH, ...headers }, ...(body instanceof ReadableStream && { duplex: 'half' }) })
    const text = await res.text()
    return { status: res.status, body: text && res.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : text }
  }
  return { app, call }
}

const stream = (bytes: number) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let sent = 0; sent < bytes; sent += 100) controller.enqueue(new Uint8Array(Math.min(100, bytes - sent)))
      controller.close()
    },
  })

describe('request body limits', () => {
  it('answers a JSON body over the limit with 413, and creates nothing', async () => {
    const { call } = limited()
    const json = { 'Content-Type': 'application/json' }
    const big = await call('POST', '/api/v1/repositories/repo/branches', JSON.stringify({ name: 'b', source: 'main', pad: 'x'.repeat(300) }), json)
    expect(big).toEqual({ status: 413, body: { message: 'request body too large: the limit is 200 bytes (--max-json-bytes)' } })
    expect((await call('GET', '/api/v1/repositories/repo/branches/b')).status).toBe(404)
    const small = await call('POST', '/api/v1/repositories/repo/branches', JSON.stringify({ name: 'b', source: 'main' }), json)
    expect(small.status).toBe(201)
  })

  it('holds uploads to their own limit, with or without a Content-Length', async () => {
    const { call } = limited()
    const path = '/api/v1/repositories/repo/branches/main/objects?path=k'
    const octets = { 'Content-Type': 'application/octet-stream' }
    expect((await call('POST', path, new Uint8Array(1001), octets)).status).toBe(413)
    const chunked = await call('POST', path, stream(1500), octets)
    expect(chunked).toEqual({ status: 413, body: { message: 'request body too large: the limit is 1000 bytes (--max-upload-bytes)' } })
    expect((await call('GET', '/api/v1/repositories/repo/refs/main/objects/stat?path=k')).status).toBe(404)
    // Larger than the JSON limit, within the upload one.
    expect((await call('POST', path, stream(900), octets)).status).toBe(201)
    expect((await call('GET', '/api/v1/repositories/repo/refs/main/objects/stat?path=k')).body.size_bytes).toBe(900)
  })

  it('limits the control API too: a fake-store object over the upload limit is refused', async () => {
    const { app, call } = limited()
    const res = await call('PUT', `/_emulator/objects?uri=${encodeURIComponent('s3://bucket/raw/big.bin')}`, new Uint8Array(2000))
    expect(res.status).toBe(413)
    expect(app.emulator.inspect.store.stat('s3://bucket/raw/big.bin')).toBeUndefined()
  })
})
