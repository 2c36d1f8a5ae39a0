/**
 * A repository's settings beyond its refs, as lakeFS declares them: garbage collection rules (and
 * their deprecated internal paths), the deprecated one-rule-at-a-time branch protection paths, and
 * the preflights the web UI asks before it offers to change either.
 */
import { createRoute, z } from '@hono/zod-openapi'
import { basicAuth, BranchProtectionRuleSchema, errorResponses, GarbageCollectionRulesSchema, jsonBody, jsonContent, repositoryParam } from '../schemas.js'

const request = { params: z.object({ repository: repositoryParam }) }
const settings = { tags: ['repositories'], security: basicAuth }
const internal = { tags: ['internal'], security: basicAuth, deprecated: true }
const rules = jsonContent(GarbageCollectionRulesSchema, 'repository GC rules')

export const getGCRules = createRoute({ ...settings, method: 'get', path: '/repositories/{repository}/settings/gc_rules', operationId: 'getGCRules', request, responses: { 200: rules, ...errorResponses(400, 401, 404, 429) } })
export const setGCRules = createRoute({ ...settings, method: 'put', path: '/repositories/{repository}/settings/gc_rules', operationId: 'setGCRules', request: { ...request, body: jsonBody(GarbageCollectionRulesSchema) }, responses: { 204: { description: 'set garbage collection rules successfully' }, ...errorResponses(400, 401, 403, 404, 429) } })
export const deleteGCRules = createRoute({ ...settings, method: 'delete', path: '/repositories/{repository}/settings/gc_rules', operationId: 'deleteGCRules', request, responses: { 204: { description: 'deleted garbage collection rules successfully' }, ...errorResponses(400, 401, 403, 404, 429) } })

export const internalGetGarbageCollectionRules = createRoute({ ...internal, method: 'get', path: '/repositories/{repository}/gc/rules', operationId: 'internalGetGarbageCollectionRules', request, responses: { 200: jsonContent(GarbageCollectionRulesSchema, 'gc rule list'), ...errorResponses(400, 401, 404, 429) } })
export const internalSetGarbageCollectionRules = createRoute({ ...internal, method: 'post', path: '/repositories/{repository}/gc/rules', operationId: 'internalSetGarbageCollectionRules', request: { ...request, body: jsonBody(GarbageCollectionRulesSchema) }, responses: { 204: { description: 'set garbage collection rules successfully' }, ...errorResponses(400, 401, 404, 429) } })
export const internalDeleteGarbageCollectionRules = createRoute({ ...internal, method: 'delete', path: '/repositories/{repository}/gc/rules', operationId: 'internalDeleteGarbageCollectionRules', request, responses: { 204: { description: 'deleted garbage collection rules successfully' }, ...errorResponses(400, 401, 404, 429) } })
export const setGarbageCollectionRulesPreflight = createRoute({ tags: ['internal'], security: basicAuth, method: 'get', path: '/repositories/{repository}/gc/rules/set_allowed', operationId: 'setGarbageCollectionRulesPreflight', request, responses: { 204: { description: 'User has permissions to set garbage collection rules on this repository' }, ...errorResponses(400, 401, 404, 429) } })

export const internalGetBranchProtectionRules = createRoute({ ...internal, method: 'get', path: '/repositories/{repository}/branch_protection', operationId: 'internalGetBranchProtectionRules', request, responses: { 200: jsonContent(z.array(BranchProtectionRuleSchema), 'branch protection rules'), ...errorResponses(400, 401, 404, 429) } })
export const internalCreateBranchProtectionRule = createRoute({ ...internal, method: 'post', path: '/repositories/{repository}/branch_protection', operationId: 'internalCreateBranchProtectionRule', request: { ...request, body: jsonBody(BranchProtectionRuleSchema) }, responses: { 204: { description: 'branch protection rule created successfully' }, ...errorResponses(400, 401, 404, 429) } })
export const internalDeleteBranchProtectionRule = createRoute({ ...internal, method: 'delete', path: '/repositories/{repository}/branch_protection', operationId: 'internalDeleteBranchProtectionRule', request: { ...request, body: jsonBody(z.object({ pattern: z.string() })) }, responses: { 204: { description: 'branch protection rule deleted successfully' }, ...errorResponses(400, 401, 404, 429) } })
export const createBranchProtectionRulePreflight = createRoute({ tags: ['internal'], security: basicAuth, method: 'get', path: '/repositories/{repository}/branch_protection/set_allowed', operationId: 'createBranchProtectionRulePreflight', request, responses: { 204: { description: 'User has permissions to create a branch protection rule in this repository' }, ...errorResponses(400, 401, 404, 409, 429) } })
