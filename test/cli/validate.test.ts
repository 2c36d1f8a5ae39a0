/** `lakefs-emulator validate`: what a scenario would load on stdout, what is wrong on stderr, exit 2 on any error. */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const CLI = 'dist/cli.js'
const validate = (...files: string[]) => spawnSync(process.execPath, [CLI, 'validate', ...files], { encoding: 'utf8' })

describe.runIf(existsSync(CLI))('lakefs-emulator validate', () => {
  it('prints objects per prefix, repositories, credentials and rules, and exits 0', () => {
    const res = validate('test/fixtures/validate-me.json')
    expect(res.stderr).toBe('')
    expect(res.status).toBe(0)
    expect(res.stdout.split('\n')).toEqual([
      'test/fixtures/validate-me.json: valid',
      '  validate-me',
      '  seed 7; blockstore s3; clock manual from 2024-01-15T10:00:00Z; import pace 2,000 objects/s, status every 500 ms',
      '  objects: 308 in the fake store',
      '    gs://other/              5',
      '    s3://drop/               1',
      '    s3://drop/day/         302',
      '  repositories: 1',
      '    pipeline  s3://drop/repos/pipeline  branches: main, wip (1 uncommitted)',
      '  credentials: AKIAVALIDATE (ci)',
      '  fault rules: 2',
      '    busy: importStatus → respond 429; calls 2, 3',
      '    faults[1]: importStart → stall at 100 objects for 5000 ms',
      '',
    ])
    expect(res.stdout).not.toContain('never-printed-secret')
  })

  it('names the file and JSON path of what is wrong, goes on to the next file, and exits 2', () => {
    const res = validate('test/fixtures/bad-scenario.json', 'scenarios/daily-drop.json', 'no/such/file.json')
    expect(res.status).toBe(2)
    expect(res.stderr).toContain('Invalid scenario "test/fixtures/bad-scenario.json":\n  at $.store.generate[0].size')
    expect(res.stderr).toContain('Invalid scenario "no/such/file.json":\n  at $: cannot read file')
    expect(res.stdout).toContain('scenarios/daily-drop.json: valid')
  })

  it('checks that several files load together, as repeated --scenario flags would', () => {
    const res = validate('scenarios/daily-drop.json', 'scenarios/flaky-network.json')
    expect(res.status).toBe(2)
    expect(res.stderr).toBe(
      '[lakefs-emulator] Invalid scenario "scenarios/daily-drop.json + scenarios/flaky-network.json": its world cannot be built: repository "my-repo" is declared more than once (the scenarios loaded together add up; rename one)\n'
    )
    const together = validate('test/fixtures/validate-me.json', 'scenarios/flaky-network.json')
    expect(together.status).toBe(0)
    expect(together.stdout).toContain('together: valid\n')
    expect(together.stdout).toContain('  objects: 10,308 in the fake store')
  })

  it('validates every shipped scenario', () => {
    const shipped = ['big-import', 'concurrent-commit', 'daily-drop', 'default', 'dirty-branch', 'esti-like', 'flaky-network', 'import-fails-midway', 'lakefs-dies-mid-import', 'rate-limited', 'slow-import', 'stalled-import', 'status-404-after-start', 'throughput-collapse']
    for (const name of shipped) {
      const res = validate(`scenarios/${name}.json`)
      expect([name, res.status, res.stderr]).toEqual([name, 0, ''])
    }
  })

  it('needs a file', () => {
    const res = validate()
    expect(res.status).toBe(2)
    expect(res.stderr).toBe('[lakefs-emulator] Usage: lakefs-emulator validate <scenario.json> [more.json ...]\n')
  })
})
