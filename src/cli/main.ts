/**
 * The `lakefs-emulator` command once loaded (see cli.ts): with cli.ts, the only place that
 * touches argv, env, signals and exit.
 */
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import { createApp, type CreateAppOptions, OPERATION_IDS, QUICKSTART_CREDENTIALS } from '../composition/app.js'
import { ConfigError, type Config, helpText, LOG_LEVELS, loadConfig } from './config.js'
import { describeScenario } from '../scenarios/describe-scenario.js'
import { loadScenarioFile, mergeScenarios, ScenarioError } from '../scenarios/load-scenario.js'
import type { Scenario } from '../scenarios/schema.js'
import { scenarioPath, shippedScenario } from '../scenarios/shipped.js'
import { Runtime } from '../composition/runtime.js'
import { ImportProgressLog } from './import-progress-log.js'
import { listenAzure, listenGcs, listenS3 } from './s3-listener.js'
import { bannerLines } from './banner.js'
import { DataDirError } from '../persistence/data-dir.js'
import { packageVersion } from '../util/package-files.js'


export interface EarlyStart {
  /** Bound by cli.ts before loading (when the flags named the address plainly). */
  readonly server?: Server
  /** Why binding `server` failed, if it did. */
  listenError(): Error | undefined
  /** Hands the app's listener to cli.ts, which serves the requests it held with it. */
  serve(listener: (req: IncomingMessage, res: ServerResponse) => void): void
  /** What became of the bundle's compile cache (second-stage.ts), for the debug log. */
  compileCache?(): string
}

type Log = (at: (typeof LOG_LEVELS)[number], line: string) => void
type App = ReturnType<typeof createApp>

export function main(early: EarlyStart): void {
  if (process.argv[2] === 'validate') return validate(process.argv.slice(3))
  const config = orFail(() => loadConfig(process.argv.slice(2), process.env), ConfigError)
  if (config.help) {
    process.stdout.write(helpText())
    return
  }
  const version = packageVersion()
  if (config.version) {
    process.stdout.write(`lakefs-emulator ${version}\n`)
    return
  }
  const level = LOG_LEVELS.indexOf(config.logLevel)
  const log: Log = (at, line) => {
    if (LOG_LEVELS.indexOf(at) <= level) process.stderr.write(`${line}\n`)
  }
  const files = config.scenarios.length ? config.scenarios : [shippedScenario('default')]
  const scenarios = orFail(() => files.map((file) => loadChecked(file, config.maxGeneratedObjects)), ScenarioError)
  const credentials = config.accessKeyId
    ? [{ user: 'admin', accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey! }]
    : undefined
  const app = orFail(() => createApp(appOptions(config, scenarios, credentials)), DataDirError)
  // Timing every request costs throughput; only debug logging pays for it.
  const fetch = level < LOG_LEVELS.indexOf('debug') ? app.fetch : withRequestLog(app.fetch, log)
  if (level >= LOG_LEVELS.indexOf('info')) {
    const progress = new ImportProgressLog(() => app.emulator, (line) => log('info', line))
    setInterval(() => progress.tick(), 1000).unref()
  }
  const key = credentials?.[0] ?? scenarios.find((s) => s.credentials?.length)?.credentials?.[0] ?? QUICKSTART_CREDENTIALS
  // The store's ports first (a moment), so pre-signed URLs work from the first lakeFS request.
  const s3 = listenS3(app, config, fail)
  const gcs = listenGcs(app, config, fail)
  const azure = listenAzure(app, config, fail)
  let server: Server | undefined
  void Promise.all([s3.ready, gcs.ready, azure.ready]).then(([s3Url, gcsUrl, azureUrl]) => {
    // The poll lane answers on the socket, unless every request is to be logged (debug).
    const banner = (url: string) => level >= LOG_LEVELS.indexOf('info') && log('info', bannerLines({ version, url, s3Url, gcsUrl, azureUrl, config, files, key, app }).join('\n'))
    server = listen(early, fetch === app.fetch ? app.listener() : getRequestListener(fetch), config, banner)
    log('debug', `compile cache: ${early.compileCache?.() ?? 'not bundled'}`)
  })
  stopOnSignals(log, () => {
    app.close()
    s3.server.close()
    gcs.server.close()
    azure.server.close()
    return server
  })
}

/** What the flags say the app is. */
function appOptions(config: Config, scenarios: Scenario[], credentials: CreateAppOptions['credentials']): CreateAppOptions {
  return {
    dataDir: config.dataDir,
    scenarios,
    seed: config.seed,
    credentials,
    clockMode: config.clockMode,
    clockSpeed: config.clockSpeed,
    controlToken: config.controlToken,
    journalLimit: config.journalLimit,
    maxGeneratedObjects: config.maxGeneratedObjects,
    limits: { jsonBytes: config.maxJsonBytes, uploadBytes: config.maxUploadBytes, keyBytes: config.maxKeyBytes, importPaths: config.maxImportPaths },
    s3: { gatewayDomains: config.s3Domains },
    actionsEnv: Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[0].startsWith('LAKEFSACTIONS_') && e[1] !== undefined)),
  }
}

/** SIGINT, SIGTERM or the launcher's end: close everything, exit within a second whatever stays open. */
function stopOnSignals(log: Log, close: () => Server | undefined): void {
  let stopping = false
  const shutdown = (why: string) => {
    if (stopping) return
    stopping = true
    log('info', `lakefs-emulator: ${why} received, shutting down`)
    const server = close()
    if (!server) process.exit(0)
    server.close(() => process.exit(0))
    // Open keep-alive connections must not hold the process.
    setTimeout(() => process.exit(0), 1000).unref()
  }
  process.once('SIGINT', () => shutdown('SIGINT'))
  process.once('SIGTERM', () => shutdown('SIGTERM'))
  stopWithLauncher(() => shutdown('the end of its launcher (npm)'))
}

/**
 * Launched by npm (`npm start`, `npx`, `npm exec`), the emulator stops when its launcher goes: npm
 * may be killed without passing the signal on, or pass it to a shell that does not, and an emulator
 * left behind would hold the port. The launcher is the parent, or on Linux the grandparent when npm
 * ran a shell in between. Started by anything else, it stays its own process.
 */
function stopWithLauncher(stop: () => void): void {
  if (!process.env.npm_execpath) return
  const launchers = [process.ppid, parentOf(process.ppid)].filter((pid): pid is number => pid !== undefined && pid > 1)
  setInterval(() => {
    if (launchers.some((pid) => !alive(pid))) stop()
  }, 200).unref()
}

function parentOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
  } catch {
    return undefined
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The result, or the CLI's exit with the error's message when it is one of `expected`. */
function orFail<T>(run: () => T, expected: new (...args: never[]) => Error): T {
  try {
    return run()
  } catch (err) {
    if (err instanceof expected) fail(err.message)
    throw err
  }
}

/** One JSON line per request, at debug level. */
function withRequestLog(fetch: App['fetch'], log: Log) {
  return async (request: Request, env?: object) => {
    const started = performance.now()
    const response = await fetch(request, env)
    const url = request.url
    const q = url.indexOf('?')
    const line = {
      time: new Date().toISOString(),
      level: 'debug',
      msg: 'request',
      request_id: response.headers.get('X-Request-Id'),
      method: request.method,
      path: url.slice(url.indexOf('/', url.indexOf('//') + 2), q < 0 ? undefined : q),
      query: q < 0 ? '' : url.slice(q),
      status: response.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    }
    log('debug', JSON.stringify(line))
    return response
  }
}

/** Serves on the server cli.ts bound early (its held requests included), or binds one now. */
function listen(early: EarlyStart, listener: (req: IncomingMessage, res: ServerResponse) => void, config: Config, onReady: (url: string) => void): Server {
  const server = early.server ?? createServer()
  const cannotListen = (err: Error) => fail(`[lakefs-emulator] Cannot listen on ${config.host}:${config.port}: ${err.message}`)
  const ready = () => {
    early.serve(listener)
    const { port } = server.address() as AddressInfo
    onReady(`http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`)
  }
  if (early.server) {
    const err = early.listenError()
    if (err) cannotListen(err)
    if (server.listening) ready()
    else server.once('listening', ready).once('error', cannotListen)
  } else {
    server.on('request', listener)
    server.on('error', cannotListen)
    server.listen(config.port, config.host, ready)
  }
  return server
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`)
  process.exit(2)
}

/**
 * `lakefs-emulator validate <file>...`: each file is parsed and its world built, as `--scenario`
 * would; what it would load goes to stdout, what is wrong to stderr, and any error exits 2.
 */
function validate(files: readonly string[]): void {
  if (!files.length || files.some((f) => f.startsWith('-'))) {
    fail('[lakefs-emulator] Usage: lakefs-emulator validate <scenario.json> [more.json ...]')
  }
  const loaded: Scenario[] = []
  let failed = false
  const check = (label: string, scenarios: readonly Scenario[]): boolean => {
    try {
      // The same path createApp builds the world through, then let go.
      new Runtime({ scenarios }, OPERATION_IDS).close()
      return true
    } catch (err) {
      failed = true
      process.stderr.write(`[lakefs-emulator] Invalid scenario "${label}": its world cannot be built: ${(err as Error).message}\n`)
      return false
    }
  }
  for (const file of files) {
    let scenario: Scenario
    try {
      scenario = loadChecked(file)
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err
      failed = true
      process.stderr.write(`${err.message}\n`)
      continue
    }
    loaded.push(scenario)
    if (check(file, [scenario])) printValid(file, scenario)
  }
  // Several files load together, later ones adding to earlier ones: that must build too.
  if (!failed && loaded.length > 1 && check(files.join(' + '), loaded)) printValid('together', mergeScenarios(loaded))
  if (failed) process.exitCode = 2
}

/** A scenario file, parsed and with its fault rules held to the operations the API serves. */
function loadChecked(file: string, maxGeneratedObjects?: number): Scenario {
  return loadScenarioFile(scenarioPath(file), { operations: OPERATION_IDS, maxGeneratedObjects })
}

function printValid(label: string, scenario: Scenario): void {
  process.stdout.write(`${label}: valid\n${describeScenario(scenario).map((line) => `  ${line}`).join('\n')}\n`)
}
