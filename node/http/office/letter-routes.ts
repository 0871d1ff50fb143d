/**
 * The access-code letter (openapi/office.yaml `createAccessLetter`; docs/portal.md "Access-code
 * letter"): a printable PDF for the applicant, made when the code is known — right after the
 * deposit or a new code — since only hashes of the code and the applicant key are kept. Both are
 * sent in the body and checked against those hashes (constant time); a letter is never made
 * with a code that is not the document's current one. The answer is kept by no cache.
 */
import type { Request, Response, Router } from 'express';
import { formatAccessCode, parseAccessCode } from '../../../protocol/access-code/index.js';
import { IpexError } from '../../../protocol/errors/index.js';
import type { components } from '../../../protocol/generated/office.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { depositServiceFor } from '../../services/deposit/deposit-service.js';
import type { LetterKey } from '../../services/letters/letter-texts.js';
import { documentActor } from './office-caller.js';

type LetterRequest = components['schemas']['AccessLetterRequest'];

export function letterRoutes(router: Router, context: NodeContext): void {
  const service = depositServiceFor(context);

  router.post('/documents/:documentId/letter', async (req: Request, res: Response) => {
    const documentId = String(req.params.documentId);
    documentActor(res, service, documentId);
    const body = req.body as LetterRequest;
    const doc = service.get(documentId);
    if (doc.documentKind !== 'priorityDocument') throw new IpexError('NOT_PRIORITY_DOCUMENT', 'only a priority document has an access code');
    if (doc.state === 'withdrawn') throw new IpexError('DOCUMENT_WITHDRAWN', `document ${documentId} is withdrawn; its code no longer works`);
    const keyWrong = body.applicantKey !== undefined && !service.applicantMayAccess(documentId, body.applicantKey);
    if (!service.accessCodeMatches(documentId, body.accessCode) || keyWrong) {
      throw new IpexError('LETTER_SECRETS_MISMATCH', 'the access code or applicant key is not the current one of this document');
    }
    const b = doc.bibliographicData;
    // The letter texts (intl-messageformat) and PDFKit with its fonts are loaded when the first
    // letter is made, not at start-up (issues 5 and 14).
    const { letterLanguage, letterText } = await import('../../services/letters/letter-texts.js');
    const language = letterLanguage(body.language ?? 'en');
    const code = parseAccessCode(body.accessCode, service.accessState(documentId).codeFormat === 'das-hex' ? 'das' : 'crockford');
    const { accessLetterPdf, documentReference } = await import('../../services/letters/access-letter.js');
    const pdf = await accessLetterPdf({
      language,
      officeName: context.config.office.name,
      officeCode: b.ipOfficeCode,
      applicationNumberText: b.applicationNumberText,
      filingDate: new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${b.filingDate}T00:00:00Z`)),
      ipRight: letterText(language, b.ipRightType as LetterKey),
      ...(b.inventionTitle === undefined ? {} : { inventionTitle: b.inventionTitle }),
      applicants: (b.applicantName ?? []).map((n) => n.organizationName ?? [n.firstName, n.lastName].filter((p) => p !== undefined).join(' ')),
      documentId, version: doc.version,
      accessCode: formatAccessCode(code),
      ...(body.applicantKey === undefined ? {} : { applicantKey: body.applicantKey }),
      ...(body.portalUrl === undefined ? {} : { portalUrl: body.portalUrl }),
      reference: documentReference({ officeCode: b.ipOfficeCode, applicationNumberText: b.applicationNumberText, filingDate: b.filingDate, ipRightType: b.ipRightType, documentId }),
    });
    res.status(200).setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="access-letter-${b.ipOfficeCode}-${b.applicationNumberText.replace(/[^A-Za-z0-9]/g, '')}.pdf"`);
    res.setHeader('Cache-Control', 'no-store');
    res.end(pdf);
  });
}
