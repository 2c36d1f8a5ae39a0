/**
 * Pre-signed URLs for an `azure` blockstore, as lakeFS's Azure adapter hands them out (a service SAS
 * for the blob, block/azure GetPreSignedURL): read for GET, create and write for PUT, over the fake
 * store's Azure endpoint, signed with the account's key. Their times are the wall clock's, because
 * the endpoint checks every SAS against it (clients sign theirs with their own clock); lakeFS's
 * presigned multipart upload is S3's only, so it is not offered here.
 */
import { createHmac } from 'node:crypto'
import { parseStorageUri } from '../emulator/blockstore.js'
import { ValidationError } from '../emulator/errors.js'
import { DEFAULT_API_VERSION } from './azure-server.js'

export const AZURE_PRESIGNED_EXPIRY_SECONDS = 15 * 60

export interface AzurePresignerOptions {
  /** The Azure endpoint, once it listens (the account is its first path segment). */
  readonly endpoint: () => string | undefined
  readonly accounts: ReadonlyMap<string, string>
  readonly wallClock: () => number
}

/** An ISO time without milliseconds, as SAS tokens carry them. */
const sasTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

export function azurePresigner(o: AzurePresignerOptions) {
  return {
    enabled: () => o.endpoint() !== undefined,
    sign(method: 'GET' | 'PUT', physicalAddress: string): { url: string; expiresAt: number } {
      const uri = parseStorageUri(physicalAddress)
      const account = uri?.type === 'azure' ? new URL(uri.root).hostname.split('.')[0]! : ''
      const key = o.accounts.get(account)
      if (!uri || uri.type !== 'azure' || !uri.key || !key) throw new ValidationError(`invalid physical address: ${physicalAddress}`)
      const container = new URL(uri.root).pathname.split('/')[1]!
      const now = o.wallClock()
      const fields = {
        sp: method === 'GET' ? 'r' : 'cw',
        st: sasTime(now - 60_000),
        se: sasTime(now + AZURE_PRESIGNED_EXPIRY_SECONDS * 1000),
        sv: DEFAULT_API_VERSION,
        sr: 'b',
      }
      const toSign = [fields.sp, fields.st, fields.se, `/blob/${account}/${container}/${uri.key}`, '', '', '', fields.sv, fields.sr, '', '', '', '', '', '', ''].join('\n')
      const sig = createHmac('sha256', Buffer.from(key, 'base64')).update(toSign, 'utf8').digest('base64')
      const path = [account, container, ...uri.key.split('/')].map(encodeURIComponent).join('/')
      const query = new URLSearchParams({ ...fields, sig })
      return { url: `${o.endpoint()}/${path}?${query}`, expiresAt: Math.floor(now / 1000) + AZURE_PRESIGNED_EXPIRY_SECONDS }
    },
  }
}
