/**
 * The retrieval form of retrieving staff (docs/portal.md "Examiner"): what they type — the
 * office chosen by name, the application number, filing date, IP right, the kind of document
 * and, for a priority document, the access code the applicant gave — read from the submitted
 * fields, checked for what a person most often gets wrong, and turned into the office API's
 * `RetrievalJobRequest`. The access code's check symbol is checked again by the API before any
 * request leaves the node; the page's script checks it as it is typed.
 */
import type { components } from '../../../protocol/generated/office.js';
import type { Translator } from '../i18n/translator.js';
import type { FieldError } from '../layout/forms.js';
import { KINDS, RIGHTS } from './display.js';

type RetrievalJobRequest = components['schemas']['RetrievalJobRequest'];

export interface RetrievalFields {
  readonly ipOfficeCode: string;
  readonly applicationNumberText: string;
  readonly filingDate: string;
  readonly ipRightType: string;
  readonly documentKind: string;
  readonly accessCode: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readRetrievalFields(field: (name: string) => string): RetrievalFields {
  return {
    ipOfficeCode: field('ipOfficeCode'), applicationNumberText: field('applicationNumberText').trim(), filingDate: field('filingDate').trim(),
    ipRightType: field('ipRightType') || 'patent', documentKind: field('documentKind') || 'priorityDocument', accessCode: field('accessCode').trim(),
  };
}

export function checkRetrievalFields(t: Translator, f: RetrievalFields): FieldError[] {
  const errors: FieldError[] = [];
  if (!/^[A-Z]{2}$/.test(f.ipOfficeCode)) errors.push({ field: 'ipOfficeCode', message: t.t('retrieve.officeMissing') });
  if (f.applicationNumberText === '') errors.push({ field: 'applicationNumberText', message: t.t('retrieve.numberMissing') });
  if (!DATE.test(f.filingDate)) errors.push({ field: 'filingDate', message: t.t('retrieve.filingDateMissing') });
  if (!(RIGHTS as readonly string[]).includes(f.ipRightType)) errors.push({ field: 'ipRightType', message: t.t('deposit.rightMissing') });
  if (!(KINDS as readonly string[]).includes(f.documentKind)) errors.push({ field: 'documentKind', message: t.t('deposit.kindMissing') });
  if (f.documentKind === 'priorityDocument' && f.accessCode === '') errors.push({ field: 'accessCode', message: t.t('retrieve.codeMissing') });
  return errors;
}

export function retrievalRequest(f: RetrievalFields): RetrievalJobRequest {
  return {
    ipOfficeCode: f.ipOfficeCode, applicationNumberText: f.applicationNumberText, filingDate: f.filingDate,
    ipRightType: f.ipRightType as RetrievalJobRequest['ipRightType'], documentKind: f.documentKind as NonNullable<RetrievalJobRequest['documentKind']>,
    ...(f.documentKind === 'priorityDocument' ? { accessCode: f.accessCode } : {}),
  };
}

/** The field an office-API refusal of the form is about. */
export function fieldOfRefusal(code: string, detail: string): string {
  if (code.startsWith('ACCESS_CODE')) return 'accessCode';
  if (code === 'APPLICATION_NUMBER_INVALID' || /applicationNumber/.test(detail)) return 'applicationNumberText';
  if (/filingDate/.test(detail)) return 'filingDate';
  if (code.startsWith('OFFICE') || /office/i.test(detail)) return 'ipOfficeCode';
  return 'applicationNumberText';
}
