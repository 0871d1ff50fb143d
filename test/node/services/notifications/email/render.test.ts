/**
 * The staff e-mail of each alert kind (issue 12; docs/operations.md "Staff alerts"): every kind
 * the node raises has its own title in each of the six languages, in the subject and the text.
 */
import { expect } from 'chai';
import { LANGUAGES } from '../../../../../node/portal/i18n/languages.js';
import { renderEmail } from '../../../../../node/services/notifications/email/render.js';
import { EMAIL_CATALOGUES } from '../../../../../node/services/notifications/email/messages/index.js';
import { ALERT_KINDS } from '../../../../../node/services/staff/staff-alerts.js';

describe('node/services/notifications/email/render: staff alerts (issue 12)', () => {
  const alert = (kind: string): Parameters<typeof renderEmail>[0] => ({
    type: 'staff.alert', timestamp: '2026-11-26T10:04:12.345Z', data: { alertId: 7, kind, subject: 'retrieval job rj_1', detail: 'it failed <now> [PEER_UNREACHABLE]' },
  });

  for (const { code } of LANGUAGES) {
    it(`names each alert kind by its own title in ${code}`, () => {
      const titles = new Set<string>();
      for (const kind of ALERT_KINDS) {
        const title = (EMAIL_CATALOGUES[code] as Record<string, string>)[`alertKind.${kind}`];
        expect(title, `${code} alertKind.${kind}`).to.be.a('string');
        const mail = renderEmail(alert(kind), code, 'EPO', 'staff');
        expect(mail.subject).to.contain(title).and.to.contain('EPO');
        expect(mail.text).to.contain(kind).and.to.contain('it failed <now> [PEER_UNREACHABLE]');
        expect(mail.html).to.contain('it failed &lt;now&gt;').and.to.contain(`lang="${code}"`);
        titles.add(title!);
      }
      expect(titles.size).to.equal(ALERT_KINDS.length); // no two kinds share a title
    });
  }

  it('names a kind it has no title for by its code', () => {
    expect(renderEmail(alert('future.kind'), 'fr', 'EPO', 'staff').subject).to.equal('Alerte ipex à EPO : future.kind');
  });
});
