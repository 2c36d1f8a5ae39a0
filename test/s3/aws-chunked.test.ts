/**
 * Signed aws-chunked bodies against AWS's published example ("Signature Calculations for the
 * Authorization Header: Transferring Payload in Multiple Chunks", Amazon S3 API reference): the seed
 * signature and every chunk signature there are AWS's, not ours.
 */
import { describe, expect, it } from 'vitest'
import { decodeAwsChunked, STREAMING_SIGNED } from '../../src/s3/aws-chunked.js'
import { verifySigV4 } from '../../src/s3/sigv4.js'

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
const CHUNK_SIGNATURES = [
  'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648',
  '0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497',
  'b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9',
]

function body(signatures = CHUNK_SIGNATURES, sizes = [65536, 1024]): Buffer {
  const parts = sizes.map((n, i) => Buffer.concat([Buffer.from(`${n.toString(16)};chunk-signature=${signatures[i]}\r\n`), Buffer.alloc(n, 'a'), Buffer.from('\r\n')]))
  return Buffer.concat([...parts, Buffer.from(`0;chunk-signature=${signatures[sizes.length]}\r\n\r\n`)])
}

function seed() {
  const result = verifySigV4(
    {
      method: 'PUT',
      rawPath: '/examplebucket/chunkObject.txt',
      rawQuery: '',
      headers: {
        host: 's3.amazonaws.com',
        'x-amz-date': '20130524T000000Z',
        'x-amz-storage-class': 'REDUCED_REDUNDANCY',
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature=4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9',
        'x-amz-content-sha256': STREAMING_SIGNED,
        'content-encoding': 'aws-chunked',
        'x-amz-decoded-content-length': '66560',
        'content-length': '66824',
      },
    },
    (id) => (id === 'AKIAIOSFODNN7EXAMPLE' ? SECRET : undefined),
    { now: Date.UTC(2013, 4, 24) }
  )
  if (!result.ok) throw new Error(`seed signature refused: ${result.code} ${result.message}`)
  return result
}

describe('aws-chunked with chunk signatures', () => {
  it("verifies AWS's example: the seed request, then each chunk chained from it", () => {
    const signing = seed()
    expect(body().length).toBe(66824)
    const decoded = decodeAwsChunked(body(), STREAMING_SIGNED, signing, 66560)
    expect([decoded.length, decoded.every((b) => b === 0x61)]).toEqual([66560, true])
  })

  it('refuses a chunk whose bytes or signature changed, a short body, and a wrong decoded length', () => {
    const signing = seed()
    const tampered = body()
    tampered[100] = 0x62
    expect(() => decodeAwsChunked(tampered, STREAMING_SIGNED, signing)).toThrow(expect.objectContaining({ code: 'SignatureDoesNotMatch', status: 403 }))
    const swapped = [CHUNK_SIGNATURES[1]!, CHUNK_SIGNATURES[0]!, CHUNK_SIGNATURES[2]!]
    expect(() => decodeAwsChunked(body(swapped), STREAMING_SIGNED, signing)).toThrow(expect.objectContaining({ code: 'SignatureDoesNotMatch' }))
    expect(() => decodeAwsChunked(body().subarray(0, 60000), STREAMING_SIGNED, signing)).toThrow(expect.objectContaining({ code: 'IncompleteBody', status: 400 }))
    expect(() => decodeAwsChunked(body(), STREAMING_SIGNED, signing, 66559)).toThrow(expect.objectContaining({ code: 'IncompleteBody' }))
  })

  it('reads unsigned chunks with a checksum trailer, as the AWS SDK for JavaScript sends them', () => {
    const raw = Buffer.from('a\r\nchunk-one,\r\n9\r\nchunk-two\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n')
    expect(Buffer.from(decodeAwsChunked(raw, 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', undefined, 19)).toString()).toBe('chunk-one,chunk-two')
  })
})
