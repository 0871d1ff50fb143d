// Keyed hashing of access codes at rest (docs/design.md §6). The expected MAC is recomputed here
// from the documented construction, so a change of prefix or encoding breaks this test.
import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { accessCodeMatches, hashAccessCode, parseAccessCode } from '../../../protocol/access-code/index.js';
import { isIpexError } from '../../../protocol/errors/index.js';

describe('protocol/access-code hashing', () => {
  const key = Buffer.alloc(32, 7);
  const code = parseAccessCode('0000-0000-0000-0');

  it('is HMAC-SHA-256 over the domain label, the format and the canonical code', () => {
    const expected = createHmac('sha256', key).update('ipex-access-code-v1\0crockford\u00000000000000000').digest();
    expect(hashAccessCode(code, key).equals(expected)).to.equal(true);
  });

  it('matches the same code however it was typed, and nothing else', () => {
    const stored = hashAccessCode(code, key);
    expect(accessCodeMatches(parseAccessCode('oooo oooo oooo o'), stored, key)).to.equal(true);
    expect(accessCodeMatches(parseAccessCode('0000-0000-0001-1'), stored, key)).to.equal(false);
    expect(accessCodeMatches(code, stored, Buffer.alloc(32, 8))).to.equal(false);
    expect(accessCodeMatches(code, stored.subarray(0, 31), key)).to.equal(false);
    expect(accessCodeMatches(code, Buffer.alloc(0), key)).to.equal(false);
  });

  it('keeps the formats apart', () => {
    const das = parseAccessCode('0000', 'das');
    const crockfordLike = { format: 'crockford' as const, value: '0000' };
    expect(hashAccessCode(das, key).equals(hashAccessCode(crockfordLike, key))).to.equal(false);
  });

  it('refuses a short key', () => {
    try {
      hashAccessCode(code, Buffer.alloc(15));
      expect.fail('should throw');
    } catch (err) {
      expect(isIpexError(err, 'CONFIG_INVALID')).to.equal(true);
    }
  });
});
