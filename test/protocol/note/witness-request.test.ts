// C2SP tlog-witness add-checkpoint request bodies: the example of c2sp.org/tlog-witness
// §add-checkpoint (see vectors.ts) and malformed variants.
import { expect } from 'chai';
import { formatAddCheckpointRequest, parseAddCheckpointRequest } from '../../../protocol/note/index.js';
import { isIpexError } from '../../../protocol/errors/index.js';
import { SOFA_CHECKPOINT, SOFA_LOG_SIG_LINE, WITNESS_REQUEST } from './vectors.js';

function expectMalformed(fn: () => unknown): void {
  try {
    fn();
  } catch (err) {
    expect(isIpexError(err, 'WITNESS_REQUEST_MALFORMED'), String(err)).to.equal(true);
    return;
  }
  expect.fail('should throw WITNESS_REQUEST_MALFORMED');
}

describe('protocol/note tlog-witness add-checkpoint body', () => {
  it('parses the published example and formats it back byte for byte', () => {
    const req = parseAddCheckpointRequest(WITNESS_REQUEST);
    expect(req.oldSize).to.equal(20852014);
    expect(req.proof).to.have.length(4);
    expect(Buffer.from(req.proof[0]!).toString('base64')).to.equal('PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=');
    expect(req.checkpoint.startsWith(SOFA_CHECKPOINT)).to.equal(true);
    expect(formatAddCheckpointRequest(req)).to.equal(WITNESS_REQUEST);
  });

  it('accepts old size 0 with no proof', () => {
    const body = `old 0\n\n${SOFA_CHECKPOINT}\n${SOFA_LOG_SIG_LINE}`;
    expect(parseAddCheckpointRequest(body)).to.deep.include({ oldSize: 0, proof: [] });
  });

  it('rejects malformed bodies', () => {
    const note = `${SOFA_CHECKPOINT}\n${SOFA_LOG_SIG_LINE}`;
    const h = 'PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=';
    for (const body of [
      `old 01\n\n${note}`,
      `old -1\n\n${note}`,
      `old  1\n\n${note}`,
      `old 1\n${h.slice(0, -1)}\n\n${note}`,
      `old 1\nAAAA\n\n${note}`,
      `old 0\n${h}\n\n${note}`,
      `old 1\n${`${h}\n`.repeat(64)}\n${note}`,
      `old 1\n${note}`,
      `old 1\n\n${SOFA_CHECKPOINT}`,
      `new 1\n\n${note}`,
    ]) {
      expectMalformed(() => parseAddCheckpointRequest(body));
    }
    expectMalformed(() => formatAddCheckpointRequest({ oldSize: 0, proof: [Buffer.alloc(32)], checkpoint: note }));
    expectMalformed(() => formatAddCheckpointRequest({ oldSize: 1, proof: [Buffer.alloc(31)], checkpoint: note }));
    expectMalformed(() => formatAddCheckpointRequest({ oldSize: 1, proof: [], checkpoint: SOFA_CHECKPOINT }));
  });
});
