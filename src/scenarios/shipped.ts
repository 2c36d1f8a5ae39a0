/** The scenario files shipped in the package's `scenarios/` folder, found wherever it is installed. */
import { existsSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** Both src/scenarios/ and dist/scenarios/ sit two levels below the package root. */
const folder = fileURLToPath(new URL('../../scenarios/', import.meta.url))

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
 * shipped scenario's name (`daily-drop`). Anything else is returned as given, so the error that
 * follows names it as a file.
 */
export function scenarioPath(ref: string): string {
  if (existsSync(ref) || !/^[\w-]+$/.test(ref)) return ref
  return shippedScenarioNames().includes(ref) ? shippedScenario(ref) : ref
}
