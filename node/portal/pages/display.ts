/**
 * How documents read on the portal's pages: states as coloured tags, kinds and rights in the
 * reader's language, names and titles in <bdi> (they may be in any script and either
 * direction), application numbers and codes isolated left-to-right.
 */
import { html, type Html } from '../html.js';
import type { components } from '../../../protocol/generated/office.js';
import type { Translator } from '../i18n/translator.js';
import type { MessageKey } from '../messages/index.js';

export type Document = components['schemas']['Document'];
type PersonName = components['schemas']['PersonName'];

export const KINDS = ['priorityDocument', 'searchReport', 'examinationReport', 'writtenOpinion', 'officeAction'] as const;
export const RIGHTS = ['patent', 'utilityModel', 'industrialDesign', 'trademark'] as const;
export const STATES = ['available', 'pending', 'withdrawn'] as const;

export function kindLabel(t: Translator, kind: string): string {
  return t.t(`kind.${kind}` as MessageKey);
}

export function rightLabel(t: Translator, right: string): string {
  return t.t(`right.${right}` as MessageKey);
}

export function stateTag(t: Translator, state: string): Html {
  const colour = state === 'available' ? '' : state === 'withdrawn' ? ' tag--red' : ' tag--blue';
  return html`<strong class="tag${colour}">${t.t(`state.${state}` as MessageKey)}</strong>`;
}

export function personName(name: PersonName): string {
  return name.organizationName ?? [name.firstName, name.lastName].filter((p) => p !== undefined).join(' ');
}

/** Applicant names, each isolated in <bdi>, one per line. */
export function applicantNames(doc: Document): Html {
  const names = doc.bibliographicData.applicantName ?? [];
  return html`${names.map((n, i) => html`${i > 0 && html`<br>`}<bdi>${personName(n)}</bdi>`)}`;
}

export function applicationNumber(doc: Document): Html {
  return html`<bdi dir="ltr">${doc.bibliographicData.ipOfficeCode} ${doc.bibliographicData.applicationNumberText}</bdi>`;
}

export function title(doc: Pick<Document, 'bibliographicData'>): Html {
  const text = doc.bibliographicData.inventionTitle;
  return text === undefined ? html`—` : html`<bdi>${text}</bdi>`;
}

/** The summary list of a document's bibliographic data and state. */
export function documentSummary(t: Translator, doc: Document): Html {
  const b = doc.bibliographicData;
  return html`<dl class="summary">
<dt>${t.t('doc.state')}</dt><dd>${stateTag(t, doc.state)}${doc.state === 'pending' && doc.availableFrom !== undefined && html` ${t.t('doc.availableFrom', { date: t.dateTime(doc.availableFrom) })}`}</dd>
<dt>${t.t('doc.kind')}</dt><dd>${kindLabel(t, doc.documentKind)}</dd>
<dt>${t.t('doc.application')}</dt><dd>${applicationNumber(doc)}</dd>
<dt>${t.t('doc.filingDate')}</dt><dd>${t.date(b.filingDate)}</dd>
<dt>${t.t('doc.right')}</dt><dd>${rightLabel(t, b.ipRightType)}</dd>
<dt>${t.t('doc.title')}</dt><dd>${title(doc)}</dd>
<dt>${t.t('doc.applicants')}</dt><dd>${(b.applicantName ?? []).length === 0 ? '—' : applicantNames(doc)}</dd>
<dt>${t.t('doc.version')}</dt><dd>${t.t('doc.versionOf', { version: doc.version, date: t.dateTime(doc.depositedAt) })}</dd>
<dt>${t.t('doc.id')}</dt><dd><bdi dir="ltr">${doc.documentId}</bdi></dd>
</dl>`;
}

/** The parts of a version as a table. */
export function partsTable(t: Translator, parts: readonly components['schemas']['PartSummary'][], caption: string): Html {
  return html`<table>
<caption>${caption}</caption>
<thead><tr><th scope="col">${t.t('parts.name')}</th><th scope="col">${t.t('parts.type')}</th><th scope="col">${t.t('parts.size')}</th></tr></thead>
<tbody>${parts.map((p) => html`<tr><td><bdi>${p.originalName ?? p.name}</bdi></td><td><bdi dir="ltr">${p.mediaType}</bdi></td><td>${t.bytes(p.size)}</td></tr>`)}</tbody>
</table>`;
}
