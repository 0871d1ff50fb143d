import { expect } from 'chai';
import { IpexError, isIpexError } from '../../../protocol/errors/index.js';
import { PeerError } from '../../../protocol/exchange-client/peer-error.js';

describe('protocol/errors/ipex-error', () => {
  it('recognises an IpexError made by another copy of the module (one loaded with import())', async () => {
    // Under the test runner this file is loaded as CommonJS, so import() gives a second copy of
    // the module, as a command group or a library loaded on first use sees it.
    const copy = await import('../../../protocol/errors/ipex-error.js');
    const fromCopy = new copy.IpexError('NOT_FOUND', 'x');
    expect(fromCopy instanceof IpexError).to.equal(true);
    expect(isIpexError(fromCopy, 'NOT_FOUND')).to.equal(true);
    expect(new IpexError('NOT_FOUND', 'y') instanceof copy.IpexError).to.equal(true);
  });

  it('is not fooled by a plain error or object, and subclasses keep their own check', () => {
    expect(new Error('x') instanceof IpexError).to.equal(false);
    expect({ code: 'NOT_FOUND' } instanceof IpexError).to.equal(false);
    expect((null as unknown) instanceof IpexError).to.equal(false);
    expect(new IpexError('NOT_FOUND', 'x') instanceof PeerError).to.equal(false);
  });
});
