/**
 * The running world, without HTTP: the loaded scenario and what is built from it (clock, fault
 * rules, the core and its world), rebuilt in place on reset and reload so that everything holding
 * the core keeps serving the new world.
 */
import type { Credential } from '../emulator/catalog/auth-service.js'
import { type Clock, type ClockMode, sleep, VirtualClock } from '../emulator/clock.js'
import type { HookExecutor } from '../emulator/actions/hook-port.js'
import { Emulator, type EmulatorOptions } from '../emulator/emulator.js'
import { IdentityHasher } from '../emulator/import/identity-hasher.js'
import type { RunnerOptions } from '../emulator/import/import-runner.js'
import { MemfsObjectStore } from '../fakestore/memfs-object-store.js'
import { TrackingStore } from '../fakestore/tracking-store.js'
import { DataDir } from '../persistence/data-dir.js'
import { Persistence } from '../persistence/persistence.js'
import type { ObjectStore } from '../fakestore/object-store.js'
import { applyScenario } from '../scenarios/apply-scenario.js'
import { FaultEngine } from '../scenarios/fault-engine.js'
import { WebhookExecutor } from '../webhooks/webhook-executor.js'
import { type LakeFSApiCall, LuaRunner } from '../lua/lua-runner.js'
import { checkOperations, mergeScenarios, type ParseOptions, parseScenario } from '../scenarios/load-scenario.js'
import type { Scenario } from '../scenarios/schema.js'
import { packageVersion } from '../util/package-files.js'

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
  /** Most objects the scenarios' generate patterns may make in all (5,000,000 unless raised: `--max-generated-objects`). */
  maxGeneratedObjects?: number
  /** What `{{ ENV.NAME }}` in action files reads (the CLI passes its LAKEFSACTIONS_* variables); a scenario's actions.env adds to it. */
  actionsEnv?: Readonly<Record<string, string>>
  /** The lakeFS API in process, for Lua hooks' `lakefs` calls (createApp gives its own); without it, Lua hooks fail. */
  luaApi?: LakeFSApiCall
  /**
   * Keep the world in this directory (created if need be) and start from what it holds: see
   * src/persistence/. Without it, everything is in memory.
   */
  dataDir?: string
}

/** Thrown by `advance` when the clock was given from outside and cannot be moved. */
export class ClockNotAdvanceableError extends Error {
  override name = 'ClockNotAdvanceableError'
}

export class Runtime {
  readonly emulator: Emulator
  #scenario: Scenario
  #clock!: Clock
  #faults!: FaultEngine
  /** One hashing thread for the runtime's life, across resets (none with `runner.offload: false`). */
  readonly #hasher: IdentityHasher | undefined
  /** The data directory's keeper, and the store whose changes it saves (with `dataDir`). */
  readonly #persistence: Persistence | undefined
  #tracked: TrackingStore | undefined
  /** The data directory, and whether the world came back from it at start (else from the scenario). */
  readonly dataDir: { readonly path: string; readonly restored: boolean } | undefined

  /** `operations`: the operationIds the API serves, which fault rules may name. */
  constructor(
    private readonly setup: EmulatorSetup = {},
    private readonly operations: readonly string[] = []
  ) {
    this.#scenario = this.#merged(setup.scenarios ?? [])
    this.#hasher = setup.runner?.offload === false ? undefined : new IdentityHasher()
    this.#persistence = setup.dataDir === undefined ? undefined : new Persistence(DataDir.open(setup.dataDir, packageVersion()))
    try {
      this.emulator = new Emulator(this.#prepare())
      applyScenario(this.emulator, this.#scenario, this.#seed)
      this.dataDir = this.#restore()
      this.#track()
    } catch (err) {
      this.#persistence?.dir.close()
      this.#hasher?.close()
      throw err
    }
  }

  /** With a data directory: the saved world over the scenario's, and time from where it was saved. */
  #restore(): Runtime['dataDir'] {
    const persistence = this.#persistence
    if (!persistence || !this.#tracked || this.setup.dataDir === undefined) return undefined
    const savedTime = persistence.savedTime
    const restored = persistence.restore(this.emulator, this.#tracked)
    // The world was built at the scenario's time, as it first was; time goes on from where it was saved.
    if (savedTime !== undefined && this.#clock instanceof VirtualClock && savedTime > this.#clock.now()) this.#clock.set(savedTime)
    return { path: this.setup.dataDir, restored }
  }

  /** From here on the store's changes are remembered, and the world is saved as it now is. */
  #track(): void {
    this.#tracked?.track()
    this.persist()
  }

  /** Saves the world to the data directory (after every write the API acknowledges); no-op without one. */
  persist(): void {
    if (this.#persistence && this.#tracked) this.#persistence.save(this.emulator, this.#tracked)
  }

  get scenario(): Scenario {
    return this.#scenario
  }

  get clock(): Clock {
    return this.#clock
  }

  get faults(): FaultEngine {
    return this.#faults
  }

  get #seed(): number {
    return this.setup.seed ?? this.#scenario.seed ?? 0
  }

  /** How this runtime checks a scenario: fault rules held to the served operations, generated objects to the limit. */
  get parseOptions(): ParseOptions {
    return { operations: this.operations, maxGeneratedObjects: this.setup.maxGeneratedObjects }
  }

  /** Back to the scenario's initial state: new world, new clock, fresh rule counters. */
  reset(): void {
    this.emulator.replace(this.#prepare())
    applyScenario(this.emulator, this.#scenario, this.#seed)
    this.#track()
  }

  /** Replaces the scenario (and with it the world and the rules). */
  load(scenarios: readonly Scenario[]): void {
    this.#scenario = this.#merged(scenarios)
    this.reset()
  }

  /**
   * The scenarios as one, checked before anything is replaced: a refused one changes nothing. Each
   * is validated as a file would be, so a scenario written inline in JavaScript gets the same
   * answer as one loaded from disk (a ScenarioError naming its JSON paths).
   */
  #merged(scenarios: readonly Scenario[]): Scenario {
    const checked = scenarios.map((s, i) => parseScenario(s, scenarios.length > 1 ? `scenario ${i + 1} of ${scenarios.length}` : 'scenario', this.parseOptions))
    return checkOperations(mergeScenarios(checked), this.operations, 'scenario')
  }

  /** Moves emulator time forward and resolves once imports have done the work it allows. */
  async advance(ms: number): Promise<void> {
    const clock = this.#clock
    if (!(clock instanceof VirtualClock)) throw new ClockNotAdvanceableError('the clock given to createApp cannot be advanced')
    clock.advance(ms)
    await this.emulator.settle()
  }

  close(): void {
    this.persist()
    this.#persistence?.dir.close()
    this.emulator.close()
    this.#hasher?.close()
    if (this.#clock instanceof VirtualClock && this.#clock !== this.setup.clock) this.#clock.close()
  }

  /** A new clock, fault engine and core options for the current scenario. */
  #prepare(): EmulatorOptions {
    if (this.#clock instanceof VirtualClock && this.#clock !== this.setup.clock) this.#clock.close()
    const s = this.#scenario
    const clock = (this.#clock = this.setup.clock ?? scenarioClock(s, this.setup))
    const store = this.setup.store ?? new MemfsObjectStore()
    const persistence = this.#persistence
    this.#tracked = persistence && new TrackingStore(store, (bytes) => persistence.dir.keepBlob(bytes))
    this.#faults = new FaultEngine(s.faults ?? [], this.#seed, clock, clock.now())
    return {
      clock,
      seed: this.#seed,
      store: this.#tracked ?? store,
      credentials: credentialsOf(this.setup.credentials ?? s.credentials ?? [QUICKSTART_CREDENTIALS], clock.now()),
      importHooks: this.#faults,
      runner: this.setup.runner,
      hasher: this.#hasher,
      hookExecutor: faultyHooks(new WebhookExecutor(() => this.clock), () => this.faults, () => this.clock),
      actionsEnv: { ...this.setup.actionsEnv, ...s.actions?.env },
      luaRunner: this.setup.luaApi && new LuaRunner(this.setup.luaApi, () => this.clock.now()),
      settings: settingsOf(s),
      onImportFinished: persistence && (() => this.persist()),
    }
  }
}

/**
 * Fault rules on webhook hooks (operation `webhook`, matched by method POST, repository and
 * branch): a delay before the call (its timeout still counts), an answer in the gate's place (a gate
 * that is down), or a connection reset.
 */
function faultyHooks(inner: HookExecutor, faults: () => FaultEngine, clock: () => Clock): HookExecutor {
  return {
    async post(call) {
      const engine = faults()
      if (!engine.hasHttpRules) return inner.post(call)
      const started = clock().now()
      const decision = engine.evaluate({ operationId: 'webhook', method: 'POST', repository: call.about.repository, branch: call.about.branch || undefined })
      if (decision.delayMs > 0) {
        const waited = await Promise.race([sleep(clock(), decision.delayMs).then(() => false), sleep(clock(), call.timeoutMs).then(() => true)])
        if (waited) return { error: 'context deadline exceeded (Client.Timeout exceeded while awaiting headers)', durationMs: clock().now() - started }
      }
      if (decision.dropConnection) return { error: 'read: connection reset by peer', durationMs: clock().now() - started }
      const r = decision.respond
      if (r) return { status: r.status, statusText: '', headers: Object.entries(r.headers ?? {}), body: r.message ?? (r.body === undefined ? '' : JSON.stringify(r.body)), durationMs: clock().now() - started }
      const answer = await inner.post({ ...call, timeoutMs: Math.max(0, call.timeoutMs - (clock().now() - started)) })
      return { ...answer, durationMs: clock().now() - started }
    },
  }
}

function scenarioClock(s: Scenario, setup: EmulatorSetup): VirtualClock {
  return new VirtualClock({
    mode: setup.clockMode ?? s.clock?.mode ?? 'real',
    speed: setup.clockSpeed ?? s.clock?.speed,
    start: s.clock?.start ? Date.parse(s.clock.start) : undefined,
  })
}


function credentialsOf(given: NonNullable<EmulatorSetup['credentials']>, now: number): Credential[] {
  return given.map((c) => ({ user: c.user ?? 'admin', accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, creationDate: now }))
}

/** The core's settings: the scenario's, with lakeFS's defaults where it is silent. */
function settingsOf(s: Scenario): EmulatorOptions['settings'] {
  return {
    blockstore: {
      type: s.blockstore?.type ?? 's3',
      importEnabled: s.blockstore?.importEnabled ?? false,
      importHidden: s.blockstore?.importHidden ?? false,
      preSign: s.blockstore?.preSign !== false,
    },
    pacing: {
      objectsPerSecond: s.import?.objectsPerSecond ?? 5000,
      statusIntervalMs: s.import?.statusIntervalMs ?? 1000,
    },
    compat: {
      dirtyBranch: s.compat?.dirtyBranch ?? 'at-commit',
      failedImport: s.compat?.failedImport ?? 'incomplete',
    },
  }
}
