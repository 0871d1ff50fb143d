/**
 * Tracked files on the office API (openapi/office.yaml, tag `tracking`; issue 12,
 * docs/tracked-files.md): staff track applications at peers and stop tracking them, and see —
 * and can end — the peers' subscriptions to this office's own applications.
 */
import type { Request, Response, Router } from 'express';
import type { components } from '../../../protocol/generated/office.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { trackingFor, type Subscription, type TrackedFile } from '../../services/tracking/index.js';
import { staffActor } from './office-caller.js';

type Schemas = components['schemas'];

/** The office API's shape of a tracked file. */
export function trackedFileView(t: TrackedFile): Schemas['TrackedFile'] {
  return {
    subscriptionId: t.subscriptionId, ipOfficeCode: t.office, applicationNumberText: t.applicationNumberText, state: t.state, createdAt: t.createdAt,
    ...(t.cancelledAt === undefined ? {} : { cancelledAt: t.cancelledAt }), ...(t.cancelledBy === undefined ? {} : { cancelledBy: t.cancelledBy }),
    notifications: t.count, ...(t.lastJobId === null ? {} : { lastJobId: t.lastJobId }),
  };
}

/** The office API's shape of a peer's subscription. */
export function fileSubscriberView(s: Subscription): Schemas['FileSubscriber'] {
  return {
    subscriptionId: s.subscriptionId, office: s.office, applicationNumberText: s.applicationNumberText, state: s.state, createdAt: s.createdAt,
    ...(s.cancelledAt === undefined ? {} : { cancelledAt: s.cancelledAt }), ...(s.cancelledBy === undefined ? {} : { cancelledBy: s.cancelledBy }),
  };
}

export function trackingRoutes(router: Router, context: NodeContext): void {
  const { tracked, subscribers } = trackingFor(context);

  router.get('/tracked-files', (_req: Request, res: Response) => {
    res.json({ items: tracked.list().map(trackedFileView) } satisfies Schemas['TrackedFileList']);
  });

  router.post('/tracked-files', async (req: Request, res: Response) => {
    const actor = staffActor(res);
    res.json(trackedFileView(await tracked.add(req.body as Schemas['TrackedFileRequest'], actor)));
  });

  router.delete('/tracked-files/:subscriptionId', (req: Request, res: Response) => {
    res.json(trackedFileView(tracked.remove(String(req.params.subscriptionId), staffActor(res))));
  });

  router.get('/file-subscribers', (_req: Request, res: Response) => {
    res.json({ items: subscribers.list().map(fileSubscriberView) } satisfies Schemas['FileSubscriberList']);
  });

  router.delete('/file-subscribers/:subscriptionId', (req: Request, res: Response) => {
    res.json(fileSubscriberView(subscribers.drop(String(req.params.subscriptionId), staffActor(res))));
  });
}
