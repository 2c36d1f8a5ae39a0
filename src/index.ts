/** The public API of lakefs-emulator. */

// Composition
export { createApp, buildEmulator, QUICKSTART_CREDENTIALS } from './app.js'
export type { CreateAppOptions, EmulatorSetup } from './app.js'

// Time
export { ManualClock, SystemClock } from './emulator/clock.js'
export type { Clock } from './emulator/clock.js'

// Core (for inspection in tests)
export { Emulator } from './emulator/emulator.js'

// Scenarios
export { loadScenarioFile, parseScenario, mergeScenarios, ScenarioError } from './scenarios/load-scenario.js'
export { ScenarioSchema } from './scenarios/schema.js'
export type { Scenario } from './scenarios/schema.js'

// Fake object store
export { MemfsObjectStore } from './fakestore/memfs-object-store.js'
export type { ObjectStore, StoredObject } from './fakestore/object-store.js'
