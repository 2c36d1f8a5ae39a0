#!/usr/bin/env node
/**
 * The `lakefs-emulator` command, in two steps so that the port answers as soon as Node can.
 *
 * This file uses Node built-ins only. It binds the port and answers the health checks
 * (`GET /api/v1/healthcheck`, `GET /_health`) at once, and holds every other request. Then
 * the second stage (`cli/main.ts`, one bundled file in a build: see cli/second-stage.ts) loads
 * the configuration, the scenarios and the app and serves the held requests in arrival order. A
 * client never sees a request refused or answered wrongly while loading; it only waits. A bad flag or scenario still exits 2
 * with its message, a moment after the port opened.
 *
 * In a build this file and second-stage.ts are bundled as CommonJS (dist/cli/lakefs-emulator.cjs), and
 * dist/cli.js is a shim without imports that requires it (scripts/build.mjs): Node's ES module loader
 * would cost the first answer several milliseconds.
 */
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { parseArgs } from 'node:util'
import { loadSecondStage } from './cli/second-stage.js'

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void

const HEALTH_PATHS = new Set(['/api/v1/healthcheck', '/_health'])
const VALUE_FLAGS = ['s3-port', 'gcs-port', 'azure-port', 'data-dir', 's3-domain', 'seed', 'access-key-id', 'secret-access-key', 'log-level', 'clock-mode', 'clock-speed', 'journal-limit', 'max-json-bytes', 'max-upload-bytes', 'max-key-bytes', 'max-import-paths', 'max-generated-objects', 'control-token']

/**
 * The address to bind before loading, when the flags name one plainly and every scenario file
 * named reads as JSON; otherwise undefined, and `cli-main` binds (or reports what is wrong)
 * itself, so a missing or garbled file never gets as far as a healthy answer. --help and
 * --version and subcommands never bind.
 */
function earlyAddress(argv: readonly string[], env: NodeJS.ProcessEnv): { port: number; host: string } | undefined {
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>
  let positionals: string[]
  try {
    ;({ values, positionals } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        scenario: { type: 'string', multiple: true },
        help: { type: 'boolean' },
        version: { type: 'boolean' },
        // Flags that take a value, so that value is not read as a subcommand (cli/config.ts checks them all).
        ...Object.fromEntries(VALUE_FLAGS.map((name) => [name, { type: 'string' as const }])),
      },
      strict: false,
      allowPositionals: true,
    }))
  } catch {
    return undefined
  }
  // A subcommand (`validate`) never serves.
  if (values.help || values.version || positionals.length) return undefined
  const port = typeof values.port === 'string' ? values.port : env.LAKEFS_EMULATOR_PORT || '8000'
  const host = typeof values.host === 'string' ? values.host : env.LAKEFS_EMULATOR_HOST || '127.0.0.1'
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535 || !host) return undefined
  const scenarios = Array.isArray(values.scenario) ? values.scenario : (env.LAKEFS_EMULATOR_SCENARIO?.split(',') ?? [])
  for (const file of scenarios) {
    try {
      if (typeof file === 'string' && file.trim()) JSON.parse(readFileSync(file.trim(), 'utf8'))
    } catch {
      return undefined
    }
  }
  return { port: Number(port), host }
}

let serve: RequestListener | undefined
const held: [IncomingMessage, ServerResponse][] = []
let server: Server | undefined
let listenError: Error | undefined

/** Binds early when it can, then loads the second stage and hands it the server and what it held. */
async function start(): Promise<void> {
  const early = earlyAddress(process.argv.slice(2), process.env)
  if (early) {
    server = createServer((req, res) => {
      if (serve) return serve(req, res)
      const path = req.url?.split('?', 1)[0]
      if (req.method === 'GET' && path !== undefined && HEALTH_PATHS.has(path)) {
        res.statusCode = 204
        res.end()
        return
      }
      held.push([req, res])
    })
    // Reported by cli-main once the flags and scenarios are known good: a bad flag is the better message.
    server.once('error', (err) => (listenError = err))
    // Bound before loading, which then runs without a pause: health checks are answered first.
    await new Promise<void>((resolve) => {
      server!.once('listening', resolve).once('error', () => resolve())
      server!.listen(early.port, early.host)
    })
  }

  const { main, compileCache } = await loadSecondStage(process.env)
  main({
    server,
    compileCache,
    listenError: () => listenError,
    serve(listener) {
      serve = listener
      for (const [req, res] of held.splice(0)) listener(req, res)
    },
  })
}

void start()
