/**
 * Azure Blob REST over the fake store, as Azurite serves it (path style, `/<account>/<container>/<blob>`):
 * containers, block blobs (Put Blob, Put Block and Put Block List, Get Blob with ranges, properties,
 * metadata, delete, synchronous copy), flat and hierarchical listings with markers, Shared Key and SAS
 * verified against the account's key, and Azure's XML errors.
 */
import type { ObjectStore, StoredObject } from '../fakestore/object-store.js'
import { DEV_ACCOUNT, DEV_KEY, type Grant, verifySas, verifySharedKey } from './azure-auth.js'
import { AzureBlobs, type AzureState } from './azure-blobs.js'
import { AzureError, azureErrors } from './azure-errors.js'
import { type AzureCall, resolveAzure } from './azure-request.js'
import { blobList, blockListIds, containerList } from './azure-xml.js'

export interface AzureServerOptions {
  readonly store: () => ObjectStore
  readonly clock: () => number
  /** Wall time, for SAS start and expiry: clients sign with their own clock, not the emulator's. */
  readonly wallClock?: () => number
  readonly maxObjectBytes: number
  /** Accounts and their keys (default: Azurite's development account). */
  readonly accounts?: ReadonlyMap<string, string>
  /** Refuse an `x-ms-version` later than this, as Azurite does unless told not to (off by default). */
  readonly maxApiVersion?: () => string | undefined
  readonly onInternalError?: (err: unknown) => void
  readonly rethrow?: (err: unknown) => boolean
}

export const DEFAULT_API_VERSION = '2025-11-05'
/** Each operation's permission in a SAS. */
const NEEDS: Partial<Record<AzureCall['operation'], string>> = {
  ListContainers: 'l', ListBlobs: 'l', GetBlob: 'r', GetBlobProperties: 'r', GetBlockList: 'r', GetContainerProperties: 'r',
  PutBlob: 'w', PutBlock: 'w', PutBlockList: 'w', SetBlobProperties: 'w', SetBlobMetadata: 'w', CopyBlob: 'w', CreateContainer: 'c', DeleteBlob: 'd', DeleteContainer: 'd',
}

interface Ctx {
  readonly request: Request
  readonly call: AzureCall
  readonly url: URL
  readonly blobs: AzureBlobs
}

const metadataOf = (headers: Headers) => Object.fromEntries([...headers].filter(([k]) => k.startsWith('x-ms-meta-')).map(([k, v]) => [k.slice('x-ms-meta-'.length), v]))
const httpDate = (ms: number) => new Date(ms).toUTCString()

export class AzureServer {
  readonly #states = new WeakMap<ObjectStore, Map<string, AzureState>>()
  readonly #accounts: ReadonlyMap<string, string>
  #requests = 0

  constructor(private readonly options: AzureServerOptions) {
    this.#accounts = options.accounts ?? new Map([[DEV_ACCOUNT, DEV_KEY]])
  }

  resolve(request: Request): AzureCall {
    return resolveAzure(request)
  }

  async fetch(request: Request, call: AzureCall, before?: () => Promise<void>): Promise<Response> {
    const requestId = `00000000-0000-4000-8000-${(++this.#requests).toString(16).padStart(12, '0')}`
    const version = request.headers.get('x-ms-version') ?? DEFAULT_API_VERSION
    const common = { 'x-ms-request-id': requestId, 'x-ms-version': version, Date: httpDate(this.options.clock()) }
    try {
      await before?.()
      const max = this.options.maxApiVersion?.()
      if (max && version > max) throw azureErrors.badVersion(version)
      const key = this.#accounts.get(call.account)
      if (!key) throw azureErrors.noAccount()
      const url = new URL(request.url)
      this.#authorize(request, call, url, key)
      const store = this.options.store()
      let byAccount = this.#states.get(store)
      if (!byAccount) this.#states.set(store, (byAccount = new Map()))
      let state = byAccount.get(call.account)
      if (!state) byAccount.set(call.account, (state = { md5: new Map(), blocks: new Map(), containerMetadata: new Map(), writes: 0 }))
      const response = await this.#route({ request, call, url, blobs: new AzureBlobs(store, call.account, this.options.clock, state) })
      for (const [k, v] of Object.entries(common)) response.headers.set(k, v)
      return response
    } catch (err) {
      if (err instanceof AzureError) {
        const response = err.response(requestId, this.options.clock(), request.method === 'HEAD')
        for (const [k, v] of Object.entries(common)) response.headers.set(k, v)
        return response
      }
      if (this.options.rethrow?.(err)) throw err
      this.options.onInternalError?.(err)
      return new AzureError(500, 'InternalError', 'Server encountered an internal error. Please try again after some time.').response(requestId, this.options.clock())
    }
  }

  #authorize(request: Request, call: AzureCall, url: URL, key: string): Grant {
    const auth = request.headers.get('authorization')
    if (!auth && !url.searchParams.has('sig')) {
      throw new AzureError(403, 'NoAuthenticationInformation', 'Server failed to authenticate the request. Please refer to the information in the www-authenticate header.')
    }
    const grant = auth ? verifySharedKey(request, auth, this.#accounts) : verifySas(url.searchParams, call.account, call.container, call.blob, key, (this.options.wallClock ?? Date.now)())
    const needs = NEEDS[call.operation]
    if (needs && !grant.permissions.includes(needs) && !(needs === 'w' && grant.permissions.includes('c') && call.operation === 'PutBlob')) throw azureErrors.authPermission()
    return grant
  }

  async #route(ctx: Ctx): Promise<Response> {
    const { call, blobs, url } = ctx
    const container = call.container ?? ''
    const blob = call.blob ?? ''
    switch (call.operation) {
      case 'ListContainers':
        return xml(containerList(url, blobs))
      case 'GetAccountInfo':
        return new Response(null, { status: 200, headers: { 'x-ms-sku-name': 'Standard_RAGRS', 'x-ms-account-kind': 'StorageV2', 'x-ms-is-hns-enabled': 'false' } })
      case 'CreateContainer':
        blobs.createContainer(container, metadataOf(ctx.request.headers))
        return new Response(null, { status: 201, headers: containerHeaders(blobs, container) })
      case 'GetContainerProperties':
        return new Response(null, { status: 200, headers: containerHeaders(blobs, container) })
      case 'DeleteContainer':
        blobs.deleteContainer(container)
        return new Response(null, { status: 202 })
      case 'ListBlobs':
        return xml(blobList(url, blobs, container))
      case 'GetBlob':
      case 'GetBlobProperties':
        return this.#read(ctx, blobs.get(container, blob))
      case 'DeleteBlob':
        blobs.delete(checked(ctx.request, blobs.get(container, blob), true))
        return new Response(null, { status: 202, headers: { 'x-ms-delete-type-permanent': 'true' } })
      case 'Unsupported':
        throw azureErrors.unsupported(`${ctx.request.method} ${url.pathname}${url.search}`)
      default:
        return this.#write(ctx)
    }
  }

  #read(ctx: Ctx, stored: StoredObject): Response {
    checked(ctx.request, stored, false)
    const headers: Record<string, string> = { ...blobHeaders(ctx.blobs, stored), 'Accept-Ranges': 'bytes', 'x-ms-blob-type': 'BlockBlob', 'x-ms-creation-time': httpDate(stored.lastModified) }
    for (const [k, v] of Object.entries(stored.metadata ?? {})) headers[`x-ms-meta-${k}`] = v
    const size = stored.size
    const range = parseRange(ctx.request.headers.get('x-ms-range') ?? ctx.request.headers.get('range'), size)
    if (ctx.call.operation === 'GetBlobProperties') return new Response(null, { status: 200, headers: { ...headers, 'Content-Length': String(size) } })
    if (!range) return new Response(ctx.blobs.read(stored) as Uint8Array<ArrayBuffer>, { status: 200, headers: { ...headers, 'Content-Length': String(size) } })
    const [start, end] = range
    const bytes = ctx.blobs.read(stored, start, end + 1) as Uint8Array<ArrayBuffer>
    delete headers['Content-MD5']
    return new Response(bytes, { status: 206, headers: { ...headers, 'Content-Length': String(bytes.length), 'Content-Range': `bytes ${start}-${end}/${size}` } })
  }

  async #body(request: Request): Promise<Uint8Array> {
    if (Number(request.headers.get('content-length') ?? 0) > this.options.maxObjectBytes) throw azureErrors.tooLarge(this.options.maxObjectBytes)
    const bytes = new Uint8Array(await request.arrayBuffer())
    if (bytes.length > this.options.maxObjectBytes) throw azureErrors.tooLarge(this.options.maxObjectBytes)
    return bytes
  }

  async #write(ctx: Ctx): Promise<Response> {
    const { request, call, blobs, url } = ctx
    const container = call.container ?? ''
    const blob = call.blob ?? ''
    const h = request.headers
    const contentType = h.get('x-ms-blob-content-type') ?? undefined
    switch (call.operation) {
      case 'PutBlob': {
        const type = h.get('x-ms-blob-type')
        if (!type) throw azureErrors.missingBlobType()
        if (type !== 'BlockBlob') throw azureErrors.unsupportedBlobType()
        const bytes = await this.#body(request)
        checked(request, blobs.find(container, blob), true)
        const stored = blobs.write(container, blob, { bytes, contentType: contentType ?? h.get('content-type') ?? undefined, metadata: metadataOf(h), md5: h.get('x-ms-blob-content-md5') ?? 'compute' })
        return new Response(null, { status: 201, headers: { ...blobHeaders(blobs, stored), 'x-ms-request-server-encrypted': 'true' } })
      }
      case 'PutBlock': {
        const id = url.searchParams.get('blockid')
        if (!id) throw azureErrors.invalidInput('blockid is required')
        blobs.stage(container, blob, id, await this.#body(request))
        return new Response(null, { status: 201, headers: { 'x-ms-request-server-encrypted': 'true' } })
      }
      case 'PutBlockList': {
        const ids = blockListIds(await request.text())
        const staged = blobs.staged(container, blob)
        if (ids.some((id) => !staged.has(id))) throw azureErrors.invalidBlockList()
        const parts = ids.map((id) => staged.get(id)!)
        checked(request, blobs.find(container, blob), true)
        const stored = blobs.write(container, blob, { bytes: Buffer.concat(parts), contentType, metadata: metadataOf(h), md5: h.get('x-ms-blob-content-md5') ?? undefined })
        return new Response(null, { status: 201, headers: blobHeaders(blobs, stored) })
      }
      case 'SetBlobProperties':
      case 'SetBlobMetadata': {
        const stored = checked(request, blobs.get(container, blob), true)
        const fields = call.operation === 'SetBlobMetadata' ? { metadata: metadataOf(h) } : { contentType, md5: h.get('x-ms-blob-content-md5') ?? undefined }
        return new Response(null, { status: 200, headers: blobHeaders(blobs, blobs.rewrite(stored, fields)) })
      }
      case 'CopyBlob':
        return this.#copy(ctx)
      default:
        throw azureErrors.unsupported(call.operation)
    }
  }

  /** Copy Blob from a blob of this account (path style or its blob.core.windows.net URL), done at once. */
  #copy(ctx: Ctx): Response {
    const source = new URL(ctx.request.headers.get('x-ms-copy-source') ?? '')
    const parts = source.pathname.slice(1).split('/').map(decodeURIComponent)
    const [container, ...blob] = source.hostname.endsWith('.blob.core.windows.net') ? parts : parts.slice(1)
    const from = ctx.blobs.get(container ?? '', blob.join('/'))
    const metadata = metadataOf(ctx.request.headers)
    const stored = ctx.blobs.write(ctx.call.container ?? '', ctx.call.blob ?? '', {
      bytes: ctx.blobs.read(from),
      contentType: from.contentType,
      metadata: Object.keys(metadata).length ? metadata : from.metadata,
      md5: ctx.blobs.md5(from),
    })
    const copyId = `00000000-0000-4000-8000-${ctx.blobs.state.writes.toString(16).padStart(12, '0')}`
    return new Response(null, { status: 202, headers: { ...blobHeaders(ctx.blobs, stored), 'x-ms-copy-id': copyId, 'x-ms-copy-status': 'success' } })
  }
}

function xml(body: string): Response {
  return new Response(`<?xml version="1.0" encoding="utf-8"?>${body}`, { status: 200, headers: { 'Content-Type': 'application/xml' } })
}

function containerHeaders(blobs: AzureBlobs, name: string): Record<string, string> {
  const c = blobs.container(name)
  const headers: Record<string, string> = { ETag: `"0x${(BigInt(c.created) * 10000n + 621355968000000000n).toString(16).toUpperCase()}"`, 'Last-Modified': httpDate(c.created), 'x-ms-lease-state': 'available', 'x-ms-lease-status': 'unlocked', 'x-ms-has-immutability-policy': 'false', 'x-ms-has-legal-hold': 'false' }
  for (const [k, v] of Object.entries(blobs.state.containerMetadata.get(blobs.root(name)) ?? {})) headers[`x-ms-meta-${k}`] = v
  return headers
}

function blobHeaders(blobs: AzureBlobs, stored: StoredObject): Record<string, string> {
  const md5 = blobs.md5(stored)
  return {
    ETag: `"${stored.etag}"`,
    'Last-Modified': httpDate(stored.lastModified),
    'Content-Type': stored.contentType ?? 'application/octet-stream',
    ...(md5 && { 'Content-MD5': md5 }),
  }
}

/** If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since against a blob (or its absence). */
function checked<T extends StoredObject | undefined>(request: Request, stored: T, write: boolean): T {
  const h = request.headers
  const etag = stored ? `"${stored.etag}"` : undefined
  const ifMatch = h.get('if-match')
  if (ifMatch !== null && (etag === undefined || (ifMatch !== '*' && ifMatch !== etag))) throw stored ? azureErrors.conditionNotMet() : azureErrors.noBlob()
  const ifNoneMatch = h.get('if-none-match')
  if (ifNoneMatch !== null && etag !== undefined && (ifNoneMatch === '*' || ifNoneMatch === etag)) throw write ? new AzureError(409, 'BlobAlreadyExists', 'The specified blob already exists.') : azureErrors.notModified()
  const since = h.get('if-modified-since')
  if (since !== null && stored && Math.floor(stored.lastModified / 1000) * 1000 <= Date.parse(since)) throw write ? azureErrors.conditionNotMet() : azureErrors.notModified()
  const unmodified = h.get('if-unmodified-since')
  if (unmodified !== null && stored && Math.floor(stored.lastModified / 1000) * 1000 > Date.parse(unmodified)) throw azureErrors.conditionNotMet()
  return stored
}

function parseRange(header: string | null, size: number): [number, number] | undefined {
  const m = header === null ? null : /^bytes=(\d+)-(\d*)$/.exec(header.trim())
  if (!m) return undefined
  const start = Number(m[1])
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)
  if (start >= size) throw azureErrors.invalidRange()
  return [start, end]
}
