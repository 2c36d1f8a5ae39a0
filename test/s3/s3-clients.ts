/** An emulator listening on real ports, and AWS SDK clients for its two S3 front doors. */
import { Agent } from 'node:http'
import { S3Client, S3ServiceException } from '@aws-sdk/client-s3'
import type { CreateAppOptions } from '../../src/composition/app.js'
import { createEmulator, type EmulatorHandle } from '../../src/index.js'
import type { Scenario } from '../../src/scenarios/schema.js'
import { QUICKSTART } from '../support/harness.js'

export const CREDENTIALS = { accessKeyId: QUICKSTART.id, secretAccessKey: QUICKSTART.secret }

export interface S3World {
  readonly lakefs: EmulatorHandle
  readonly url: string
  /** The fake store's S3 endpoint. */
  readonly store: S3Client
  readonly storeUrl: string
  /** lakeFS's S3 gateway, path style. */
  readonly gateway: S3Client
  /** The gateway with virtual-host addressing: every host resolves to 127.0.0.1. */
  readonly virtualHost: S3Client
  close(): Promise<void>
}

export async function s3World(scenario: Scenario, options: { limits?: CreateAppOptions['limits'] } = {}): Promise<S3World> {
  const lakefs = createEmulator({ scenarios: [scenario], limits: options.limits })
  const listening = await lakefs.listen()
  const client = (endpoint: string, extra: object = {}) =>
    new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: CREDENTIALS, maxAttempts: 1, ...extra })
  const agent = new Agent({ lookup: (_host, _options, cb) => cb(null, [{ address: '127.0.0.1', family: 4 }] as never, 4 as never) })
  const store = client(listening.s3.url)
  const gateway = client(listening.url)
  const virtualHost = client(`http://s3.local.lakefs.io:${listening.port}`, { forcePathStyle: false, requestHandler: { httpAgent: agent } })
  return {
    lakefs,
    url: listening.url,
    store,
    storeUrl: listening.s3.url,
    gateway,
    virtualHost,
    async close() {
      for (const c of [store, gateway, virtualHost]) c.destroy()
      agent.destroy()
      await lakefs.close()
    },
  }
}

/** The S3 error a call failed with: its code, HTTP status and message. */
export async function s3Failure(call: Promise<unknown>): Promise<{ code: string; status: number; message: string }> {
  try {
    await call
  } catch (err) {
    if (err instanceof S3ServiceException) return { code: err.name, status: err.$metadata.httpStatusCode ?? 0, message: err.message }
    throw err
  }
  throw new Error('expected the call to fail')
}

/** The operations each front door was called with, from the journal. */
export function calledOperations(world: S3World, door: 's3' | 'gateway'): string[] {
  const seen = new Set(world.lakefs.journal.list().map((e) => e.operationId).filter((id): id is string => !!id?.startsWith(`${door}:`)))
  return [...seen].sort()
}
