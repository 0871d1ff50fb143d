/**
 * Test fixture for the exchange API of a depositing office: a development network with two
 * offices (EP serves, JP asks), the EP node started on loopback port 0 with an injectable clock,
 * and a JP client that signs requests (RFC 9421, protocol/http-signatures) as a peer node does
 * and sends them over real mutual TLS with JP's TLS certificate.
 */
import { request as httpsRequest, type Agent } from 'node:https';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { addOffice, publish } from '../../../certs/network/index.js';
import { networkPaths } from '../../../certs/network/network-folder.js';
import { ensureDevNode } from '../../../node/cli/dev-network.js';
import { installOfficeBundle } from '../../../node/identity/install-bundle.js';
import { createOutput, type Output } from '../../../node/cli/output.js';
import { dataPaths } from '../../../node/config/data-dir.js';
import { loadIdentity, type OfficeIdentity } from '../../../node/identity/office-identity.js';
import { startNode, type RunningNode } from '../../../node/runtime/start-node.js';
import { depositServiceFor, type DepositService } from '../../../node/services/deposit/deposit-service.js';
import { signatureAlgorithmFor } from '../../../node/trust/index.js';
import { IPEX_TAGS, generateNonce, signRequest } from '../../../protocol/http-signatures/index.js';
import { FixedClock, systemRandom } from '../../../protocol/runtime/clock.js';

export const quiet = createOutput(false, { stdout: { write: () => true }, stderr: { write: () => true } }, true);

export interface PeerResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
  json(): any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test convenience over wire JSON
}

export interface SendOptions {
  readonly json?: unknown;
  readonly headers?: Record<string, string>;
  /** Send these bytes instead of the signed body (tampering). */
  readonly tamperBody?: Buffer;
  /** Sign at this time instead of the clock's. */
  readonly created?: Date;
  /** Use this nonce (replay). */
  readonly nonce?: string;
  readonly unsigned?: boolean;
  /** Send as this office (default JP). */
  readonly as?: OfficeIdentity;
  /** Sign with this tag instead of ipex-exchange-v1. */
  readonly tag?: string;
  /** Sign with this key id instead of the office's. */
  readonly keyId?: string;
  /** Sign for this URL instead of the one the request goes to. */
  readonly signUrl?: string;
  /** Send (and sign) these body bytes instead of `json`. */
  readonly body?: Buffer;
  /** Send over this agent's connections (keep-alive) instead of a new connection. */
  readonly agent?: Agent;
  /** Give up (reject) when the socket is idle this long, as a peer's client does. */
  readonly timeoutMs?: number;
}

export interface DepositOptions {
  readonly kind?: 'priorityDocument' | 'searchReport' | 'examinationReport' | 'writtenOpinion' | 'officeAction';
  readonly application?: string;
  readonly patentFamilyId?: string;
  readonly availableFrom?: string;
  readonly parts?: { name: string; bytes: Buffer; mediaType?: string }[];
}

export interface ExchangeNetwork {
  readonly root: string;
  readonly clock: FixedClock;
  readonly ep: RunningNode;
  readonly jp: OfficeIdentity;
  /** KR: an active office with the depositing role only. */
  readonly kr: OfficeIdentity;
  readonly deposits: DepositService;
  /** The exchange URL peers sign (`exchange.publicUrl`). */
  readonly publicUrl: string;
  send(method: string, path: string, options?: SendOptions): Promise<PeerResponse>;
  /** A signed request as sent, for replays. */
  lastRequest?: { method: string; path: string; headers: Record<string, string>; options: SendOptions & { nonce: string; created: Date } };
  depositPriority(options?: DepositOptions): Promise<{ documentId: string; accessCode: string }>;
  close(): Promise<void>;
}

/** `epConfig`: members merged into EP's ipex.json before it starts (issue 12: `notifications`). */
export async function startExchangeNetwork(options: { readonly output?: Output; readonly epConfig?: Record<string, unknown>; readonly epExchange?: Record<string, unknown> } = {}): Promise<ExchangeNetwork> {
  const root = mkdtempSync(join(tmpdir(), 'ipex-exchange-'));
  const networkDir = join(root, 'network');
  const clock = new FixedClock(Date.now());
  const epDir = join(root, 'ep');
  const jpDir = join(root, 'jp');
  await ensureDevNode(epDir, { officeCode: 'EP', exchangePort: 18443, officeApiPort: 0, networkDir, output: quiet, clock });
  await ensureDevNode(jpDir, { officeCode: 'JP', exchangePort: 18444, officeApiPort: 0, networkDir, output: quiet, clock });
  const krDir = join(root, 'kr');
  const ctx = { dir: networkDir, now: clock.now(), progress: () => undefined };
  await addOffice(ctx, { code: 'KR', name: 'KIPO', exchangeUrl: 'https://127.0.0.1:18445', roles: ['depositing'], dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
  await publish(ctx, 30);
  await installOfficeBundle(networkPaths(networkDir).office('KR'), krDir, { exchangeHost: '127.0.0.1', exchangePort: 18445, officeApiPort: 0 });
  // EP installs the directory that now lists JP too.
  await ensureDevNode(epDir, { officeCode: 'EP', exchangePort: 18443, officeApiPort: 0, networkDir, output: quiet, clock });
  if (options.epConfig !== undefined || options.epExchange !== undefined) {
    const file = dataPaths(epDir).config;
    const config = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    // `epExchange`: members merged into EP's `exchange` settings (mutualTls …)
    const exchange = { ...(config['exchange'] as Record<string, unknown>), ...options.epExchange };
    writeFileSync(file, JSON.stringify({ ...config, exchange, ...options.epConfig }));
  }
  const ep = await startNode({ dataDir: epDir, output: options.output ?? quiet, clock, ports: { exchange: 0, officeApi: 0 } });
  const jp = loadIdentity(dataPaths(jpDir));
  const kr = loadIdentity(dataPaths(krDir));
  // Make the peers' signing keys known to EP even where the directory does not carry certificates.
  for (const peer of [jp, kr]) {
    await ep.context.trust.verifyPeerCertificate(peer.signing.certificate.raw, { use: 'signing', purpose: 'signing', officeCode: peer.code });
  }
  const port = new URL(ep.exchangeUrl).port;
  const publicUrl = ep.context.config.exchange.publicUrl.replace(/\/$/, '');
  const deposits = depositServiceFor(ep.context);

  const network: ExchangeNetwork = {
    root, clock, ep, jp, kr, deposits, publicUrl,
    async send(method, path, options = {}) {
      const body = options.body ?? (options.json === undefined ? undefined : Buffer.from(JSON.stringify(options.json)));
      const headers: Record<string, string> = { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...options.headers };
      const as = options.as ?? jp;
      const alg = signatureAlgorithmFor(as.signing.privateKey)!;
      const tlsKeyPem = as.tls.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
      const created = options.created ?? clock.now();
      const nonce = options.nonce ?? generateNonce(systemRandom);
      if (options.unsigned !== true) {
        const signed = signRequest({ method, url: options.signUrl ?? `${publicUrl}${path}`, headers, body }, {
          keyId: options.keyId ?? as.signing.sha256, privateKey: as.signing.privateKey, alg, created, nonce, tag: options.tag ?? IPEX_TAGS.exchangeRequest,
        });
        for (const [k, v] of Object.entries(signed)) if (v !== undefined) headers[k] = v;
      }
      network.lastRequest = { method, path, headers: { ...headers }, options: { ...options, nonce, created } };
      const sent = options.tamperBody ?? body;
      return new Promise<PeerResponse>((resolve, reject) => {
        const req = httpsRequest({
          host: '127.0.0.1', port, method, path, headers: { ...headers, ...(sent === undefined ? {} : { 'Content-Length': String(sent.length) }) },
          cert: as.tls.certificatePem, key: tlsKeyPem, ca: as.rootPem, agent: options.agent ?? false,
        }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const bytes = Buffer.concat(chunks);
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes, json: () => JSON.parse(bytes.toString('utf8')) });
          });
          res.on('error', reject);
        });
        req.on('error', reject);
        if (options.timeoutMs !== undefined) req.setTimeout(options.timeoutMs, () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
        req.end(sent);
      });
    },
    async depositPriority(options = {}) {
      const draft = deposits.createDraft({
        documentKind: options.kind ?? 'priorityDocument',
        bibliographicData: {
          ipOfficeCode: 'EP', applicationNumberText: options.application ?? 'EP 23 123 456.8', filingDate: '2023-05-01', ipRightType: 'patent',
          ...(options.patentFamilyId === undefined ? {} : { patentFamilyId: options.patentFamilyId }),
        },
        ...(options.availableFrom === undefined ? {} : { availableFrom: options.availableFrom }),
      }, { kind: 'cli' });
      const parts = options.parts ?? [{ name: 'application.pdf', bytes: Buffer.from('%PDF-1.7 test priority document\n'), mediaType: 'application/pdf' }];
      for (const p of parts) await deposits.uploadPart(draft.depositId, p.name, p.mediaType ?? 'application/octet-stream', Readable.from([p.bytes]));
      const committed = await deposits.commit(draft.depositId, { kind: 'cli' });
      return { documentId: committed.documentId, accessCode: committed.accessCode ?? '' };
    },
    async close() {
      await ep.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
  return network;
}

/** The audit entries of the EP node, parsed. */
export function auditEntries(net: ExchangeNetwork): { idx: number; type: string; outcome: string; entry: any }[] { // eslint-disable-line @typescript-eslint/no-explicit-any
  const rows = net.ep.context.db.prepare('SELECT idx, type, outcome, entry FROM audit_entries ORDER BY idx').all() as { idx: number; type: string; outcome: string; entry: Buffer | string }[];
  return rows.map((r) => ({ idx: r.idx, type: r.type, outcome: r.outcome, entry: JSON.parse(r.entry.toString()) }));
}
