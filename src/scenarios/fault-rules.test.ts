/** Validation of the `faults` and `clock` scenario keys: bad rules name their JSON path. */
import { describe, expect, it } from 'vitest'
import { parseScenario, ScenarioError } from './load-scenario.js'

/** What the route table would serve, for these tests (the real list comes from the API layer). */
const SERVED = ['getBranch', 'getRepository', 'importStart', 'importStatus', 'listBranches']

function problems(data: unknown) {
  try {
    parseScenario(data, 'test.json', { operations: SERVED })
  } catch (err) {
    if (err instanceof ScenarioError) return err.problems
    throw err
  }
  return []
}

describe('fault rule validation', () => {
  it('accepts every documented shape', () => {
    expect(
      problems({
        faults: [
          { name: 'a', operation: '*', method: 'GET', repository: 'r', branch: 'b', calls: [1, 2], after: 1, every: 2, times: 3, probability: 0.5, window: { fromMs: 0, untilMs: 10 }, delayMs: { min: 1, max: 2 }, respond: { status: 429, message: 'm', headers: { 'Retry-After': '1' } } },
          { operation: ['getBranch', 'importStatus'], dropConnection: true, delayMs: 5 },
          { import: { stall: { atObjects: 1 }, fail: { atObjects: 2, message: 'x' }, throttle: { atObjects: 0, objectsPerSecond: 1 }, conflict: 'concurrentCommit' } },
        ],
        clock: { mode: 'scaled', speed: 60 },
      })
    ).toEqual([])
  })

  it('names unknown operations, missing effects, and mixed HTTP and import effects', () => {
    expect(
      problems({
        faults: [
          { operation: 'getRepo', respond: { status: 500 } },
          { operation: 'getBranch' },
          { respond: { status: 500 } },
          { operation: 'getBranch', respond: { status: 500 }, dropConnection: true },
          { import: { stall: { atObjects: 1 } }, respond: { status: 500 } },
          { operation: 'importStatus', import: { conflict: 'dirtyBranch' } },
          { import: {} },
          { operation: 'getBranch', window: { fromMs: 5, untilMs: 5 }, delayMs: 1 },
        ],
      }).map((p) => `${p.path}: ${p.message}`)
    ).toEqual([
      '$.faults[1].respond: expected at least one effect: delayMs, respond, dropConnection or import',
      '$.faults[2].operation: expected a lakeFS operationId, a list of them, or "*"',
      '$.faults[3].dropConnection: a rule either responds or drops the connection, not both',
      '$.faults[4].respond: a rule with "import" effects acts on the started import; put HTTP effects in a separate rule',
      '$.faults[5].operation: expected "importStart": "import" effects apply to the job it starts',
      '$.faults[6].import: expected at least one of stall, crash, fail, throttle, conflict',
      '$.faults[7].window: fromMs must be less than untilMs',
      // After the schema's problems, in the same answer: operations the emulator does not serve.
      '$.faults[0].operation: expected an operationId the emulator serves, got "getRepo"; did you mean "getRepository"?',
    ])
  })

  it('names each operation not served, with the nearest served one or else the whole list', () => {
    expect(problems({ faults: [{ operation: ['importStatus', 'importStatuss', 'zzz'], respond: { status: 500 } }, { operation: 'listBranchs', delayMs: 1 }] })).toEqual([
      { path: '$.faults[0].operation[1]', message: 'expected an operationId the emulator serves, got "importStatuss"; did you mean "importStatus"?' },
      { path: '$.faults[0].operation[2]', message: `expected an operationId the emulator serves, got "zzz"; one of ${SERVED.join(', ')}` },
      { path: '$.faults[1].operation', message: 'expected an operationId the emulator serves, got "listBranchs"; did you mean "listBranches"?' },
    ])
  })

  it('rejects unknown keys in a rule and a speed without the scaled mode', () => {
    expect(problems({ faults: [{ operation: 'getBranch', delayMs: 1, retries: 3 }], clock: { mode: 'manual', speed: 2 } })).toEqual([
      { path: '$.clock.speed', message: 'speed applies only to mode "scaled"' },
      {
        path: '$.faults[0]',
        message:
          'Unrecognized key: "retries"; expected one of name, description, operation, method, repository, branch, bucket, calls, after, every, times, probability, window, delayMs, respond, dropConnection, import',
      },
    ])
  })
})
