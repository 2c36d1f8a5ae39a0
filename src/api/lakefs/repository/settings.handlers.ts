/** Handlers for GC rules and the deprecated branch protection paths (controller.go, over the catalog). */
import type { GcRules } from '../../../emulator/catalog/gc-rules.js'
import { authenticated, signedIn } from '../auth.js'
import type { LakeFSHandler } from '../create-router.js'
import type * as routes from './settings.routes.js'

/**
 * controller.go GetGCRules. Go leaves `branches` a nil slice when no branch has a rule, which
 * encodes as `null` (the generated Python SDK then refuses the answer, as it does lakeFS's).
 */
export const getGCRules: LakeFSHandler<typeof routes.getGCRules> = (c) => {
  const { emulator } = authenticated(c)
  const rules = emulator.gcRules.get(c.req.valid('param').repository)
  const branches = rules.branches.map((b) => ({ branch_id: b.branchId, retention_days: b.retentionDays }))
  return c.json({ default_retention_days: rules.defaultRetentionDays, branches: (branches.length ? branches : null) as typeof branches }, 200)
}

export const setGCRules: LakeFSHandler<typeof routes.setGCRules> = (c) => {
  const { emulator } = authenticated(c)
  const body = c.req.valid('json')
  const rules: GcRules = { defaultRetentionDays: body.default_retention_days, branches: body.branches.map((b) => ({ branchId: b.branch_id, retentionDays: b.retention_days })) }
  emulator.gcRules.set(c.req.valid('param').repository, rules)
  return c.body(null, 204)
}

export const deleteGCRules: LakeFSHandler<typeof routes.deleteGCRules> = (c) => {
  const { emulator } = authenticated(c)
  emulator.gcRules.set(c.req.valid('param').repository, undefined)
  return c.body(null, 204)
}

/** controller.go Internal*GarbageCollectionRules call the public handlers. */
export const internalGetGarbageCollectionRules = getGCRules as unknown as LakeFSHandler<typeof routes.internalGetGarbageCollectionRules>
export const internalSetGarbageCollectionRules = setGCRules as unknown as LakeFSHandler<typeof routes.internalSetGarbageCollectionRules>
export const internalDeleteGarbageCollectionRules = deleteGCRules as unknown as LakeFSHandler<typeof routes.internalDeleteGarbageCollectionRules>

/** controller.go's preflights: authorization only (every user is allowed in OSS), for any repository name. */
export const preflight = ((c) => {
  signedIn(c)
  return c.body(null, 204)
}) satisfies LakeFSHandler<typeof routes.setGarbageCollectionRulesPreflight>

export const internalGetBranchProtectionRules: LakeFSHandler<typeof routes.internalGetBranchProtectionRules> = (c) => {
  const { emulator } = authenticated(c)
  const { patterns, etag } = emulator.refs.protectionRules(c.req.valid('param').repository)
  return c.json(patterns.map((pattern) => ({ pattern })), 200, { ETag: etag })
}

/** controller.go InternalCreateBranchProtectionRule: the pattern joins the rules (once). */
export const internalCreateBranchProtectionRule: LakeFSHandler<typeof routes.internalCreateBranchProtectionRule> = (c) => {
  const { emulator } = signedIn(c)
  const { repository } = c.req.valid('param')
  const { pattern } = c.req.valid('json')
  const { patterns } = emulator.refs.protectionRules(repository)
  if (!patterns.includes(pattern)) emulator.refs.setProtectionRules(repository, [...patterns, pattern])
  return c.body(null, 204)
}

/** controller.go InternalDeleteBranchProtectionRule: a pattern that is not a rule is a 404 without a body. */
export const internalDeleteBranchProtectionRule: LakeFSHandler<typeof routes.internalDeleteBranchProtectionRule> = (c) => {
  const { emulator } = signedIn(c)
  const { repository } = c.req.valid('param')
  const { pattern } = c.req.valid('json')
  const { patterns } = emulator.refs.protectionRules(repository)
  if (!patterns.includes(pattern)) return c.body(null, 404)
  emulator.refs.setProtectionRules(repository, patterns.filter((p) => p !== pattern))
  return c.body(null, 204)
}
