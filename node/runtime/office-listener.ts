/**
 * What the office listener serves (docs/design.md §2, docs/portal.md): the office API at
 * `/api/v1` (and its reference at `/docs`), the operators' probes and metrics (`/healthz`,
 * `/readyz`, `/metrics`: node/monitoring/ops-routes.ts), and the portal at `/` — the web pages, which reach
 * the office API only as HTTP clients over a private socket of this process. Put together here,
 * once per node, so that start-node.ts stays the composition root it is.
 */
import express, { type Router } from 'express';
import type { RequestListener } from 'node:http';
import { createOfficeApp } from '../http/office-app.js';
import type { NodeContext } from './node-context.js';
import { openPortalSocket } from './portal-socket.js';
import { opsRoutes } from '../monitoring/ops-routes.js';
import type { ReadinessProbe } from '../monitoring/readiness.js';

/** Paths the office API app answers; everything else is the portal's. */
const API_PATH = /^\/(api\/|docs(\/|$)|openapi\.yaml$)/;

export interface OfficeListenerApp {
  readonly app: RequestListener;
  close(): Promise<void>;
}

export async function officeListenerApp(context: NodeContext, tls: boolean, readiness: ReadinessProbe): Promise<OfficeListenerApp> {
  const api = createOfficeApp(context);
  const socket = await openPortalSocket(api);
  // The portal (its pages, the six message catalogues, intl-messageformat, its assets and API
  // client) is loaded by its first request: an idle node, and one that only exchanges with
  // peers, never carries it (issue 14, idle memory). The first page waits for one import.
  let portal: Promise<Router> | undefined;
  const loadPortal = (): Promise<Router> => (portal ??= Promise.all([
    import('../portal/portal-app.js'), import('../portal/api-client.js'), import('../portal/assets/asset-store.js'),
  ]).then(([{ createPortal }, { OfficeApiClient }, { AssetStore }]) => createPortal({
    client: new OfficeApiClient(socket.path),
    assets: new AssetStore(),
    officeName: context.config.office.name,
    officeCode: context.identity.code,
    tls,
    log: (err, where) => {
      if (context.log !== undefined) context.log.error({ err }, `portal: ${where} failed`);
      else context.output.warn(`portal: ${where} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    },
  })));
  const root = express();
  root.disable('x-powered-by');
  root.disable('etag');
  root.set('query parser', 'simple');
  if (tls) {
    root.use((_req, res, next) => {
      res.setHeader('Strict-Transport-Security', 'max-age=31536000');
      next();
    });
  }
  root.use(opsRoutes(context, readiness));
  root.use((req, res, next) => (API_PATH.test(req.path) ? api(req, res) : next()));
  root.use((req, res, next) => {
    loadPortal().then((router) => router(req, res, next), (err: unknown) => {
      portal = undefined; // a failed load is tried again by the next request
      next(err);
    });
  });
  return { app: root, close: () => socket.close() };
}
