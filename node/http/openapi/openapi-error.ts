/**
 * The error the OpenAPI validation middleware raises (OpenAPI 3.1 §4.8 operations, RFC 9110 §15
 * status codes). problem.ts maps it to a registry code by `status`: 400 INVALID_INPUT with the
 * `errors` list, 404 NOT_FOUND, 405 METHOD_NOT_ALLOWED with `Allow`, 406 NOT_ACCEPTABLE,
 * 413 BODY_TOO_LARGE, 415 UNSUPPORTED_MEDIA_TYPE; 500 (a response that breaks the document)
 * becomes INTERNAL and is logged.
 */

/** One place where the input (or a response) differs from the document. */
export interface OpenApiIssue {
  /** `/body/name`, `/query/limit`, `/headers/range`, `/params/itemId`, `/response/…`. */
  readonly path: string;
  readonly message: string;
}

export class OpenApiError extends Error {
  override readonly name = 'OpenApiError';

  constructor(
    /** HTTP status: 400, 404, 405, 406, 413, 415 or 500. */
    readonly status: number,
    message: string,
    /** Where the input is wrong (400), or the response (500). */
    readonly errors: readonly OpenApiIssue[] = [],
    /** Headers the answer must carry, for example `Allow` on 405. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** 400 with the list of issues; the message names the first one. */
export function invalidInput(errors: readonly OpenApiIssue[]): OpenApiError {
  const first = errors[0];
  return new OpenApiError(400, first === undefined ? 'invalid request' : `${first.path} ${first.message}`, errors);
}
