// Content-Digest, RFC 9530. The sha-256 and sha-512 values of {"hello": "world"} are those of
// RFC 9530 Appendix B.1 / B.2 (and RFC 9421 Appendix B.2); {"message": "good dog"} from RFC 9421 B.2.
import { expect } from 'chai';
import {
  contentDigest,
  createContentDigester,
  parseContentDigest,
  verifyContentDigest,
} from '../../../protocol/http-signatures/index.js';
import { isIpexError } from '../../../protocol/errors/index.js';

const HELLO = Buffer.from('{"hello": "world"}');
const HELLO_256 = 'X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=';
const HELLO_512 = 'WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==';
const GOOD_DOG_512 = 'mEWXIS7MaLRuGgxOBdODa3xqM1XdEvxoYhvlCFJ41QJgJc4GTsPp29l5oGX69wWdXymyU0rjJuahq4l5aGgfLQ==';

function expectMismatch(fn: () => unknown): void {
  try {
    fn();
    expect.fail('should throw');
  } catch (err) {
    expect(isIpexError(err, 'DIGEST_MISMATCH'), String(err)).to.equal(true);
  }
}

describe('protocol/http-signatures Content-Digest (RFC 9530)', () => {
  it('writes sha-256 by default and sha-512 on request (RFC 9530 B.1, B.2)', () => {
    expect(contentDigest(HELLO)).to.equal(`sha-256=:${HELLO_256}:`);
    expect(contentDigest(HELLO, ['sha-256', 'sha-512'])).to.equal(`sha-256=:${HELLO_256}:, sha-512=:${HELLO_512}:`);
    expect(contentDigest(Buffer.from('{"message": "good dog"}'), ['sha-512'])).to.equal(`sha-512=:${GOOD_DOG_512}:`);
  });

  it('gives the same digest streamed in chunks as in one piece', () => {
    const digester = createContentDigester(['sha-256', 'sha-512']);
    for (let i = 0; i < HELLO.length; i += 5) digester.update(HELLO.subarray(i, i + 5));
    expect(digester.digests()['sha-256']?.toString('base64')).to.equal(HELLO_256);
    expect(digester.header()).to.equal(contentDigest(HELLO, ['sha-256', 'sha-512']));
    expect(() => digester.update(HELLO)).to.throw();
  });

  it('accepts sha-256 and sha-512, against bytes or streamed digests', () => {
    verifyContentDigest(`sha-256=:${HELLO_256}:`, HELLO);
    verifyContentDigest(`sha-512=:${HELLO_512}:`, HELLO);
    verifyContentDigest(`sha-256=:${HELLO_256}:, sha-512=:${HELLO_512}:`, HELLO);
    const digester = createContentDigester();
    digester.update(HELLO);
    verifyContentDigest(`sha-256=:${HELLO_256}:`, digester.digests());
  });

  it('ignores unknown and deprecated algorithms but needs one it knows (RFC 9530 §2)', () => {
    verifyContentDigest(`md5=:AAAAAAAAAAAAAAAAAAAAAA==:, sha-256=:${HELLO_256}:`, HELLO);
    expectMismatch(() => verifyContentDigest('md5=:AAAAAAAAAAAAAAAAAAAAAA==:', HELLO));
    expect(parseContentDigest('unixsum=:AAAA:')).to.deep.equal({});
  });

  it('refuses a missing, malformed, truncated or wrong digest with DIGEST_MISMATCH', () => {
    expectMismatch(() => verifyContentDigest(undefined, HELLO));
    expectMismatch(() => verifyContentDigest('', HELLO));
    expectMismatch(() => verifyContentDigest(`sha-256=${HELLO_256}`, HELLO));
    expectMismatch(() => verifyContentDigest('sha-256=:AAAA:', HELLO));
    expectMismatch(() => verifyContentDigest(`sha-256=:${HELLO_256}:`, Buffer.from('{"hello": "world!"}')));
    expectMismatch(() => verifyContentDigest(`sha-256=:${HELLO_256}:, sha-512=:${GOOD_DOG_512}:`, HELLO));
    expectMismatch(() => verifyContentDigest(`sha-256=:${HELLO_256}:, sha-256=:${HELLO_256}:`, HELLO));
    // A streamed sha-256 cannot vouch for a header that names only sha-512.
    const digester = createContentDigester(['sha-256']);
    digester.update(HELLO);
    expectMismatch(() => verifyContentDigest(`sha-512=:${HELLO_512}:`, digester.digests()));
  });
});
