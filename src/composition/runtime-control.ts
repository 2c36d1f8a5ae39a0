/**
 * The control plane over the runtime (what the /_emulator routes call, declared in api/control): the
 * runtime's scenario, world and clock, the journal, and coverage of the operations served. It lives
 * here, in composition, because it joins the API layer with the scenarios.
 */
import { importReport, repositorySummaries, runReports } from '../api/control/control-dto.js'
import { type ClockState, ControlInputError, type ControlPlane } from '../api/control/control-plane.js'
import { coverageReport } from '../api/control/coverage.js'
import type { ServedOperation } from '../api/lakefs/operations.js'
import type { Journal } from '../api/observability/journal.js'
import { VirtualClock } from '../emulator/clock.js'
import { ClockNotAdvanceableError, type Runtime } from './runtime.js'
import { describeRule, describeScenario } from '../scenarios/describe-scenario.js'
import { parseScenario, ScenarioError } from '../scenarios/load-scenario.js'

export function createControlPlane(runtime: Runtime, journal: Journal, operations: readonly ServedOperation[]): ControlPlane {
  const { emulator } = runtime
  const clock = (): ClockState => clockState(runtime)
  return {
    journal,
    scenario: () => runtime.scenario,
    scenarioSummary: () => scenarioSummary(runtime),
    replaceScenario: (data) =>
      asControlInput(() => {
        const options = runtime.parseOptions
        // An array: later scenarios add to earlier ones, as repeated --scenario flags do.
        if (!Array.isArray(data)) return runtime.load([parseScenario(data, 'request body', options)])
        runtime.load(data.map((d, i) => atIndex(i, () => parseScenario(d, `request body[${i}]`, options))))
      }),
    reset: () => runtime.reset(),
    putObject: (uri, bytes) => emulator.world.store.put(uri, bytes, runtime.clock.now()),
    deleteObject: (uri) => emulator.world.store.delete(uri),
    coverage: () => coverageReport(journal, operations),
    clock,
    advance: async (ms) => {
      try {
        await runtime.advance(ms)
      } catch (err) {
        if (err instanceof ClockNotAdvanceableError) throw new ControlInputError(err.message, 409)
        throw err
      }
      return clock()
    },
    imports: () => emulator.inspect.imports().map(importReport),
    repositories: () => repositorySummaries(emulator.inspect.repositories()),
    runs: () => runReports([...emulator.world.repositories.keys()].flatMap((repository) => emulator.actions.runs.list(repository).map((run) => ({ repository, run })))),
    log: (repository, ref, amount) => emulator.commits.log(repository, ref, { amount }).results,
    cancelImport: (id) => {
      const job = emulator.imports.list().find((j) => j.id === id)
      if (!job) return false
      emulator.imports.cancel(job.options.repository, id)
      return true
    },
  }
}

/** The clock as the control API reports it, from one reading. */
export function clockState(runtime: Runtime): ClockState {
  const clock = runtime.clock
  const virtual = clock instanceof VirtualClock ? clock : undefined
  const now = clock.now()
  return {
    mode: virtual?.mode ?? 'real',
    speed: virtual?.speed ?? 1,
    now: new Date(now).toISOString(),
    nowMs: now,
    // From the same reading as `now`, so the two always agree on a running clock.
    elapsedMs: virtual ? now - virtual.startMs : 0,
  }
}

function scenarioSummary(runtime: Runtime): ReturnType<ControlPlane['scenarioSummary']> {
  const s = runtime.scenario
  const stats = runtime.faults.stats()
  return {
    name: s.name ?? null,
    description: s.description ?? null,
    lines: describeScenario(s),
    rules: (s.faults ?? []).map((rule, i) => ({
      name: stats[i]?.name ?? rule.name ?? `faults[${i}]`,
      summary: describeRule(rule),
      matched: stats[i]?.matched ?? 0,
      fired: stats[i]?.fired ?? 0,
    })),
  }
}

/** A scenario refused (by its schema, or for an operation not served) as the control API's 400 naming each problem's JSON path. */
/** A list element's problems, with their JSON paths from the list (`$[1].repositories[0].name`). */
function atIndex<T>(i: number, parse: () => T): T {
  try {
    return parse()
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err
    throw new ScenarioError(err.source, err.problems.map((p) => ({ ...p, path: `$[${i}]${p.path.slice(1)}` })))
  }
}

function asControlInput(load: () => void): void {
  try {
    load()
  } catch (err) {
    if (err instanceof ScenarioError) {
      throw new ControlInputError(`invalid scenario: ${err.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, 400, err.problems)
    }
    throw err
  }
}
