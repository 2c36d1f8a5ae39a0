/** GCS's writes: simple, multipart and resumable uploads, copy, rewrite, compose and patch. */
import { gcsErrors } from './gcs-errors.js'
import { checkPreconditions, type GcsContext, type GcsObject, type GcsObjects } from './gcs-objects.js'
import type { objectResource } from './gcs-resources.js'
import { contentRange, type ObjectFields, parseMultipart, type ResumableSession } from './gcs-uploads.js'

type Resource = ReturnType<typeof objectResource>

export class GcsWrites {
  readonly #sessions = new Map<string, ResumableSession>()
  #sessionCount = 0

  constructor(
    private readonly maxObjectBytes: number,
    private readonly resource: (o: GcsObject, origin: string, objects: GcsObjects) => Resource
  ) {}

  async handle(ctx: GcsContext): Promise<Resource | Response | object> {
    switch (ctx.call.operation) {
      case 'UploadObject':
        return this.#upload(ctx)
      case 'StartResumableUpload':
        return this.#startResumable(ctx)
      case 'ResumeUpload':
        return this.#resume(ctx)
      case 'CancelUpload':
        if (!this.#sessions.delete(ctx.url.searchParams.get('upload_id') ?? '')) throw gcsErrors.noUpload()
        return new Response(null, { status: 499 })
      case 'CopyObject':
      case 'RewriteObject':
        return this.#copy(ctx)
      case 'ComposeObject':
        return this.#compose(ctx)
      default:
        throw gcsErrors.unsupported(ctx.call.operation)
    }
  }

  async patch(ctx: GcsContext, existing: GcsObject): Promise<Resource> {
    const body = (await ctx.request.json().catch(() => ({}))) as { contentType?: string; metadata?: Record<string, string | null> | null }
    const metadata = body.metadata === null ? Object.fromEntries(Object.keys(existing.stored.metadata ?? {}).map((k) => [k, null])) : body.metadata
    return this.resource(ctx.objects.patch(existing, { contentType: body.contentType, metadata }), ctx.origin, ctx.objects)
  }

  async #body(request: Request): Promise<Uint8Array> {
    const declared = Number(request.headers.get('content-length') ?? 0)
    if (declared > this.maxObjectBytes) throw gcsErrors.tooLarge(this.maxObjectBytes)
    const bytes = new Uint8Array(await request.arrayBuffer())
    if (bytes.length > this.maxObjectBytes) throw gcsErrors.tooLarge(this.maxObjectBytes)
    return bytes
  }

  /** Writes `name` in `bucket` once its preconditions (on the object it replaces) hold. */
  #write(ctx: GcsContext, query: URLSearchParams, bucket: string, fields: ObjectFields, bytes: Uint8Array, components?: number): Resource {
    const name = fields.name ?? query.get('name')
    if (!name) throw gcsErrors.required('object name')
    checkPreconditions(query, ctx.objects.find(bucket, name), true)
    const written = ctx.objects.write(bucket, name, { bytes, contentType: fields.contentType, metadata: fields.metadata, components })
    return this.resource(written, ctx.origin, ctx.objects)
  }

  async #upload(ctx: GcsContext): Promise<Resource | Response> {
    const q = ctx.url.searchParams
    const type = ctx.request.headers.get('content-type') ?? ''
    const body = await this.#body(ctx.request)
    if (q.get('uploadType') === 'multipart') {
      const { fields, media, mediaType } = parseMultipart(body, type)
      return this.#write(ctx, q, ctx.call.bucket ?? '', { ...fields, contentType: fields.contentType ?? mediaType }, media)
    }
    const written = this.#write(ctx, q, ctx.call.bucket ?? '', { name: ctx.call.object, contentType: type || undefined }, body)
    if (ctx.url.pathname.startsWith('/upload/')) return written
    // A PUT on `/<bucket>/<object>` (a signed URL) is the XML API's: an empty answer with the object's ETag (its MD5) and hashes.
    const md5 = written.md5Hash ? Buffer.from(written.md5Hash, 'base64').toString('hex') : ''
    const hash = [`crc32c=${written.crc32c}`, ...(written.md5Hash ? [`md5=${written.md5Hash}`] : [])].join(',')
    return new Response(null, { status: 200, headers: { ETag: `"${md5}"`, 'x-goog-hash': hash, 'x-goog-generation': written.generation, 'x-goog-metageneration': written.metageneration } })
  }

  async #startResumable(ctx: GcsContext): Promise<Response> {
    const bucket = ctx.call.bucket ?? ''
    ctx.objects.bucket(bucket)
    const text = await ctx.request.text()
    let fields: ObjectFields = {}
    try {
      fields = text ? (JSON.parse(text) as ObjectFields) : {}
    } catch {
      throw gcsErrors.invalid('The resumable upload request body is not JSON')
    }
    const contentType = fields.contentType ?? ctx.request.headers.get('x-upload-content-type') ?? undefined
    const id = `emulator-${(++this.#sessionCount).toString(16).padStart(8, '0')}`
    this.#sessions.set(id, { bucket, fields: { ...fields, contentType }, query: new URLSearchParams(ctx.url.searchParams), chunks: [], received: 0 })
    const location = new URL(ctx.url)
    location.searchParams.set('upload_id', id)
    return new Response(null, { status: 200, headers: { Location: location.toString(), 'X-GUploader-UploadID': id } })
  }

  async #resume(ctx: GcsContext): Promise<Response | Resource> {
    const id = ctx.url.searchParams.get('upload_id') ?? ''
    const session = this.#sessions.get(id)
    if (!session) throw gcsErrors.noUpload()
    const chunk = await this.#body(ctx.request)
    const { start, total } = contentRange(ctx.request.headers.get('content-range'), chunk.length)
    if (start > session.received) throw gcsErrors.invalid(`Content-Range starts at ${start}; ${session.received} bytes received so far`)
    if (start >= 0 && start + chunk.length > session.received) {
      session.chunks.push(chunk.subarray(session.received - start))
      session.received = start + chunk.length
    }
    if (session.received > this.maxObjectBytes) throw gcsErrors.tooLarge(this.maxObjectBytes)
    if (total === undefined || session.received < total) {
      const headers: Record<string, string> = session.received > 0 ? { Range: `bytes=0-${session.received - 1}` } : {}
      return new Response(null, { status: 308, headers })
    }
    this.#sessions.delete(id)
    return this.#write(ctx, session.query, session.bucket, session.fields, Buffer.concat(session.chunks))
  }

  async #copy(ctx: GcsContext): Promise<Resource | object> {
    const { call, objects } = ctx
    const source = objects.get(call.bucket ?? '', call.object ?? '')
    const q = ctx.url.searchParams
    const sourceConditions = new URLSearchParams([...q].flatMap(([k, v]) => (k.startsWith('ifSource') ? [[k.replace('ifSource', 'if'), v]] : [])))
    checkPreconditions(sourceConditions, source, true)
    const text = await ctx.request.text()
    const body = (text ? JSON.parse(text) : {}) as ObjectFields
    const dest = call.destination!
    const fields = { name: dest.object, contentType: body.contentType ?? source.stored.contentType, metadata: body.metadata ?? source.stored.metadata }
    const resource = this.#write(ctx, q, dest.bucket, fields, objects.read(source), source.components)
    if (call.operation === 'CopyObject') return resource
    return { kind: 'storage#rewriteResponse', totalBytesRewritten: resource.size, objectSize: resource.size, done: true, resource }
  }

  async #compose(ctx: GcsContext): Promise<Resource> {
    const body = (await ctx.request.json().catch(() => ({}))) as {
      sourceObjects?: { name?: string; generation?: string; objectPreconditions?: { ifGenerationMatch?: string } }[]
      destination?: ObjectFields
    }
    const sources = body.sourceObjects ?? []
    if (sources.length === 0) throw gcsErrors.required('sourceObjects')
    if (sources.length > 32) throw gcsErrors.invalid('The number of source components provided (more than 32) exceeds the maximum (32)')
    const bucket = ctx.call.bucket ?? ''
    const parts = sources.map((s) => {
      const o = ctx.objects.get(bucket, s.name ?? '')
      const wanted = s.objectPreconditions?.ifGenerationMatch ?? s.generation
      if (wanted !== undefined && String(wanted) !== o.generation) throw gcsErrors.preconditionFailed()
      return o
    })
    const bytes = Buffer.concat(parts.map((o) => ctx.objects.read(o)))
    const components = parts.reduce((n, o) => n + (o.components ?? 1), 0)
    const fields = { name: ctx.call.object, contentType: body.destination?.contentType, metadata: body.destination?.metadata }
    return this.#write(ctx, ctx.url.searchParams, bucket, fields, bytes, components)
  }
}
