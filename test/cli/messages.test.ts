/** Messages that say what was meant: the nearest flag or command, JSON errors with line and column, and --help naming validate. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ConfigError, helpText, loadConfig } from '../../src/cli/config.js'
import { loadScenarioFile, ScenarioError } from '../../src/scenarios/load-scenario.js'

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
