/** lakeFS over HTTP for the storage front doors' tests: the API with quickstart's key, an import run to its end, a read through the S3 gateway. */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { expect } from 'vitest'
import { AUTH, QUICKSTART } from './harness.js'

export type Api = (method: string, path: string, body?: unknown) => Promise<Response>

/** The lakeFS API of the emulator at `url` (its origin), authenticated as quickstart. */
export function lakefsApi(url: string): Api {
  return (method, path, body) =>
    fetch(`${url}/api/v1${path}`, { method, headers: { Authorization: AUTH, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
}

/** Imports `source` into main of `repo` and moves the (manual) clock until it completes. */
export async function importToEnd(api: Api, advance: (ms: number) => Promise<unknown>, repo: string, source: string, destination: string): Promise<void> {
  const started = await api('POST', `/repositories/${repo}/branches/main/import`, { paths: [{ type: 'common_prefix', path: source, destination }], commit: { message: `import ${source}` } })
  expect(started.status).toBe(202)
  const { id } = (await started.json()) as { id: string }
  await advance(1000)
  const status = (await (await api('GET', `/repositories/${repo}/branches/main/import?id=${id}`)).json()) as { completed: boolean; error?: unknown }
  expect(status).toMatchObject({ completed: true })
}

/** An object's text read through lakeFS's S3 gateway (bucket: the repository; key: `<ref>/<path>`). */
export async function readThroughGateway(url: string, repo: string, key: string): Promise<string> {
  const gateway = new S3Client({ endpoint: url, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: QUICKSTART.id, secretAccessKey: QUICKSTART.secret } })
  try {
    const got = await gateway.send(new GetObjectCommand({ Bucket: repo, Key: key }))
    return await got.Body!.transformToString()
  } finally {
    gateway.destroy()
  }
}
