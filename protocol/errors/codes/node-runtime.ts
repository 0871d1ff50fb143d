/** Codes of a running node: its listeners, its identity and its start-up. */
import { defineCodes } from '../spec.js';

export const nodeRuntimeCodes = defineCodes({
  PORT_IN_USE: { status: 500, title: 'A listener cannot bind its port: it is in use or needs privileges' },
  NODE_NOT_INITIALISED: { status: 500, title: 'The data folder holds no node: run `ipex node init` or `ipex start`' },
  CLIENT_CERT_REQUIRED: { status: 401, title: 'The exchange API needs the office TLS certificate as a client certificate' },
  // Only ever in the audit log: a handshake that fails carries no HTTP answer.
  TLS_HANDSHAKE_FAILED: { status: 400, title: 'The TLS handshake failed (protocol version, cipher suite, or not TLS at all); the connection was closed' },
});
