/**
 * The access-code letters of an import (issue 15): one PDF, one page per priority document the run
 * issued secrets for, made by the portal's letter renderer (services/letters/access-letter.ts) in
 * English. Written after the deposits: the secrets file is the record; the letters are for
 * printing and posting.
 */
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { DepositService } from '../deposit/deposit-service.js';
import { letterText, type LetterKey } from '../letters/letter-texts.js';
import type { LetterContent } from '../letters/access-letter.js';
import type { DocumentSecrets } from './import-secrets.js';

export async function writeImportLetters(service: DepositService, officeName: string, secrets: readonly DocumentSecrets[], sink: Writable): Promise<void> {
  // PDFKit and its fonts are loaded only when letters are made.
  const { writeAccessLetters, documentReference } = await import('../letters/access-letter.js');
  const dates = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' });
  function* letters(): Generator<LetterContent> {
    for (const s of secrets) {
      const doc = service.get(s.documentId);
      const b = doc.bibliographicData;
      yield {
        language: 'en', officeName, officeCode: b.ipOfficeCode, applicationNumberText: b.applicationNumberText,
        filingDate: dates.format(new Date(`${b.filingDate}T00:00:00Z`)), ipRight: letterText('en', b.ipRightType as LetterKey),
        ...(b.inventionTitle === undefined ? {} : { inventionTitle: b.inventionTitle }),
        applicants: (b.applicantName ?? []).map((n) => n.organizationName ?? [n.firstName, n.lastName].filter((p) => p !== undefined).join(' ')),
        documentId: s.documentId, version: doc.version, accessCode: s.accessCode, applicantKey: s.applicantKey,
        reference: documentReference({ officeCode: b.ipOfficeCode, applicationNumberText: b.applicationNumberText, filingDate: b.filingDate, ipRightType: b.ipRightType, documentId: s.documentId }),
      };
    }
  }
  await writeAccessLetters(letters(), sink);
  sink.end();
  await finished(sink);
}
