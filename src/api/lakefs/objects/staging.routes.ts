/** Staging: getPhysicalAddress, linkPhysicalAddress and the pre-signed multipart upload (lakeFS's swagger.yml). */
import { createRoute, z } from '@hono/zod-openapi'
import { basicAuth, branchParam, errorResponses, jsonBody, jsonContent, ObjectStatsSchema, ObjectUserMetadataSchema, repositoryParam, StringMap } from '../schemas.js'
import { pathInteger, queryBoolean, queryInteger } from '../query-params.js'

const branchParams = z.object({ repository: repositoryParam, branch: branchParam })
const uploadParams = branchParams.extend({ uploadId: z.string().openapi({ param: { name: 'uploadId', in: 'path' } }) })
const pathQuery = z.string().openapi({ param: { name: 'path', in: 'query' } })
const partParams = uploadParams.extend({ partNumber: pathInteger('partNumber', { min: 1, max: 10_000 }) })

export const StagingLocationSchema = z
  .object({
    physical_address: z.string().optional(),
    presigned_url: z.string().nullable().optional(),
    presigned_url_expiry: z.number().int().optional(),
  })
  .openapi('StagingLocation')

export const StagingMetadataSchema = z
  .object({
    staging: StagingLocationSchema,
    checksum: z.string(),
    size_bytes: z.number().int(),
    user_metadata: StringMap.optional(),
    content_type: z.string().optional(),
    mtime: z.number().int().nullable().optional(),
    force: z.boolean().optional(),
  })
  .openapi('StagingMetadata')

export const PresignMultipartUploadSchema = z
  .object({ upload_id: z.string(), physical_address: z.string(), presigned_urls: z.array(z.string()).optional() })
  .openapi('PresignMultipartUpload')

const UploadPartSchema = z.object({ part_number: z.number().int(), etag: z.string() }).openapi('UploadPart')

export const CompletePresignMultipartUploadSchema = z
  .object({ physical_address: z.string(), parts: z.array(UploadPartSchema), user_metadata: StringMap.optional(), content_type: z.string().optional() })
  .openapi('CompletePresignMultipartUpload')

export const AbortPresignMultipartUploadSchema = z.object({ physical_address: z.string() }).openapi('AbortPresignMultipartUpload')

export const getPhysicalAddress = createRoute({
  method: 'get',
  path: '/repositories/{repository}/branches/{branch}/staging/backing',
  operationId: 'getPhysicalAddress',
  tags: ['staging'],
  security: basicAuth,
  request: { params: branchParams, query: z.object({ path: pathQuery, presign: queryBoolean('presign') }) },
  responses: { 200: jsonContent(StagingLocationSchema, 'physical address for staging area'), ...errorResponses(400, 401, 404, 429) },
})

export const linkPhysicalAddress = createRoute({
  method: 'put',
  path: '/repositories/{repository}/branches/{branch}/staging/backing',
  operationId: 'linkPhysicalAddress',
  tags: ['staging'],
  security: basicAuth,
  request: {
    params: branchParams,
    query: z.object({ path: pathQuery }),
    headers: z.object({ 'If-None-Match': z.string().optional().openapi({ param: { name: 'If-None-Match', in: 'header' } }) }),
    body: jsonBody(StagingMetadataSchema),
  },
  responses: { 200: jsonContent(ObjectStatsSchema, 'object metadata'), ...errorResponses(400, 401, 403, 404, 412, 429) },
})

export const createPresignMultipartUpload = createRoute({
  method: 'post',
  path: '/repositories/{repository}/branches/{branch}/staging/pmpu',
  operationId: 'createPresignMultipartUpload',
  tags: ['experimental'],
  security: basicAuth,
  request: { params: branchParams, query: z.object({ path: pathQuery, parts: queryInteger('parts') }) },
  responses: { 201: jsonContent(PresignMultipartUploadSchema, 'Presign multipart upload initiated'), ...errorResponses(400, 401, 404, 429) },
})

export const completePresignMultipartUpload = createRoute({
  method: 'put',
  path: '/repositories/{repository}/branches/{branch}/staging/pmpu/{uploadId}',
  operationId: 'completePresignMultipartUpload',
  tags: ['experimental'],
  security: basicAuth,
  request: { params: uploadParams, query: z.object({ path: pathQuery }), body: jsonBody(CompletePresignMultipartUploadSchema, false) },
  responses: { 200: jsonContent(ObjectStatsSchema, 'Presign multipart upload completed'), ...errorResponses(400, 401, 404, 429) },
})

export const abortPresignMultipartUpload = createRoute({
  method: 'delete',
  path: '/repositories/{repository}/branches/{branch}/staging/pmpu/{uploadId}',
  operationId: 'abortPresignMultipartUpload',
  tags: ['experimental'],
  security: basicAuth,
  request: { params: uploadParams, query: z.object({ path: pathQuery }), body: jsonBody(AbortPresignMultipartUploadSchema, false) },
  responses: { 204: { description: 'Presign multipart upload aborted' }, ...errorResponses(400, 401, 404, 429) },
})

export const UploadPartFromSchema = z.object({ physical_address: z.string() }).openapi('UploadPartFrom')

export const UploadPartCopyFromSchema = z
  .intersection(
    UploadPartFromSchema,
    z.object({
      copy_source: z
        .object({ repository: z.string(), ref: z.string(), path: z.string(), range: z.string().regex(/^bytes=((\d*-\d*,? ?)+)$/).optional() })
        .openapi('CopyPartSource'),
    })
  )
  .openapi('UploadPartCopyFrom')

export const ObjectStageCreationSchema = z
  .object({
    physical_address: z.string(),
    checksum: z.string(),
    size_bytes: z.number().int(),
    mtime: z.number().int().optional(),
    metadata: ObjectUserMetadataSchema.optional(),
    content_type: z.string().optional(),
    force: z.boolean().optional(),
  })
  .openapi('ObjectStageCreation')

export const uploadPart = createRoute({
  method: 'put',
  path: '/repositories/{repository}/branches/{branch}/staging/pmpu/{uploadId}/parts/{partNumber}',
  operationId: 'uploadPart',
  tags: ['experimental'],
  security: basicAuth,
  request: { params: partParams, query: z.object({ path: pathQuery }), body: jsonBody(UploadPartFromSchema) },
  responses: { 200: jsonContent(z.object({ presigned_url: z.string() }).openapi('UploadTo'), 'presigned URL to use for upload'), ...errorResponses(400, 401, 404, 429) },
})

export const uploadPartCopy = createRoute({
  method: 'put',
  path: '/repositories/{repository}/branches/{branch}/staging/pmpu/{uploadId}/parts/{partNumber}/copy',
  operationId: 'uploadPartCopy',
  tags: ['experimental'],
  security: basicAuth,
  request: { params: partParams, query: z.object({ path: pathQuery }), body: jsonBody(UploadPartCopyFromSchema) },
  responses: {
    204: { description: 'part copied', headers: { ETag: { schema: { type: 'string' as const }, description: 'ETag of the uploaded part, pass in completion' } } },
    ...errorResponses(400, 401, 404, 429),
  },
})

export const stageObject = createRoute({
  method: 'put',
  path: '/repositories/{repository}/branches/{branch}/objects',
  operationId: 'stageObject',
  tags: ['internal'],
  deprecated: true,
  security: basicAuth,
  request: { params: branchParams, query: z.object({ path: pathQuery }), body: jsonBody(ObjectStageCreationSchema) },
  responses: { 201: jsonContent(ObjectStatsSchema, 'object metadata'), ...errorResponses(400, 401, 403, 404, 429) },
})

export const uploadObjectPreflight = createRoute({
  method: 'get',
  path: '/repositories/{repository}/branches/{branch}/objects/stage_allowed',
  operationId: 'uploadObjectPreflight',
  tags: ['internal'],
  security: basicAuth,
  request: { params: branchParams, query: z.object({ path: pathQuery }) },
  responses: { 204: { description: 'User has permissions to upload this object' }, ...errorResponses(400, 401, 403, 404, 429) },
})
