/**
 * The operationIds lakeFS's route table serves, read from the route modules themselves: the one
 * list. Fault rules are checked against it (composition hands it to the runtime), and the scenario
 * JSON Schema's enum is generated from it.
 */
import * as actions from './actions.routes.js'
import * as auth from './auth.routes.js'
import * as commits from './commits.routes.js'
import * as config from './config.routes.js'
import * as imports from './import.routes.js'
import * as objects from './objects.routes.js'
import * as refs from './refs.routes.js'
import * as staging from './staging.routes.js'
import * as tags from './tags.routes.js'
import * as users from './users.routes.js'
import * as rbac from './rbac.routes.js'
import * as settings from './settings.routes.js'
import * as pulls from './pulls.routes.js'
import * as metadata from './metadata.routes.js'
import * as dump from './dump.routes.js'
import * as gc from './gc.routes.js'

const isRoute = (v: unknown): v is { operationId: string } =>
  typeof v === 'object' && v !== null && typeof (v as { operationId?: unknown }).operationId === 'string'

/** Every served operationId, sorted. */
export const LAKEFS_OPERATION_IDS: readonly string[] = [actions, auth, commits, config, imports, objects, refs, staging, tags, users, rbac, settings, pulls, metadata, dump, gc]
  .flatMap((m) => Object.values(m).filter(isRoute).map((r) => r.operationId))
  .sort()
