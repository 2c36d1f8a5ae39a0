/**
 * `createEmulator`: `createApp` plus listening. An emulator for a test suite, with handles on its
 * clock, journal and scenario, and `listen()` to serve it on a real port (port 0 picks a free one).
 */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { ClockState } from './api/control/control-plane.js'
import { createApp, type CreateAppOptions } from './app.js'
import { clockState } from './runtime-control.js'
import { loadScenarioFile } from './scenarios/load-scenario.js'
import type { Scenario } from './scenarios/schema.js'

export interface Listening {
  /** e.g. http://127.0.0.1:53211 (the lakeFS API is under /api/v1). */
  readonly url: string
  readonly port: number
  close(): Promise<void>
}

/**
 * @example
 * const lakefs = createEmulator({ scenarios: [loadScenarioFile('scenarios/stalled-import.json')] })
 * const { url, close } = await lakefs.listen()
 * // ... point the client at `${url}/api/v1`, then:
 * await lakefs.clock.advance(60_000)
 */
export function createEmulator(options: CreateAppOptions = {}) {
  const app = createApp(options)
  const { runtime } = app
  const servers = new Set<Listening>()
  return {
    app,
    /** The core (repositories, branches, imports), for inspection. */
    emulator: app.emulator,
    journal: app.journal,
    clock: {
      now: (): number => runtime.clock.now(),
      state: (): ClockState => clockState(runtime),
      /** Moves emulator time and resolves once imports have done the work it allows. */
      advance: (ms: number): Promise<ClockState> => app.control.advance(ms),
    },
    coverage: () => app.control.coverage(),
    /** Replaces the world and the fault rules with these scenarios (objects or file paths). */
    loadScenario(...scenarios: (Scenario | string)[]): void {
      runtime.load(scenarios.map((s) => (typeof s === 'string' ? loadScenarioFile(s) : s)))
    },
    /** Back to the loaded scenario's initial state (the journal is kept). */
    reset: (): void => runtime.reset(),
    listen: (port = 0, host = '127.0.0.1'): Promise<Listening> => listen(app.fetch, servers, port, host),
    /** Stops every listener and background work. */
    async close(): Promise<void> {
      await Promise.all([...servers].map((s) => s.close()))
      app.close()
    },
  }
}

export type EmulatorHandle = ReturnType<typeof createEmulator>

function listen(fetch: (request: Request) => Response | Promise<Response>, servers: Set<Listening>, port: number, host: string): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname: host }, (info: AddressInfo) => {
      const listening: Listening = {
        url: `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            servers.delete(listening)
            server.close(() => done())
            ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
          }),
      }
      servers.add(listening)
      resolve(listening)
    })
    server.once('error', reject)
  })
}
