/**
 * What a page handler knows about its request (docs/portal.md "Pages"): the reader's language
 * and its direction, the session as the office API reports it (with its CSRF token for forms),
 * the office's name, the assets' hashed URLs, and the office API bound to this browser.
 */
import type { Request, Response } from 'express';
import type { components } from '../../protocol/generated/office.js';
import { ApiError, callerOf, type ApiAnswer, type CallOptions, type OfficeApiClient } from './api-client.js';
import { directionOf, negotiateLanguage, LANGUAGE_COOKIE } from './i18n/languages.js';
import { Translator } from './i18n/translator.js';
import type { AssetStore } from './assets/asset-store.js';
import { cookieValue } from '../http/office/session-cookie.js';

export type Session = components['schemas']['Session'];

export interface PageContext {
  readonly req: Request;
  readonly res: Response;
  readonly t: Translator;
  readonly dir: 'ltr' | 'rtl';
  readonly path: string;
  readonly officeName: string;
  /** The office's ST.3 code (deposits are this office's). */
  readonly officeCode: string;
  readonly assets: { readonly css: string; readonly js: string };
  /** The signed-in session, undefined when nobody is signed in (or the session ended). */
  readonly session: Session | undefined;
  /** Calls an office-API operation for this browser; `csrf` is the submitted form's token. */
  api<T>(operationId: string, options?: CallOptions & { csrf?: string | undefined }): Promise<ApiAnswer<T>>;
}

const translators = new Map<string, Translator>();

export interface PortalDeps {
  readonly client: OfficeApiClient;
  readonly assets: AssetStore;
  readonly officeName: string;
  readonly officeCode: string;
}

export async function pageContext(req: Request, res: Response, deps: PortalDeps): Promise<PageContext> {
  const language = negotiateLanguage(req, cookieValue(req, LANGUAGE_COOKIE));
  let t = translators.get(language);
  if (t === undefined) {
    t = new Translator(language);
    translators.set(language, t);
  }
  const api = <T>(operationId: string, options: CallOptions & { csrf?: string | undefined } = {}): Promise<ApiAnswer<T>> =>
    deps.client.call<T>(operationId, callerOf(req, options.csrf), options);
  let session: Session | undefined;
  if (callerOf(req).sessionId !== undefined) {
    try {
      session = (await api<Session>('getSession')).body;
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 401)) throw err;
    }
  }
  return {
    req, res, t, dir: directionOf(language), path: req.originalUrl, officeName: deps.officeName, officeCode: deps.officeCode,
    assets: { css: await deps.assets.url('portal.css'), js: await deps.assets.url('portal.js') },
    session, api,
  };
}
