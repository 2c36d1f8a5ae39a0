/** Handlers for lakeFS's metadata objects and symlink files (controller.go GetMetaRange, GetRange, GetMetadataObject, CreateSymlinkFile). */
import { GoneError } from '../../../emulator/errors.js'
import { signedIn } from '../auth.js'
import type { LakeFSHandler } from '../create-router.js'
import type * as routes from './metadata.routes.js'
import { presignNotSupported } from '../presign.js'

/** controller.go GetMetaRange: the address, relative to the namespace, in the body and the Location header. */
export const getMetaRange: LakeFSHandler<typeof routes.getMetaRange> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, meta_range: id } = c.req.valid('param')
  const location = emulator.metadata.address(repository, 'meta_range', id)
  return c.json({ location }, 200, locationHeader(location))
}

/**
 * The Location header, when the address can be one: Go writes any bytes into a header, a Fetch
 * Response refuses control characters (an ID is the client's to choose), and the body says it anyway.
 */
function locationHeader(location: string): Record<string, string> {
  return /^[\t\x20-\x7e\x80-\xff]*$/.test(location) ? { Location: location } : {}
}

export const getRange: LakeFSHandler<typeof routes.getRange> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, range: id } = c.req.valid('param')
  const location = emulator.metadata.address(repository, 'range', id)
  return c.json({ location }, 200, locationHeader(location))
}

/**
 * controller.go GetMetadataObject: the file's bytes, or with `presign` a redirect to a pre-signed URL
 * for it; an ID with no file is the blockstore's "No data" (410).
 */
export const getMetadataObject: LakeFSHandler<typeof routes.getMetadataObject> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, type, object_id: id } = c.req.valid('param')
  const found = emulator.metadata.locate(repository, type, id)
  if (c.req.valid('query').presign) {
    if (!c.var.presigner.enabled(emulator.blockstore)) throw presignNotSupported()
    if (!found) throw new GoneError('No data')
    return c.redirect(c.var.presigner.sign('GET', found.uri).url, 302)
  }
  if (!found) throw new GoneError('No data')
  const bytes = emulator.world.store.read(found.uri)
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': String(bytes.length),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'SAMEORIGIN',
    'Content-Security-Policy': "default-src 'none'",
  })
}

/** controller.go CreateSymlinkFile: the files written, and where they are (a listing with no objects writes none). */
export const createSymlinkFile: LakeFSHandler<typeof routes.createSymlinkFile> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, branch } = c.req.valid('param')
  return c.json({ location: emulator.symlinks.create(repository, branch, c.req.valid('query').location ?? '') }, 201)
}
