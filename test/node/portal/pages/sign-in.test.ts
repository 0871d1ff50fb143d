/**
 * Signing in and out through the portal's forms (issue 11), against a real node with an
 * injected clock: wrong credentials named beside the field, the sign-in limit shown with the
 * time to wait, a session that ends after its idle time leading back to the start page that
 * says so, and sign-out ending the session at once.
 */
import { expect } from 'chai';
import { FixedClock } from '../../../../protocol/runtime/clock.js';
import { startDepositNode, type DepositNode } from '../../services/deposit/deposit-fixture.js';
import { PortalClient } from '../portal-client.js';

describe('portal: signing in and out (issue 11)', function () {
  this.timeout(60_000);
  const clock = new FixedClock(Date.parse('2024-03-01T09:00:00Z'));
  let n: DepositNode;

  before(async () => {
    n = await startDepositNode('EP', clock);
  });
  after(() => n?.close());

  it('signs staff in and out, and says so on the start page when a session ended by itself', async () => {
    const browser = new PortalClient(n.node.officeApiUrl);
    const signedIn = await browser.signIn('staff', n.clerk);
    expect(signedIn.status).to.equal(303);
    expect(signedIn.headers.get('location')).to.equal('/documents');
    expect((await browser.get('/documents')).status).to.equal(200);
    // idle for longer than sessions.idleMinutes (30 by default)
    clock.advance(31 * 60_000);
    const ended = await browser.get('/documents');
    expect(ended.status).to.equal(303);
    expect(ended.headers.get('location')).to.equal('/?ended=1');
    expect((await browser.get('/?ended=1')).text).to.include('You have been signed out. Sign in again to go on.');

    await browser.signIn('staff', n.clerk);
    expect((await browser.post('/sign-out', { csrf: await browser.csrf() })).headers.get('location')).to.equal('/');
    expect(browser.cookie('__Host-ipex-session')).to.equal(undefined);
    expect((await browser.get('/documents')).headers.get('location')).to.equal('/');
  });

  it('says beside the field what was wrong, and after too many failures how long to wait', async () => {
    const browser = new PortalClient(n.node.officeApiUrl);
    const empty = await browser.signIn('applicant', '');
    expect(empty.status).to.equal(400);
    expect(empty.text).to.include('<a href="#applicantKey">Enter the applicant key').and.include('aria-invalid="true"');
    for (let i = 0; i < 10; i++) {
      const wrong = await browser.signIn('staff', `ipex_${'w'.repeat(43)}`);
      expect(wrong.status).to.equal(400);
      expect(wrong.text).to.include('The staff token is not right.');
    }
    const limited = await browser.signIn('staff', n.clerk); // sessions.signInFailures (10) reached: even the right token waits
    expect(limited.status).to.equal(429);
    expect(limited.text).to.include('Too many wrong attempts from this computer. Wait 15 minutes, then try again');
    expect(browser.cookie('__Host-ipex-session')).to.equal(undefined);
    clock.advance(15 * 60_000);
    expect((await browser.signIn('staff', n.clerk)).status).to.equal(303);
  });
});
