/** CLI configuration: flags with environment fallbacks, validated into one Config. */
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { nearest } from '../util/nearest.js'

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const

const ConfigSchema = z.strictObject({
  port: z.coerce.number().int().min(0).max(65535),
  s3Port: z.coerce.number().int().min(0).max(65535),
  gcsPort: z.coerce.number().int().min(0).max(65535),
  azurePort: z.coerce.number().int().min(0).max(65535),
  s3Domains: z.array(z.string().regex(/^[a-z0-9.-]+(:\d+)?$/i, 'expected host names, comma-separated')).min(1),
  host: z.string().min(1),
  scenarios: z.array(z.string().min(1)),
  seed: z.coerce.number().int().optional(),
  accessKeyId: z.string().min(1).optional(),
  secretAccessKey: z.string().min(1).optional(),
  logLevel: z.enum(LOG_LEVELS),
  controlToken: z.string().min(8, 'expected at least 8 characters').optional(),
  allowOpenControl: z.boolean(),
  clockMode: z.enum(['real', 'manual', 'scaled']).optional(),
  clockSpeed: z.coerce.number().positive().optional(),
  journalLimit: z.coerce.number().int().min(1, 'expected a positive integer').optional(),
  maxJsonBytes: z.coerce.number().int().min(1, 'expected a positive integer').optional(),
  maxUploadBytes: z.coerce.number().int().min(1, 'expected a positive integer').optional(),
  maxKeyBytes: z.coerce.number().int().min(1, 'expected a positive integer').optional(),
  maxImportPaths: z.coerce.number().int().min(1, 'expected a positive integer').optional(),
  maxGeneratedObjects: z.coerce.number().int().min(1, 'expected a positive integer').optional(),
  dataDir: z.string().min(1).optional(),
})

export type Config = z.infer<typeof ConfigSchema> & { help: boolean; version: boolean }

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Each flag, its environment variable, and what it does (also the `--help` text). */
export const FLAGS = {
  port: { env: 'LAKEFS_EMULATOR_PORT', type: 'string', help: 'port to listen on (default 8000; 0 = any free port)' },
  's3-port': {
    env: 'LAKEFS_EMULATOR_S3_PORT',
    type: 'string',
    help: "port of the fake store's S3 endpoint (default 9000, as MinIO; with --port 0, also 0 unless given; 0 = any free port)",
  },
  'gcs-port': {
    env: 'LAKEFS_EMULATOR_GCS_PORT',
    type: 'string',
    help: "port of the fake store's GCS JSON API, for STORAGE_EMULATOR_HOST (default 4443, as fake-gcs-server; with --port 0, also 0 unless given)",
  },
  'azure-port': {
    env: 'LAKEFS_EMULATOR_AZURE_PORT',
    type: 'string',
    help: "port of the fake store's Azure Blob endpoint, account devstoreaccount1 (default 10000, as Azurite; with --port 0, also 0 unless given)",
  },
  's3-domain': {
    env: 'LAKEFS_EMULATOR_S3_DOMAIN',
    type: 'string',
    help: "lakeFS's gateways.s3.domain_name: <repo>.<domain> is virtual-host style (default s3.local.lakefs.io; comma-separated)",
  },
  host: { env: 'LAKEFS_EMULATOR_HOST', type: 'string', help: 'address to bind (default 127.0.0.1)' },
  'data-dir': {
    env: 'LAKEFS_EMULATOR_DATA_DIR',
    type: 'string',
    help: 'keep the world in this directory and start from what it holds (default: in memory only)',
  },
  scenario: {
    env: 'LAKEFS_EMULATOR_SCENARIO',
    type: 'string',
    multiple: true,
    help: "scenario file (or a shipped scenario's name, e.g. daily-drop) to load; repeat to add more (env: comma-separated). Default: scenarios/default.json",
  },
  seed: { env: 'LAKEFS_EMULATOR_SEED', type: 'string', help: "seed for IDs and generated data (default: the scenario's, else 0)" },
  'access-key-id': { env: 'LAKEFS_EMULATOR_ACCESS_KEY_ID', type: 'string', help: 'access key id (default: lakeFS quickstart)' },
  'secret-access-key': { env: 'LAKEFS_EMULATOR_SECRET_ACCESS_KEY', type: 'string', help: 'secret access key (default: lakeFS quickstart)' },
  'log-level': { env: 'LAKEFS_EMULATOR_LOG_LEVEL', type: 'string', help: `one of ${LOG_LEVELS.join(', ')} (default info: banner and import progress; debug adds one JSON line per request)` },
  'clock-mode': { env: 'LAKEFS_EMULATOR_CLOCK_MODE', type: 'string', help: "real, manual or scaled (default: the scenario's clock.mode, else real)" },
  'clock-speed': { env: 'LAKEFS_EMULATOR_CLOCK_SPEED', type: 'string', help: 'for --clock-mode scaled: emulator ms per wall ms, e.g. 60' },
  'journal-limit': {
    env: 'LAKEFS_EMULATOR_JOURNAL_LIMIT',
    type: 'string',
    help: 'how many requests the journal keeps; older ones drop out (default 10000; coverage still counts them)',
  },
  'max-json-bytes': {
    env: 'LAKEFS_EMULATOR_MAX_JSON_BYTES',
    type: 'string',
    help: 'largest JSON request body; larger ones get 413 (default 16777216)',
  },
  'max-upload-bytes': {
    env: 'LAKEFS_EMULATOR_MAX_UPLOAD_BYTES',
    type: 'string',
    help: 'largest object upload; larger ones get 413 (default 268435456)',
  },
  'max-key-bytes': {
    env: 'LAKEFS_EMULATOR_MAX_KEY_BYTES',
    type: 'string',
    help: 'longest object key, source path or prefix in UTF-8 bytes; longer ones get 400 (default 4096)',
  },
  'max-import-paths': {
    env: 'LAKEFS_EMULATOR_MAX_IMPORT_PATHS',
    type: 'string',
    help: 'most entries in one import\'s paths; more get 400 (default 100000)',
  },
  'max-generated-objects': {
    env: 'LAKEFS_EMULATOR_MAX_GENERATED_OBJECTS',
    type: 'string',
    help: 'most objects the scenarios\' store.generate patterns may make in all (default 5000000)',
  },
  'control-token': { env: 'LAKEFS_EMULATOR_CONTROL_TOKEN', type: 'string', help: 'require "Authorization: Bearer <token>" on /_emulator (8+ characters)' },
  'allow-open-control': {
    env: 'LAKEFS_EMULATOR_ALLOW_OPEN_CONTROL',
    type: 'boolean',
    help: 'serve /_emulator without a token on a non-loopback host (env: true/1)',
  },
  help: { env: undefined, type: 'boolean', help: 'print this help and exit' },
  version: { env: undefined, type: 'boolean', help: 'print the version and exit' },
} as const

/** Pure: the same argv and env always give the same Config or the same ConfigError. */
export function loadConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Config {
  const values = parseFlags(argv)
  const raw = rawConfig(values, env)
  const parsed = ConfigSchema.safeParse(raw)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const key = String(i.path[0] ?? '')
      const flag = flagOf(key)
      return `  --${flag} (${FLAGS[flag as keyof typeof FLAGS]?.env ?? 'no env'}): ${i.message}, got ${JSON.stringify((raw as Record<string, unknown>)[key])}`
    })
    throw new ConfigError(`[lakefs-emulator] Invalid configuration:\n${lines.join('\n')}`)
  }
  checkCombinations(parsed.data)
  return { ...parsed.data, help: values.help === true, version: values.version === true }
}

/** The flags as given (node:util parseArgs, strict). */
function parseFlags(argv: readonly string[]): Record<string, unknown> {
  try {
    return parseArgs({
      args: [...argv],
      options: Object.fromEntries(
        Object.entries(FLAGS).map(([name, f]) => [name, { type: f.type, multiple: 'multiple' in f ? f.multiple : false }])
      ),
      strict: true,
      allowPositionals: false,
    }).values
  } catch (err) {
    throw new ConfigError(`[lakefs-emulator] ${flagProblem(err as Error & { code?: string })} Run with --help for the flags.`)
  }
}

/** What parseArgs refused, with the flag or command most likely meant. */
function flagProblem(err: Error & { code?: string }): string {
  const given = /'([^']+)'/.exec(err.message)?.[1] ?? ''
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const meant = nearest(given.replace(/^-+/, '').split('=')[0]!, Object.keys(FLAGS))
    return `Unknown flag ${given}${meant ? `; did you mean --${meant}?` : '.'}`
  }
  if (err.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const meant = nearest(given, COMMANDS)
    return `Unknown command '${given}'${meant ? `; did you mean '${meant}'?` : ` (the one command is 'validate').`}`
  }
  return `${err.message}.`
}

/** Subcommands (anything else is the server). */
export const COMMANDS = ['validate'] as const

/** Each setting from its flag, else its environment variable, else its default; not yet validated. */
function rawConfig(values: Record<string, unknown>, env: Readonly<Record<string, string | undefined>>) {
  const pick = (flag: keyof typeof FLAGS): string | undefined => {
    const v = values[flag]
    if (typeof v === 'string') return v
    const envName = FLAGS[flag].env
    return envName ? env[envName] || undefined : undefined
  }
  const scenarioFlag = values.scenario as string[] | undefined
  const envScenarios = env.LAKEFS_EMULATOR_SCENARIO?.split(',').map((s) => s.trim()).filter(Boolean)
  const port = pick('port') ?? '8000'
  return {
    port,
    // A harness that asks for any free lakeFS port wants a free S3 port too, not MinIO's.
    s3Port: pick('s3-port') ?? (port === '0' ? '0' : '9000'),
    gcsPort: pick('gcs-port') ?? (port === '0' ? '0' : '4443'),
    azurePort: pick('azure-port') ?? (port === '0' ? '0' : '10000'),
    s3Domains: (pick('s3-domain') ?? 's3.local.lakefs.io').split(',').map((d) => d.trim()),
    host: pick('host') ?? '127.0.0.1',
    scenarios: scenarioFlag?.length ? scenarioFlag : (envScenarios ?? []),
    seed: pick('seed'),
    accessKeyId: pick('access-key-id'),
    secretAccessKey: pick('secret-access-key'),
    logLevel: pick('log-level') ?? 'info',
    controlToken: pick('control-token'),
    allowOpenControl: values['allow-open-control'] === true || /^(1|true|yes)$/i.test(env.LAKEFS_EMULATOR_ALLOW_OPEN_CONTROL ?? ''),
    clockMode: pick('clock-mode'),
    clockSpeed: pick('clock-speed'),
    journalLimit: pick('journal-limit'),
    maxJsonBytes: pick('max-json-bytes'),
    maxUploadBytes: pick('max-upload-bytes'),
    maxKeyBytes: pick('max-key-bytes'),
    maxImportPaths: pick('max-import-paths'),
    maxGeneratedObjects: pick('max-generated-objects'),
    dataDir: pick('data-dir'),
  }
}

/** The flag a setting comes from: `accessKeyId` is --access-key-id, `scenarios` --scenario. */
function flagOf(key: string): string {
  if (key === 's3Domains') return 's3-domain'
  return key === 'scenarios' ? 'scenario' : key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
}

/** Settings valid one by one but not together. */
function checkCombinations(c: z.infer<typeof ConfigSchema>): void {
  if (!!c.accessKeyId !== !!c.secretAccessKey) {
    throw new ConfigError('[lakefs-emulator] Invalid configuration:\n  --access-key-id and --secret-access-key go together')
  }
  if (c.clockSpeed !== undefined && c.clockMode !== 'scaled') {
    throw new ConfigError('[lakefs-emulator] Invalid configuration:\n  --clock-speed applies only with --clock-mode scaled')
  }
  if (!c.controlToken && !c.allowOpenControl && !isLoopback(c.host)) {
    throw new ConfigError(
      `[lakefs-emulator] Refusing to serve the control API (/_emulator) on ${c.host} without a token.\n` +
        '  Anyone who can reach it can replace the world and move the clock. Pass --control-token <token>,\n' +
        '  or --allow-open-control if the network is yours (a CI container, say).'
    )
  }
}

/** Hosts only this machine can reach: localhost, 127.0.0.0/8, ::1. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase()
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1'
}

export function helpText(): string {
  const rows = Object.entries(FLAGS).map(([name, f]) => {
    const left = `  --${name}${f.type === 'string' ? ' VALUE' : ''}`
    return `${left.padEnd(30)}${f.help}${f.env ? ` [${f.env}]` : ''}`
  })
  return (
    'Usage: lakefs-emulator [flags]\n' +
    '       lakefs-emulator validate FILE...   check scenario files and print what they would load (exit 2 on an error)\n\n' +
    'Serves the lakeFS API (import, repositories, branches, objects), lakeFS\'s S3 gateway and an S3 fake object store over an in-memory lakeFS.\n\n' +
    `Flags:\n${rows.join('\n')}\n`
  )
}
