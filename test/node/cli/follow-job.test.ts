// What `ipex retrieve --wait` says about a job (issue 10, items 6 and 10): one line per change,
// with absolute times, so that a line repeats only when the job changes; bytes at every tenth.
import { expect } from 'chai';
import { describeJob, JobWatcher } from '../../../node/cli/follow-job.js';
import { createOutput } from '../../../node/cli/output.js';
import { thisProcess } from '../../../node/runtime/process-holder.js';
import type { JobRow } from '../../../node/services/retrieval/index.js';

const job: JobRow = {
  jobId: 'job-1', requestId: 'req-1', accessCode: null, targetOffice: 'EP', state: 'queued', attempts: 0,
  request: { ipOfficeCode: 'EP', applicationNumberText: '23123456', filingDate: '2023-05-01', ipRightType: 'patent' },
  nextAttemptAt: '2026-05-01T10:00:00.000Z', availableFrom: null, remoteRetrievalId: null, remoteDocument: null, provenance: null,
  errorCode: null, errorDetail: null, copyId: null, createdBy: 'cli', createdAt: '2026-05-01T09:00:00.000Z', updatedAt: '2026-05-01T09:00:00.000Z',
  leaseHolder: null,
};

describe('node/cli/follow-job', () => {
  it('says when a pending job asks again, with or without an availability date, and when it is asking now', () => {
    expect(describeJob({ ...job, state: 'pending', availableFrom: '2026-06-01T00:00:00.000Z' }))
      .to.equal('pending: EP has the document available from 2026-06-01T00:00:00.000Z; asking again at 2026-05-01T10:00:00.000Z');
    expect(describeJob({ ...job, state: 'pending' })).to.equal('pending: EP has not made the document available yet; asking again at 2026-05-01T10:00:00.000Z');
    expect(describeJob({ ...job, state: 'pending', leaseHolder: thisProcess() })).to.equal('pending: EP has not made the document available yet; asking again now');
  });

  it('says the error of a failed attempt and when the job tries again', () => {
    expect(describeJob({ ...job, errorCode: 'PEER_UNREACHABLE', attempts: 2 }))
      .to.equal('queued: asking EP for the document (last attempt failed: PEER_UNREACHABLE; trying again at 2026-05-01T10:00:00.000Z)');
    expect(describeJob({ ...job, state: 'failed', errorCode: 'OFFICE_NOT_ALLOWED' })).to.equal('failed: OFFICE_NOT_ALLOWED');
  });

  it('tells each new state once, and the bytes of a part at every tenth and at its end', () => {
    let err = '';
    const watcher = new JobWatcher(createOutput(false, { stdout: { write: () => true }, stderr: { write: (s: string) => { err += s; } } }), 'job-1');
    watcher.state(job);
    watcher.state(job);
    for (let received = 0; received <= 1000; received += 50) watcher.bytes('a.pdf', received, 1000);
    watcher.bytes('a.pdf', 1000, 1000);
    expect(err.split('\n').filter((l) => l !== '')).to.deep.equal([
      '· job job-1: queued: asking EP for the document',
      ...[0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000].map((n) => `· job job-1: a.pdf: ${n} of 1000 bytes`),
    ]);
  });
});
