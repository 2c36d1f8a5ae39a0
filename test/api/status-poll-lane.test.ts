/** The poll lane answers only the ordinary poll; everything else is left to the route. */
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../../src/index.js'
import { statusPollLane } from '../../src/api/middleware/status-poll-lane.js'
import { AUTH, importBody, setup, startImport } from '../support/harness.js'
import { rawGet } from '../support/raw-http.js'

describe('status poll lane', () => {
  it('answers a GET with exactly ?id=, good credentials and a known import; leaves the rest', async () => {
    const h = setup({ repositories: [{ name: 'repo', storageNamespace: 's3://b/repos/repo' }], store: { objects: [{ uri: 's3://b/d/a', content: 'a' }] } })
    const id = await startImport(h, 'repo', 'main', importBody([{ path: 's3://b/d/', destination: 'd/' }], { message: 'm' }))
    const { runtime, journal } = h.app
    const lane = statusPollLane({ emulator: h.emulator, journal, faults: () => runtime.faults, clock: () => runtime.clock })
    const poll = (target: string, init: RequestInit = { headers: { Authorization: AUTH } }) => lane(new Request(`http://localhost${target}`, init), 'rid-1')
    const path = '/api/v1/repositories/repo/branches/main/import'
    const answered = poll(`${path}?id=${id}`)
    expect(answered?.status).toBe(200)
    expect(answered?.headers.get('X-Request-Id')).toBe('rid-1')
    expect(JSON.parse(await answered!.text())).toMatchObject({ completed: false, ingested_objects: 0 })
    for (const leftToRoute of [
      poll(`${path}?id=${id}&id=${id}`),
      poll(`${path}?id=${id}&x=1`),
      poll(`${path}?id=nope`),
      poll(`${path}`),
      poll(`/api/v1/repositories/re%70o/branches/main/import?id=${id}`),
      poll(`/api/v1/repositories/other/branches/main/import?id=${id}`),
      poll(`${path}?id=${id}`, {}),
      poll(`${path}?id=${id}`, { headers: { Authorization: 'Basic bm9wZTpub3Bl' } }),
      poll(`${path}?id=${id}`, { method: 'DELETE', headers: { Authorization: AUTH } }),
    ]) {
      expect(leftToRoute).toBeUndefined()
    }
    expect(journal.list().filter((e) => e.operationId === 'importStatus')).toHaveLength(1)
  })

  it('remembers a poller\'s credentials only for the credentials that stand: after a reload with others, the same header goes to the route', async () => {
    const world = { repositories: [{ name: 'repo', storageNamespace: 's3://b/repos/repo' }], store: { objects: [{ uri: 's3://b/d/a', content: 'a' }] } }
    const h = setup(world)
    const { runtime, journal } = h.app
    const lane = statusPollLane({ emulator: h.emulator, journal, faults: () => runtime.faults, clock: () => runtime.clock })
    const poll = (id: string, auth: string) => lane(new Request(`http://localhost/api/v1/repositories/repo/branches/main/import?id=${id}`, { headers: { Authorization: auth } }), 'rid')
    const first = await startImport(h, 'repo', 'main', importBody([{ path: 's3://b/d/', destination: 'd/' }], { message: 'm' }))
    expect(poll(first, AUTH)?.status).toBe(200)
    expect(poll(first, 'Basic bm9wZTpub3Bl')).toBeUndefined()
    const other = `Basic ${Buffer.from(`AKIAOTHER:${'s'.repeat(40)}`).toString('base64')}`
    runtime.load([{ ...world, credentials: [{ user: 'other', accessKeyId: 'AKIAOTHER', secretAccessKey: 's'.repeat(40) }] }])
    const started = await h.app.request('/api/v1/repositories/repo/branches/main/import', {
      method: 'POST',
      headers: { Authorization: other, 'Content-Type': 'application/json' },
      body: JSON.stringify(importBody([{ path: 's3://b/d/', destination: 'd/' }], { message: 'm' })),
    })
    const { id: second } = (await started.json()) as { id: string }
    expect(poll(second, AUTH)).toBeUndefined()
    expect(poll(second, other)?.status).toBe(200)
  })

  it('leaves every poll to the route while the scenario has HTTP fault rules', async () => {
    const h = setup({ repositories: [{ name: 'repo', storageNamespace: 's3://b/repos/repo' }], faults: [{ operation: 'importStatus', calls: [2], respond: { status: 429 } }] })
    const id = await startImport(h, 'repo', 'main', importBody([{ path: 's3://b/d/', destination: 'd/' }], { message: 'm' }))
    const { runtime, journal } = h.app
    const lane = statusPollLane({ emulator: h.emulator, journal, faults: () => runtime.faults, clock: () => runtime.clock })
    expect(lane(new Request(`http://localhost/api/v1/repositories/repo/branches/main/import?id=${id}`, { headers: { Authorization: AUTH } }), 'rid')).toBeUndefined()
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await h.request('GET', `/repositories/repo/branches/main/import?id=${id}`)).status)
    expect(statuses).toEqual([200, 429, 200])
  })
})

describe('status poll lane on the socket (createEmulator().listen and the CLI)', () => {
  it('answers as the route does, byte for byte but for the id and the date, and journals the same', async () => {
    const lakefs = createEmulator({ scenarios: [{ import: { objectsPerSecond: 0, statusIntervalMs: 0 }, repositories: [{ name: 'repo', storageNamespace: 's3://b/repos/repo' }], store: { objects: [{ uri: 's3://b/d/a', content: 'a' }] } }] })
    // Counts what reaches the routed app: the lane's answers never do.
    let routed = 0
    const appFetch = lakefs.app.fetch
    lakefs.app.fetch = (...args: Parameters<typeof appFetch>) => (routed++, appFetch(...args))
    const { port } = await lakefs.listen(0)
    try {
      const started = await fetch(`http://127.0.0.1:${port}/api/v1/repositories/repo/branches/main/import`, {
        method: 'POST',
        headers: { Authorization: AUTH, 'Content-Type': 'application/json' },
        body: JSON.stringify(importBody([{ path: 's3://b/d/', destination: 'd/' }], { message: 'm' })),
      })
      const { id } = (await started.json()) as { id: string }
      await lakefs.emulator.settle()
      const path = '/api/v1/repositories/repo/branches/main/import'
      // Another query parameter takes the full route (the lane wants exactly `?id=`), which ignores it.
      const before = routed
      const laneAnswer = await rawGet(`http://127.0.0.1:${port}${path}?id=${id}`, { Authorization: AUTH })
      expect(routed).toBe(before)
      const routeAnswer = await rawGet(`http://127.0.0.1:${port}${path}?id=${id}&x=1`, { Authorization: AUTH })
      expect(routed).toBe(before + 1)
      const named = await rawGet(`http://127.0.0.1:${port}${path}?id=${id}`, { Authorization: AUTH, 'X-Request-Id': 'mine-1' })
      const general = (head: string[]) => head.map((h) => h.replace(/^(x-request-id|Date): .*/, '$1: *'))
      expect(laneAnswer.status).toBe(200)
      expect(general(laneAnswer.head)).toEqual(general(routeAnswer.head))
      expect(laneAnswer.head.slice(0, 3)).toEqual(['content-type: application/json', 'x-content-type-options: nosniff', 'x-request-id: 00000000-0000-4000-8000-000000000002'])
      expect(laneAnswer.head.at(-1)).toBe(`Content-Length: ${Buffer.byteLength(laneAnswer.body)}`)
      expect(laneAnswer.body).toBe(routeAnswer.body)
      expect(JSON.parse(laneAnswer.body)).toMatchObject({ completed: true, ingested_objects: 1 })
      // Ids run on as without the lane (importStart took 1), and a caller's own id is kept.
      expect(routeAnswer.head).toContain('x-request-id: 00000000-0000-4000-8000-000000000003')
      expect(named.head).toContain('x-request-id: mine-1')
      const polls = lakefs.journal.list().filter((e) => e.operationId === 'importStatus')
      expect(polls.map((e) => [e.path, e.query, e.status, e.requestId])).toEqual([
        [path, `?id=${id}`, 200, '00000000-0000-4000-8000-000000000002'],
        [path, `?id=${id}&x=1`, 200, '00000000-0000-4000-8000-000000000003'],
        [path, `?id=${id}`, 200, 'mine-1'],
      ])
      // Refused credentials are the route's 401, not the lane's.
      expect((await rawGet(`http://127.0.0.1:${port}${path}?id=${id}`, { Authorization: 'Basic bm9wZTpub3Bl' })).status).toBe(401)
    } finally {
      await lakefs.close()
    }
  })
})
