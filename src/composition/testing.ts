/**
 * Test-suite ergonomics: `startEmulator()` for any runner (jest, mocha, node:test) and
 * `lakefsFixtures()` for vitest's `test.extend`. Both give a listening emulator with its endpoints,
 * credentials and an in-process `fetch`, and reset the world between tests.
 *
 * Fake timers: in the default `real` clock mode (and in `scaled`), emulator time is the host's
 * `Date.now()` and its timers are the host's `setTimeout`/`setImmediate`, looked up when used. Under
 * `vi.useFakeTimers()` (or jest's modern fake timers), `vi.advanceTimersByTimeAsync(ms)` therefore
 * moves the client's polling and the emulator's imports, status ticks, stalls and fault windows
 * together. `fetch` below serves requests in-process, without sockets, so a poll completes within a
 * single fake-timer step.
 */
import { createEmulator, type EmulatorHandle } from './create-emulator.js'
import type { CreateAppOptions } from './app.js'
import { QUICKSTART_CREDENTIALS } from './runtime.js'
import { loadScenarioFile } from '../scenarios/load-scenario.js'
import type { Scenario } from '../scenarios/schema.js'
import { scenarioPath } from '../scenarios/shipped.js'
import { DEV_ACCOUNT, DEV_KEY } from '../azure/azure-auth.js'

export interface StartOptions extends CreateAppOptions {
  /** Scenarios to load, in order: a shipped scenario's name (`'daily-drop'`), a file path, or an object. */
  readonly scenario?: string | Scenario | readonly (string | Scenario)[]
  /** lakeFS API port (default 0: a free one). */
  readonly port?: number
  /** The fake store's S3 port (default 0: a free one). */
  readonly s3Port?: number
  /** The fake store's GCS port (default 0: a free one). */
  readonly gcsPort?: number
  /** The fake store's Azure Blob port (default 0: a free one). */
  readonly azurePort?: number
}

export interface RunningEmulator extends EmulatorHandle {
  /** e.g. http://127.0.0.1:53211: lakeFS's S3 gateway, the dashboard and `/_emulator`. */
  readonly url: string
  /** The lakeFS API, `${url}/api/v1`: what lakeFS SDKs call `host` or `endpoint`. */
  readonly endpoint: string
  /** The fake object store's S3 endpoint. */
  readonly s3Endpoint: string
  /** The fake object store's GCS JSON API: Google's clients take it as `apiEndpoint` or STORAGE_EMULATOR_HOST. */
  readonly gcsEndpoint: string
  /** The fake object store's Azure Blob endpoint for Azurite's account: `<azure url>/devstoreaccount1`. */
  readonly azureBlobEndpoint: string
  /** A connection string for it with Azurite's account and key, for `BlobServiceClient.fromConnectionString`. */
  readonly azureConnectionString: string
  /** The first of the scenario's credentials (lakeFS quickstart's by default). */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string }
  /** `Basic ...` for those credentials. */
  readonly authorization: string
  /**
   * `fetch` served in-process: absolute URLs under `url` and paths (`/api/v1/...`) alike. No socket,
   * so under fake timers a request never waits on real I/O. Credentials are not added.
   */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>
}

/** Resolves a scenario reference: a file path, else a shipped scenario's name; objects pass through. */
export function resolveScenario(ref: string | Scenario): Scenario {
  if (typeof ref !== 'string') return ref
  return loadScenarioFile(scenarioPath(ref))
}

/**
 * Creates an emulator and serves it on free ports.
 *
 * @example
 * const lakefs = await startEmulator({ scenario: 'daily-drop' })
 * // point the client at lakefs.endpoint with lakefs.credentials; lakefs.reset() between tests
 * await lakefs.close()
 */
export async function startEmulator(options: StartOptions = {}): Promise<RunningEmulator> {
  const { scenario, port = 0, s3Port = 0, gcsPort = 0, azurePort = 0, ...appOptions } = options
  const refs = scenario === undefined ? [] : Array.isArray(scenario) ? scenario : [scenario as string | Scenario]
  const scenarios = [...(appOptions.scenarios ?? []), ...refs.map(resolveScenario)]
  const handle = createEmulator({ ...appOptions, scenarios: scenarios.length > 0 ? scenarios : undefined })
  const listening = await handle.listen(port, '127.0.0.1', { s3Port, gcsPort, azurePort }).catch((err: unknown) => {
    handle.close()
    throw err
  })
  const first = appOptions.credentials?.[0] ?? handle.app.runtime.scenario.credentials?.[0] ?? QUICKSTART_CREDENTIALS
  const credentials = { accessKeyId: first.accessKeyId, secretAccessKey: first.secretAccessKey }
  const origin = listening.url
  return Object.assign(handle, {
    url: origin,
    endpoint: `${origin}/api/v1`,
    s3Endpoint: listening.s3.url,
    gcsEndpoint: listening.gcs.url,
    azureBlobEndpoint: `${listening.azure.url}/${DEV_ACCOUNT}`,
    azureConnectionString: `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};BlobEndpoint=${listening.azure.url}/${DEV_ACCOUNT};`,
    credentials,
    authorization: `Basic ${Buffer.from(`${credentials.accessKeyId}:${credentials.secretAccessKey}`).toString('base64')}`,
    async fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
      const request = new Request(typeof input === 'string' && input.startsWith('/') ? `${origin}${input}` : input, init)
      return handle.app.fetch(request)
    },
  })
}

type Use = (value: RunningEmulator) => Promise<void>

/** What the fixtures give a test: `base.extend<LakefsContext>(lakefsFixtures(...))`. */
export interface LakefsContext {
  lakefsEmulator: RunningEmulator
  lakefs: RunningEmulator
}

/** The shape vitest's `test.extend` takes, written out so this module needs nothing from vitest. */
export interface LakefsFixtures {
  lakefsEmulator: [(context: object, use: Use) => Promise<void>, { scope: 'file' }]
  lakefs: (context: { lakefsEmulator: RunningEmulator }, use: Use) => Promise<void>
}

/**
 * Fixtures for vitest's `test.extend`: `lakefsEmulator` is started once per test file, and `lakefs`
 * is the same emulator reset to the scenario's initial state (journal cleared) before each test
 * that uses it.
 *
 * @example
 * const test = base.extend<LakefsContext>(lakefsFixtures({ scenario: 'daily-drop' }))
 * test('imports', async ({ lakefs }) => { ... lakefs.endpoint ... })
 */
export function lakefsFixtures(options: StartOptions = {}): LakefsFixtures {
  return {
    lakefsEmulator: [
      async ({}, use) => {
        const emulator = await startEmulator(options)
        try {
          await use(emulator)
        } finally {
          await emulator.close()
        }
      },
      { scope: 'file' },
    ],
    lakefs: async ({ lakefsEmulator }, use) => {
      lakefsEmulator.reset()
      lakefsEmulator.journal.clear()
      await use(lakefsEmulator)
    },
  }
}
