/**
 * Codes raised by the HTTP frame of both listeners (node/http/): the request does not fit the
 * OpenAPI operation at the level of HTTP itself (method, media type, size). Shape errors of
 * bodies and parameters are INVALID_INPUT; unknown routes are NOT_FOUND (codes/general.ts).
 */
import { defineCodes } from '../spec.js';

export const httpAppCodes = defineCodes({
  METHOD_NOT_ALLOWED: {
    status: 405,
    title: 'The resource does not support this HTTP method; see the Allow header',
  },
  NOT_ACCEPTABLE: {
    status: 406,
    title: 'The resource cannot be answered in any media type the Accept header allows',
  },
  BODY_TOO_LARGE: {
    status: 413,
    title: 'The request body is larger than the node accepts for this operation',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: 'The request body has a media type this operation does not accept',
  },
});
