/**
 * The layout of a node's data folder, in one place. Everything a node keeps lives under it, so
 * that a backup, a restore or a move is one folder.
 *
 *   ipex.json            configuration (docs/configuration.md)
 *   identity/            this office's certificates and private keys (keys 0600)
 *   enrolment/           keys made by `ipex node keygen`, waiting for the certificates issued
 *                        from their requests (moved into identity/ by node init / node rotate)
 *   trust/               network root, current directory and CRL (the last good ones)
 *   ipex.db              SQLite: metadata, access state, audit log
 *   database.json        written once the database exists: it must never silently begin again
 *   blobs/               content-addressed document parts
 *   dev-network/         only on a development node: the network operator folder `ipex start` made
 *   node.lock            while a node runs: who runs it (node/runtime/node-lock.ts)
 */
import { join } from 'node:path';

export interface DataPaths {
  readonly root: string;
  readonly config: string;
  readonly identity: {
    readonly dir: string;
    readonly office: string;
    readonly tlsCert: string;
    readonly tlsKey: string;
    readonly signingCert: string;
    readonly signingKey: string;
    readonly logKey: string;
    readonly logVkey: string;
  };
  readonly trust: { readonly dir: string; readonly root: string; readonly directory: string; readonly crl: string };
  readonly database: string;
  readonly databaseMarker: string;
  readonly blobs: string;
  readonly retrievals: string;
  readonly devNetwork: string;
  readonly enrolment: string;
  readonly nodeLock: string;
}

export function dataPaths(dataDir: string): DataPaths {
  const identity = join(dataDir, 'identity');
  const trust = join(dataDir, 'trust');
  return {
    root: dataDir,
    config: join(dataDir, 'ipex.json'),
    identity: {
      dir: identity,
      office: join(identity, 'office.json'),
      tlsCert: join(identity, 'tls.pem'),
      tlsKey: join(identity, 'tls.key'),
      signingCert: join(identity, 'signing.pem'),
      signingKey: join(identity, 'signing.key'),
      logKey: join(identity, 'log.key'),
      logVkey: join(identity, 'log.vkey'),
    },
    trust: { dir: trust, root: join(trust, 'root.pem'), directory: join(trust, 'directory.jws'), crl: join(trust, 'crl.pem') },
    database: join(dataDir, 'ipex.db'),
    databaseMarker: join(dataDir, 'database.json'),
    blobs: join(dataDir, 'blobs'),
    retrievals: join(dataDir, 'retrievals'),
    devNetwork: join(dataDir, 'dev-network'),
    enrolment: join(dataDir, 'enrolment'),
    nodeLock: join(dataDir, 'node.lock'),
  };
}

/** The data folder: `--data`, else IPEX_DATA, else `./data`. */
export function resolveDataDir(option: string | undefined): string {
  return option ?? process.env.IPEX_DATA ?? 'data';
}
