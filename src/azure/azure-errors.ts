/** Azure Storage errors: an XML `<Error><Code/><Message/></Error>` body and `x-ms-error-code`. */
export class AzureError extends Error {
  override name = 'AzureError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {}
  ) {
    super(message)
  }

  response(requestId: string, now: number, head = false): Response {
    const message = `${this.message}\nRequestId:${requestId}\nTime:${new Date(now).toISOString()}`
    const body = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${this.code}</Code><Message>${escapeXml(message)}</Message></Error>`
    const headers = { 'Content-Type': 'application/xml', 'x-ms-error-code': this.code, 'x-ms-request-id': requestId, ...this.headers }
    return new Response(head ? null : body, { status: this.status, headers })
  }
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!)
}

export const azureErrors = {
  authFailed: (detail: string) => new AzureError(403, 'AuthenticationFailed', `Server failed to authenticate the request. Make sure the value of the Authorization header is formed correctly including the signature. ${detail}`),
  authPermission: () => new AzureError(403, 'AuthorizationPermissionMismatch', 'This request is not authorized to perform this operation using this permission.'),
  noAccount: () => new AzureError(400, 'InvalidUri', 'The requested URI does not represent any resource on the server.'),
  noContainer: () => new AzureError(404, 'ContainerNotFound', 'The specified container does not exist.'),
  containerExists: () => new AzureError(409, 'ContainerAlreadyExists', 'The specified container already exists.'),
  invalidContainerName: () => new AzureError(400, 'InvalidResourceName', 'The specifed resource name contains invalid characters.'),
  noBlob: () => new AzureError(404, 'BlobNotFound', 'The specified blob does not exist.'),
  conditionNotMet: () => new AzureError(412, 'ConditionNotMet', 'The condition specified using HTTP conditional header(s) is not met.'),
  notModified: () => new AzureError(304, 'ConditionNotMet', 'The condition specified using HTTP conditional header(s) is not met.'),
  invalidRange: () => new AzureError(416, 'InvalidRange', 'The range specified is invalid for the current size of the resource.'),
  invalidBlockList: () => new AzureError(400, 'InvalidBlockList', 'The specified block list is invalid.'),
  invalidInput: (what: string) => new AzureError(400, 'InvalidInput', `One of the request inputs is not valid. ${what}`),
  missingBlobType: () => new AzureError(400, 'MissingRequiredHeader', 'An HTTP header that\'s mandatory for this request is not specified. x-ms-blob-type'),
  unsupportedBlobType: () => new AzureError(400, 'InvalidHeaderValue', 'The value for one of the HTTP headers is not in the correct format. x-ms-blob-type (only BlockBlob is served)'),
  tooLarge: (limit: number) => new AzureError(413, 'RequestBodyTooLarge', `The request body is too large and exceeds the emulator's limit of ${limit} bytes.`),
  unsupported: (what: string) => new AzureError(501, 'NotImplemented', `${what} is not supported by lakefs-emulator's Azure endpoint.`),
  badVersion: (version: string) =>
    new AzureError(400, 'InvalidHeaderValue', `The API version ${version} is not supported by Azurite. Please upgrade Azurite to latest version and retry. If you are using Azurite in Visual Studio, please check you have installed latest Visual Studio patch. Azurite command line parameter "--skipApiVersionCheck" or Visual Studio Code configuration "Skip Api Version Check" can skip this error.`),
}
