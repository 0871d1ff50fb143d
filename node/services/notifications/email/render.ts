/**
 * The text of an e-mail (docs/notifications.md "E-mail"): subject, plain text and HTML from the
 * event, in the reader's language, through the portal's Translator with the e-mail catalogues.
 * The HTML part is the same paragraphs, every value escaped (node/portal/html.ts), with `dir` and
 * `lang` so that Arabic reads right to left.
 */
import { directionOf, type LanguageCode } from '../../../portal/i18n/languages.js';
import { Translator } from '../../../portal/i18n/translator.js';
import { html } from '../../../portal/html.js';
import type { EventBody } from '../events.js';
import { EMAIL_CATALOGUES, type EmailMessageKey } from './messages/index.js';

export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** The events whose e-mail is one subject and one paragraph, by type. */
const SIMPLE_TEXTS: Partial<Record<EventBody['type'], { subject: EmailMessageKey; body: EmailMessageKey }>> = {
  'document.retrieved': { subject: 'retrieved.subject', body: 'retrieved.body' },
  'document.retrieval_pending': { subject: 'pending.subject', body: 'pending.body' },
  'document.access_code_regenerated': { subject: 'code.subject', body: 'code.body' },
  'document.available': { subject: 'available.subject', body: 'available.body' },
};

/** Renders `body` for an applicant (their document's events) or for staff (staff alerts). */
export function renderEmail(body: EventBody, language: LanguageCode, office: string, audience: 'applicant' | 'staff'): RenderedEmail {
  const t = new Translator<EmailMessageKey>(language, EMAIL_CATALOGUES);
  const d = body.data as Record<string, string | number | undefined>;
  const when = (iso: unknown): string => (typeof iso === 'string' ? t.dateTime(iso) : '');
  const values = {
    office: String(d.office ?? office), applicationNumber: String(d.applicationNumber ?? ''), time: when(body.timestamp),
    logIndex: String(d.logIndex ?? ''), availableFrom: when(d.availableFrom), lockedUntil: when(d.lockedUntil),
    kind: String(d.kind ?? ''), subject: String(d.subject ?? ''), detail: String(d.detail ?? ''),
  };
  const paragraphs: string[] = [];
  let subject: string;
  const simple = SIMPLE_TEXTS[body.type];
  if (simple !== undefined) {
    subject = t.t(simple.subject, values);
    paragraphs.push(t.t(simple.body, values));
  } else if (body.type === 'document.retrieval_refused') {
    subject = t.t('refused.subject', values);
    paragraphs.push(t.t(d.reason === 'wrong-code' ? 'refused.wrongCode' : d.reason === 'office-not-allowed' ? 'refused.notAllowed' : 'refused.locked', values));
    if (d.lockedUntil !== undefined) paragraphs.push(t.t('refused.lockedUntil', values));
  } else {
    // A staff alert. A kind this release has no title for (a newer node's row) is named by its code.
    const titleKey = `alertKind.${values.kind}`;
    const title = titleKey in EMAIL_CATALOGUES.en ? t.t(titleKey as EmailMessageKey) : values.kind;
    subject = t.t('alert.subject', { office, title });
    paragraphs.push(t.t('alert.body', values));
  }
  const footer = audience === 'applicant' ? t.t('applicantFooter', { office, documentId: String(d.documentId ?? '') }) : t.t('staffFooter', { office });
  const all = [t.t('greeting'), ...paragraphs];
  const text = `${all.join('\n\n')}\n\n-- \n${footer}\n`;
  const page = html`<!DOCTYPE html>
<html lang="${language}" dir="${directionOf(language)}"><head><meta charset="utf-8"><title>${subject}</title></head>
<body>${all.map((p) => html`<p>${p}</p>`)}<hr><p><small>${footer}</small></p></body></html>`;
  return { subject, text, html: page.toString() };
}
