/**
 * The registration certificate of the office API (openapi/office.yaml
 * `getRegistrationCertificate`; docs/registration-certificate.md): the signed statement that a
 * document version was deposited, for staff and for the applicant holding the document's key, as
 * JSON with the JWS or as a PDF rendering.
 */
import type { Request, Response, Router } from 'express';
import type { components } from '../../../protocol/generated/office.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { depositServiceFor } from '../../services/deposit/deposit-service.js';
import { issueRegistration } from '../../services/deposit/registration.js';
import { documentActor } from './office-caller.js';

export function registrationRoutes(router: Router, context: NodeContext): void {
  const service = depositServiceFor(context);

  router.get('/documents/:documentId/registration-certificate', async (req: Request, res: Response) => {
    const documentId = String(req.params.documentId);
    documentActor(res, service, documentId);
    const issued = issueRegistration(service.deps, documentId, req.query.version === undefined ? undefined : Number(req.query.version));
    res.setHeader('Cache-Control', 'no-store');
    if (req.query.format === 'pdf') {
      // PDFKit and its fonts are loaded when the first PDF is made, not at start-up.
      const { registrationPdf } = await import('../../services/letters/registration-pdf.js');
      res.status(200).setHeader('Content-Type', 'application/pdf');
      res.setHeader('Content-Disposition', `attachment; filename="registration-${documentId}-v${issued.certificate.version}.pdf"`);
      res.end(await registrationPdf(issued.certificate, issued.jws, context.config.office.name));
      return;
    }
    res.json({ jws: issued.jws, certificate: issued.certificate } satisfies components['schemas']['RegistrationCertificate']);
  });
}
