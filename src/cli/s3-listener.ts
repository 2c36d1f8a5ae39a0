/** The fake store's own endpoints on their ports, beside the lakeFS port: S3 (--s3-port), GCS (--gcs-port), Azure Blob (--azure-port). */
import { createServer, type RequestListener, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import type { EmulatorApp } from '../composition/app.js'
import type { Config } from './config.js'

function listenOn(listener: RequestListener, port: number, host: string, onError: (err: Error) => void): { server: Server; ready: Promise<string> } {
  const server = createServer(listener)
  const ready = new Promise<string>((resolve) => {
    server.once('error', onError)
    server.listen(port, host, () => resolve(`http://${host.includes(':') ? `[${host}]` : host}:${(server.address() as AddressInfo).port}`))
  })
  return { server, ready }
}

/** Binds the S3 port; `ready` gives its URL once bound (and tells the app, for pre-signed URLs). */
export function listenS3(app: EmulatorApp, config: Config, fail: (message: string) => never): { server: Server; ready: Promise<string> } {
  // Its lane answers a plain GetObject on the socket; the rest goes through @hono/node-server.
  const bound = listenOn(app.s3Listener(), config.s3Port, config.host, (err) =>
    fail(`[lakefs-emulator] Cannot listen on ${config.host}:${config.s3Port} for the fake store's S3 endpoint: ${err.message} (choose another with --s3-port; 0 picks a free one)`)
  )
  return { server: bound.server, ready: bound.ready.then((url) => (app.s3.setStoreEndpoint(url), url)) }
}

/** Binds the Azure Blob port (Azurite's: path style, account devstoreaccount1). */
export function listenAzure(app: EmulatorApp, config: Config, fail: (message: string) => never): { server: Server; ready: Promise<string> } {
  const bound = listenOn(getRequestListener((request, env) => app.azure.fetch(request, '', env)), config.azurePort, config.host, (err) =>
    fail(`[lakefs-emulator] Cannot listen on ${config.host}:${config.azurePort} for the fake store's Azure Blob endpoint: ${err.message} (choose another with --azure-port; 0 picks a free one)`)
  )
  return { server: bound.server, ready: bound.ready.then((url) => (app.azure.setEndpoint(url), url)) }
}

/** Binds the GCS port (the JSON API that STORAGE_EMULATOR_HOST points Google's clients at). */
export function listenGcs(app: EmulatorApp, config: Config, fail: (message: string) => never): { server: Server; ready: Promise<string> } {
  const bound = listenOn(getRequestListener((request, env) => app.gcs.fetch(request, '', env)), config.gcsPort, config.host, (err) =>
    fail(`[lakefs-emulator] Cannot listen on ${config.host}:${config.gcsPort} for the fake store's GCS endpoint: ${err.message} (choose another with --gcs-port; 0 picks a free one)`)
  )
  return { server: bound.server, ready: bound.ready.then((url) => (app.gcs.setEndpoint(url), url)) }
}
