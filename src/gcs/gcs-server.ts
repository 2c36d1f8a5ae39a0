/**
 * The GCS JSON API over the fake store, as fake-gcs-server serves it to the official clients
 * (`STORAGE_EMULATOR_HOST=http://127.0.0.1:4443`): buckets, objects, media downloads with ranges,
 * simple, multipart and resumable uploads, copy, rewrite, compose, patch, and generation and
 * metageneration preconditions; errors in GCS's JSON. No authentication, as fake-gcs-server.
 */
import type { ObjectStore } from '../fakestore/object-store.js'
import { GcsError, gcsErrors } from './gcs-errors.js'
import { checkPreconditions, type GcsContext, type GcsObject, GcsObjects, type GcsState } from './gcs-objects.js'
import { type GcsCall, resolveGcs } from './gcs-request.js'
import { bucketResource, objectResource } from './gcs-resources.js'
import { GcsWrites } from './gcs-writes.js'
import { verifyGcsUrl } from './gcs-signed-url.js'

export interface GcsServerOptions {
  readonly store: () => ObjectStore
  readonly clock: () => number
  readonly maxObjectBytes: number
  /** Secrets of the keys signed URLs may name, and the wall clock their expiry is checked against. */
  readonly secretFor?: (accessKeyId: string) => string | undefined
  readonly wallClock?: () => number
  readonly onInternalError?: (err: unknown) => void
  /** Errors to let through to the server (a dropped connection). */
  readonly rethrow?: (err: unknown) => boolean
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=UTF-8', ...headers } })

export class GcsServer {
  readonly #states = new WeakMap<ObjectStore, GcsState>()
  readonly writes: GcsWrites

  constructor(private readonly options: GcsServerOptions) {
    this.writes = new GcsWrites(options.maxObjectBytes, (o, origin, objects) => this.resource(o, origin, objects))
  }

  resolve(request: Request): GcsCall {
    return resolveGcs(request)
  }

  /** Runs `before` (fault rules) first, then the operation. */
  async fetch(request: Request, call: GcsCall, before?: () => Promise<void>): Promise<Response> {
    try {
      await before?.()
      const store = this.options.store()
      let state = this.#states.get(store)
      if (!state) this.#states.set(store, (state = { attributes: new Map(), writes: 0 }))
      const url = new URL(request.url)
      if (url.searchParams.has('X-Goog-Signature')) verifyGcsUrl(request.method, url, this.options.secretFor ?? (() => undefined), (this.options.wallClock ?? Date.now)())
      const ctx: GcsContext = { request, call, url, origin: url.origin, objects: new GcsObjects(store, this.options.clock, state) }
      return await this.#route(ctx)
    } catch (err) {
      if (err instanceof GcsError) return err.response()
      if (this.options.rethrow?.(err)) throw err
      this.options.onInternalError?.(err)
      return new GcsError(500, 'backendError', 'Internal error').response()
    }
  }

  #route(ctx: GcsContext): Promise<Response> | Response {
    const { call, objects, origin } = ctx
    const bucket = call.bucket ?? ''
    switch (call.operation) {
      case 'ListBuckets':
        return json({ kind: 'storage#buckets', items: objects.buckets().map((b) => bucketResource(origin, b)) })
      case 'GetBucket':
        return json(bucketResource(origin, objects.bucket(bucket)))
      case 'InsertBucket':
        return this.#insertBucket(ctx)
      case 'DeleteBucket':
        objects.deleteBucket(bucket)
        return new Response(null, { status: 204 })
      case 'ListObjects':
        return json(this.#list(ctx))
      case 'GetObject':
        return json(this.resource(this.#readable(ctx), origin, objects))
      case 'DownloadObject':
        return this.#download(ctx)
      case 'DeleteObject':
        objects.delete(this.#checked(ctx, objects.find(bucket, call.object ?? ''), true))
        return new Response(null, { status: 204 })
      case 'PatchObject':
        return this.writes.patch(ctx, this.#checked(ctx, objects.find(bucket, call.object ?? ''), true)).then(json)
      case 'Unsupported':
        throw gcsErrors.unsupported(`${ctx.request.method} ${ctx.url.pathname}`)
      default:
        return this.writes.handle(ctx).then((r) => (r instanceof Response ? r : json(r)))
    }
  }

  resource(o: GcsObject, origin: string, objects: GcsObjects) {
    return objectResource(origin, o, objects.crc32c(o))
  }

  async #insertBucket(ctx: GcsContext): Promise<Response> {
    const body = (await ctx.request.json().catch(() => ({}))) as { name?: unknown }
    if (typeof body.name !== 'string' || !body.name) throw gcsErrors.required('bucket name')
    return json(bucketResource(ctx.origin, ctx.objects.createBucket(body.name)))
  }

  #list(ctx: GcsContext) {
    const q = ctx.url.searchParams
    const prefix = q.get('prefix') ?? ''
    const maxResults = Math.min(Number(q.get('maxResults') ?? 1000) || 1000, 1000)
    const token = q.get('pageToken')
    const startOffset = q.get('startOffset') ?? ''
    // Listing resumes after the token's key, or at startOffset (inclusive, where the listing's bound is exclusive).
    const after = token ? Buffer.from(token, 'base64url').toString('utf8') : startOffset ? justBefore(startOffset) : ''
    const page = ctx.objects.list(ctx.call.bucket ?? '', { prefix, delimiter: q.get('delimiter') ?? '', after, maxKeys: maxResults })
    const endOffset = q.get('endOffset')
    const items = page.items.filter((i) => i.kind === 'object' && (!endOffset || i.key < endOffset))
    const prefixes = page.items.flatMap((i) => (i.kind === 'prefix' ? [i.prefix] : []))
    const last = page.items.at(-1)
    const lastKey = last === undefined ? '' : last.kind === 'prefix' ? `${last.prefix}\u{10FFFF}` : last.key
    return {
      kind: 'storage#objects',
      ...(prefixes.length && { prefixes }),
      ...(items.length && { items: items.map((i) => i.kind === 'object' && this.resource(ctx.objects.describe(ctx.call.bucket ?? '', i.key, i.stored), ctx.origin, ctx.objects)) }),
      ...(page.truncated && { nextPageToken: Buffer.from(lastKey).toString('base64url') }),
    }
  }

  /** The object a read names, its preconditions checked (a failed *NotMatch is 304, as GCS answers a read). */
  #readable(ctx: GcsContext): GcsObject {
    return this.#checked(ctx, ctx.objects.find(ctx.call.bucket ?? '', ctx.call.object ?? ''), false)
  }

  #checked(ctx: GcsContext, found: GcsObject | undefined, write: boolean): GcsObject {
    if (!found) throw gcsErrors.noObject(ctx.call.bucket ?? '', ctx.call.object ?? '')
    const q = ctx.url.searchParams
    const generation = q.get('generation')
    if (generation !== null && generation !== found.generation) throw gcsErrors.noObject(ctx.call.bucket ?? '', ctx.call.object ?? '')
    checkPreconditions(q, found, write)
    return found
  }

  #download(ctx: GcsContext): Response {
    const o = this.#readable(ctx)
    const size = o.stored.size
    const headers: Record<string, string> = {
      'Content-Type': o.stored.contentType ?? 'application/octet-stream',
      'X-Goog-Generation': o.generation,
      'X-Goog-Metageneration': String(o.metageneration),
      'X-Goog-Stored-Content-Length': String(size),
      'X-Goog-Hash': [`crc32c=${ctx.objects.crc32c(o)}`, ...(/^[0-9a-f]{32}$/.test(o.stored.etag) ? [`md5=${Buffer.from(o.stored.etag, 'hex').toString('base64')}`] : [])].join(','),
      ETag: Buffer.from(`${o.generation}/${o.metageneration}`).toString('base64'),
      'Accept-Ranges': 'bytes',
      'Last-Modified': new Date(o.stored.lastModified).toUTCString(),
    }
    const range = parseRange(ctx.request.headers.get('range'), size)
    const head = ctx.request.method === 'HEAD'
    if (!range) return new Response(head ? null : (ctx.objects.read(o) as Uint8Array<ArrayBuffer>), { status: 200, headers: { ...headers, 'Content-Length': String(size) } })
    const [start, end] = range
    const bytes = ctx.objects.read(o, start, end + 1) as Uint8Array<ArrayBuffer>
    return new Response(head ? null : bytes, { status: 206, headers: { ...headers, 'Content-Length': String(bytes.length), 'Content-Range': `bytes ${start}-${end}/${size}` } })
  }
}

/**
 * A key that sorts before `key` with no stored key between them: `key` with its last code point one
 * lower and the highest code point after it (or, for a last code point 0, `key` without it).
 */
function justBefore(key: string): string {
  const points = [...key]
  const last = points.pop()!.codePointAt(0)!
  return last === 0 ? points.join('') : points.join('') + String.fromCodePoint(last - 1) + '\u{10FFFF}'
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n`; undefined for none or a form we do not serve; 416 past the end. */
function parseRange(header: string | null, size: number): [number, number] | undefined {
  const m = header === null ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!m || (m[1] === '' && m[2] === '')) return undefined
  const [start, end] = m[1] === '' ? [Math.max(0, size - Number(m[2])), size - 1] : [Number(m[1]), m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)]
  if (start >= size || start > end) throw gcsErrors.rangeNotSatisfiable()
  return [start, end]
}
