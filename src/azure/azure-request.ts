/**
 * An Azure Blob REST request taken apart, path style as Azurite serves it:
 * `/<account>`, `/<account>/<container>`, `/<account>/<container>/<blob>`, with `restype` and `comp`.
 */
export const AZURE_OPERATIONS = [
  'ListContainers', 'CreateContainer', 'GetContainerProperties', 'DeleteContainer', 'ListBlobs', 'GetAccountInfo',
  'PutBlob', 'PutBlock', 'PutBlockList', 'GetBlockList', 'GetBlob', 'GetBlobProperties', 'SetBlobProperties', 'SetBlobMetadata', 'DeleteBlob', 'CopyBlob',
  'Unsupported',
] as const

export type AzureOperation = (typeof AZURE_OPERATIONS)[number]

export interface AzureCall {
  readonly operation: AzureOperation
  readonly account: string
  readonly container?: string
  readonly blob?: string
}

export function resolveAzure(request: Request): AzureCall {
  const url = new URL(request.url)
  const [account = '', container, ...rest] = url.pathname.slice(1).split('/').map((s) => {
    try {
      return decodeURIComponent(s)
    } catch {
      return s
    }
  })
  const q = url.searchParams
  const comp = q.get('comp')
  const restype = q.get('restype')
  const m = request.method
  const op = (operation: AzureOperation): AzureCall => ({ operation, account, container: container || undefined, blob: rest.length ? rest.join('/') : undefined })
  if (!container) {
    if (comp === 'list' && m === 'GET') return op('ListContainers')
    if (restype === 'account' && comp === 'properties') return op('GetAccountInfo')
    return op('Unsupported')
  }
  if (rest.length === 0) {
    if (restype === 'container' && comp === 'list' && m === 'GET') return op('ListBlobs')
    if (restype === 'container' && comp === null) {
      const byMethod: Record<string, AzureOperation> = { PUT: 'CreateContainer', GET: 'GetContainerProperties', HEAD: 'GetContainerProperties', DELETE: 'DeleteContainer' }
      return op(byMethod[m] ?? 'Unsupported')
    }
    if (restype === 'account' && comp === 'properties') return op('GetAccountInfo')
    return op('Unsupported')
  }
  if (m === 'PUT') {
    if (comp === 'block') return op('PutBlock')
    if (comp === 'blocklist') return op('PutBlockList')
    if (comp === 'properties') return op('SetBlobProperties')
    if (comp === 'metadata') return op('SetBlobMetadata')
    if (comp === null) return op(request.headers.has('x-ms-copy-source') ? 'CopyBlob' : 'PutBlob')
  }
  if (m === 'GET' && comp === 'blocklist') return op('GetBlockList')
  if (comp === null && (m === 'GET' || m === 'HEAD' || m === 'DELETE')) return op(m === 'GET' ? 'GetBlob' : m === 'HEAD' ? 'GetBlobProperties' : 'DeleteBlob')
  return op('Unsupported')
}
