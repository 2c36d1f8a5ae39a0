// The S3 GetObject bench's floor: bare node:http sending the same bytes (1 KiB at /small, 8 MiB at
// /big) with the headers a GetObject answer carries. node bench/http-floor.mjs <port>
import { createServer } from 'node:http'

const port = Number(process.argv[2])
const bodies = { '/small': Buffer.alloc(1024, 7), '/big': Buffer.alloc(8 * 1024 * 1024, 9) }
createServer((req, res) => {
  const body = bodies[req.url.split('?')[0]]
  res.writeHead(body ? 200 : 404, { 'content-type': 'application/octet-stream', 'content-length': body?.length ?? 0, etag: '"x"', 'last-modified': new Date(0).toUTCString() })
  res.end(body)
}).listen(port, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ ready: true })}\n`))
