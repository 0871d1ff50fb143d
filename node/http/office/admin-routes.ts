/**
 * The administrator's operations on the office API (openapi/office.yaml, tags `staff`,
 * `directory`, `audit`): staff tokens made, listed and revoked as `ipex token` does (the token in
 * the answer to its creation only, audited with the administrator who acted); the peers with
 * their last contact (node/services/peers/peer-contacts.ts); the witness status
 * (node/services/audit/witness-status.ts). Roles come from `x-ipex-roles` (staff-auth.ts).
 */
import type { Request, Response, Router } from 'express';
import { systemRandom } from '../../../protocol/runtime/clock.js';
import type { components } from '../../../protocol/generated/office.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { auditActor } from '../../services/deposit/deposit-deps.js';
import { StaffTokens, type StaffTokenInfo } from '../../services/staff/staff-tokens.js';
import { peerContactsFor } from '../../services/peers/peer-contacts.js';
import { witnessStatus } from '../../services/audit/witness-status.js';
import { staffActor } from './office-caller.js';

type StaffToken = components['schemas']['StaffToken'];

function tokenView(info: StaffTokenInfo): StaffToken {
  return { id: info.id, role: info.role, label: info.label, createdAt: info.createdAt, ...(info.revokedAt === null ? {} : { revokedAt: info.revokedAt }) };
}

export function adminRoutes(router: Router, context: NodeContext): void {
  const tokens = new StaffTokens(context.db, context.clock, systemRandom, context.audit);
  const contacts = peerContactsFor(context);

  router.get('/staff-tokens', (_req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ items: tokens.list().map(tokenView) } satisfies components['schemas']['StaffTokenList']);
  });

  router.post('/staff-tokens', (req: Request, res: Response) => {
    const input = req.body as components['schemas']['StaffTokenRequest'];
    const { token, info } = tokens.create(input.role, input.label, auditActor(staffActor(res), context.identity.code));
    res.setHeader('Cache-Control', 'no-store'); // the token is in this answer only
    res.status(201).json({ ...tokenView(info), token } satisfies components['schemas']['StaffTokenCreated']);
  });

  router.post('/staff-tokens/:tokenId/revoke', (req: Request, res: Response) => {
    res.json(tokenView(tokens.revoke(Number(req.params.tokenId), auditActor(staffActor(res), context.identity.code))));
  });

  router.get('/peers', async (_req: Request, res: Response) => {
    const { directory } = await context.trust.refresh();
    const seen = contacts.list();
    const body: components['schemas']['PeerList'] = {
      items: directory.offices.filter((o) => o.code !== context.identity.code).map((o) => ({
        code: o.code, name: o.name, status: o.status, roles: [...o.roles], ...seen.get(o.code),
      })),
    };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });

  router.get('/witnesses', async (_req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(await witnessStatus(context));
  });
}
