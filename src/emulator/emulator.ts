/**
 * The emulator core's facade: one lakeFS installation in memory. It knows nothing of HTTP;
 * the API layer calls these services, as lakeFS's controller calls its catalog.
 */
import type { BlockstoreSettings } from './blockstore.js'
import type { ObjectStore } from '../fakestore/object-store.js'
import { AuthService, type Credential } from './catalog/auth-service.js'
import { Installation } from './catalog/installation.js'
import { GcRulesService } from './catalog/gc-rules.js'
import { LinkService } from './catalog/link-service.js'
import { PullRequestService } from './catalog/pull-requests.js'
import { MetadataFiles } from './catalog/metadata-files.js'
import { RefsDumpService } from './catalog/refs-dump.js'
import { TaskService } from './catalog/tasks.js'
import { GcPrepareService } from './catalog/gc-prepare.js'
import { SymlinkService } from './catalog/symlinks.js'
import type { Clock } from './clock.js'
import { Inspection } from './inspection.js'
import { CommitService } from './catalog/commit-service.js'
import type { ImportHooks } from './import/import-effects.js'
import { MergeService } from './catalog/merge-service.js'
import { ImportService } from './catalog/import-service.js'
import type { IdentityHasher } from './import/identity-hasher.js'
import type { RunnerOptions } from './import/import-runner.js'
import { ObjectService } from './catalog/object-service.js'
import { SeededRandom, XidGenerator } from './random.js'
import { RefService } from './catalog/ref-service.js'
import { World, type WorldSettings } from './catalog/world.js'
import { ActionsService } from './actions/actions-service.js'
import type { HookExecutor, LuaHookRunner } from './actions/hook-port.js'
import { actionFiles, HookedWrites, objectText } from './catalog/hooked-writes.js'

export interface EmulatorOptions {
  readonly clock: Clock
  readonly seed: number
  readonly store: ObjectStore
  readonly settings: WorldSettings
  readonly credentials: readonly Credential[]
  /** Gives each starting import its misbehaviour (scenario fault rules). */
  readonly importHooks?: ImportHooks
  /** How imports are sliced over event-loop turns (never changes their results). */
  readonly runner?: RunnerOptions
  /** The thread that hashes import identities, handed in (its owner closes it); without one, the build hashes inline. */
  readonly hasher?: IdentityHasher
  /** Calls webhooks for actions (the webhooks wire layer); without one, webhook hooks fail. */
  readonly hookExecutor?: HookExecutor
  /** Runs Lua hooks (a Lua VM, outside the core); without one, Lua hooks fail. */
  readonly luaRunner?: LuaHookRunner
  /** What `{{ ENV.NAME }}` in action files reads. */
  readonly actionsEnv?: Readonly<Record<string, string>>
  /** Told when an import has finished in the background (a data directory saves then). */
  readonly onImportFinished?: () => void
}

/**
 * The services are replaced together by `replace` (a scenario reload or reset), so callers
 * reach them through this object at call time and never keep one.
 */
export class Emulator {
  world!: World
  refs!: RefService
  commits!: CommitService
  merges!: MergeService
  objects!: ObjectService
  /** Objects whose bytes clients write themselves: addresses for linking, links, staged entries. */
  links!: LinkService
  /** Metaranges and ranges as files in each repository's storage namespace. */
  metadata!: MetadataFiles
  /** Refs dumps and restores through the storage namespace. */
  dumps!: RefsDumpService
  /** What lakeFS's garbage collector asks the server to prepare. */
  gc!: GcPrepareService
  /** Symlink files for Hive and Athena readers. */
  symlinks!: SymlinkService
  /** Background tasks' status records. */
  tasks!: TaskService
  /** Garbage collection rules, kept in each repository's storage namespace. */
  gcRules!: GcRulesService
  imports!: ImportService
  auth!: AuthService
  /** The installation's ID, communication preferences and usage counts (lakeFS's metadata manager). */
  installation!: Installation
  /** Action files, their runs and hooks (pkg/actions). */
  actions!: ActionsService
  /** Commits and merges with their pre- and post-event hooks, as the API makes them. */
  hooked!: HookedWrites
  /** Pull requests, merged with the hooks of a merge. */
  pulls!: PullRequestService
  /** A read-only look at everything (control API, CLI, tests). */
  inspect!: Inspection

  constructor(options: EmulatorOptions) {
    this.#init(options)
  }

  /** Throws the whole installation away and starts over from `options`. */
  replace(options: EmulatorOptions): void {
    this.close()
    this.#init(options)
  }

  #init(options: EmulatorOptions): void {
    const xids = new XidGenerator(new SeededRandom(options.seed))
    this.world = new World(options.clock, options.store, xids, options.settings)
    this.refs = new RefService(this.world)
    this.commits = new CommitService(this.world, this.refs)
    this.merges = new MergeService(this.world, this.refs)
    this.objects = new ObjectService(this.world, this.refs)
    this.gcRules = new GcRulesService(this.world)
    this.links = new LinkService(this.world, this.refs, this.objects)
    this.metadata = new MetadataFiles(this.world)
    this.dumps = new RefsDumpService(this.world, this.metadata)
    this.tasks = new TaskService(this.world)
    this.gc = new GcPrepareService(this.world, this.refs, this.gcRules)
    this.symlinks = new SymlinkService(this.world, this.objects)
    const { world, objects } = this
    this.actions = new ActionsService(options.clock, () => xids.next(options.clock.now()), (repo, ref) => actionFiles(world, objects, repo, ref), {
      webhooks: options.hookExecutor,
      lua: options.luaRunner,
      readText: (repo, ref, path) => objectText(objects, repo, ref, path),
      env: (name) => options.actionsEnv?.[name],
    })
    this.imports = new ImportService(this.world, this.refs, this.objects, options.importHooks, options.runner, options.hasher, this.actions)
    this.imports.runner.onFinished = options.onImportFinished && (() => options.onImportFinished?.())
    this.auth = new AuthService(options.credentials, `${options.seed}`)
    this.installation = new Installation(options.seed)
    this.hooked = new HookedWrites(this.world, this.refs, this.commits, this.merges, this.actions)
    this.pulls = new PullRequestService(this.world, this.hooked)
    this.inspect = new Inspection(this.world, this.objects, this.imports)
  }

  get clock(): Clock {
    return this.world.clock
  }

  /** The installation's blockstore, as /config describes it. */
  get blockstore(): BlockstoreSettings {
    return this.world.settings.blockstore
  }

  deleteRepository(name: string): void {
    this.refs.deleteRepository(name)
    this.imports.dropRepository(name)
    this.actions.runs.drop(name)
  }

  /** Resolves once running imports have done all the work the clock's time allows. */
  settle(): Promise<void> {
    return this.imports.runner.settle()
  }

  /** Stops background work; the state stays readable. */
  close(): void {
    this.imports.close()
  }
}
