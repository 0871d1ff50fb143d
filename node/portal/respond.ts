/** Small response helpers shared by the portal's page handlers. */
import type { ApiAnswer } from './api-client.js';
import type { PageContext } from './page-context.js';

/** Redirects after a form (Post/Redirect/Get), or to where a page lives. */
export function seeOther(ctx: PageContext, location: string): void {
  ctx.res.redirect(303, location);
}

/** Passes the API's Set-Cookie (the session cookie, or its clearing) on to the browser. */
export function passCookies(ctx: PageContext, answer: ApiAnswer<unknown>): void {
  if (answer.setCookie.length > 0) ctx.res.append('Set-Cookie', [...answer.setCookie]);
}

/** A submitted form field as one string ('' when absent or repeated). */
export function formField(ctx: PageContext, name: string): string {
  const body = ctx.req.body as Record<string, unknown> | undefined;
  const value = body?.[name];
  return typeof value === 'string' ? value : '';
}

/** A form field given several times (checkboxes), as a list. */
export function formList(ctx: PageContext, name: string): string[] {
  const value = (ctx.req.body as Record<string, unknown> | undefined)?.[name];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A query parameter as one string ('' when absent or repeated). */
export function queryField(ctx: PageContext, name: string): string {
  const value = ctx.req.query[name];
  return typeof value === 'string' ? value : '';
}

/** Pages that show a secret once (access code, applicant key) must not be kept by any cache. */
export function noStore(ctx: PageContext): void {
  ctx.res.setHeader('Cache-Control', 'no-store');
}
