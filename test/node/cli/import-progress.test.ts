// The progress of `ipex import` (node/cli/commands/import-progress.ts): rate and time left from an
// injected clock, one rewritten line on a terminal, JSON lines under --json; counts only.
import { expect } from 'chai';
import { ImportProgress } from '../../../node/cli/commands/import-progress.js';
import { createOutput } from '../../../node/cli/output.js';
import type { Clock } from '../../../protocol/runtime/clock.js';

function clockAt(ms: { now: number }): Clock {
  return { now: () => new Date(ms.now) };
}

describe('ipex import progress', () => {
  it('computes documents/s, MB/s and the time left from the clock, and rewrites one terminal line', () => {
    let err = '';
    const out = createOutput(false, { stdout: { write: () => true }, stderr: { write: (s: string) => { err += s; }, isTTY: true } });
    const t = { now: 0 };
    const progress = new ImportProgress(out, clockAt(t));
    progress.on({ event: 'validated', rows: 12, toDeposit: 10, bytesToDeposit: 10_000_000, skipped: 1, refused: 1 });
    for (let i = 0; i < 4; i++) progress.on({ event: 'deposited', line: i + 2, documentId: `d${i}`, bytes: 1_000_000 });
    t.now = 2000;
    expect(progress.snapshot()).to.deep.equal({ event: 'progress', documents: 4, documentsTotal: 10, bytes: 4_000_000, bytesTotal: 10_000_000, refused: 0,
      documentsPerSecond: 2, megabytesPerSecond: 2, secondsLeft: 3 });
    progress.stop();
    expect(err).to.include('12 rows checked: 10 to deposit (10.0 MB), 1 imported before, 1 refused');
    expect(err).to.include('\r\x1b[2K· 4/10 documents, 4.0 MB of 10.0 MB, 2 documents/s (2 MB/s), about 3 s left');
  });

  it('writes JSON lines on stdout under --json', () => {
    const lines: string[] = [];
    const out = createOutput(true, { stdout: { write: (s: string) => { lines.push(s); } }, stderr: { write: () => true } });
    const t = { now: 0 };
    const progress = new ImportProgress(out, clockAt(t));
    progress.on({ event: 'validated', rows: 1, toDeposit: 1, bytesToDeposit: 5, skipped: 0, refused: 0 });
    progress.on({ event: 'deposited', line: 2, documentId: 'd', bytes: 5 });
    t.now = 1000;
    progress.stop();
    expect(lines.map((l) => JSON.parse(l).event)).to.deep.equal(['validated', 'deposited', 'progress']);
    expect(JSON.parse(lines[1]!)).to.deep.equal({ event: 'deposited', line: 2, documentId: 'd', bytes: 5 }); // which row became which document
    expect(lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).to.equal(true);
  });
});
