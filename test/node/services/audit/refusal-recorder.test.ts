/**
 * The limits on logged refusals (issue 10, item 15: "rate-limited so a flood cannot fill the
 * disk"): at most `perSource` entries per source and `total` entries per window, then one
 * `exchange.refusals-suppressed` entry per window that says what was left out. Driven by the
 * injectable clock, into a real audit log.
 */
import { expect } from 'chai';
import { RefusalLimiter } from '../../../../node/services/audit/refusal-limiter.js';
import { RefusalRecorder } from '../../../../node/services/audit/refusal-recorder.js';
import { FixedClock } from '../../../../protocol/runtime/clock.js';
import { auditFixture, type AuditFixture } from './fixture.js';

const LIMITS = { intervalMs: 60_000, perSource: 3, total: 5, listedSources: 2 };

function entries(f: AuditFixture): { type: string; outcome: string; code?: string; details?: any }[] { // eslint-disable-line @typescript-eslint/no-explicit-any
  return f.log.entries(0, f.log.size()).map((b) => JSON.parse(b.toString('utf8')));
}

describe('node/services/audit refusal limits', () => {
  describe('RefusalLimiter', () => {
    // issue 10, item 15
    it('admits perSource refusals per source and total per window, then counts the rest by source and code', () => {
      const clock = new FixedClock(new Date('2026-11-26T10:00:00.000Z'));
      const limiter = new RefusalLimiter(clock, LIMITS);
      const admitted = ['a', 'a', 'a', 'a', 'b', 'b', 'c', 'c'].map((source) => limiter.admit(`address:${source}`, 'SIGNATURE_MISSING').log);
      // a: 3 of 4; b: 2; then the window total of 5 is reached, so c gets none
      expect(admitted).to.deep.equal([true, true, true, false, true, true, false, false]);
      expect(limiter.due()).to.equal(undefined); // the window has not ended
      clock.advance(60_000);
      const summary = limiter.due()!;
      expect(summary).to.deep.equal({
        from: '2026-11-26T10:00:00.000Z', to: '2026-11-26T10:01:00.000Z', suppressed: 3,
        sources: [{ source: 'address:c', count: 2, codes: { SIGNATURE_MISSING: 2 } }, { source: 'address:a', count: 1, codes: { SIGNATURE_MISSING: 1 } }],
        otherSources: 0,
      });
      // a new window admits again
      expect(limiter.admit('address:a', 'SIGNATURE_MISSING').log).to.equal(true);
      expect(limiter.due(true)).to.equal(undefined); // nothing left out in it
    });

    // issue 10, item 15
    it('hands the summary of an ended window to the first refusal after it, and bounds the sources it remembers', () => {
      const clock = new FixedClock(new Date('2026-11-26T10:00:00.000Z'));
      const limiter = new RefusalLimiter(clock, LIMITS);
      for (let i = 0; i < 100; i += 1) limiter.admit(`address:10.0.0.${i}`, i % 2 === 0 ? 'CERT_UNTRUSTED' : 'CLIENT_CERT_REQUIRED');
      clock.advance(61_000);
      const { log, ended } = limiter.admit('office:JP', 'INVALID_INPUT');
      expect(log).to.equal(true);
      expect(ended!.suppressed).to.equal(95);
      expect(ended!.sources).to.have.length(2);
      expect(ended!.sources[0]!.count + ended!.sources[1]!.count + ended!.otherSources).to.equal(95);
    });
  });

  describe('RefusalRecorder', () => {
    let f: AuditFixture;
    beforeEach(() => { f = auditFixture('EP'); });
    afterEach(async () => { await f.cleanup(); });

    // issue 10, item 15
    it('logs refusals up to the limits, then one exchange.refusals-suppressed entry per window', async () => {
      const recorder = new RefusalRecorder({ audit: f.log, clock: f.clock, warn: () => undefined, limits: LIMITS });
      for (let i = 0; i < 7; i += 1) {
        recorder.record('address:192.0.2.7', { type: 'exchange.refused', actor: { kind: 'peer' }, code: 'SIGNATURE_MISSING', details: { n: i } });
      }
      recorder.flushDue(); // the window is still open: no summary yet
      await f.log.flush();
      expect(entries(f).map((e) => e.type)).to.deep.equal(['exchange.refused', 'exchange.refused', 'exchange.refused']);
      expect(entries(f)[0]).to.include({ outcome: 'refused', code: 'SIGNATURE_MISSING' });

      f.clock.advance(60_000);
      recorder.flushDue();
      await f.log.flush();
      const summary = entries(f)[3]!;
      expect(summary.type).to.equal('exchange.refusals-suppressed');
      expect(summary.details).to.deep.equal({
        from: '2026-11-26T10:00:00.000Z', to: '2026-11-26T10:01:00.000Z', suppressed: 4,
        sources: [{ source: 'address:192.0.2.7', count: 4, codes: { SIGNATURE_MISSING: 4 } }], otherSources: 0,
        limits: { intervalSeconds: 60, perSource: 3, total: 5 },
      });
      recorder.flushDue();
      await recorder.stop();
      expect(entries(f)).to.have.length(4); // a window is summed up once
    });

    // issue 10, item 15
    it('writes the summary of an ended window at its next check, with no refusal after it', async () => {
      let tick: (() => void) | undefined;
      let every = 0;
      const recorder = new RefusalRecorder({
        audit: f.log, clock: f.clock, warn: () => undefined, limits: LIMITS,
        every: (ms, fn) => { every = ms; tick = fn; return () => { tick = undefined; }; },
      });
      recorder.start();
      expect(every).to.equal(60_000);
      for (let i = 0; i < 4; i += 1) recorder.record('office:JP', { type: 'exchange.refused', actor: { kind: 'peer', office: 'JP' }, code: 'NOT_FOUND' });
      f.clock.advance(60_000);
      tick!();
      await f.log.flush();
      expect(entries(f).at(-1)!.type).to.equal('exchange.refusals-suppressed');
      await recorder.stop();
      expect(tick).to.equal(undefined);
    });

    // issue 10, item 15
    it('sums up the open window when it stops', async () => {
      const recorder = new RefusalRecorder({ audit: f.log, clock: f.clock, warn: () => undefined, limits: LIMITS });
      for (let i = 0; i < 4; i += 1) recorder.record('office:JP', { type: 'exchange.tls-refused', actor: { kind: 'peer' }, code: 'CERT_EXPIRED' });
      f.clock.advance(5_000);
      await recorder.stop();
      await f.log.flush();
      const last = entries(f).at(-1)!;
      expect(last.type).to.equal('exchange.refusals-suppressed');
      expect(last.details).to.include({ suppressed: 1, to: '2026-11-26T10:00:05.000Z' });
    });
  });
});
