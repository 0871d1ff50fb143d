/**
 * The client side of the exchange protocol (docs/design.md §4): signed requests over mutual TLS,
 * problem mapping, response-signature verification, and resumable verified downloads. It is
 * in `protocol/` so that another office's tool can talk to an ipex node without running one.
 */
export { ExchangeClient, type ContactOutcome, type ExchangeClientOptions, type ExchangeRequest, type ExchangeResponse, type SignedRequestRecord } from './exchange-client.js';
export { PeerError, parseProblem, parseRetryAfter, type PeerProblem } from './peer-error.js';
export { backoffDelay, sleep, type BackoffOptions } from './backoff.js';
export type { DownloadOptions, DownloadResult } from './download.js';
export type { ClientTlsOptions, ConnectOverride } from './transport.js';
export { EXCHANGE_API_PATH, exchangeApiBase, exchangeOrigin, exchangeRequestUrl, exchangeTargetUri } from './exchange-url.js';
export { RECEIPT_JWS_TYPE, signReceipt, type ReceiptPayload, type SignReceiptOptions } from './receipt.js';
