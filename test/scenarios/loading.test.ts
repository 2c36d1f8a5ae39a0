import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildEmulator, createApp, loadScenarioFile, parseScenario, ScenarioError } from '../../src/index.js'
import { loadConfig } from '../../src/cli/config.js'

describe('shipped scenarios', () => {
  it.each(readdirSync('scenarios').filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json'))('%s validates and loads', (file) => {
    const emulator = buildEmulator({ scenarios: [loadScenarioFile(`scenarios/${file}`)] })
    expect(emulator.inspect.repositories().length).toBeGreaterThan(0)
  })

  it('esti-like holds 29,400 objects; daily-drop a dirty ingestion branch', () => {
    expect(buildEmulator({ scenarios: [loadScenarioFile('scenarios/esti-like.json')] }).inspect.store.size).toBe(29_400)
    const daily = buildEmulator({ scenarios: [loadScenarioFile('scenarios/daily-drop.json')] })
    // 3 explicit objects, 6,000 generated, and wip.csv staged under the repository's namespace.
    expect(daily.inspect.store.size).toBe(6004)
    expect([...daily.inspect.repository('my-repo')!.branches.get('ingestion')!.staging.keys()]).toEqual(['wip.csv'])
  })

  it('generates the same bytes for the same seed and others for another seed', () => {
    const s = { store: { generate: [{ prefix: 's3://b/', keys: ['k{1..3}'], size: { min: 10, max: 100 } }] } }
    const etags = (seed: number) => buildEmulator({ scenarios: [s], seed }).inspect.storedObjects('s3://b/').map((o) => [o.size, o.etag])
    expect(etags(1)).toEqual(etags(1))
    expect(etags(2)).not.toEqual(etags(1))
  })
})

describe('scenario validation', () => {
  const problems = (data: unknown) => {
    try {
      parseScenario(data, 'x.json')
    } catch (err) {
      return (err as ScenarioError).problems
    }
    return []
  }

  it('names the JSON path and what was expected', () => {
    expect(problems({ repositories: [{ name: 'ok-name', storageNamespace: 's3://b/x', branches: [{ name: 1 }] }] })).toEqual([
      { path: '$.repositories[0].branches[0].name', message: 'expected string, received number' },
    ])
    expect(problems({ import: { objectsPerSecond: -1 } })[0]?.path).toBe('$.import.objectsPerSecond')
    expect(problems({ nope: 1 })).toEqual([
      { path: '$', message: 'Unrecognized key: "nope"; expected one of $schema, version, name, description, seed, blockstore, credentials, clock, import, azure, compat, store, repositories, actions, faults' },
    ])
  })

  it('rejects a pattern that would produce unbounded data, with the count and the limit', () => {
    expect(problems({ store: { generate: [{ prefix: 's3://b/', keys: ['{1..1000000000}'], size: 1 }] } })).toEqual([
      { path: '$.store.generate[0].keys[0]', message: 'expected at most 5000000 generated objects in all (--max-generated-objects raises it), but the patterns so far produce 1000000000' },
    ])
  })

  it('takes a raised limit on generated objects, in parsing and in the runtime', () => {
    const ten = { store: { generate: [{ prefix: 's3://b/', keys: ['{1..10000000}'], size: 1 }] } }
    expect(() => parseScenario(ten, 'ten.json', { maxGeneratedObjects: 10_000_000 })).not.toThrow()
    expect(() => parseScenario(ten, 'ten.json', { maxGeneratedObjects: 9_999_999 })).toThrow(/expected at most 9999999 generated objects in all/)
    expect(() => buildEmulator({ scenarios: [ten as any] })).toThrow(/expected at most 5000000/)
    expect(buildEmulator({ scenarios: [ten as any], maxGeneratedObjects: 10_000_000 }).world.store.size).toBe(10_000_000)
  })

  it('adds later scenarios to earlier ones', () => {
    const e = buildEmulator({
      scenarios: [
        { repositories: [{ name: 'one', storageNamespace: 's3://b/1' }], import: { objectsPerSecond: 10 } },
        { repositories: [{ name: 'two', storageNamespace: 's3://b/2' }], import: { statusIntervalMs: 0 } },
      ],
    })
    expect(e.inspect.repositories().map((r) => r.name)).toEqual(['one', 'two'])
    expect(e.inspect.settings.pacing).toEqual({ objectsPerSecond: 10, statusIntervalMs: 0 })
  })
})

describe('loadConfig', () => {
  it.each([
    [[], {}, { port: 8000, host: '127.0.0.1', scenarios: [], logLevel: 'info' }],
    [['--port', '9000', '--scenario', 'a.json', '--scenario', 'b.json', '--seed', '4'], {}, { port: 9000, scenarios: ['a.json', 'b.json'], seed: 4 }],
    [[], { LAKEFS_EMULATOR_PORT: '7000', LAKEFS_EMULATOR_SCENARIO: 'x.json,y.json', LAKEFS_EMULATOR_LOG_LEVEL: 'debug' }, { port: 7000, scenarios: ['x.json', 'y.json'], logLevel: 'debug' }],
    [['--port', '1'], { LAKEFS_EMULATOR_PORT: '2' }, { port: 1 }],
    [['--access-key-id', 'K', '--secret-access-key', 'S'], {}, { accessKeyId: 'K', secretAccessKey: 'S' }],
    [['--journal-limit', '500'], {}, { journalLimit: 500 }],
    [[], { LAKEFS_EMULATOR_JOURNAL_LIMIT: '20' }, { journalLimit: 20 }],
    [['--max-json-bytes', '4096', '--max-upload-bytes', '65536'], {}, { maxJsonBytes: 4096, maxUploadBytes: 65536 }],
    [['--max-key-bytes', '1024'], { LAKEFS_EMULATOR_MAX_IMPORT_PATHS: '50' }, { maxKeyBytes: 1024, maxImportPaths: 50 }],
  ])('%j with env %j', (args, env, expected) => {
    expect(loadConfig(args, env)).toMatchObject(expected)
  })

  it.each([
    [['--port', '70000'], '--port'],
    [['--log-level', 'loud'], '--log-level'],
    [['--frobnicate'], 'frobnicate'],
    [['--access-key-id', 'K'], '--secret-access-key'],
    [['--journal-limit', '0'], '--journal-limit (LAKEFS_EMULATOR_JOURNAL_LIMIT): expected a positive integer, got "0"'],
    [['--max-upload-bytes=-5'], '--max-upload-bytes (LAKEFS_EMULATOR_MAX_UPLOAD_BYTES): expected a positive integer, got "-5"'],
    [['--max-key-bytes', 'long'], '--max-key-bytes (LAKEFS_EMULATOR_MAX_KEY_BYTES): '],
    [['--max-import-paths', '0'], '--max-import-paths (LAKEFS_EMULATOR_MAX_IMPORT_PATHS): expected a positive integer, got "0"'],
  ])('rejects %j', (args, mention) => {
    expect(() => loadConfig(args, {})).toThrow(mention)
  })
})

describe('fault rules and the served operations', () => {
  it('refuses, in process too, a rule naming an operation the route table does not serve', () => {
    const build = () => createApp({ scenarios: [{ faults: [{ operation: 'importStatuss' as never, respond: { status: 500 } }] }] })
    expect(build).toThrow(ScenarioError)
    expect(build).toThrow('at $.faults[0].operation: expected an operationId the emulator serves, got "importStatuss"; did you mean "importStatus"?')
  })
})
