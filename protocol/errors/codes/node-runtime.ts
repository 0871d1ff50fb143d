/** Codes of a running node: its listeners, its identity and its start-up. */
import { defineCodes } from '../spec.js';

export const nodeRuntimeCodes = defineCodes({
  PORT_IN_USE: { status: 500, title: 'A listener cannot bind its port: it is in use or needs privileges' },
  NODE_NOT_INITIALISED: { status: 500, title: 'The data folder holds no node: run `ipex node init` or `ipex start`' },
  NODE_ALREADY_RUNNING: { status: 409, title: 'A node is already running on this data folder; stop it first or use another data folder' },
  FOLDER_LOCKED: { status: 409, title: 'Another process holds the lock of this folder and did not let go in time; try again when it is done' },
  ACCESS_CODE_KEY_MISMATCH: {
    status: 500,
    title: "This data folder's access-code key (identity/access-code.key) is missing or is not the one the office's database issued its codes with; nothing was changed. Every process of an office needs the same key: copy it from another process's data folder",
  },
  CLIENT_CERT_REQUIRED: { status: 401, title: 'The exchange API needs the office TLS certificate as a client certificate' },
  // Only ever in the audit log: a handshake that fails carries no HTTP answer.
  TLS_HANDSHAKE_FAILED: { status: 400, title: 'The TLS handshake failed (protocol version, cipher suite, or not TLS at all); the connection was closed' },
});
