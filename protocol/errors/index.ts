export { IpexError, isIpexError, type IpexErrorOptions } from './ipex-error.js';
export { ERROR_CODES, errorSpec, isErrorCode, type ErrorCode } from './registry.js';
export type { ErrorSpec } from './spec.js';
