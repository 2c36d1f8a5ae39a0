/** Which raw requests the GetObject lane takes, by their query: only the signature's parameters and `x-id`. */
import { describe, expect, it } from 'vitest'
import { plainGetTarget } from '../../src/s3/plain-get.js'

const SIGNED_QUERY = 'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F20240115%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240115T100000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=abc'
const target = (query: string, authorization?: string) => {
  const headers = { host: 'localhost:9001', ...(authorization && { authorization }) }
  return plainGetTarget({ method: 'GET', url: `/bucket/key.csv${query ? `?${query}` : ''}`, headers, rawHeaders: Object.entries(headers).flat() }, [])
}
const HEADER_SIGNED = 'AWS4-HMAC-SHA256 Credential=AK/20240115/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=abc'

describe('plainGetTarget', () => {
  it('takes a pre-signed URL, and a header-signed GET with or without x-id', () => {
    expect(target(SIGNED_QUERY)).toMatchObject({ presigned: true, rawQuery: SIGNED_QUERY, search: `?${SIGNED_QUERY}`, call: { bucket: 'bucket', key: 'key.csv', operation: 'GetObject' } })
    expect(target('x-id=GetObject', HEADER_SIGNED)).toMatchObject({ presigned: false, rawQuery: 'x-id=GetObject' })
    expect(target('', HEADER_SIGNED)).toMatchObject({ presigned: false, search: '' })
    expect(target('x-id', HEADER_SIGNED)).toMatchObject({ presigned: false })
    expect(target(SIGNED_QUERY)!.call.query.get('X-Amz-Date')).toBe('20240115T100000Z')
  })

  it('leaves to the route any other parameter, an empty one, or an unsigned request', () => {
    for (const query of [`${SIGNED_QUERY}&response-content-type=x`, `${SIGNED_QUERY}&`, `&${SIGNED_QUERY}`, `${SIGNED_QUERY}&X-Amz-Dat=1`, `X-Amz-Signatures=a&${SIGNED_QUERY}`]) {
      expect(target(query)).toBeUndefined()
    }
    expect(target('')).toBeUndefined()
    // A signature parameter without `=` does not make a pre-signed URL (the route reads it so too).
    expect(target('X-Amz-Signature')).toBeUndefined()
    expect(target('X-Amz-Signature', HEADER_SIGNED)).toMatchObject({ presigned: false })
  })
})
