/**
 * The emulator core's facade: one lakeFS installation in memory. It knows nothing of HTTP;
 * the API layer calls these services, as lakeFS's controller calls its catalog.
 */
import type { ObjectStore } from '../fakestore/object-store.js'
import { AuthService, type Credential } from './auth.js'
import type { Clock } from './clock.js'
import { ImportService } from './imports.js'
import { ObjectService } from './objects.js'
import { SeededRandom, XidGenerator } from './random.js'
import { RefService } from './refs.js'
import { World, type WorldSettings } from './world.js'

export interface EmulatorOptions {
  readonly clock: Clock
  readonly seed: number
  readonly store: ObjectStore
  readonly settings: WorldSettings
  readonly credentials: readonly Credential[]
}

export class Emulator {
  readonly world: World
  readonly refs: RefService
  readonly objects: ObjectService
  readonly imports: ImportService
  readonly auth: AuthService

  constructor(options: EmulatorOptions) {
    const xids = new XidGenerator(new SeededRandom(options.seed))
    this.world = new World(options.clock, options.store, xids, options.settings)
    this.refs = new RefService(this.world)
    this.objects = new ObjectService(this.world, this.refs)
    this.imports = new ImportService(this.world)
    this.auth = new AuthService(options.credentials)
  }

  get clock(): Clock {
    return this.world.clock
  }

  deleteRepository(name: string): void {
    this.refs.deleteRepository(name)
    this.imports.dropRepository(name)
  }

  /** Resolves once running imports have done all the work the clock's time allows. */
  settle(): Promise<void> {
    return this.imports.runner.settle()
  }

  /** Stops background work; the state stays readable. */
  close(): void {
    this.imports.runner.close()
  }
}
