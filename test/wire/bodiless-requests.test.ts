/**
 * Requests with a JSON content type and no bytes, as clients send them over a socket: the legacy
 * lakefs_client's merge (Content-Length: 0) and curl's `-X POST` without `-d` (no Content-Length and
 * no Transfer-Encoding, which HTTP/1.1 reads as no body). lakeFS treats both as bodiless.
 */
import { connect } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createEmulator, type EmulatorHandle } from '../../src/index.js'
import { AUTH } from '../support/harness.js'

let lakefs: EmulatorHandle | undefined
afterEach(async () => {
  await lakefs?.close()
  lakefs = undefined
})

/** One request written byte for byte; resolves to the status line and the body. */
function raw(port: number, head: string): Promise<{ status: string; body: string }> {
  return new Promise((resolve, reject) => {
    let text = ''
    const socket = connect(port, '127.0.0.1', () => socket.write(`${head}Host: 127.0.0.1\r\nAuthorization: ${AUTH}\r\nConnection: close\r\n\r\n`))
    socket.on('data', (d) => (text += d.toString('utf8')))
    socket.on('end', () => resolve({ status: text.slice(0, text.indexOf('\r\n')), body: text.slice(text.indexOf('\r\n\r\n') + 4) }))
    socket.on('error', reject)
  })
}

describe('a JSON request without bytes', () => {
  it('is a request without a body: an optional one is absent, a required one is missing', async () => {
    lakefs = createEmulator({ scenarios: [{ repositories: [{ name: 'repo', storageNamespace: 's3://bucket/repos/repo', branches: [{ name: 'dev' }] }] }] })
    const { port, url } = await lakefs.listen()
    await fetch(`${url}/api/v1/repositories/repo/branches/dev/objects?path=a`, { method: 'POST', headers: { Authorization: AUTH }, body: 'a' })
    await fetch(`${url}/api/v1/repositories/repo/branches/dev/commits`, { method: 'POST', headers: { Authorization: AUTH, 'Content-Type': 'application/json' }, body: '{"message":"a"}' })
    // curl -X POST -H 'Content-Type: application/json' (no -d): neither header.
    const merge = await raw(port, 'POST /api/v1/repositories/repo/refs/dev/merge/main HTTP/1.1\r\nContent-Type: application/json\r\n')
    expect(merge.status).toBe('HTTP/1.1 200 OK')
    expect(JSON.parse(merge.body).reference).toMatch(/^[0-9a-f]{64}$/)
    // The legacy client: Content-Length: 0.
    const again = await raw(port, 'POST /api/v1/repositories/repo/refs/dev/merge/main HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 0\r\n')
    expect([again.status, JSON.parse(again.body)]).toEqual(['HTTP/1.1 400 Bad Request', { message: 'update branch main: no changes' }])
    const branch = await raw(port, 'POST /api/v1/repositories/repo/branches HTTP/1.1\r\nContent-Type: application/json\r\n')
    expect([branch.status, JSON.parse(branch.body)]).toEqual(['HTTP/1.1 400 Bad Request', { message: 'request body has an error: value is required but missing' }])
  })
})
