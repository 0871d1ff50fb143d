/**
 * A certified copy verified again, check by check, for the person who relies on it (issue 11,
 * the examiner's copy page; openapi/office.yaml `verifyCopy`): the copy's bundle is written as it
 * would be downloaded and put through the very checks of `ipex verify` (manifest signature and
 * signer, chain, each part's size, SHA-256 and CMS signature, layout) against the network root
 * and CRL as they are now; then whether the receipt went to the depositing office, and the
 * OFF's log proof — that its signed, append-only log holds our retrieval (logged-proof.ts).
 * Each check says what passed or what failed with its stable code; nothing is changed.
 */
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyBundle } from '../../../protocol/certification/index.js';
import { IpexError, isIpexError } from '../../../protocol/errors/index.js';
import type { components } from '../../../protocol/generated/office.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { writeCopyBundle } from './copy-bundle.js';
import { CopyStore } from './copy-store.js';
import { proveCopyLogged } from './logged-proof.js';
import { trustOptions } from './verify-step.js';

export type CopyVerification = components['schemas']['CopyVerification'];
type Check = CopyVerification['checks'][number];

/** The checks of protocol/certification/bundle-verify.ts, by the names it records them under. */
const BUNDLE_CHECKS: Readonly<Record<string, Check['check']>> = {
  'manifest signature and signer': 'manifest',
  'chain.pem equals the manifest certificates': 'chain',
  'part present': 'part-digest',
  'part readable': 'part-digest',
  'part size and SHA-256 match the manifest': 'part-digest',
  'part CMS signature': 'part-signature',
  'no unexpected files': 'layout',
  'bundle can be read': 'layout',
};

export async function verifyCopy(context: NodeContext, copyId: string): Promise<CopyVerification> {
  const copy = new CopyStore(context.db).get(copyId);
  if (copy === undefined) throw new IpexError('NOT_FOUND', `no certified copy ${copyId}`);
  const checks: Check[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'ipex-verify-'));
  try {
    const folder = join(dir, 'bundle');
    // Not re-hashed here: verifyBundle checks every part against the manifest and reports a
    // damaged one as its failed check, which is what this page is for.
    await writeCopyBundle(copy, context.blobs, folder, { zip: false, rehash: false });
    const report = await verifyBundle(folder, await trustOptions(context, copy.sourceOffice));
    for (const c of report.checks) {
      checks.push({ check: BUNDLE_CHECKS[c.check] ?? 'layout', where: c.where, ok: c.ok, ...(c.code === undefined ? {} : { code: c.code, message: c.message ?? '' }) });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  checks.push(copy.receiptSentAt === null
    ? failed('receipt', new IpexError('RECEIPT_NOT_SENT', `the receipt for ${copyId} has not reached ${copy.sourceOffice} yet; the node keeps sending it`))
    : { check: 'receipt', where: copy.sourceOffice, ok: true, detail: { sentAt: copy.receiptSentAt, ...(copy.receiptLogIndex === null ? {} : { logIndex: copy.receiptLogIndex }) } });
  try {
    const proof = await proveCopyLogged(context, copyId);
    checks.push({ check: 'log-proof', where: copy.sourceOffice, ok: true, detail: { logIndex: proof.index, treeSize: proof.treeSize } });
  } catch (err) {
    checks.push(failed('log-proof', err, copy.sourceOffice));
  }
  return { copyId, ok: checks.every((c) => c.ok), checkedAt: context.clock.now().toISOString(), checks };
}

function failed(check: Check['check'], err: unknown, where = ''): Check {
  const e = isIpexError(err) ? err : new IpexError('INTERNAL', err instanceof Error ? err.message : String(err));
  return { check, where, ok: false, code: e.code, message: e.message.slice(0, 1000) };
}
