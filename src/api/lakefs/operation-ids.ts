/**
 * The operationIds lakeFS's route table serves, read from the route modules themselves: the one
 * list. Fault rules are checked against it (composition hands it to the runtime), and the scenario
 * JSON Schema's enum is generated from it.
 */
import * as actions from './actions/actions.routes.js'
import * as auth from './auth/auth.routes.js'
import * as commits from './refs/commits.routes.js'
import * as config from './installation/config.routes.js'
import * as imports from './import/import.routes.js'
import * as objects from './objects/objects.routes.js'
import * as refs from './refs/refs.routes.js'
import * as staging from './objects/staging.routes.js'
import * as tags from './refs/tags.routes.js'
import * as users from './auth/users.routes.js'
import * as rbac from './auth/rbac.routes.js'
import * as settings from './repository/settings.routes.js'
import * as pulls from './refs/pulls.routes.js'
import * as metadata from './objects/metadata.routes.js'
import * as dump from './repository/dump.routes.js'
import * as gc from './repository/gc.routes.js'

const isRoute = (v: unknown): v is { operationId: string } =>
  typeof v === 'object' && v !== null && typeof (v as { operationId?: unknown }).operationId === 'string'

/** Every served operationId, sorted. */
export const LAKEFS_OPERATION_IDS: readonly string[] = [actions, auth, commits, config, imports, objects, refs, staging, tags, users, rbac, settings, pulls, metadata, dump, gc]
  .flatMap((m) => Object.values(m).filter(isRoute).map((r) => r.operationId))
  .sort()
