/** HTTP Range decisions for part downloads (RFC 9110 §14.1.2, §14.2, §13.1.5). */
import { expect } from 'chai';
import { decideRange } from '../../../../node/http/exchange/byte-range.js';

const ETAG = `"${'a'.repeat(64)}"`;

describe('decideRange (RFC 9110 single byte ranges)', () => {
  it('sends the whole part without a Range header', () => {
    expect(decideRange(undefined, undefined, 100, ETAG)).to.deep.equal({ kind: 'whole' });
  });
  it('reads first-last, first- and suffix ranges, clamping last to the size', () => {
    expect(decideRange('bytes=0-9', undefined, 100, ETAG)).to.deep.equal({ kind: 'partial', start: 0, end: 9 });
    expect(decideRange('bytes=90-', undefined, 100, ETAG)).to.deep.equal({ kind: 'partial', start: 90, end: 99 });
    expect(decideRange('bytes=90-500', undefined, 100, ETAG)).to.deep.equal({ kind: 'partial', start: 90, end: 99 });
    expect(decideRange('bytes=-10', undefined, 100, ETAG)).to.deep.equal({ kind: 'partial', start: 90, end: 99 });
    expect(decideRange('bytes=-500', undefined, 100, ETAG)).to.deep.equal({ kind: 'partial', start: 0, end: 99 });
  });
  it('is unsatisfiable when the range starts at or beyond the end, or the part is empty', () => {
    expect(decideRange('bytes=100-', undefined, 100, ETAG)).to.deep.equal({ kind: 'unsatisfiable' });
    expect(decideRange('bytes=-1', undefined, 0, ETAG)).to.deep.equal({ kind: 'unsatisfiable' });
    expect(decideRange('bytes=-0', undefined, 100, ETAG)).to.deep.equal({ kind: 'unsatisfiable' });
  });
  it('ignores several ranges, unknown units, reversed ranges and absurd numbers (whole part)', () => {
    for (const header of ['bytes=0-1,5-6', 'items=0-1', 'bytes=9-1', 'bytes=99999999999999999999-', 'bytes=-']) {
      expect(decideRange(header, undefined, 100, ETAG), header).to.deep.equal({ kind: 'whole' });
    }
  });
  it('honours If-Range only when it is our strong ETag', () => {
    expect(decideRange('bytes=10-', ETAG, 100, ETAG)).to.deep.equal({ kind: 'partial', start: 10, end: 99 });
    expect(decideRange('bytes=10-', `"${'b'.repeat(64)}"`, 100, ETAG)).to.deep.equal({ kind: 'whole' });
  });
});
