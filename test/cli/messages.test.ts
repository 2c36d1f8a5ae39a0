/** Messages that say what was meant: the nearest flag or command, JSON errors with line and column, and --help naming validate. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ConfigError, helpText, loadConfig } from '../../src/cli/config.js'
import { OPERATION_IDS } from '../../src/composition/app.js'
import { createEmulator } from '../../src/index.js'
import { Runtime } from '../../src/composition/runtime.js'
import { loadScenarioFile, parseScenario, ScenarioError } from '../../src/scenarios/load-scenario.js'

const dir = mkdtempSync(join(tmpdir(), 'lakefs-emulator-messages-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function configError(argv: string[]): string {
  try {
    loadConfig(argv, {})
  } catch (err) {
    if (err instanceof ConfigError) return err.message
    throw err
  }
  throw new Error('expected a ConfigError')
}

describe('the CLI', () => {
  it.each([
    [['--prot', '8000'], '[lakefs-emulator] Unknown flag --prot; did you mean --port? Run with --help for the flags.'],
    [['--scenaro=a.json'], '[lakefs-emulator] Unknown flag --scenaro; did you mean --scenario? Run with --help for the flags.'],
    [['--zzzzzz'], '[lakefs-emulator] Unknown flag --zzzzzz. Run with --help for the flags.'],
    [['validte', 'a.json'], "[lakefs-emulator] Unknown command 'validte'; did you mean 'validate'? Run with --help for the flags."],
    [['serve'], "[lakefs-emulator] Unknown command 'serve' (the one command is 'validate'). Run with --help for the flags."],
  ])('%j: %s', (argv, message) => {
    expect(configError(argv)).toBe(message)
  })

  it('binds the port early whatever value flags it is given (cli.ts knows every one of them)', async () => {
    const { FLAGS } = await import('../../src/cli/config.js')
    const source = (await import('node:fs')).readFileSync(new URL('../../src/cli.ts', import.meta.url), 'utf8')
    const early = JSON.parse(/const VALUE_FLAGS = (\[[^\]]*\])/.exec(source)![1]!.replaceAll("'", '"')) as string[]
    const valued = Object.entries(FLAGS).filter(([name, f]) => f.type === 'string' && !['port', 'host', 'scenario'].includes(name)).map(([name]) => name)
    expect(valued.filter((name) => !early.includes(name))).toEqual([])
  })

  it('--help names the validate command', () => {
    expect(helpText()).toMatch(/^Usage: lakefs-emulator \[flags\]\n {7}lakefs-emulator validate FILE\.\.\. {3}check scenario files/)
  })
})

describe('scenario files', () => {
  it('say where a JSON syntax error is, by line and column', () => {
    const file = join(dir, 'broken.json')
    writeFileSync(file, '{\n  "version": 1,\n  "seed" 2\n}\n')
    try {
      loadScenarioFile(file)
      throw new Error('expected a ScenarioError')
    } catch (err) {
      expect(err).toBeInstanceOf(ScenarioError)
      expect((err as ScenarioError).message).toContain('(line 3, column 10)')
      expect((err as ScenarioError).message).toContain(file)
    }
  })
})

describe('scenario checks beyond the schema', () => {
  const problemsOf = (data: unknown): string[] => {
    try {
      parseScenario(data, 'x.json')
    } catch (err) {
      if (err instanceof ScenarioError) return err.problems.map((p) => `${p.path}: ${p.message}`)
      throw err
    }
    return []
  }

  it('say what a union expected instead of "Invalid input"', () => {
    expect(problemsOf({ version: 1, store: { generate: [{ prefix: 's3://b/', keys: ['a'], size: '10' }] } })).toEqual(['$.store.generate[0].size: expected number or object, received string'])
    expect(problemsOf({ version: 1, seed: 'x' })).toEqual(['$.seed: expected number, received string'])
  })

  it('suggest the nearest key for a mistyped one, at any depth', () => {
    expect(problemsOf({ version: 1, repositorys: [], clock: { strat: 'x' }, repositories: [{ name: 'rrr', storageNamespace: 's3://a/b', defualtBranch: 'x' }] })).toEqual([
      '$.clock: Unrecognized key: "strat"; did you mean "start"?',
      '$.repositories[0]: Unrecognized key: "defualtBranch"; did you mean "defaultBranch"?',
      '$: Unrecognized key: "repositorys"; did you mean "repositories"?',
    ])
    expect(problemsOf({ version: 1, import: { zzzzzzzzzzzz: 1 } })).toEqual(['$.import: Unrecognized key: "zzzzzzzzzzzz"; expected one of objectsPerSecond, statusIntervalMs'])
  })

  it('refuse a brace left open, a namespace without a scheme, and one of another blockstore', () => {
    expect(problemsOf({ version: 1, store: { generate: [{ prefix: 's3://b/', keys: ['a{1..3', 'ok{1..2}'], size: 1 }] } })).toEqual([
      '$.store.generate[0].keys[0]: unbalanced braces in "a{1..3": every { needs its }',
    ])
    expect(problemsOf({ version: 1, blockstore: { type: 'gs' }, repositories: [{ name: 'repo', storageNamespace: 's3://x/y' }, { name: 'rep2', storageNamespace: 'nowhere' }] })).toEqual([
      '$.repositories[0].storageNamespace: a s3 namespace on a gs blockstore: lakeFS refuses it (expected gs://...)',
      '$.repositories[1].storageNamespace: expected a namespace URI with a scheme (s3://, gs://, https://<account>.blob.core.windows.net/<container>, local://), got "nowhere"',
    ])
  })

  it('names a repository two scenarios both declare', () => {
    const repo = { version: 1 as const, repositories: [{ name: 'shared', storageNamespace: 's3://b/shared' }] }
    expect(() => new Runtime({ scenarios: [repo, repo] }, OPERATION_IDS)).toThrow('repository "shared" is declared more than once (the scenarios loaded together add up; rename one)')
  })
})

it('validates scenarios written inline in JavaScript as it validates files', () => {
  const bad = { version: 1, repositories: [{ name: 'repo', storageNamespace: 's3://b/r', defaultBranch: 7 }] } as never
  expect(() => createEmulator({ scenarios: [bad] })).toThrow(ScenarioError)
  expect(() => createEmulator({ scenarios: [bad] })).toThrow('at $.repositories[0].defaultBranch: expected string, received number')
  const lakefs = createEmulator()
  expect(() => lakefs.loadScenario({ version: 1, faults: [{ operation: 'importStatuss', delayMs: 1 }] } as never)).toThrow(/did you mean "importStatus"/)
  void lakefs.close()
})
