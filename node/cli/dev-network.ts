/**
 * The development network behind `ipex start` on an empty data folder: a network folder with
 * its own root CA and directory key (`<data>/dev-network/` unless `--network` names a shared
 * one), this office added to it, the directory published and installed, and the office bundle
 * installed — the same steps a network operator and an office take by hand
 * (docs/network-operator.md), so that a development node is a real node.
 *
 * Several development nodes on one machine share one network folder (`--network`); each node
 * picks up the directory that the others published (`syncDevDirectory`). Keys of a development
 * network are not encrypted: it is for trying ipex, never for real documents.
 *
 * A first start that fails leaves nothing behind, and one whose process died half-way is taken
 * back by the next start, which then sets up with its own options (dev-set-up.ts). Offices that
 * join one network at the same moment are all kept: the network folder is locked around each
 * change.
 *
 * This module lives in the CLI because it drives the operator's tooling in `certs/`; the rest
 * of `node/` does not import `certs/`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { networkPaths, readRegister } from '../../certs/network/network-folder.js';
import { IpexError } from '../../protocol/errors/index.js';
import { normaliseSt3Code, st3Name } from '../../protocol/st3/index.js';
import { systemClock, systemRandom, type Clock } from '../../protocol/runtime/clock.js';
import { dataPaths } from '../config/data-dir.js';
import { installOfficeBundle } from '../identity/install-bundle.js';
import { DirectoryStore } from '../trust/index.js';
import type { Output } from './output.js';
import { DEV_DIRECTORY_VALID_DAYS as DIRECTORY_VALID_DAYS, readPointer, undoSetUp, withNetworkLock, writePointer, type DevSetUp, type PendingSetUp } from './dev-set-up.js';

export type { DevSetUp } from './dev-set-up.js';

/** Republish when the directory has less than this left, so a development node never expires. */
const RENEW_BEFORE_MS = 7 * 86_400_000;

export interface DevNodeOptions {
  readonly officeCode: string;
  readonly officeName?: string;
  readonly exchangePort: number;
  readonly officeApiPort: number;
  /** A network folder to join instead of `<data>/dev-network`. */
  readonly networkDir?: string;
  readonly output: Output;
  readonly clock?: Clock;
  /**
   * Keep the set-up open until the caller says the node is up (`DevSetUp.done`), as `ipex start`
   * does; otherwise it is final when this returns.
   */
  readonly untilUp?: boolean;
}

/**
 * Makes `dataDir` a development node when it holds no node yet, and returns that set-up; for a
 * development node that exists, renews and installs its network's directory. A node set up by
 * `ipex node init` is left alone. An unfinished set-up found in `dataDir` is taken back first.
 */
export async function ensureDevNode(dataDir: string, options: DevNodeOptions): Promise<DevSetUp | undefined> {
  const clock = options.clock ?? systemClock;
  const out = options.output;
  const paths = dataPaths(dataDir);
  const earlier = readPointer(dataDir);
  if (earlier?.pending !== undefined) {
    out.progress(`an earlier first start in ${dataDir} did not finish: taking back what it made`);
    await undoSetUp(dataDir, earlier.networkDir, earlier.pending, clock, out);
  }
  if (existsSync(paths.config)) {
    const networkDir = devNetworkOf(dataDir);
    if (networkDir !== undefined) await syncDevDirectory(dataDir, networkDir, clock, out);
    return undefined;
  }
  if (existsSync(paths.identity.dir)) {
    throw new IpexError('ALREADY_EXISTS', `${paths.identity.dir} exists without ${paths.config}: this data folder is damaged; restore it or use another --data folder`);
  }
  const code = normaliseSt3Code(options.officeCode);
  const name = options.officeName ?? st3Name(code) ?? code;
  const networkDir = resolve(options.networkDir ?? paths.devNetwork);
  const { addOffice, initNetwork, publish } = await loadIssuing();
  const ctx = { dir: networkDir, now: clock.now(), progress: (m: string) => out.progress(m) };
  out.progress(`first start: setting up a development node for office ${code} in ${dataDir}`);
  // Recorded before each change, so that a start that fails, or dies, can take back what it made.
  const pending: PendingSetUp = { office: code, createdNetwork: false, addedOffice: false };
  const record = (): void => writePointer(dataDir, { networkDir, pending });
  record();
  try {
    await withNetworkLock(networkDir, async () => {
      if (!existsSync(networkDir)) {
        out.progress(`creating the development network in ${networkDir}`);
        await initNetwork(ctx, `ipex-dev-${systemRandom.bytes(4).toString('hex')}`, { development: true }); // unique name; operator makes the keys
        pending.createdNetwork = true;
        record();
      } else {
        readRegister(networkDir); // a folder that is not a network folder fails here, before anything is written
        out.progress(`joining the development network in ${networkDir}`);
      }
      await addOffice(ctx, {
        code,
        name,
        exchangeUrl: `https://127.0.0.1:${options.exchangePort}`,
        dnsNames: ['localhost'],
        ipAddresses: ['127.0.0.1'],
      });
      pending.addedOffice = true;
      record();
      await publish(ctx, DIRECTORY_VALID_DAYS);
    });
    await installOfficeBundle(networkPaths(networkDir).office(code), dataDir, {
      exchangeHost: '127.0.0.1',
      exchangePort: options.exchangePort,
      officeApiPort: options.officeApiPort,
    });
    await syncDevDirectory(dataDir, networkDir, clock, out);
  } catch (err) {
    await undoSetUp(dataDir, networkDir, pending, clock, out);
    throw err;
  }
  if (code === 'XX') out.warn('the development office is XX ("unknown" in ST.3); pass --office EP (or another ST.3 code) on first start to choose one');
  const setUp: DevSetUp = {
    done: () => writePointer(dataDir, { networkDir }),
    undo: () => undoSetUp(dataDir, networkDir, pending, clock, out),
  };
  if (options.untilUp !== true) setUp.done();
  return setUp;
}

/**
 * The network operator's issuing code (certs/ and @peculiar/x509), loaded only when a
 * development network is set up or its directory renewed: a start of a node that is set up
 * loads none of it (issue 14, idle memory).
 */
function loadIssuing(): Promise<typeof import('../../certs/network/index.js')> {
  return import('../../certs/network/index.js');
}

/** The network folder of a development node, or undefined for a node set up by `ipex node init`. */
export function devNetworkOf(dataDir: string): string | undefined {
  return readPointer(dataDir)?.networkDir;
}

/**
 * Installs the development network's newest directory into the node; republishes first when
 * it is about to expire. Returns the installed serial.
 */
export async function syncDevDirectory(dataDir: string, networkDir: string, clock: Clock, out?: Output): Promise<number> {
  const net = networkPaths(networkDir);
  const now = clock.now();
  const stale = (): boolean => !existsSync(net.directoryJws) || publishedExpiry(readFileSync(net.directoryJws, 'utf8')) - now.getTime() < RENEW_BEFORE_MS;
  if (stale()) {
    await withNetworkLock(networkDir, async () => {
      if (!stale()) return; // another node renewed it meanwhile
      out?.progress('renewing the development directory');
      const { publish } = await loadIssuing();
      await publish({ dir: networkDir, now }, DIRECTORY_VALID_DAYS);
    });
  }
  const store = new DirectoryStore({ dataDir, clock });
  const installed = await store.install(readFileSync(net.directoryJws, 'utf8'), readFileSync(net.crl, 'utf8'));
  return installed.directory.serial;
}

/** When a published directory expires, read without verifying: install verifies it just after. */
function publishedExpiry(jws: string): number {
  try {
    const payload = JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8')) as { expiresAt?: unknown };
    return typeof payload.expiresAt === 'string' ? Date.parse(payload.expiresAt) : 0;
  } catch {
    return 0; // unreadable: publish a fresh one
  }
}
