/**
 * Dossier access from the accessing office's side (DESIGN.md §4, the WIPO CASE model;
 * docs/exchange.md §5), for the demo and the integration tests: with the node's own signed
 * exchange client, list a peer's dossier for an application, take a grant for one document,
 * download its manifest, parts and CMS signatures, check the signer against the directory,
 * write the certified-copy bundle folder (DESIGN.md §5) and confirm it with a signed receipt.
 *
 * The node's retrieval jobs (node/services/retrieval) handle priority documents only
 * ("dossier documents are not retrieved by this job yet"); this module is what the demo uses
 * until they do, built only from the node's public pieces.
 */
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyManifestJws } from '../../protocol/certification/index.js';
import { writeBundle } from '../../protocol/certification/index.js';
import { signReceipt, type ExchangeClient } from '../../protocol/exchange-client/index.js';
import type { components } from '../../protocol/generated/exchange.js';
import { systemRandom } from '../../protocol/runtime/clock.js';
import type { NodeContext } from '../../node/runtime/node-context.js';
import { exchangeClientFor } from '../../node/services/retrieval/index.js';
import { exchangeBase, peerLink } from '../../node/services/retrieval/peer-links.js';

type Schemas = components['schemas'];

export interface DossierCopy {
  readonly documentId: string;
  readonly version: number;
  readonly documentKind: string;
  /** The bundle folder written. */
  readonly bundleDir: string;
  /** Where the depositing office logged the grant (its audit-log index). */
  readonly grantLogIndex: number;
  /** Where it logged our receipt. */
  readonly receiptLogIndex: number | undefined;
}

/** Lists the dossier of an application at `office`, as this node (signed, mutual TLS). */
export async function listDossier(context: NodeContext, office: string, applicationNumberText: string): Promise<Schemas['DossierDocument'][]> {
  return withClient(context, async (client) => {
    const base = await baseOf(context, office);
    const res = await client.request({ method: 'GET', url: `${base}/dossiers?ipOfficeCode=${encodeURIComponent(office)}&applicationNumberText=${encodeURIComponent(applicationNumberText)}` });
    res.verifySignature(context.trust.signingKeyResolver());
    return res.json<Schemas['DossierList']>().documents;
  });
}

/** Fetches one dossier document of `office` into the bundle folder `bundleDir` (must not exist). */
export async function fetchDossierDocument(context: NodeContext, office: string, documentId: string, bundleDir: string): Promise<DossierCopy> {
  return withClient(context, async (client) => {
    const base = await baseOf(context, office);
    const res = await client.request({ method: 'GET', url: `${base}/dossiers/${encodeURIComponent(documentId)}` });
    res.verifySignature(context.trust.signingKeyResolver());
    const grant = res.json<Schemas['RetrievalSuccess']>();
    const manifestJws = (await client.request({ method: 'GET', url: peerLink(base, grant.document.manifestUrl), accept: 'application/jose' })).body.toString('utf8').trim();
    const store = context.store;
    const installed = await store.current();
    const verified = await verifyManifestJws(manifestJws, { trustAnchors: store.trustAnchors(), at: context.clock.now(), crls: [installed.crl], expectedOffice: office });
    // The x5c leaf is only a claim until the directory lists it as that office's signing certificate.
    await context.trust.verifyPeerCertificate(verified.x5c[0]!, { use: 'signing', purpose: 'signing', officeCode: office, intermediates: verified.x5c.slice(1) });
    const chainPem = (await client.request({ method: 'GET', url: peerLink(base, `retrievals/${grant.retrievalId}/chain`), accept: 'application/x-pem-file, text/plain' })).body.toString('utf8');
    const scratch = mkdtempSync(join(tmpdir(), 'ipex-dossier-'));
    try {
      const parts: { name: string; path: string }[] = [];
      const p7s = new Map<string, Uint8Array>();
      for (const part of verified.manifest.parts) {
        const listed = grant.document.parts.find((p) => p.name === part.name);
        if (listed === undefined) throw new Error(`the grant does not list part ${part.name} of the manifest`);
        const dest = join(scratch, `part-${parts.length}`);
        await client.download({ url: peerLink(base, listed.url), dest, expectedSize: part.size, expectedSha256: part.sha256 });
        parts.push({ name: part.name, path: dest });
        const sig = await client.request({ method: 'GET', url: `${peerLink(base, listed.url)}/signature`, accept: 'application/pkcs7-signature' });
        p7s.set(part.name, sig.body);
      }
      await writeBundle(bundleDir, { manifestJws, chainPem, parts, p7s });
      const receipt = await signReceipt({
        retrievalId: grant.retrievalId, documentId: verified.manifest.documentId, version: verified.manifest.version,
        parts: verified.manifest.parts.map((p) => ({ name: p.name, sha256: p.sha256 })), receivedAt: context.clock.now().toISOString(),
      }, { privateKey: context.identity.signing.privateKey, chain: [context.identity.signing.certificate.raw] });
      const confirmed = await client.request({ method: 'POST', url: `${base}/receipts`, json: { retrievalId: grant.retrievalId, receipt } });
      confirmed.verifySignature(context.trust.signingKeyResolver());
      const index = confirmed.json<{ logEntry?: { index?: number } }>().logEntry?.index;
      return {
        documentId: verified.manifest.documentId, version: verified.manifest.version, documentKind: verified.manifest.documentKind,
        bundleDir, grantLogIndex: grant.logEntry.index, receiptLogIndex: index,
      };
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
}

async function baseOf(context: NodeContext, office: string): Promise<string> {
  const entry = await context.trust.requireActive(office, 'depositing');
  return exchangeBase(entry.exchangeUrl);
}

async function withClient<T>(context: NodeContext, work: (client: ExchangeClient) => Promise<T>): Promise<T> {
  const client = exchangeClientFor(context, systemRandom);
  try {
    return await work(client);
  } finally {
    client.close();
  }
}
