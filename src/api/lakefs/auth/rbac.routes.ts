/**
 * Groups, policies, ACLs and external principals, and the logins of lakeFS's other authenticators
 * (STS, external principals, OIDC), as lakeFS declares them. lakeFS OSS with basic auth answers
 * all of them 501 (pkg/auth/basic_service.go and pkg/authentication/service.go DummyService answer
 * ErrNotImplemented); a few check their input first (rbac.handlers.ts).
 */
import { createRoute, z } from '@hono/zod-openapi'
import {
  ACLSchema,
  AuthenticationTokenSchema,
  basicAuth,
  errorResponses,
  ExternalLoginInformationSchema,
  ExternalPrincipalCreationSchema,
  ExternalPrincipalListSchema,
  ExternalPrincipalSchema,
  GroupCreationSchema,
  GroupListSchema,
  GroupSchema,
  jsonBody,
  jsonContent,
  PaginationQuery,
  pathParam,
  PolicyListSchema,
  PolicySchema,
  StsAuthRequestSchema,
  UserListSchema,
} from '../schemas.js'

const pagination = z.object(PaginationQuery)
const group = z.object({ groupId: pathParam('groupId') })
const policy = z.object({ policyId: pathParam('policyId') })
const user = z.object({ userId: pathParam('userId') })
const groupMember = z.object({ groupId: pathParam('groupId'), userId: pathParam('userId') })
const groupPolicy = z.object({ groupId: pathParam('groupId'), policyId: pathParam('policyId') })
const userPolicy = z.object({ userId: pathParam('userId'), policyId: pathParam('policyId') })
const principalQuery = z.object({ principalId: z.string().openapi({ param: { name: 'principalId', in: 'query' } }) })
const done = (description: string) => ({ description })
const base = { tags: ['auth'], security: basicAuth }

export const listGroups = createRoute({ ...base, method: 'get', path: '/auth/groups', operationId: 'listGroups', request: { query: pagination }, responses: { 200: jsonContent(GroupListSchema, 'group list'), ...errorResponses(400, 401, 429) } })
export const createGroup = createRoute({ ...base, method: 'post', path: '/auth/groups', operationId: 'createGroup', request: { body: jsonBody(GroupCreationSchema, false) }, responses: { 201: jsonContent(GroupSchema, 'group'), ...errorResponses(400, 401, 404, 429) } })
export const getGroup = createRoute({ ...base, method: 'get', path: '/auth/groups/{groupId}', operationId: 'getGroup', request: { params: group }, responses: { 200: jsonContent(GroupSchema, 'group'), ...errorResponses(400, 401, 404, 429) } })
export const deleteGroup = createRoute({ ...base, method: 'delete', path: '/auth/groups/{groupId}', operationId: 'deleteGroup', request: { params: group }, responses: { 204: done('group deleted successfully'), ...errorResponses(400, 401, 404, 429) } })
export const listGroupMembers = createRoute({ ...base, method: 'get', path: '/auth/groups/{groupId}/members', operationId: 'listGroupMembers', request: { params: group, query: pagination }, responses: { 200: jsonContent(UserListSchema, 'group member list'), ...errorResponses(400, 401, 429) } })
export const addGroupMembership = createRoute({ ...base, method: 'put', path: '/auth/groups/{groupId}/members/{userId}', operationId: 'addGroupMembership', request: { params: groupMember }, responses: { 201: done('membership added successfully'), ...errorResponses(400, 401, 404, 429) } })
export const deleteGroupMembership = createRoute({ ...base, method: 'delete', path: '/auth/groups/{groupId}/members/{userId}', operationId: 'deleteGroupMembership', request: { params: groupMember }, responses: { 204: done('membership deleted successfully'), ...errorResponses(400, 401, 404, 429) } })
export const listGroupPolicies = createRoute({ ...base, method: 'get', path: '/auth/groups/{groupId}/policies', operationId: 'listGroupPolicies', request: { params: group, query: pagination }, responses: { 200: jsonContent(PolicyListSchema, 'policy list'), ...errorResponses(400, 401, 404, 429) } })
export const attachPolicyToGroup = createRoute({ ...base, method: 'put', path: '/auth/groups/{groupId}/policies/{policyId}', operationId: 'attachPolicyToGroup', request: { params: groupPolicy }, responses: { 201: done('policy attached successfully'), ...errorResponses(400, 401, 404, 429) } })
export const detachPolicyFromGroup = createRoute({ ...base, method: 'delete', path: '/auth/groups/{groupId}/policies/{policyId}', operationId: 'detachPolicyFromGroup', request: { params: groupPolicy }, responses: { 204: done('policy detached successfully'), ...errorResponses(400, 401, 404, 429) } })
export const getGroupACL = createRoute({ ...base, method: 'get', path: '/auth/groups/{groupId}/acl', operationId: 'getGroupACL', request: { params: group }, responses: { 200: jsonContent(ACLSchema, 'ACL of group'), ...errorResponses(400, 401, 404, 429) } })
export const setGroupACL = createRoute({ ...base, method: 'post', path: '/auth/groups/{groupId}/acl', operationId: 'setGroupACL', request: { params: group, body: jsonBody(ACLSchema) }, responses: { 201: done('ACL successfully changed'), ...errorResponses(400, 401, 404, 429) } })

export const listPolicies = createRoute({ ...base, method: 'get', path: '/auth/policies', operationId: 'listPolicies', request: { query: pagination }, responses: { 200: jsonContent(PolicyListSchema, 'policy list'), ...errorResponses(400, 401, 429) } })
export const createPolicy = createRoute({ ...base, method: 'post', path: '/auth/policies', operationId: 'createPolicy', request: { body: jsonBody(PolicySchema) }, responses: { 201: jsonContent(PolicySchema, 'policy'), ...errorResponses(400, 401, 409, 429) } })
export const getPolicy = createRoute({ ...base, method: 'get', path: '/auth/policies/{policyId}', operationId: 'getPolicy', request: { params: policy }, responses: { 200: jsonContent(PolicySchema, 'policy'), ...errorResponses(400, 401, 404, 429) } })
export const updatePolicy = createRoute({ ...base, method: 'put', path: '/auth/policies/{policyId}', operationId: 'updatePolicy', request: { params: policy, body: jsonBody(PolicySchema) }, responses: { 200: jsonContent(PolicySchema, 'policy'), ...errorResponses(400, 401, 404, 429) } })
export const deletePolicy = createRoute({ ...base, method: 'delete', path: '/auth/policies/{policyId}', operationId: 'deletePolicy', request: { params: policy }, responses: { 204: done('policy deleted successfully'), ...errorResponses(400, 401, 404, 429) } })

export const listUserGroups = createRoute({ ...base, method: 'get', path: '/auth/users/{userId}/groups', operationId: 'listUserGroups', request: { params: user, query: pagination }, responses: { 200: jsonContent(GroupListSchema, 'group list'), ...errorResponses(400, 401, 404, 429) } })
export const listUserPolicies = createRoute({ ...base, method: 'get', path: '/auth/users/{userId}/policies', operationId: 'listUserPolicies', request: { params: user, query: z.object({ ...PaginationQuery, effective: z.string().optional().openapi({ param: { name: 'effective', in: 'query' } }) }) }, responses: { 200: jsonContent(PolicyListSchema, 'policy list'), ...errorResponses(400, 401, 404, 429) } })
export const attachPolicyToUser = createRoute({ ...base, method: 'put', path: '/auth/users/{userId}/policies/{policyId}', operationId: 'attachPolicyToUser', request: { params: userPolicy }, responses: { 201: done('policy attached successfully'), ...errorResponses(400, 401, 404, 429) } })
export const detachPolicyFromUser = createRoute({ ...base, method: 'delete', path: '/auth/users/{userId}/policies/{policyId}', operationId: 'detachPolicyFromUser', request: { params: userPolicy }, responses: { 204: done('policy detached successfully'), ...errorResponses(400, 401, 404, 429) } })

const external = { tags: ['auth', 'external', 'experimental'], security: basicAuth }
export const createUserExternalPrincipal = createRoute({ ...external, method: 'post', path: '/auth/users/{userId}/external/principals', operationId: 'createUserExternalPrincipal', request: { params: user, query: principalQuery, body: jsonBody(ExternalPrincipalCreationSchema, false) }, responses: { 201: done('external principal attached successfully'), ...errorResponses(400, 401, 404, 409, 429) } })
export const deleteUserExternalPrincipal = createRoute({ ...external, method: 'delete', path: '/auth/users/{userId}/external/principals', operationId: 'deleteUserExternalPrincipal', request: { params: user, query: principalQuery }, responses: { 204: done('external principal detached successfully'), ...errorResponses(400, 401, 404, 429) } })
export const listUserExternalPrincipals = createRoute({ ...external, method: 'get', path: '/auth/users/{userId}/external/principals/ls', operationId: 'listUserExternalPrincipals', request: { params: user, query: pagination }, responses: { 200: jsonContent(ExternalPrincipalListSchema, 'list of user external principals'), ...errorResponses(400, 401, 404, 429) } })
export const getExternalPrincipal = createRoute({ ...external, method: 'get', path: '/auth/external/principals', operationId: 'getExternalPrincipal', request: { query: principalQuery }, responses: { 200: jsonContent(ExternalPrincipalSchema, 'external principal'), ...errorResponses(400, 401, 404, 429) } })
export const externalPrincipalLogin = createRoute({ ...external, security: [], method: 'post', path: '/auth/external/principal/login', operationId: 'externalPrincipalLogin', request: { body: jsonBody(ExternalLoginInformationSchema, false) }, responses: { 200: jsonContent(AuthenticationTokenSchema, 'successful external login'), ...errorResponses(400, 401, 403, 404, 429) } })
export const stsLogin = createRoute({ tags: ['experimental'], security: [], method: 'post', path: '/sts/login', operationId: 'stsLogin', request: { body: jsonBody(StsAuthRequestSchema) }, responses: { 200: jsonContent(AuthenticationTokenSchema, 'successful STS login'), ...errorResponses(400, 401, 429) } })
export const oauthCallback = createRoute({ tags: ['auth'], security: [], method: 'get', path: '/oidc/callback', operationId: 'oauthCallback', responses: { 302: done('successfully got token'), 401: done('failed to exchange authorization code for token'), default: errorResponses()['default']! } })
