/**
 * The portal's languages (docs/portal.md "Languages"): the six of the issue, each with its
 * writing direction and its own name, and the negotiation of a request's language — the
 * remembered choice (cookie) first, then the browser's Accept-Language, then English.
 */
import type { IncomingMessage } from 'node:http';

export const LANGUAGES = [
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'fr', name: 'Français', dir: 'ltr' },
  { code: 'es', name: 'Español', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
  { code: 'zh', name: '中文', dir: 'ltr' },
  { code: 'ru', name: 'Русский', dir: 'ltr' },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];

export const LANGUAGE_COOKIE = 'ipex-lang';

export function isLanguage(value: unknown): value is LanguageCode {
  return LANGUAGES.some((l) => l.code === value);
}

export function directionOf(code: LanguageCode): 'ltr' | 'rtl' {
  return LANGUAGES.find((l) => l.code === code)!.dir;
}

/** The language of a request: the cookie's, else the best of Accept-Language (RFC 9110 §12.5.4), else English. */
export function negotiateLanguage(req: IncomingMessage, cookie: string | undefined): LanguageCode {
  if (isLanguage(cookie)) return cookie;
  const header = req.headers['accept-language'];
  if (typeof header !== 'string') return 'en';
  const ranked = header.split(',').slice(0, 32).map((part, order) => {
    const [tag = '', ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([01](\.\d{0,3})?)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    return { base: tag.trim().toLowerCase().split('-')[0]!, q: q === undefined ? 1 : Number(q), order };
  });
  ranked.sort((a, b) => b.q - a.q || a.order - b.order);
  return ranked.find((r) => r.q > 0 && isLanguage(r.base))?.base as LanguageCode | undefined ?? 'en';
}
