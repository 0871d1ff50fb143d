/**
 * Headers of every portal response (docs/portal.md "Security"): a strict Content-Security-Policy
 * — nothing but this origin's own stylesheet, script and images, no inline script or style, no
 * framing, forms only to this origin, no <base> — and no MIME sniffing, no Referer (a document id
 * in a URL stays on this site). HSTS, when the office listener serves TLS, is sent on every
 * answer of the listener, API included (node/runtime/office-listener.ts).
 */
import type { RequestHandler } from 'express';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export function securityHeaders(): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    next();
  };
}
