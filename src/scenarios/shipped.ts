/** The scenario files shipped in the package's `scenarios/` folder, found wherever it is installed. */
import { existsSync, readdirSync } from 'node:fs'
import { nearest } from '../util/nearest.js'
import { packageFile } from '../util/package-files.js'
import { ScenarioError } from './load-scenario.js'

const folder = packageFile('scenarios') + '/'

/**
 * The absolute path of a shipped scenario, e.g. `shippedScenario('stalled-import')`, to pass to
 * `loadScenarioFile` or `createEmulator().loadScenario`. Throws, listing the names, for an unknown one.
 */
export function shippedScenario(name: string): string {
  const path = `${folder}${name.replace(/\.json$/, '')}.json`
  if (!/^[\w-]+(\.json)?$/.test(name) || !existsSync(path)) {
    throw new Error(`no shipped scenario named ${JSON.stringify(name)}; there are: ${shippedScenarioNames().join(', ')}`)
  }
  return path
}

export function shippedScenarioNames(): string[] {
  return readdirSync(folder)
    .filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json')
    .map((f) => f.slice(0, -'.json'.length))
    .sort()
}

/**
 * What `--scenario` and the test helpers accept: a file path, or, when no such file exists, a
 * shipped scenario's name (`daily-drop`). A bare name that is neither is refused with the names
 * (and the nearest one); a path is returned as given, so the error that follows names the file.
 */
export function scenarioPath(ref: string): string {
  if (existsSync(ref) || !/^[\w-]+$/.test(ref)) return ref
  const names = shippedScenarioNames()
  if (names.includes(ref)) return shippedScenario(ref)
  const near = nearest(ref, names)
  throw new ScenarioError(ref, [
    { path: '$', message: `no such file, and no shipped scenario of that name${near ? ` (did you mean "${near}"?)` : ''}; shipped: ${names.join(', ')}` },
  ])
}
