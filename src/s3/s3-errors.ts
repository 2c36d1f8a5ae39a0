/**
 * S3's errors: a code, an HTTP status and S3's own description (the texts lakeFS's gateway copies
 * from MinIO, pkg/gateway/errors/errors.go `Codes`), rendered as S3's `<Error>` document.
 */

/** Extra elements S3 adds to some errors (`<Key>`, `<BucketName>`, `<ActualObjectSize>`, ...). */
export type ErrorFields = Readonly<Record<string, string | number>>

export class S3Error extends Error {
  override name = 'S3Error'
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly fields: ErrorFields = {},
    /** Extra response headers (a fault rule's Retry-After, say). */
    readonly headers: Readonly<Record<string, string>> = {}
  ) {
    super(message)
  }
}

const make = (code: string, status: number, message: string) => (fields?: ErrorFields) => new S3Error(code, status, message, fields)

/** The errors the front doors answer, by S3 code (descriptions as lakeFS's gateway gives them). */
export const s3Errors = {
  accessDenied: make('AccessDenied', 403, 'Access Denied.'),
  badDigest: make('BadDigest', 400, 'The Content-Md5 you specified did not match what we received.'),
  badRequest: make('BadRequest', 400, '400 BadRequest'),
  bucketAlreadyExists: make('BucketAlreadyExists', 409, 'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.'),
  bucketAlreadyOwnedByYou: make('BucketAlreadyOwnedByYou', 409, 'Your previous request to create the named bucket succeeded and you already own it.'),
  bucketNotEmpty: make('BucketNotEmpty', 409, 'The bucket you tried to delete is not empty'),
  entityTooLarge: make('EntityTooLarge', 400, 'Your proposed upload exceeds the maximum allowed object size.'),
  entityTooSmall: make('EntityTooSmall', 400, 'Your proposed upload is smaller than the minimum allowed object size.'),
  incompleteBody: make('IncompleteBody', 400, 'You did not provide the number of bytes specified by the Content-Length HTTP header.'),
  internalError: make('InternalError', 500, 'We encountered an internal error, please try again.'),
  invalidArgument: (message: string, fields?: ErrorFields) => new S3Error('InvalidArgument', 400, message, fields),
  invalidBucketName: make('InvalidBucketName', 400, 'The specified bucket is not valid.'),
  invalidCopySource: make('InvalidArgument', 400, 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey.'),
  invalidCopyDest: make('InvalidRequest', 400, "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes."),
  invalidDigest: make('InvalidDigest', 400, 'The Content-Md5 you specified is not valid.'),
  invalidPart: make('InvalidPart', 400, 'One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part\'s entity tag.'),
  invalidPartOrder: make('InvalidPartOrder', 400, 'The list of parts was not in ascending order. The parts list must be specified in order by part number.'),
  invalidRange: make('InvalidRange', 416, 'The requested range is not satisfiable'),
  malformedXml: make('MalformedXML', 400, 'The XML you provided was not well-formed or did not validate against our published schema.'),
  methodNotAllowed: make('MethodNotAllowed', 405, 'The specified method is not allowed against this resource.'),
  noSuchBucket: make('NoSuchBucket', 404, 'The specified bucket does not exist'),
  noSuchKey: make('NoSuchKey', 404, 'The specified key does not exist.'),
  noSuchUpload: make('NoSuchUpload', 404, 'The specified multipart upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.'),
  notImplemented: make('NotImplemented', 501, 'A header you provided implies functionality that is not implemented'),
  preconditionFailed: make('PreconditionFailed', 412, 'At least one of the pre-conditions you specified did not hold'),
  contentSha256Mismatch: make('XAmzContentSHA256Mismatch', 400, "The provided 'x-amz-content-sha256' header does not match what was computed."),
  signatureDoesNotMatch: make('SignatureDoesNotMatch', 403, 'The request signature we calculated does not match the signature you provided. Check your key and signing method.'),
  slowDown: make('SlowDown', 503, 'Please reduce your request rate.'),
  lakeFSNotSupported: make('ERRLakeFSNotSupported', 405, 'This operation is not supported in LakeFS'),
  writeToProtectedBranch: make('ErrWriteToProtectedBranch', 403, 'Attempted to write to a protected branch'),
  readOnlyRepository: make('ErrReadOnlyRepository', 403, 'Attempted to write to a read-only repository'),
} as const
