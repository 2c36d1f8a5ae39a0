/** The public API of lakefs-emulator. */

// Composition
export { createApp, buildEmulator, QUICKSTART_CREDENTIALS } from './composition/app.js'
export type { CreateAppOptions, EmulatorApp, EmulatorSetup } from './composition/app.js'
export { createEmulator } from './composition/create-emulator.js'
export type { EmulatorHandle, Listening } from './composition/create-emulator.js'
export type { ClockState } from './api/control/control-plane.js'

// Time
export { ManualClock, SystemClock, VirtualClock } from './emulator/clock.js'
export type { Clock, ClockMode } from './emulator/clock.js'

// Journal and coverage (what createEmulator().journal and /_emulator report)
export type { Journal, JournalEntry } from './api/observability/journal.js'
export type { CoverageReport } from './api/control/coverage.js'

// Core (for inspection in tests)
export { Emulator } from './emulator/emulator.js'

// Scenarios
export { loadScenarioFile, parseScenario, mergeScenarios, ScenarioError } from './scenarios/load-scenario.js'
export { ScenarioSchema } from './scenarios/schema.js'
export { shippedScenario, shippedScenarioNames } from './scenarios/shipped.js'
export type { FaultRule } from './scenarios/fault-schema.js'
export type { Scenario } from './scenarios/schema.js'

// Fake object store
export { MemfsObjectStore } from './fakestore/memfs-object-store.js'
export type { ObjectStore, StoredObject } from './fakestore/object-store.js'

// Test-suite helpers (any runner; vitest fixtures)
export { startEmulator, lakefsFixtures, resolveScenario } from './composition/testing.js'
export type { LakefsContext, LakefsFixtures, RunningEmulator, StartOptions } from './composition/testing.js'
