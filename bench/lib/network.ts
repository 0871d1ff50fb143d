/**
 * Real nodes for the benchmarks (issue 5): a development network in `bench/tmp/` with two
 * offices (EP deposits and serves, JP retrieves), set up with the same steps as `ipex start`
 * (node/cli/dev-network.ts ensureDevNode), documents deposited through the deposit service, and
 * the EP node run as a child process (`node bin/ipex.js start`) so that its memory and start-up
 * time are its own and the benchmark client does not share its event loop.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { ensureDevNode } from '../../node/cli/dev-network.js';
import { createOutput } from '../../node/cli/output.js';
import { dataPaths } from '../../node/config/data-dir.js';
import { loadIdentity, type OfficeIdentity } from '../../node/identity/office-identity.js';
import { startNode, type RunningNode } from '../../node/runtime/start-node.js';
import { normaliseApplicationNumber } from '../../protocol/st13/application-number.js';
import { expectedCheckDigit } from '../../protocol/st13/check-digits.js';
import { depositServiceFor, type DepositService } from '../../node/services/deposit/deposit-service.js';
import { freePort } from '../../scripts/lib/free-port.js';

export { freePort };

export const BENCH_DIR = resolve(import.meta.dirname, '..');
export const REPO_DIR = resolve(BENCH_DIR, '..');
export const TMP_DIR = join(BENCH_DIR, 'tmp');

/** Output that prints nothing (the benchmark prints its own lines). */
export const quiet = createOutput(false, { stdout: { write: () => true }, stderr: { write: () => true } }, true);


/** A fresh folder under bench/tmp for one scenario; removed by `dispose`. */
export function scratch(name: string): { dir: string; dispose(): void } {
  mkdirSync(TMP_DIR, { recursive: true });
  const dir = mkdtempSync(join(TMP_DIR, `${name}-`));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface BenchNetwork {
  readonly root: string;
  readonly epDir: string;
  readonly jpDir: string;
  readonly epExchangePort: number;
  readonly epOfficeApiPort: number;
  /** The exchange URL EP's peers sign (its `exchange.publicUrl`). */
  readonly publicUrl: string;
  readonly ep: OfficeIdentity;
  readonly jp: OfficeIdentity;
}

/** EP and JP in one development network under `root`; EP's directory lists JP. */
export async function setupNetwork(root: string): Promise<BenchNetwork> {
  const networkDir = join(root, 'network');
  const epDir = join(root, 'ep');
  const jpDir = join(root, 'jp');
  const epExchangePort = await freePort();
  const epOfficeApiPort = await freePort();
  const ep = { officeCode: 'EP', exchangePort: epExchangePort, officeApiPort: epOfficeApiPort, networkDir, output: quiet };
  await ensureDevNode(epDir, ep);
  await ensureDevNode(jpDir, { officeCode: 'JP', exchangePort: await freePort(), officeApiPort: await freePort(), networkDir, output: quiet });
  await ensureDevNode(epDir, ep); // installs the directory that lists JP too
  const config = JSON.parse(readFileSync(dataPaths(epDir).config, 'utf8')) as { exchange?: { publicUrl?: string } };
  return {
    root, epDir, jpDir, epExchangePort, epOfficeApiPort,
    publicUrl: (config.exchange?.publicUrl ?? `https://127.0.0.1:${epExchangePort}`).replace(/\/$/, ''),
    ep: loadIdentity(dataPaths(epDir)),
    jp: loadIdentity(dataPaths(jpDir)),
  };
}

/** EP started in this process on free ports (for deposits made before the measured node runs). */
export async function startInProcess(dataDir: string): Promise<{ node: RunningNode; deposits: DepositService }> {
  const node = await startNode({ dataDir, output: quiet, ports: { exchange: 0, officeApi: 0 } });
  return { node, deposits: depositServiceFor(node.context) };
}

export interface DepositedDocument {
  readonly documentId: string;
  readonly accessCode: string;
  readonly applicationNumber: string;
  /** The same, as the exchange API wants it. */
  readonly wireNumber: string;
}

/** The application number of the i-th benchmark document (EP, a valid-looking number). */
export function applicationNumber(i: number): string {
  const serial = String(100_000 + i).padStart(6, '0');
  // The EP check digit must fit the number (issue 10, item 11), as on a real filing.
  return `EP 24 ${serial}.${expectedCheckDigit('EP', `24${serial}`)}`;
}

/** The application number as the exchange API wants it (ST.13 normalised: digits, no check digit). */
export function wireApplicationNumber(i: number): string {
  return normaliseApplicationNumber('EP', applicationNumber(i)).applicationNumberText;
}

/** `bytes` marked as a PDF: a part declared application/pdf must begin as one (issue 15, media-type check). */
export function asPdf(bytes: Buffer): Buffer {
  bytes.write('%PDF-1.7\n', 0);
  return bytes;
}

/** Deposits one priority document with the given parts, through the deposit service. */
export async function depositPriority(deposits: DepositService, i: number, parts: { name: string; bytes: Buffer | (() => Readable) }[]): Promise<DepositedDocument> {
  const application = applicationNumber(i);
  const draft = deposits.createDraft({
    documentKind: 'priorityDocument',
    bibliographicData: { ipOfficeCode: 'EP', applicationNumberText: application, filingDate: '2024-03-01', ipRightType: 'patent' },
  }, { kind: 'cli' });
  for (const p of parts) {
    const source = typeof p.bytes === 'function' ? p.bytes() : Readable.from([p.bytes]);
    await deposits.uploadPart(draft.depositId, p.name, 'application/pdf', source);
  }
  const committed = await deposits.commit(draft.depositId, { kind: 'cli' });
  return { documentId: committed.documentId, accessCode: committed.accessCode ?? '', applicationNumber: application, wireNumber: wireApplicationNumber(i) };
}
