import { expect } from 'chai';
import { DemoReport } from '../../../scripts/demo/report.js';

describe('scripts/demo/report', () => {
  it('passes only when every check passed, and says which failed', async () => {
    const lines: string[] = [];
    const report = new DemoReport((l) => lines.push(l));
    expect(report.passed).to.equal(false); // no check at all is not a pass
    report.check('EP', 'one', true, 'fine');
    expect(report.passed).to.equal(true);
    await report.attempt('JP', 'two', async () => { throw Object.assign(new Error('broken\nmore'), { code: 'PEER_UNREACHABLE' }); });
    expect(report.passed).to.equal(false);
    const summary = report.summary();
    expect(summary).to.match(/JP\s+two\s+FAIL\s+PEER_UNREACHABLE: broken$/m);
    expect(summary).to.contain('1 of 2 checks FAILED');
    expect(lines.some((l) => l.includes('✘ two'))).to.equal(true);
  });
});
