/** The fake store's S3 endpoint on its own port (--s3-port), beside the lakeFS port. */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import type { EmulatorApp } from '../app.js'
import type { Config } from './config.js'

/** Binds the S3 port; `ready` gives its URL once bound (and tells the app, for pre-signed URLs). */
export function listenS3(app: EmulatorApp, config: Config, fail: (message: string) => never): { server: Server; ready: Promise<string> } {
  const listener = getRequestListener((request, env) => app.s3.store.fetch(request, app.s3.nextRequestId(request), env))
  const server = createServer(listener)
  const ready = new Promise<string>((resolve) => {
    server.once('error', (err) => fail(`[lakefs-emulator] Cannot listen on ${config.host}:${config.s3Port} for the fake store's S3 endpoint: ${err.message} (choose another with --s3-port; 0 picks a free one)`))
    server.listen(config.s3Port, config.host, () => {
      const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${(server.address() as AddressInfo).port}`
      app.s3.setStoreEndpoint(url)
      resolve(url)
    })
  })
  return { server, ready }
}
