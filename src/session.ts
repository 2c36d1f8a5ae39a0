/**
 * One running emulator as the control API sees it: the loaded scenario, the clock, the fault
 * rules, the journal, and the core built from them, which reset and reload rebuild in place.
 */
import { type ClockState, ControlInputError, type ControlPlane } from './api/control/control.router.js'
import { coverageReport, type CoverageReport } from './api/control/coverage.js'
import { Journal } from './api/observability/journal.js'
import type { ServedOperation } from './api/lakefs/operations.js'
import type { Credential } from './emulator/catalog/auth-service.js'
import { type Clock, type ClockMode, VirtualClock } from './emulator/clock.js'
import { Emulator, type EmulatorOptions } from './emulator/emulator.js'
import type { Commit } from './emulator/graveler/commit.js'
import type { ImportJob } from './emulator/import/import-job.js'
import type { RunnerOptions } from './emulator/import/import-runner.js'
import { MemfsObjectStore } from './fakestore/memfs-object-store.js'
import type { ObjectStore, StoredObject } from './fakestore/object-store.js'
import { applyScenario } from './scenarios/apply-scenario.js'
import { describeRule, describeScenario } from './scenarios/describe-scenario.js'
import { FaultEngine } from './scenarios/fault-engine.js'
import { mergeScenarios, parseScenario, ScenarioError } from './scenarios/load-scenario.js'
import type { Scenario } from './scenarios/schema.js'
import { compareBytewise } from './util/byte-order.js'

/** lakeFS quickstart's credentials (pkg/config/defaults.go). */
export const QUICKSTART_CREDENTIALS = {
  user: 'quickstart',
  accessKeyId: 'AKIAIOSFOLQUICKSTART',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
} as const

export interface EmulatorSetup {
  /** Scenarios to load, in order; later ones add to earlier ones. */
  scenarios?: readonly Scenario[]
  /** Overrides the scenario's seed (default 0). */
  seed?: number
  /** A clock to use as is (reset then keeps its time); otherwise one is made from the scenario. */
  clock?: Clock
  /** Overrides the scenario's `clock.mode` (and `clock.speed` for scaled). */
  clockMode?: ClockMode
  clockSpeed?: number
  /** Replaces the scenario's credentials (default: lakeFS quickstart's). */
  credentials?: readonly { user?: string; accessKeyId: string; secretAccessKey: string }[]
  /** A store to use as is (reset then keeps its objects); otherwise a fresh memfs store each time. */
  store?: ObjectStore
  /** How imports are sliced over event-loop turns (tests use tiny slices; results never change). */
  runner?: RunnerOptions
  /** How many requests the journal keeps (default 10,000); older ones drop out, coverage still counts them. */
  journalLimit?: number
}

export type { ClockState } from './api/control/control.router.js'

export class EmulatorSession implements ControlPlane {
  readonly journal: Journal
  readonly emulator: Emulator
  #scenario: Scenario
  #clock!: Clock
  #faults!: FaultEngine
  /** The lakeFS operations served (set by the app once its routes exist), for coverage. */
  operations: readonly ServedOperation[] = []

  constructor(private readonly setup: EmulatorSetup = {}) {
    this.journal = new Journal(setup.journalLimit)
    this.#scenario = mergeScenarios(setup.scenarios ?? [])
    this.emulator = new Emulator(this.#prepare())
    applyScenario(this.emulator, this.#scenario, this.#seed)
  }

  get currentClock(): Clock {
    return this.#clock
  }

  get faults(): FaultEngine {
    return this.#faults
  }

  get #seed(): number {
    return this.setup.seed ?? this.#scenario.seed ?? 0
  }

  /** A new clock, fault engine and core options for the current scenario. */
  #prepare(): EmulatorOptions {
    const s = this.#scenario
    if (this.#clock instanceof VirtualClock && this.#clock !== this.setup.clock) this.#clock.close()
    this.#clock =
      this.setup.clock ??
      new VirtualClock({
        mode: this.setup.clockMode ?? s.clock?.mode ?? 'real',
        speed: this.setup.clockSpeed ?? s.clock?.speed,
        start: s.clock?.start ? Date.parse(s.clock.start) : undefined,
      })
    const clock = this.#clock
    this.#faults = new FaultEngine(s.faults ?? [], this.#seed, clock, clock.now())
    const credentials: Credential[] = (this.setup.credentials ?? s.credentials ?? [QUICKSTART_CREDENTIALS]).map((c) => ({
      user: c.user ?? 'admin',
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      creationDate: clock.now(),
    }))
    return {
      clock,
      seed: this.#seed,
      store: this.setup.store ?? new MemfsObjectStore(),
      credentials,
      importHooks: this.#faults,
      runner: this.setup.runner,
      settings: {
        blockstore: {
          type: s.blockstore?.type ?? 's3',
          importEnabled: s.blockstore?.importEnabled ?? false,
          importHidden: s.blockstore?.importHidden ?? false,
        },
        pacing: {
          objectsPerSecond: s.import?.objectsPerSecond ?? 5000,
          statusIntervalMs: s.import?.statusIntervalMs ?? 1000,
        },
        compat: {
          dirtyBranch: s.compat?.dirtyBranch ?? 'at-commit',
          failedImport: s.compat?.failedImport ?? 'incomplete',
        },
      },
    }
  }

  // --- ControlPlane ---

  scenario(): Scenario {
    return this.#scenario
  }

  scenarioSummary(): ReturnType<ControlPlane['scenarioSummary']> {
    const s = this.#scenario
    const stats = this.#faults.stats()
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

  /** Back to the scenario's initial state: new world, new clock, fresh rule counters. */
  reset(): void {
    this.emulator.replace(this.#prepare())
    applyScenario(this.emulator, this.#scenario, this.#seed)
  }

  /** Replaces the scenario (and with it the world and the rules). */
  load(scenarios: readonly Scenario[]): void {
    this.#scenario = mergeScenarios(scenarios)
    this.reset()
  }

  replaceScenario(data: unknown): void {
    try {
      this.load([parseScenario(data, 'request body')])
    } catch (err) {
      if (err instanceof ScenarioError) {
        throw new ControlInputError(`invalid scenario: ${err.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, 400, err.problems)
      }
      throw err
    }
  }

  putObject(uri: string, bytes: Uint8Array): StoredObject {
    return this.emulator.world.store.put(uri, bytes, this.#clock.now())
  }

  deleteObject(uri: string): boolean {
    return this.emulator.world.store.delete(uri)
  }

  coverage(): CoverageReport {
    return coverageReport(this.journal, this.operations)
  }

  clock(): ClockState {
    const clock = this.#clock
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

  /** Moves emulator time forward and lets imports do the work it allows. */
  async advance(ms: number): Promise<ClockState> {
    const clock = this.#clock
    if (!(clock instanceof VirtualClock)) throw new ControlInputError('the clock given to createApp cannot be advanced', 409)
    clock.advance(ms)
    await this.emulator.settle()
    return this.clock()
  }

  imports(): ReturnType<ControlPlane['imports']> {
    return this.emulator.imports.list().map(importReport)
  }

  repositories(): ReturnType<ControlPlane['repositories']> {
    return [...this.emulator.world.repositories.values()]
      .sort(byName)
      .map((repo) => ({
        name: repo.name,
        storageNamespace: repo.settings.storageNamespace,
        defaultBranch: repo.settings.defaultBranch,
        branches: [...repo.branches.values()]
          .sort(byName)
          .map((b) => ({ name: b.name, commitId: b.head, uncommitted: b.staging.size })),
        tags: repo.tags.size,
        commits: repo.commits.size,
      }))
  }

  log(repository: string, ref: string, amount: number): Commit[] {
    return this.emulator.commits.log(repository, ref, { amount }).results
  }

  cancelImport(id: string): boolean {
    const job = this.emulator.imports.list().find((j) => j.id === id)
    if (!job) return false
    this.emulator.imports.cancel(job.options.repository, id)
    return true
  }

  close(): void {
    this.emulator.close()
    if (this.#clock instanceof VirtualClock && this.#clock !== this.setup.clock) this.#clock.close()
  }
}

/** Repositories and branches as lakeFS lists them: by name, in byte order. */
const byName = (a: { name: string }, b: { name: string }) => compareBytewise(a.name, b.name)

const iso = (ms: number | undefined) => (ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString())

function importReport(job: ImportJob): ReturnType<ControlPlane['imports']>[number] {
  const s = job.status
  return {
    id: job.id,
    repository: job.options.repository,
    branch: job.options.branch,
    state: job.state,
    startTime: new Date(job.options.startTime).toISOString(),
    walkedObjects: job.walked,
    expectedObjects: job.expectedObjects ?? null,
    status: {
      completed: s.completed,
      updateTime: new Date(s.updateTime).toISOString(),
      ingestedObjects: s.ingestedObjects,
      ...(s.error !== undefined && { error: s.error }),
      ...(s.commit && { commitId: s.commit.id }),
    },
    effects: job.effects.map(({ effect, firedAt, endsAt }) => {
      const { kind, rule, ...detail } = effect
      return {
        rule,
        kind,
        detail,
        firedAt: iso(firedAt),
        ...(kind === 'stall' && { endsAt: firedAt === undefined ? null : iso(endsAt) }),
      }
    }),
  }
}
