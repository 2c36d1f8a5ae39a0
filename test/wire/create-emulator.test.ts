/** createEmulator over a real socket: listen on a free port, clock handles, reload, dropped connections. */
import { afterEach, describe, expect, it } from 'vitest'
import { createEmulator, type EmulatorHandle, type Scenario } from '../../src/index.js'
import { AUTH, T0 } from '../support/harness.js'

const manual: Scenario = {
  clock: { mode: 'manual', start: new Date(T0).toISOString() },
  store: { generate: [{ prefix: 's3://bucket/d/', keys: ['f{00001..12000}'], size: 4 }] },
  repositories: [{ name: 'repo', storageNamespace: 's3://bucket/repos/repo' }],
}

let lakefs: EmulatorHandle | undefined
afterEach(async () => {
  await lakefs?.close()
  lakefs = undefined
})

const call = (url: string, path: string, init: RequestInit = {}) =>
  fetch(`${url}/api/v1${path}`, { ...init, headers: { Authorization: AUTH, 'Content-Type': 'application/json', ...init.headers } })

describe('createEmulator', () => {
  it('listens on a free port and follows a manual clock moved in-process', async () => {
    lakefs = createEmulator({ scenarios: [manual] })
    const { url } = await lakefs.listen()
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const started = await call(url, '/repositories/repo/branches/main/import', {
      method: 'POST',
      body: JSON.stringify({ paths: [{ type: 'common_prefix', path: 's3://bucket/d/', destination: 'd/' }], commit: { message: 'm' } }),
    })
    const { id } = (await started.json()) as { id: string }
    expect(await lakefs.clock.advance(1000)).toMatchObject({ mode: 'manual', elapsedMs: 1000 })
    const status = (await (await call(url, `/repositories/repo/branches/main/import?id=${id}`)).json()) as any
    expect(status).toEqual({ completed: false, update_time: new Date(T0 + 1000).toISOString(), ingested_objects: 5000 })
    expect(lakefs.journal.list().map((e) => [e.operationId, e.status])).toEqual([
      ['importStart', 202],
      ['importStatus', 200],
    ])
  })

  it('runs scaled time faster than the wall clock', async () => {
    lakefs = createEmulator({ scenarios: [{ clock: { mode: 'scaled', speed: 1000 } }] })
    const before = lakefs.clock.now()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(lakefs.clock.state()).toMatchObject({ mode: 'scaled', speed: 1000 })
    expect(lakefs.clock.now() - before).toBeGreaterThanOrEqual(40_000)
  })

  it('completes an import through a one-minute stall on a clock scaled 60 times, polled over HTTP', { timeout: 30_000 }, async () => {
    lakefs = createEmulator({
      scenarios: [
        {
          clock: { mode: 'scaled', speed: 60 },
          store: { generate: [{ prefix: 's3://b/d/', keys: ['f{001..100}'], size: 4 }] },
          repositories: [{ name: 'repo', storageNamespace: 's3://b/repos/repo' }],
          faults: [{ name: 'minute', import: { stall: { atObjects: 50, forMs: 60_000 } } }],
        },
      ],
    })
    const { url } = await lakefs.listen()
    const started = await call(url, '/repositories/repo/branches/main/import', {
      method: 'POST',
      body: JSON.stringify({ paths: [{ type: 'common_prefix', path: 's3://b/d/', destination: 'd/' }], commit: { message: 'm' } }),
    })
    const { id } = (await started.json()) as { id: string }
    let s: any
    do {
      await new Promise((resolve) => setTimeout(resolve, 50))
      s = await (await call(url, `/repositories/repo/branches/main/import?id=${id}`)).json()
    } while (!s.completed && !s.error)
    expect(s).toMatchObject({ completed: true, ingested_objects: 100 })
    expect(lakefs.clock.state().elapsedMs).toBeGreaterThanOrEqual(60_000)
    const stall = lakefs.emulator.inspect.imports()[0]!.effects[0]!
    expect(stall.endsAt! - stall.firedAt!).toBe(60_000)
  })

  it('reloads and resets the world while listening', async () => {
    lakefs = createEmulator({ scenarios: [manual] })
    const { url } = await lakefs.listen()
    lakefs.loadScenario({ repositories: [{ name: 'other', storageNamespace: 's3://b/o' }] })
    expect((await call(url, '/repositories/repo')).status).toBe(404)
    expect((await call(url, '/repositories/other')).status).toBe(200)
    await call(url, '/repositories/other/branches', { method: 'POST', body: JSON.stringify({ name: 'x', source: 'main' }) })
    lakefs.reset()
    expect((await call(url, '/repositories/other/branches/x')).status).toBe(404)
  })

  it('destroys the socket for a dropConnection rule: the client gets no response', async () => {
    lakefs = createEmulator({ scenarios: [{ ...manual, faults: [{ operation: 'getRepository', calls: [1], dropConnection: true }] }] })
    const { url } = await lakefs.listen()
    await expect(call(url, '/repositories/repo')).rejects.toThrow('fetch failed')
    expect((await call(url, '/repositories/repo')).status).toBe(200)
    expect(lakefs.journal.list().map((e) => e.status)).toEqual([null, 200])
  })
})
