/** A client that goes away mid-upload or mid-download leaves nothing half-done behind. */
import { connect } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createEmulator, type EmulatorHandle } from '../../src/index.js'
import { AUTH } from '../support/harness.js'

let lakefs: EmulatorHandle | undefined
afterEach(async () => {
  await lakefs?.close()
  lakefs = undefined
})

/** Sends the request head and part of a body over a raw socket, then drops the connection. */
function abandonedUpload(port: number, path: string, declared: number, sent: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${AUTH}\r\nContent-Type: application/octet-stream\r\nContent-Length: ${declared}\r\n\r\n`
      )
      socket.write(Buffer.alloc(sent, 7), () => setTimeout(() => socket.destroy(), 50))
    })
    socket.on('close', () => setTimeout(resolve, 50))
    socket.on('error', reject)
  })
}

describe('client disconnects', () => {
  it('leave no partial object after an upload cut off midway, and the server keeps serving', async () => {
    lakefs = createEmulator({ scenarios: [{ repositories: [{ name: 'repo', storageNamespace: 's3://bucket/repos/repo' }] }] })
    const { url, port } = await lakefs.listen()
    await abandonedUpload(port, '/api/v1/repositories/repo/branches/main/objects?path=half.bin', 100_000, 40_000)
    const stat = await fetch(`${url}/api/v1/repositories/repo/refs/main/objects/stat?path=half.bin`, { headers: { Authorization: AUTH } })
    expect(stat.status).toBe(404)
    const diff = await (await fetch(`${url}/api/v1/repositories/repo/branches/main/diff`, { headers: { Authorization: AUTH } })).json()
    expect(diff.results).toEqual([])
    const whole = await fetch(`${url}/api/v1/repositories/repo/branches/main/objects?path=whole.bin`, {
      method: 'POST',
      headers: { Authorization: AUTH, 'Content-Type': 'application/octet-stream' },
      body: new Uint8Array(1000),
    })
    expect(whole.status).toBe(201)
  })

  it('leave the object whole after a download cut off midway', async () => {
    lakefs = createEmulator({ scenarios: [{ repositories: [{ name: 'repo', storageNamespace: 's3://bucket/repos/repo' }] }] })
    const { url } = await lakefs.listen()
    const body = Buffer.alloc(4 << 20, 3)
    const put = await fetch(`${url}/api/v1/repositories/repo/branches/main/objects?path=big.bin`, {
      method: 'POST',
      headers: { Authorization: AUTH, 'Content-Type': 'application/octet-stream' },
      body,
    })
    expect(put.status).toBe(201)
    const controller = new AbortController()
    const res = await fetch(`${url}/api/v1/repositories/repo/refs/main/objects?path=big.bin`, { headers: { Authorization: AUTH }, signal: controller.signal })
    const reader = res.body!.getReader()
    await reader.read()
    controller.abort()
    await reader.read().catch(() => undefined)
    const again = await fetch(`${url}/api/v1/repositories/repo/refs/main/objects?path=big.bin`, { headers: { Authorization: AUTH } })
    expect(Buffer.from(await again.arrayBuffer()).equals(body)).toBe(true)
  })
})
