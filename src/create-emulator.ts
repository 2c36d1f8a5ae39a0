/**
 * `createEmulator`: an emulator for a test suite, with handles on its clock, journal and scenario,
 * and `listen()` to serve it on a real port (port 0 picks a free one).
 */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { composeApp, type CreateAppOptions } from './app.js'
import type { ClockState } from './session.js'
import { EmulatorSession } from './session.js'
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
  const session = new EmulatorSession(options)
  const app = composeApp(session, options)
  const servers = new Set<Listening>()

  return {
    app,
    /** The core (repositories, branches, imports), for inspection. */
    emulator: session.emulator,
    journal: session.journal,
    clock: {
      now: (): number => session.currentClock.now(),
      state: (): ClockState => session.clock(),
      /** Moves emulator time and resolves once imports have done the work it allows. */
      advance: (ms: number): Promise<ClockState> => session.advance(ms),
    },
    coverage: () => session.coverage(),
    /** Replaces the world and the fault rules with these scenarios (objects or file paths). */
    loadScenario(...scenarios: (Scenario | string)[]): void {
      session.load(scenarios.map((s) => (typeof s === 'string' ? loadScenarioFile(s) : s)))
    },
    /** Back to the loaded scenario's initial state (the journal is kept). */
    reset: (): void => session.reset(),
    listen(port = 0, host = '127.0.0.1'): Promise<Listening> {
      return new Promise((resolve, reject) => {
        const server = serve({ fetch: app.fetch, port, hostname: host }, (info: AddressInfo) => {
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
    },
    /** Stops every listener and background work. */
    async close(): Promise<void> {
      await Promise.all([...servers].map((s) => s.close()))
      session.close()
    },
  }
}

export type EmulatorHandle = ReturnType<typeof createEmulator>
