/**
 * `createEmulator`: `createApp` plus listening. An emulator for a test suite, with handles on its
 * clock, journal and scenario, and `listen()` to serve it on a real port (port 0 picks a free one).
 */
import { createServer, type RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import type { ClockState } from '../api/control/control-plane.js'
import { createApp, type CreateAppOptions } from './app.js'
import { clockState } from './runtime-control.js'
import { loadScenarioFile } from '../scenarios/load-scenario.js'
import type { Scenario } from '../scenarios/schema.js'

export interface Listening {
  /** e.g. http://127.0.0.1:53211 (the lakeFS API is under /api/v1, the S3 gateway at the root). */
  readonly url: string
  readonly port: number
  /** The fake object store's S3 endpoint, e.g. http://127.0.0.1:53212. */
  readonly s3: { readonly url: string; readonly port: number }
  /** The fake object store's GCS JSON API (what `STORAGE_EMULATOR_HOST` names), e.g. http://127.0.0.1:53213. */
  readonly gcs: { readonly url: string; readonly port: number }
  /** The fake object store's Azure Blob endpoint, path style, e.g. http://127.0.0.1:53214 (account devstoreaccount1 at /devstoreaccount1). */
  readonly azure: { readonly url: string; readonly port: number }
  close(): Promise<void>
}

export interface ListenOptions {
  /** The fake store's S3 port (default 0: a free one). */
  readonly s3Port?: number
  /** The fake store's GCS port (default 0: a free one). */
  readonly gcsPort?: number
  /** The fake store's Azure Blob port (default 0: a free one). */
  readonly azurePort?: number
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
    /** Serves the lakeFS API and gateway on `port`, and the fake store's S3 and GCS endpoints on `s3Port` and `gcsPort`. */
    async listen(port = 0, host = '127.0.0.1', options: ListenOptions = {}): Promise<Listening> {
      const listening: Listening = await listenAll(app, port, host, options, () => servers.delete(listening))
      servers.add(listening)
      return listening
    },
    /** Stops every listener and background work. */
    async close(): Promise<void> {
      await Promise.all([...servers].map((s) => s.close()))
      app.close()
    },
  }
}

export type EmulatorHandle = ReturnType<typeof createEmulator>

/** The lakeFS port and the fake store's S3, GCS and Azure ports, one after another; all or none. */
async function listenAll(app: ReturnType<typeof createApp>, port: number, host: string, options: ListenOptions, onClose: () => void): Promise<Listening> {
  const doors: [string, RequestListener, number][] = [
    // lakeFS's port answers an ordinary status poll and a plain gateway GetObject on the socket (lanes), as the CLI does; the S3 port a plain GetObject.
    ['lakefs', app.listener(), port],
    ['s3', app.s3Listener(), options.s3Port ?? 0],
    ['gcs', getRequestListener((request, env) => app.gcs.fetch(request, '', env)), options.gcsPort ?? 0],
    ['azure', getRequestListener((request, env) => app.azure.fetch(request, '', env)), options.azurePort ?? 0],
  ]
  const served: Record<string, Served> = {}
  try {
    for (const [name, listener, at] of doors) served[name] = await serveOn(listener, at, host)
  } catch (err) {
    await Promise.all(Object.values(served).map((s) => s.close()))
    throw err
  }
  const { lakefs, s3, gcs, azure } = served as Record<'lakefs' | 's3' | 'gcs' | 'azure', Served>
  app.s3.setStoreEndpoint(s3.url)
  app.gcs.setEndpoint(gcs.url)
  app.azure.setEndpoint(azure.url)
  return {
    url: lakefs.url,
    port: lakefs.port,
    s3: { url: s3.url, port: s3.port },
    gcs: { url: gcs.url, port: gcs.port },
    azure: { url: azure.url, port: azure.port },
    close: async () => {
      onClose()
      await Promise.all([lakefs.close(), s3.close(), gcs.close(), azure.close()])
    },
  }
}

interface Served {
  readonly url: string
  readonly port: number
  close(): Promise<void>
}

function serveOn(listener: RequestListener, port: number, host: string): Promise<Served> {
  return new Promise((resolve, reject) => {
    const server = createServer(listener)
    server.listen(port, host, () => {
      const info = server.address() as AddressInfo
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done())
            server.closeAllConnections()
          }),
      })
    })
    server.once('error', reject)
  })
}
