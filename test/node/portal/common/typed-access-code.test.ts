/**
 * The check character as it is typed (issue 11, the examiner's retrieval form): the browser's
 * check gives the verdict of the office API's own parser (protocol/access-code) on whole codes —
 * right ones, every single-character typo, codes issued before issue 10 — and counts the
 * characters of a code not yet whole.
 */
import { expect } from 'chai';
import { checkTyped } from '../../../../node/portal/common/typed-access-code.js';
import { CROCKFORD_ALPHABET, formatAccessCode, generateAccessCode, parseAccessCode } from '../../../../protocol/access-code/index.js';
import { systemRandom } from '../../../../protocol/runtime/clock.js';

function parses(code: string): boolean {
  try {
    parseAccessCode(code);
    return true;
  } catch {
    return false;
  }
}

describe('portal: the access code checked as it is typed (issue 11)', () => {
  it('agrees with the office API\'s parser on right codes and on every single-character typo', () => {
    for (let i = 0; i < 20; i++) {
      const code = formatAccessCode(generateAccessCode(systemRandom));
      expect(checkTyped(code), code).to.deep.equal({ kind: 'ok' });
      expect(checkTyped(code.toLowerCase().replace(/-/g, ' '))).to.deep.equal({ kind: 'ok' });
      const plain = code.replace(/-/g, '');
      for (let at = 0; at < plain.length; at++) {
        const other = CROCKFORD_ALPHABET[(CROCKFORD_ALPHABET.indexOf(plain[at]!) + 1 + i) % 32]!;
        const typo = plain.slice(0, at) + other + plain.slice(at + 1);
        expect(checkTyped(typo).kind, typo).to.equal(parses(typo) ? 'ok' : 'typo');
        expect(parses(typo), `${typo} is caught by the parser too`).to.equal(false);
      }
    }
  });

  it('accepts a code issued before issue 10, counts a code being typed, and knows a DAS code', () => {
    // twelve data symbols and Crockford's mod-37 check character
    const legacyCode = `0123456789AB${[...CROCKFORD_ALPHABET, '*', '~', '$', '=', 'U'].find((c) => parses(`0123456789AB${c}`))!}`;
    expect(parses(legacyCode)).to.equal(true);
    expect(checkTyped(legacyCode)).to.deep.equal({ kind: 'ok' });
    expect(checkTyped(legacyCode.slice(0, 7))).to.deep.equal({ kind: 'short', count: 7 });
    expect(checkTyped('7K3M-9Q')).to.deep.equal({ kind: 'short', count: 6 });
    expect(checkTyped('')).to.deep.equal({ kind: 'empty' });
    expect(checkTyped('a1f0')).to.deep.equal({ kind: 'das' });
    expect(checkTyped('7K3M-9QXH-2BDR-5TXX')).to.deep.equal({ kind: 'typo' }); // too long
  });
});
