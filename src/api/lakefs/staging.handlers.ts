/**
 * Staging handlers (controller.go GetPhysicalAddress, LinkPhysicalAddress and the presign multipart
 * upload): addresses handed out for a client to write to directly, then linked as staged entries.
 */
import { ValidationError } from '../../emulator/errors.js'
import { signedIn } from './auth.js'
import type { LakeFSHandler } from './create-router.js'
import { toObjectStats } from './dto.js'
import { presignNotSupported } from './presign.js'
import type * as routes from './staging.routes.js'

const MAX_PARTS = 10_000

export const getPhysicalAddress: LakeFSHandler<typeof routes.getPhysicalAddress> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, branch } = c.req.valid('param')
  const { presign } = c.req.valid('query')
  if (presign && !c.var.presigner.enabled(emulator.blockstore)) throw presignNotSupported()
  const { physicalAddress } = emulator.objects.issueLinkAddress(repository, branch)
  if (!presign) return c.json({ physical_address: physicalAddress }, 200)
  const signed = c.var.presigner.sign('PUT', physicalAddress)
  return c.json({ physical_address: physicalAddress, presigned_url: signed.url, presigned_url_expiry: signed.expiresAt }, 200)
}

export const linkPhysicalAddress: LakeFSHandler<typeof routes.linkPhysicalAddress> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, branch } = c.req.valid('param')
  const { path } = c.req.valid('query')
  const body = c.req.valid('json')
  const physicalAddress = body.staging.physical_address ?? ''
  const { entry } = emulator.objects.link(repository, branch, path, {
    physicalAddress,
    checksum: body.checksum,
    size: body.size_bytes,
    contentType: body.content_type,
    metadata: body.user_metadata ?? {},
    ifNoneMatch: c.req.valid('header')['If-None-Match'],
    force: body.force,
  })
  return c.json(toObjectStats(path, entry, physicalAddress), 200)
}

export const createPresignMultipartUpload: LakeFSHandler<typeof routes.createPresignMultipartUpload> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, branch } = c.req.valid('param')
  const { parts } = c.req.valid('query')
  if (!c.var.presigner.enabled(emulator.blockstore)) throw presignNotSupported()
  if (parts !== undefined && (parts < 0 || parts > MAX_PARTS)) throw new ValidationError(`parts must be between 0 and ${MAX_PARTS}`)
  const { physicalAddress } = emulator.objects.issueLinkAddress(repository, branch)
  const { uploadId, urls } = c.var.presigner.createMultipart(physicalAddress, parts ?? 0)
  return c.json({ upload_id: uploadId, physical_address: physicalAddress, presigned_urls: urls }, 201)
}

export const completePresignMultipartUpload: LakeFSHandler<typeof routes.completePresignMultipartUpload> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, branch, uploadId } = c.req.valid('param')
  const { path } = c.req.valid('query')
  const body = c.req.valid('json')
  if (!body) throw new ValidationError('request body has an error: value is required but missing')
  const parts = body.parts.map((p) => ({ partNumber: p.part_number, etag: p.etag }))
  const { etag, size } = c.var.presigner.completeMultipart(body.physical_address, uploadId, parts)
  const { entry } = emulator.objects.link(repository, branch, path, {
    physicalAddress: body.physical_address,
    checksum: etag,
    size,
    contentType: body.content_type,
    metadata: body.user_metadata ?? {},
  })
  return c.json(toObjectStats(path, entry, body.physical_address), 200)
}

export const abortPresignMultipartUpload: LakeFSHandler<typeof routes.abortPresignMultipartUpload> = (c) => {
  signedIn(c)
  const { uploadId } = c.req.valid('param')
  const body = c.req.valid('json')
  if (!body) throw new ValidationError('request body has an error: value is required but missing')
  c.var.presigner.abortMultipart(body.physical_address, uploadId)
  return c.body(null, 204)
}
