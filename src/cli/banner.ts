/** The start-up banner: what the emulator loaded and where it listens. */
import type { createApp } from '../composition/app.js'
import { clockState } from '../composition/runtime-control.js'
import { scenarioObjects } from '../scenarios/describe-scenario.js'
import { QUICKSTART_CREDENTIALS } from '../composition/runtime.js'
import { type Config, isLoopback } from './config.js'
import { withThousands } from '../util/numbers.js'

type App = ReturnType<typeof createApp>

export interface BannerFacts {
  readonly version: string
  readonly url: string
  readonly s3Url: string
  readonly gcsUrl: string
  readonly azureUrl: string
  readonly config: Config
  readonly files: readonly string[]
  readonly key: { readonly accessKeyId: string; readonly secretAccessKey: string }
  readonly app: App
}

/** What the banner says once the port is bound. */
export function bannerLines({ version, url, s3Url, gcsUrl, azureUrl, config, files, key, app }: BannerFacts): string[] {
  const inspect = app.emulator.inspect
  return [
    `lakefs-emulator ${version} listening on ${url} (lakeFS API at ${url}/api/v1)`,
    `  S3:                fake store at ${s3Url} (bucket b is s3://b/); lakeFS's S3 gateway at ${url}`,
    `  GCS:               fake store at ${gcsUrl} (bucket b is gs://b/; STORAGE_EMULATOR_HOST=${gcsUrl})`,
    `  Azure Blob:        fake store at ${azureUrl}/devstoreaccount1 (container c is https://devstoreaccount1.blob.core.windows.net/c/; Azurite's account and key)`,
    `  reachable from:    ${reach(config.host)}`,
    `  access key id:     ${key.accessKeyId}`,
    `  secret access key: ${shownSecret(key)}`,
    `  scenarios:         ${files.join(', ')}`,
    `  fake store:        ${storeLine(inspect.store.size, scenarioObjects(app.runtime.scenario))}; blockstore ${inspect.blockstore.type}`,
    `  repositories:      ${inspect.repositories().map((r) => r.name).join(', ') || '(none)'}`,
    `  clock:             ${describeClock(clockState(app.runtime))}`,
    ...(app.runtime.dataDir ? [`  data directory:    ${app.runtime.dataDir.path} (${app.runtime.dataDir.restored ? 'the world as it was saved there' : 'new: the scenario\'s world, saved there'})`] : []),
    `  fault rules:       ${app.runtime.faults.stats().map((r) => r.name).join(', ') || '(none)'}`,
    `  dashboard:         ${url}/ (open it in a browser)`,
    `  control API:       ${url}/_emulator (${config.controlToken ? 'bearer token required' : 'open'})`,
  ]
}

/** As `validate` counts them, plus what the world's staged uploads and a data directory added. */
function storeLine(size: number, fromScenario: number): string {
  const count = withThousands
  return size === fromScenario ? `${count(size)} objects` : `${count(size)} objects (${count(fromScenario)} from the scenario, ${count(size - fromScenario)} written since)`
}

function describeClock(state: { mode: string; speed: number; now: string }): string {
  const how = state.mode === 'scaled' ? `scaled x${state.speed}` : state.mode === 'manual' ? 'manual (POST /_emulator/clock/advance)' : 'real'
  return `${how}, now ${state.now}`
}

/**
 * lakeFS quickstart's public secret is printed as is, as lakeFS prints it; any other secret is
 * masked, so a CI log never carries it (its owner passed it in and knows it).
 */
function shownSecret(key: { accessKeyId: string; secretAccessKey: string }): string {
  const { secretAccessKey: secret } = key
  if (key.accessKeyId === QUICKSTART_CREDENTIALS.accessKeyId && secret === QUICKSTART_CREDENTIALS.secretAccessKey) return secret
  return `${secret.slice(0, 2)}${'*'.repeat(Math.max(0, secret.length - 2))} (masked: not lakeFS quickstart's)`
}

/** Who can reach the port: said in the banner, because the Docker image binds every interface. */
function reach(host: string): string {
  if (isLoopback(host)) return 'this machine only (loopback)'
  const everywhere = host === '0.0.0.0' || host === '::' || host === '[::]'
  return `${everywhere ? 'every network interface' : host}: anyone who can reach this port can use the emulator`
}

