/** GCS JSON API errors: `{"error": {"code", "message", "errors": [{"domain", "reason", "message"}]}}`. */
export class GcsError extends Error {
  override name = 'GcsError'
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {}
  ) {
    super(message)
  }

  response(): Response {
    if (this.status === 304) return new Response(null, { status: 304, headers: this.headers })
    const body = { error: { code: this.status, message: this.message, errors: [{ message: this.message, domain: 'global', reason: this.reason }] } }
    return new Response(JSON.stringify(body), { status: this.status, headers: { 'Content-Type': 'application/json; charset=UTF-8', ...this.headers } })
  }
}

export const gcsErrors = {
  noBucket: () => new GcsError(404, 'notFound', 'The specified bucket does not exist.'),
  noObject: (bucket: string, name: string) => new GcsError(404, 'notFound', `No such object: ${bucket}/${name}`),
  bucketExists: () => new GcsError(409, 'conflict', 'Your previous request to create the named bucket succeeded and you already own it.'),
  bucketNotEmpty: () => new GcsError(409, 'conflict', 'The bucket you tried to delete is not empty.'),
  preconditionFailed: () => new GcsError(412, 'conditionNotMet', 'At least one of the pre-conditions you specified did not hold.'),
  notModified: () => new GcsError(304, 'notModified', 'Not Modified'),
  invalid: (message: string) => new GcsError(400, 'invalid', message),
  required: (what: string) => new GcsError(400, 'required', `Required ${what}`),
  rangeNotSatisfiable: () => new GcsError(416, 'requestedRangeNotSatisfiable', 'The requested range cannot be satisfied.'),
  noUpload: () => new GcsError(404, 'notFound', 'No such upload session.'),
  tooLarge: (limit: number) => new GcsError(413, 'uploadTooLarge', `The object is larger than the emulator's upload limit (${limit} bytes).`),
  unsupported: (what: string) => new GcsError(501, 'notImplemented', `${what} is not supported by lakefs-emulator's GCS endpoint`),
}
