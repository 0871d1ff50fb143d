/**
 * The portal (docs/portal.md): the web pages through which the office's people use their node,
 * served at `/` on the office listener beside the office API. Pages are rendered on the server
 * from the office API's answers and work as plain HTML forms; the one script adds what forms
 * cannot. This module lists every page and the form each posts to — the portal's actions — and
 * puts around them the security headers, the origin check of forms, the language choice, the
 * assets and the error pages.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { ApiError } from './api-client.js';
import { pageContext, type PageContext, type PortalDeps } from './page-context.js';
import { isLanguage, LANGUAGE_COOKIE } from './i18n/languages.js';
import { securityHeaders } from './security-headers.js';
import { errorPage } from './pages/errors.js';
import { signIn, signInPage, signOut, startPage } from './pages/sign-in.js';
import { documentPage, documentsPage, withdraw, withdrawPage } from './pages/documents.js';
import { commit, newDepositPage, partsPage, submitDeposit, uploadParts } from './pages/deposit.js';
import { myDocumentPage, myDocumentsPage } from './pages/applicant.js';
import { accessCodePage, officesPage, regenerate, saveOffices } from './pages/access.js';
import { jobPage, jobsPage, newRetrievalPage, submitRetrieval } from './pages/retrievals.js';
import { copiesPage, copyPage, verificationPage } from './pages/copies.js';
import { dossierPage, retrieveDossierDocument } from './pages/dossiers.js';
import { letter } from './pages/letter.js';
import { contactPage, removeContact, saveContact } from './pages/contact.js';
import { auditPage, checkpointPage, entryPage } from './pages/audit.js';
import { adminOverviewPage, directoryPage, peersPage, witnessesPage } from './pages/admin.js';
import { createToken, revokeToken, revokeTokenPage, tokensPage } from './pages/admin-tokens.js';
import { acknowledgeAlert, addWebhook, alertsPage, outboxPage, removeWebhook, removeWebhookPage, retryMessage, webhooksPage } from './pages/admin-messages.js';

export interface PortalOptions extends PortalDeps {
  /** The office listener serves TLS: the language cookie is Secure too. */
  readonly tls: boolean;
  /** Receives every unexpected failure with its detail (the node log). */
  readonly log: (err: unknown, where: string) => void;
}

type Handler = (ctx: PageContext, id: string) => Promise<void> | void;

/**
 * Every page of the portal — method, path, handler — and so every action it offers: each
 * handler reaches the node only through office-API operations (api-client.ts). A path's `:id`
 * is passed to the handler.
 */
export const PAGES: readonly (readonly [method: 'get' | 'post', path: string, handler: Handler])[] = [
  ['get', '/', startPage],
  ['get', '/sign-in/staff', (ctx) => signInPage(ctx, 'staff')],
  ['post', '/sign-in/staff', (ctx) => signIn(ctx, 'staff')],
  ['get', '/sign-in/applicant', (ctx) => signInPage(ctx, 'applicant')],
  ['post', '/sign-in/applicant', (ctx) => signIn(ctx, 'applicant')],
  ['post', '/sign-out', signOut],
  ['get', '/documents', documentsPage],
  ['get', '/documents/:id', documentPage],
  ['get', '/documents/:id/withdraw', withdrawPage],
  ['post', '/documents/:id/withdraw', withdraw],
  ['post', '/documents/:id/letter', letter],
  ['get', '/deposits/new', newDepositPage],
  ['post', '/deposits/new', submitDeposit],
  ['get', '/deposits/:id', (ctx, id) => partsPage(ctx, id)],
  ['post', '/deposits/:id/parts', uploadParts],
  ['post', '/deposits/:id/commit', commit],
  ['get', '/my-documents', myDocumentsPage],
  ['get', '/my-documents/:id', myDocumentPage],
  ['get', '/my-documents/:id/offices', (ctx, id) => officesPage(ctx, id)],
  ['post', '/my-documents/:id/offices', saveOffices],
  ['get', '/my-documents/:id/access-code', accessCodePage],
  ['post', '/my-documents/:id/access-code', regenerate],
  ['post', '/my-documents/:id/letter', letter],
  ['get', '/my-documents/:id/contact', (ctx, id) => contactPage(ctx, id)],
  ['post', '/my-documents/:id/contact', saveContact],
  ['post', '/my-documents/:id/contact/remove', removeContact],
  ['get', '/retrievals', jobsPage],
  ['get', '/retrievals/new', newRetrievalPage],
  ['post', '/retrievals/new', submitRetrieval],
  ['get', '/retrievals/:id', jobPage],
  ['get', '/copies', copiesPage],
  ['get', '/copies/:id', copyPage],
  ['get', '/copies/:id/verification', verificationPage],
  ['get', '/dossiers', dossierPage],
  ['post', '/dossiers/retrieve', retrieveDossierDocument],
  ['get', '/audit', auditPage],
  ['get', '/audit/checkpoint', checkpointPage],
  ['get', '/audit/entries/:id', entryPage],
  ['get', '/admin', adminOverviewPage],
  ['get', '/admin/tokens', (ctx) => tokensPage(ctx)],
  ['post', '/admin/tokens', createToken],
  ['get', '/admin/tokens/:id/revoke', revokeTokenPage],
  ['post', '/admin/tokens/:id/revoke', revokeToken],
  ['get', '/admin/directory', directoryPage],
  ['get', '/admin/peers', peersPage],
  ['get', '/admin/witnesses', witnessesPage],
  ['get', '/admin/alerts', alertsPage],
  ['post', '/admin/alerts/:id/acknowledge', acknowledgeAlert],
  ['get', '/admin/outbox', outboxPage],
  ['post', '/admin/outbox/:id/retry', retryMessage],
  ['get', '/admin/webhooks', (ctx) => webhooksPage(ctx)],
  ['post', '/admin/webhooks', addWebhook],
  ['get', '/admin/webhooks/:id/remove', removeWebhookPage],
  ['post', '/admin/webhooks/:id/remove', removeWebhook],
];

/** Pages for signed-in people only; without a session they lead to the start page. */
const SIGNED_IN = /^\/(documents|deposits|my-documents|retrievals|copies|dossiers|audit|admin)(\/|$)/;

export function createPortal(o: PortalOptions): Router {
  const router = express.Router({ strict: true });
  router.use(securityHeaders());
  router.get('/assets/:name', async (req, res, next) => {
    const asset = await o.assets.byName(String(req.params.name));
    if (asset === undefined) return next();
    res.setHeader('Content-Type', asset.contentType);
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.end(asset.bytes);
  });
  router.get('/language', (req, res) => {
    const to = req.query.to;
    const back = typeof req.query.return === 'string' && /^\/(?![/\\])/.test(req.query.return) ? req.query.return : '/';
    if (isLanguage(to)) res.append('Set-Cookie', `${LANGUAGE_COOKIE}=${to}; Path=/; Max-Age=31536000; SameSite=Lax${o.tls ? '; Secure' : ''}`);
    res.redirect(303, back);
  });
  // Forms carry the session's CSRF token, which the office API checks; a form posted from
  // another site is also refused here, before anything is read (sign-in has no session yet).
  // Browsers say where a request comes from in Sec-Fetch-Site; older ones only in Origin (which
  // is "null" on our pages' own forms, because of Referrer-Policy: no-referrer).
  router.post(/.*/, (req, res, next) => {
    const site = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    const crossSite = site !== undefined
      ? site !== 'same-origin' && site !== 'none'
      : origin !== undefined && origin !== 'null' && origin !== `${req.protocol}://${req.headers.host ?? ''}`;
    if (crossSite) return void res.status(403).type('text/plain').send('cross-site form refused');
    next();
  });
  router.use(express.urlencoded({ extended: false, limit: '256kb', parameterLimit: 1000 }));
  for (const [method, path, handler] of PAGES) {
    router[method](path, (req: Request, res: Response, next: NextFunction) => {
      void run(o, req, res, next, handler);
    });
  }
  router.use(async (req: Request, res: Response) => {
    try {
      errorPage(await pageContext(req, res, o), 404, 'NOT_FOUND');
    } catch (err) {
      o.log(err, `${req.method} ${req.path}`);
      res.status(404).type('text/plain').send('Not found');
    }
  });
  return router;
}

async function run(o: PortalOptions, req: Request, res: Response, next: NextFunction, handler: Handler): Promise<void> {
  let ctx: PageContext | undefined;
  try {
    ctx = await pageContext(req, res, o);
    if (SIGNED_IN.test(req.path) && ctx.session === undefined) return res.redirect(303, req.headers.cookie?.includes('__Host-ipex-session=') === true ? '/?ended=1' : '/');
    await handler(ctx, String(req.params.id ?? ''));
  } catch (err) {
    if (res.headersSent) return void res.destroy();
    if (err instanceof ApiError && (err.code === 'SESSION_EXPIRED' || err.code === 'AUTH_REQUIRED')) return res.redirect(303, '/?ended=1');
    if (!(err instanceof ApiError) || err.status >= 500) o.log(err, `${req.method} ${req.path}`);
    if (ctx === undefined) return next(err);
    if (err instanceof ApiError) return errorPage(ctx, err.status, err.code);
    errorPage(ctx, 500, 'INTERNAL');
  }
}
