/**
 * Witness status for the administrator (docs/portal.md "Administrator"; docs/design.md §7
 * "Witnessing"): who is asked to cosign this node's log and the newest of our checkpoints each
 * one cosigned (found on our stored notes, as the witness round finds it), the peers' logs this
 * node cosigns (`witness_state`), and the inconsistencies found in them (`witness_evidence`,
 * kept for ever). Read when the page asks; nothing here runs on its own.
 */
import type { components } from '../../../protocol/generated/office.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { lastCosignedSize } from './witness-client.js';

export type WitnessStatus = components['schemas']['WitnessStatus'];

export async function witnessStatus(context: NodeContext): Promise<WitnessStatus> {
  const { audit, db, identity } = context;
  await audit.flush();
  const latest = audit.latestCheckpoint();
  const { directory } = await context.trust.refresh();
  const witnesses = directory.offices
    .filter((o) => o.code !== identity.code && o.status === 'active')
    .map((o) => {
      const cosignedSize = lastCosignedSize(audit, { code: o.code, logKey: o.logKey });
      const at = cosignedSize === 0 ? undefined : audit.checkpoints.atSize(cosignedSize)?.createdAt;
      return { code: o.code, name: o.name, cosignedSize, ...(at === undefined ? {} : { cosignedAt: at }) };
    });
  const witnessed = (db.prepare('SELECT office AS code, size, updated_at AS updatedAt FROM witness_state ORDER BY office').all() as WitnessStatus['witnessed']);
  const inconsistencies = (db.prepare('SELECT office AS code, detected_at AS detectedAt, reason FROM witness_evidence ORDER BY id DESC LIMIT 1000').all() as WitnessStatus['inconsistencies'])
    .map((i) => ({ ...i, reason: i.reason.slice(0, 2000) }));
  return { checkpoint: { size: latest.size, time: latest.createdAt }, witnesses, witnessed, inconsistencies };
}
