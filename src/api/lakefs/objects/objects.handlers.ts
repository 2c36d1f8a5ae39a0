/** Handlers for object reads, listings, uploads and the branch diff. */
import type { Context } from 'hono'
import { StoreError, ValidationError } from '../../../emulator/errors.js'
import { storageClassOf } from '../../../emulator/blockstore.js'
import { pageAmount } from '../../../emulator/catalog/pagination.js'
import { signedIn } from '../auth.js'
import { toCommonPrefix, toDiff, toObjectStats, toPagination } from '../dto.js'
import type * as routes from './objects.routes.js'
import type { LakeFSEnv, LakeFSHandler } from '../create-router.js'
import { presignNotSupported } from '../presign.js'
import { parseGoBool } from '../query-params.js'

const META_HEADER = 'x-lakefs-meta-'
const INTERNAL_HEADER = 'x-lakefs-internal-'

/**
 * A full physical address as the client gets it: as is, or pre-signed for the store's endpoint
 * (controller.go StatObject / ListObjects with presign, block.ErrOperationNotSupported as 501).
 */
function addressFor(c: Context<LakeFSEnv>, physicalAddress: string, presign: boolean | undefined): { physical_address: string; physical_address_expiry?: number } {
  if (!presign) return { physical_address: physicalAddress }
  if (!c.var.presigner.enabled(c.var.emulator.blockstore)) throw presignNotSupported()
  const signed = c.var.presigner.sign('GET', physicalAddress)
  return { physical_address: signed.url, physical_address_expiry: signed.expiresAt }
}

/** getObject and headObject (Hono answers HEAD with the GET handler, minus the body). */
function serveObject(c: Context<LakeFSEnv>): Response {
  const { emulator } = signedIn(c)
  const { repository, ref } = c.req.param() as { repository: string; ref: string }
  const { repo, entry } = emulator.objects.stat(repository, ref, c.req.query('path') ?? '')
  // getObject with presign: a redirect to the object in the store (controller.go GetObject, 302 Found).
  if (c.req.method === 'GET' && parseGoBool(c.req.query('presign') ?? '')) {
    return c.redirect(addressFor(c, emulator.objects.physicalAddress(repo, entry), true).physical_address, 302)
  }
  const headers: Record<string, string> = {
    'Content-Type': entry.contentType || 'application/octet-stream',
    ETag: `"${entry.checksum}"`,
    'Last-Modified': new Date(entry.mtimeMs).toUTCString(),
  }
  const requested = parseRange(c.req.header('Range'))
  const { bytes, start, end } = emulator.objects.read(repo, entry, requested)
  headers['Content-Length'] = String(bytes.length)
  if (!requested) return c.body(bytes as Uint8Array<ArrayBuffer>, 200, headers)
  headers['Content-Range'] = `bytes ${start}-${end}/${entry.size}`
  return c.body(bytes as Uint8Array<ArrayBuffer>, 206, headers)
}

export const getObject: LakeFSHandler<typeof routes.getObject> = (c) => serveObject(c) as never
export const headObject: LakeFSHandler<typeof routes.headObject> = (c) => serveObject(c) as never

export const statObject: LakeFSHandler<typeof routes.statObject> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, ref } = c.req.valid('param')
  const q = c.req.valid('query')
  const { repo, entry } = emulator.objects.stat(repository, ref, q.path)
  const stats = toObjectStats(q.path, entry, emulator.objects.physicalAddress(repo, entry), q.user_metadata ?? true)
  return c.json({ ...stats, ...addressFor(c, stats.physical_address, q.presign) }, 200)
}

export const listObjects: LakeFSHandler<typeof routes.listObjects> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, ref } = c.req.valid('param')
  const q = c.req.valid('query')
  const page = emulator.objects.list(repository, ref, { ...q, amount: pageAmount(q.amount) })
  const repo = emulator.refs.getRepository(repository)
  const results = page.results.map((item) =>
    item.kind === 'prefix'
      ? toCommonPrefix(item.path)
      : toObjectStats(item.path, item.entry, emulator.objects.physicalAddress(repo, item.entry), q.user_metadata ?? true)
  )
  if (q.presign) {
    for (const r of results) if (r.path_type === 'object') Object.assign(r, addressFor(c, r.physical_address!, true))
  }
  return c.json({ pagination: toPagination(page), results }, 200)
}

export const uploadObject: LakeFSHandler<typeof routes.uploadObject> = async (c) => {
  const { emulator } = signedIn(c)
  const { repository, branch } = c.req.valid('param')
  const requestType = c.req.header('Content-Type')
  let bytes: Uint8Array
  let contentType = requestType
  if (requestType?.startsWith('multipart/form-data')) {
    // One file named "content"; its part's content type is the object's (controller.go UploadObject).
    // A body that is not the multipart it claims is the client's error (lakeFS: 400), not ours.
    const form = await c.req.parseBody().catch((err: Error) => {
      throw new ValidationError(`request body has an error: failed to decode request body: ${err.message}`)
    })
    const file = form.content
    if (!(file instanceof File)) throw new ValidationError('request body has an error: doesn\'t match schema: Error at "/content": a file named "content" is required')
    bytes = new Uint8Array(await file.arrayBuffer())
    contentType = file.type || undefined
  } else {
    bytes = new Uint8Array(await c.req.arrayBuffer())
  }
  const metadata = userMetadataOf(c.req.header())
  const path = c.req.valid('query').path
  const { repo, entry } = emulator.objects.upload(repository, branch, path, {
    bytes,
    contentType,
    metadata,
    ifNoneMatch: c.req.valid('header')['If-None-Match'],
    force: c.req.valid('query').force,
  })
  return c.json(toObjectStats(path, entry, emulator.objects.physicalAddress(repo, entry)), 201)
}

export const deleteObject: LakeFSHandler<typeof routes.deleteObject> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, branch } = c.req.valid('param')
  const q = c.req.valid('query')
  emulator.objects.delete(repository, branch, q.path, q.force)
  return c.body(null, 204)
}

export const deleteObjects: LakeFSHandler<typeof routes.deleteObjects> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, branch } = c.req.valid('param')
  const failed = emulator.objects.deleteMany(repository, branch, c.req.valid('json').paths, c.req.valid('query').force)
  return c.json({ errors: failed.map((e) => ({ path: e.path, status_code: e.status, message: e.message })) }, 200)
}

export const copyObject: LakeFSHandler<typeof routes.copyObject> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, branch } = c.req.valid('param')
  const destPath = c.req.valid('query').dest_path
  const body = c.req.valid('json')
  const { repo, entry } = emulator.objects.copy(repository, branch, destPath, {
    path: body.src_path,
    ref: body.src_ref,
    shallow: body.shallow,
    force: body.force,
  })
  return c.json(toObjectStats(destPath, entry, emulator.objects.physicalAddress(repo, entry)), 201)
}

export const updateObjectUserMetadata: LakeFSHandler<typeof routes.updateObjectUserMetadata> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, branch } = c.req.valid('param')
  emulator.objects.updateUserMetadata(repository, branch, c.req.valid('query').path, c.req.valid('json').set)
  return c.body(null, 201)
}

export const diffBranch: LakeFSHandler<typeof routes.diffBranch> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, branch } = c.req.valid('param')
  const q = c.req.valid('query')
  const page = emulator.objects.diffBranch(repository, branch, { ...q, amount: pageAmount(q.amount) })
  return c.json({ pagination: toPagination(page), results: page.results.map(toDiff) }, 200)
}


/** `bytes=a-b`, `bytes=a-` or `bytes=-n` (lakeFS serves one range). */
function parseRange(header: string | undefined): { start?: number; end?: number } | undefined {
  const m = header && /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!m) return undefined
  const start = m[1] ? Number(m[1]) : undefined
  const end = m[2] ? Number(m[2]) : undefined
  if (start === undefined && end === undefined) return undefined
  return { start, end }
}

/**
 * User metadata from upload headers, keyed as lakeFS keys it (controller.go `extractLakeFSMetadata`):
 * `X-Lakefs-Meta-Owner: x` is `owner`, and `X-Lakefs-Internal-Mtime: x` is `::lakefs::mtime`
 * (the prefix lakectl maps its own `::lakefs::` keys to).
 */
function userMetadataOf(headers: Record<string, string>): Record<string, string> {
  const metadata: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase()
    if (key.startsWith(META_HEADER)) metadata[key.slice(META_HEADER.length)] = value
    else if (key.startsWith(INTERNAL_HEADER)) metadata[`::lakefs::${key.slice(INTERNAL_HEADER.length)}`] = value
  }
  return metadata
}

/**
 * controller.go GetUnderlyingProperties: the storage class the blockstore's adapter reports for the
 * object's bytes; bytes that are gone are lakeFS's 500.
 */
export const getUnderlyingProperties: LakeFSHandler<typeof routes.getUnderlyingProperties> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, ref } = c.req.valid('param')
  const { repo, entry } = emulator.objects.stat(repository, ref, c.req.valid('query').path)
  const stored = emulator.world.store.stat(emulator.objects.physicalAddress(repo, entry))
  if (!stored) throw new StoreError('not found')
  return c.json({ storage_class: storageClassOf(emulator.blockstore.type) }, 200)
}
