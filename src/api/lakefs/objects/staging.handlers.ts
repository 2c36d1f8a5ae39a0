/**
 * Staging handlers (controller.go GetPhysicalAddress, LinkPhysicalAddress and the presign multipart
 * upload): addresses handed out for a client to write to directly, then linked as staged entries.
 */
import { errors, ValidationError, wrapError } from '../../../emulator/errors.js'
import { describeBlockstore } from '../../../emulator/blockstore.js'
import { signedIn } from '../auth.js'
import type { LakeFSHandler } from '../create-router.js'
import { seconds, toObjectStats } from '../dto.js'
import { presignNotSupported } from '../presign.js'
import type * as routes from './staging.routes.js'

const MAX_PARTS = 10_000

export const getPhysicalAddress: LakeFSHandler<typeof routes.getPhysicalAddress> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, branch } = c.req.valid('param')
  const { presign } = c.req.valid('query')
  if (presign && !c.var.presigner.enabled(emulator.blockstore)) throw presignNotSupported()
  const { physicalAddress } = emulator.links.issue(repository, branch)
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
  const { entry } = emulator.links.link(repository, branch, path, {
    physicalAddress,
    checksum: body.checksum,
    size: body.size_bytes,
    contentType: body.content_type,
    metadata: body.user_metadata ?? {},
    mtime: body.mtime ?? undefined,
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
  const { physicalAddress } = emulator.links.issue(repository, branch)
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
  const { entry } = emulator.links.link(repository, branch, path, {
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

/** controller.go UploadPart: a fresh pre-signed URL for a part of an upload whose address is still to be linked. */
export const uploadPart: LakeFSHandler<typeof routes.uploadPart> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, uploadId, partNumber } = c.req.valid('param')
  const { physical_address: physicalAddress } = c.req.valid('json')
  emulator.links.verify(repository, physicalAddress)
  if (!c.var.presigner.enabled(emulator.blockstore)) throw presignNotSupported()
  return c.json({ presigned_url: c.var.presigner.signPart(physicalAddress, uploadId, partNumber).url }, 200)
}

/**
 * controller.go UploadPartCopy: a part copied from a lakeFS object, whole or `bytes=start-end`. The ETag
 * comes back unquoted in the header, as lakeFS's S3 adapter trims it.
 */
export const uploadPartCopy: LakeFSHandler<typeof routes.uploadPartCopy> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, uploadId, partNumber } = c.req.valid('param')
  const { physical_address: physicalAddress, copy_source: source } = c.req.valid('json')
  emulator.refs.getRepository(repository)
  emulator.refs.getRepository(source.repository)
  emulator.links.verify(repository, physicalAddress)
  let found
  try {
    found = emulator.objects.stat(source.repository, source.ref, source.path)
  } catch (err) {
    throw wrapError(err, `${source.repository}/${source.ref}/${source.path}`)
  }
  const range = source.range === undefined ? undefined : copyRange(source.range)
  const { bytes } = emulator.objects.read(found.repo, found.entry, range)
  if (!c.var.presigner.enabled(emulator.blockstore)) throw presignNotSupported()
  const etag = c.var.presigner.copyPart(physicalAddress, uploadId, partNumber, bytes)
  return c.body(null, 204, { ETag: etag })
}

/**
 * The range controller.go reads with Sscanf("bytes=%d-%d"). lakeFS answers a range it cannot read, or
 * one the object does not hold, with a 500 from its adapter; the emulator answers 400 (docs/differences.md).
 */
function copyRange(range: string): { start: number; end: number } {
  const match = /^bytes=(\d+)-(\d+)$/.exec(range)
  const start = Number(match?.[1])
  const end = Number(match?.[2])
  if (!match || end < start) throw errors.invalid(`parse range "${range}": expected bytes=<first>-<last>`)
  return { start, end }
}

/** controller.go StageObject (deprecated): an entry at an address in the blockstore, nothing read or verified. */
export const stageObject: LakeFSHandler<typeof routes.stageObject> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, branch } = c.req.valid('param')
  const { path } = c.req.valid('query')
  const body = c.req.valid('json')
  const repo = emulator.refs.getRepository(repository)
  const { namespaceValidityRegex, blockstoreType } = describeBlockstore(emulator.blockstore)
  if (!new RegExp(namespaceValidityRegex).test(body.physical_address)) throw errors.invalid(`physical address is not valid for block adapter: ${blockstoreType}`)
  const { entry } = emulator.links.stage(repository, branch, path, {
    physicalAddress: body.physical_address,
    checksum: body.checksum,
    size: body.size_bytes,
    contentType: body.content_type,
    metadata: body.metadata ?? {},
    mtime: body.mtime,
    force: body.force,
  })
  return c.json(
    {
      checksum: entry.checksum,
      mtime: seconds(entry.mtimeMs),
      path,
      path_type: 'object' as const,
      physical_address: emulator.objects.physicalAddress(repo, entry),
      size_bytes: entry.size,
      content_type: body.content_type ?? '',
    },
    201
  )
}

/** controller.go UploadObjectPreflight: authorization only (every user may write in OSS). */
export const uploadObjectPreflight: LakeFSHandler<typeof routes.uploadObjectPreflight> = (c) => {
  signedIn(c)
  return c.body(null, 204)
}
