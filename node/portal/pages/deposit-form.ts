/**
 * The bibliographic form of a deposit (docs/portal.md "Clerk"): what the clerk types, read from
 * the submitted fields, checked for what a person most often gets wrong (with messages that say
 * how to fix it), and turned into the office API's `DepositRequest`. Several applicants, each a
 * person or an organisation, in any script; "Add another applicant" works without scripts by
 * sending the form back with one more row.
 */
import type { components } from '../../../protocol/generated/office.js';
import type { Translator } from '../i18n/translator.js';
import type { FieldError } from '../layout/forms.js';
import { KINDS, RIGHTS, type Document } from './display.js';

type DepositRequest = components['schemas']['DepositRequest'];
type PersonName = components['schemas']['PersonName'];

export interface ApplicantRow {
  readonly organisation: string;
  readonly family: string;
  readonly given: string;
}

export interface DepositFields {
  readonly documentKind: string;
  readonly ipRightType: string;
  readonly applicationNumberText: string;
  readonly filingDate: string;
  readonly inventionTitle: string;
  readonly availableFrom: string;
  readonly supersedes: string;
  readonly applicants: readonly ApplicantRow[];
}

export const MAX_APPLICANT_ROWS = 100;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The fields of a submitted form; `field(name)` reads one submitted value. */
export function readDepositFields(field: (name: string) => string, addRow: boolean): DepositFields {
  const rows = Math.min(MAX_APPLICANT_ROWS, Math.max(1, Number.parseInt(field('applicantRows'), 10) || 1));
  const applicants: ApplicantRow[] = [];
  for (let i = 0; i < rows; i++) {
    applicants.push({ organisation: field(`applicant-${i}-organisation`).trim(), family: field(`applicant-${i}-family`).trim(), given: field(`applicant-${i}-given`).trim() });
  }
  if (addRow && applicants.length < MAX_APPLICANT_ROWS) applicants.push({ organisation: '', family: '', given: '' });
  return {
    documentKind: field('documentKind'), ipRightType: field('ipRightType'), applicationNumberText: field('applicationNumberText').trim(),
    filingDate: field('filingDate').trim(), inventionTitle: field('inventionTitle').trim(), availableFrom: field('availableFrom').trim(),
    supersedes: field('supersedes'), applicants,
  };
}

/** The fields of a new version: the current version's data, to correct. */
export function fieldsOf(doc: Document): DepositFields {
  const b = doc.bibliographicData;
  const applicants = (b.applicantName ?? []).map((n) => ({ organisation: n.organizationName ?? '', family: n.lastName ?? '', given: n.firstName ?? '' }));
  return {
    documentKind: doc.documentKind, ipRightType: b.ipRightType, applicationNumberText: b.applicationNumberText, filingDate: b.filingDate,
    inventionTitle: b.inventionTitle ?? '', availableFrom: '', supersedes: doc.documentId,
    applicants: applicants.length > 0 ? applicants : [{ organisation: '', family: '', given: '' }],
  };
}

export function emptyFields(): DepositFields {
  return { documentKind: 'priorityDocument', ipRightType: 'patent', applicationNumberText: '', filingDate: '', inventionTitle: '', availableFrom: '', supersedes: '', applicants: [{ organisation: '', family: '', given: '' }, { organisation: '', family: '', given: '' }] };
}

/** What is wrong with the fields, before the office API is asked. */
export function checkDepositFields(t: Translator, f: DepositFields): FieldError[] {
  const errors: FieldError[] = [];
  if (!(KINDS as readonly string[]).includes(f.documentKind)) errors.push({ field: 'documentKind', message: t.t('deposit.kindMissing') });
  if (!(RIGHTS as readonly string[]).includes(f.ipRightType)) errors.push({ field: 'ipRightType', message: t.t('deposit.rightMissing') });
  if (f.applicationNumberText === '') errors.push({ field: 'applicationNumberText', message: t.t('deposit.numberMissing') });
  if (!DATE.test(f.filingDate)) errors.push({ field: 'filingDate', message: t.t('deposit.filingDateMissing') });
  if (f.availableFrom !== '' && !DATE.test(f.availableFrom)) errors.push({ field: 'availableFrom', message: t.t('deposit.availableFromInvalid') });
  f.applicants.forEach((a, i) => {
    if (a.organisation !== '' && (a.family !== '' || a.given !== '')) errors.push({ field: `applicant-${i}-organisation`, message: t.t('deposit.applicantBoth', { number: i + 1 }) });
    else if (a.given !== '' && a.family === '') errors.push({ field: `applicant-${i}-family`, message: t.t('deposit.applicantFamily', { number: i + 1 }) });
  });
  return errors;
}

/** The office API's request for checked fields. */
export function depositRequest(f: DepositFields, office: string): DepositRequest {
  const names: PersonName[] = f.applicants
    .filter((a) => a.organisation !== '' || a.family !== '')
    .map((a) => (a.organisation !== '' ? { organizationName: a.organisation } : { lastName: a.family, ...(a.given === '' ? {} : { firstName: a.given }) }));
  return {
    documentKind: f.documentKind as DepositRequest['documentKind'],
    bibliographicData: {
      ipOfficeCode: office,
      applicationNumberText: f.applicationNumberText,
      filingDate: f.filingDate,
      ipRightType: f.ipRightType as DepositRequest['bibliographicData']['ipRightType'],
      ...(f.inventionTitle === '' ? {} : { inventionTitle: f.inventionTitle }),
      ...(names.length === 0 ? {} : { applicantName: names }),
    },
    ...(f.availableFrom === '' ? {} : { availableFrom: `${f.availableFrom}T00:00:00Z` }),
    ...(f.supersedes === '' ? {} : { supersedes: f.supersedes }),
  };
}

/** The field an office-API refusal of the form is about (its problem names the member). */
export function fieldOfProblem(code: string, detail: string): string {
  if (code === 'APPLICATION_NUMBER_INVALID' || code === 'DEPOSIT_OFFICE_MISMATCH' || /applicationNumber/.test(detail)) return 'applicationNumberText';
  for (const name of ['filingDate', 'availableFrom', 'inventionTitle', 'ipRightType', 'documentKind']) if (detail.includes(name)) return name;
  if (/applicantName/.test(detail)) return 'applicant-0-organisation';
  return 'applicationNumberText';
}
