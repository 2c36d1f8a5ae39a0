/**
 * Runs a composite GitHub Action here the way a runner runs it: its `run:` steps in order with bash,
 * `${{ }}` expressions resolved from the inputs, the action's path and earlier steps' outputs, `if:`
 * conditions evaluated (terms joined by &&: always(), X == 'v', X != 'v'), GITHUB_ENV and
 * GITHUB_OUTPUT collected. `uses:` steps cannot run without GitHub; what they would be given is
 * returned. Used by the action's test and by .ci/check-package.mjs for the examples' workflow.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'

/**
 * Runs the composite action in `actionDir` (its action.yml) with these inputs; `job` is the job's
 * environment (RUNNER_TEMP, GITHUB_WORKSPACE, ...). Returns the env its steps exported, their
 * outputs, the names of the steps that ran, what `uses:` steps would have been given, and the log.
 *
 * @param {string} actionDir
 * @param {Record<string, string>} given
 * @param {Record<string, string>} job
 */
export function runAction(actionDir, given, job) {
  const action = parse(readFileSync(join(actionDir, 'action.yml'), 'utf8'))
  const unknown = Object.keys(given).filter((k) => !(k in action.inputs))
  if (unknown.length) throw new Error(`no such input: ${unknown.join(', ')}`)
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, given[k] ?? v.default ?? '']))
  const steps = {}
  const env = {}
  const ran = []
  const uploads = []
  let failed = false
  let log = ''
  const value = (expr) => {
    const e = expr.trim()
    const literal = /^'(.*)'$/.exec(e)
    if (literal) return literal[1]
    if (e === 'github.action_path') return actionDir
    const input = /^inputs\.([\w-]+)$/.exec(e)
    if (input) {
      if (!(input[1] in inputs)) throw new Error(`action.yml reads an undeclared input: ${e}`)
      return inputs[input[1]]
    }
    const step = /^steps\.([\w-]+)\.(outcome|outputs\.([\w-]+))$/.exec(e)
    if (step) return step[3] ? (steps[step[1]]?.outputs[step[3]] ?? '') : (steps[step[1]]?.outcome ?? '')
    throw new Error(`expression not understood: ${e}`)
  }
  const interpolate = (text) => text.replace(/\$\{\{(.*?)\}\}/g, (_, e) => value(e))
  /** Conditions as action.yml writes them: terms joined by &&, each always(), X == 'v' or X != 'v'. */
  const condition = (text) => {
    const terms = (text ?? 'success()').split('&&').map((t) => t.trim())
    if (!terms.includes('always()') && failed) return false
    return terms.every((t) => {
      if (t === 'always()' || t === 'success()') return true
      const m = /^(.+?)\s*(==|!=)\s*(.+)$/.exec(t)
      if (!m) throw new Error(`condition not understood: ${t}`)
      return (value(m[1]) === value(m[3])) === (m[2] === '==')
    })
  }
  for (const step of action.runs.steps) {
    if (!condition(step.if)) {
      if (step.id) steps[step.id] = { outputs: {}, outcome: 'skipped' }
      continue
    }
    ran.push(step.name ?? step.id ?? step.uses ?? '?')
    if (step.uses) {
      uploads.push(Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, interpolate(String(v))])))
      continue
    }
    const files = mkdtempSync(join(tmpdir(), 'github-action-step-'))
    const envFile = join(files, 'env')
    const outputFile = join(files, 'output')
    writeFileSync(envFile, '')
    writeFileSync(outputFile, '')
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, interpolate(String(v))]))
    const res = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', interpolate(step.run)], {
      cwd: job.GITHUB_WORKSPACE,
      encoding: 'utf8',
      env: { ...process.env, ...job, ...env, ...stepEnv, GITHUB_ENV: envFile, GITHUB_OUTPUT: outputFile },
    })
    log += res.stdout + res.stderr
    const pairs = (file) => Object.fromEntries(readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]))
    Object.assign(env, pairs(envFile))
    if (step.id) steps[step.id] = { outputs: pairs(outputFile), outcome: res.status === 0 ? 'success' : 'failure' }
    if (res.status !== 0) failed = true
    rmSync(files, { recursive: true, force: true })
  }
  return { env, outputs: Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, v.outputs])), ran, uploads, failed, log }
}
