/**
 * The network's offices for people (openapi/office.yaml, tag `directory`): code, name, roles and
 * status from the installed signed directory, so that pages let people choose an office by its
 * name. Staff read it with their role; applicants with any live applicant key or their session.
 */
import type { Request, Response, Router } from 'express';
import { IpexError } from '../../../protocol/errors/index.js';
import type { components } from '../../../protocol/generated/office.js';
import type { NodeContext } from '../../runtime/node-context.js';
import type { Sessions } from '../../services/sessions/sessions.js';

export function directoryRoutes(router: Router, context: NodeContext, sessions: Sessions): void {
  router.get('/offices', async (_req: Request, res: Response) => {
    if (res.locals.caller === undefined) {
      const key = res.locals.applicantKey as unknown;
      if (typeof key !== 'string' || sessions.liveApplicantKey(key) === undefined) {
        throw new IpexError('AUTH_INVALID', 'the bearer token is neither a staff token nor a live applicant key');
      }
    }
    const { directory } = await context.trust.refresh();
    const body: components['schemas']['OfficeList'] = {
      items: directory.offices.map((o) => ({ code: o.code, name: o.name, status: o.status, roles: [...o.roles], logKey: o.logKey })),
      directorySerial: directory.serial,
      expiresAt: directory.expiresAt,
      network: directory.network,
      issuedAt: directory.issuedAt,
    };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });
}
