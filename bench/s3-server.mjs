// The S3 GetObject bench's emulator: a 1 KiB and an 8 MiB object in the fake store (bucket
// "bench") and the same two on branch main of repository "bench", with pre-signed URLs for each
// front door printed as one JSON line. node bench/s3-server.mjs <lakeFS port> <S3 port>
import { createEmulator } from '../dist/index.js'
import { presignUrl } from '../dist/s3/sigv4.js'

const [port, s3Port] = process.argv.slice(2).map(Number)
const small = Buffer.alloc(1024, 7)
const big = Buffer.alloc(8 * 1024 * 1024, 9)
const lakefs = createEmulator({
  scenarios: [{ version: 1, repositories: [{ name: 'bench', storageNamespace: 's3://bench-ns/repo', defaultBranch: 'main' }], store: { buckets: ['s3://bench'] } }],
})
const listening = await lakefs.listen(port, '127.0.0.1', { s3Port })
const store = lakefs.emulator.world.store
const now = lakefs.clock.now()
store.put('s3://bench/small.bin', small, now)
store.put('s3://bench/big.bin', big, now)
lakefs.emulator.objects.upload('bench', 'main', 'small.bin', { bytes: small, metadata: {} })
lakefs.emulator.objects.upload('bench', 'main', 'big.bin', { bytes: big, metadata: {} })
const sign = (base) => presignUrl({ method: 'GET', url: new URL(base), accessKeyId: 'AKIAIOSFOLQUICKSTART', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-east-1', now: Date.now(), expiresSeconds: 3600 })
process.stdout.write(`${JSON.stringify({
  store: { small: sign(`${listening.s3.url}/bench/small.bin`), big: sign(`${listening.s3.url}/bench/big.bin`) },
  gateway: { small: sign(`${listening.url}/bench/main/small.bin`), big: sign(`${listening.url}/bench/main/big.bin`) },
})}\n`)
process.on('SIGTERM', async () => {
  await lakefs.close()
  process.exit(0)
})
