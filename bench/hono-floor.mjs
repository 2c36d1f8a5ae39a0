// The throughput floor for section 3: bare Hono on @hono/node-server answering the same route with
// a constant JSON body of a completed import's size. node bench/hono-floor.mjs <port>
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const port = Number(process.argv[2])
const body = {
  completed: true,
  update_time: '2024-01-15T10:00:00.000Z',
  ingested_objects: 1,
  metarange_id: 'f'.repeat(64),
  commit: { id: 'e'.repeat(64), parents: ['d'.repeat(64)], committer: 'admin', message: 'idle', creation_date: 1705312800, meta_range_id: 'f'.repeat(64), metadata: {}, generation: 2, version: 1 },
}
const app = new Hono()
app.get('/api/v1/repositories/:repository/branches/:branch/import', (c) => c.json(body))
serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => process.stdout.write(`${JSON.stringify({ ready: true })}\n`))
