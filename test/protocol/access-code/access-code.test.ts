// Access codes (docs/design.md §6). The check-symbol vectors follow Crockford's definition
// (https://www.crockford.com/base32.html: check = value mod 37, symbols 32–36 are *~$=U);
// the Crockford-32 values were cross-checked by hand (1234 = "16J", 1234 mod 37 = 13 = "D").
import { expect } from 'chai';
import {
  CROCKFORD_ALPHABET,
  CROCKFORD_CHECK_ALPHABET,
  formatAccessCode,
  generateAccessCode,
  parseAccessCode,
  type AccessCode,
} from '../../../protocol/access-code/index.js';
import { crockfordCheckSymbol, crockfordEncode } from '../../../protocol/access-code/crockford.js';
import { isIpexError } from '../../../protocol/errors/index.js';
import { systemRandom, type RandomSource } from '../../../protocol/runtime/clock.js';

function fixedRandom(hex: string): RandomSource {
  return { bytes: (n) => Buffer.from(hex.slice(0, n * 2).padEnd(n * 2, '0'), 'hex') };
}

function isMalformed(input: string, format: 'crockford' | 'das' = 'crockford'): boolean {
  try {
    parseAccessCode(input, format);
    return false;
  } catch (err) {
    return isIpexError(err, 'ACCESS_CODE_MALFORMED');
  }
}

describe('protocol/access-code', () => {
  describe('Crockford check symbol', () => {
    it('matches the definition: value mod 37 over the 37-symbol alphabet', () => {
      expect(crockfordEncode(1234n, 3)).to.equal('16J');
      expect(crockfordCheckSymbol(1234n)).to.equal('D');
      expect(crockfordCheckSymbol(0n)).to.equal('0');
      expect(crockfordCheckSymbol(32n)).to.equal('*');
      expect(crockfordCheckSymbol(36n)).to.equal('U');
      expect(crockfordCheckSymbol(37n)).to.equal('0');
      expect(CROCKFORD_CHECK_ALPHABET).to.have.length(37);
    });
  });

  describe('generate and format', () => {
    it('draws 12 data symbols from the top 60 bits and appends the check symbol', () => {
      const code = generateAccessCode(fixedRandom('ffffffffffffffff'));
      expect(code.value).to.equal(`ZZZZZZZZZZZZ${crockfordCheckSymbol((1n << 60n) - 1n)}`);
      expect(generateAccessCode(fixedRandom('0000000000000000')).value).to.equal('0000000000000');
    });

    it('prints groups of four and parses its own output', () => {
      const code = generateAccessCode(fixedRandom('0123456789abcdef'));
      const printed = formatAccessCode(code);
      expect(printed).to.match(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z*~$=U]$/);
      expect(parseAccessCode(printed)).to.deep.equal(code);
    });

    it('uses only data symbols and never repeats in a sample of fresh codes', () => {
      const seen = new Set<string>();
      for (let i = 0; i < 500; i++) {
        const code = generateAccessCode(systemRandom);
        expect(code.value.slice(0, 12)).to.match(/^[0-9A-HJKMNP-TV-Z]{12}$/);
        seen.add(code.value);
      }
      expect(seen.size).to.equal(500);
    });

    it('generates DAS codes of four upper-case hexadecimal characters', () => {
      const code = generateAccessCode(fixedRandom('a1f0'), 'das');
      expect(code).to.deep.equal({ format: 'das', value: 'A1F0' });
      expect(formatAccessCode(code)).to.equal('A1F0');
    });
  });

  describe('parse', () => {
    const code = generateAccessCode(fixedRandom('0123456789abcdef'));
    const printed = formatAccessCode(code);

    it('ignores case, spaces and hyphens and reads O as 0, I and L as 1', () => {
      expect(parseAccessCode(printed.toLowerCase()).value).to.equal(code.value);
      expect(parseAccessCode(` ${printed.replace(/-/g, ' ')} `).value).to.equal(code.value);
      const withZeroAndOne: AccessCode = generateAccessCode(fixedRandom('0842108421084210'));
      expect(withZeroAndOne.value).to.match(/^[01]/);
      const misread = withZeroAndOne.value.slice(0, 12).replace(/0/g, 'o').replace(/1/g, 'L') +
        withZeroAndOne.value.slice(12);
      expect(parseAccessCode(misread).value).to.equal(withZeroAndOne.value);
    });

    it('refuses wrong lengths, foreign characters, U as a data symbol and Unicode look-alikes', () => {
      for (const input of ['', printed.slice(0, -1), `${printed}0`, `U${code.value.slice(1)}`,
        code.value.replace(/.$/, '#'), `${code.value.slice(0, 12)}ﬀ`, 'X'.repeat(65)]) {
        expect(isMalformed(input), JSON.stringify(input)).to.equal(true);
      }
    });

    it('never repeats the code in the error message', () => {
      const typo = code.value.slice(0, 12) + (code.value.endsWith('0') ? '1' : '0');
      try {
        parseAccessCode(typo);
        expect.fail('should throw');
      } catch (err) {
        expect((err as Error).message).not.to.contain(typo.slice(0, 6));
      }
    });

    it('catches every single-symbol substitution and adjacent transposition (exhaustive on a sample)', () => {
      for (let n = 0; n < 40; n++) {
        const value = generateAccessCode(systemRandom).value;
        for (let i = 0; i < value.length; i++) {
          for (const symbol of CROCKFORD_CHECK_ALPHABET) {
            if (symbol === value[i]) continue;
            const typo = value.slice(0, i) + symbol + value.slice(i + 1);
            expect(isMalformed(typo), `${value} → ${typo}`).to.equal(true);
          }
          if (i + 1 < value.length && value[i] !== value[i + 1]) {
            const swapped = value.slice(0, i) + value[i + 1] + value[i] + value.slice(i + 2);
            expect(isMalformed(swapped), `${value} → ${swapped}`).to.equal(true);
          }
        }
      }
    });

    it('reads DAS codes case-insensitively and refuses anything else', () => {
      expect(parseAccessCode('a1f0', 'das').value).to.equal('A1F0');
      expect(parseAccessCode(' A1-F0 ', 'das').value).to.equal('A1F0');
      for (const input of ['A1F', 'A1F00', 'G1F0', 'ﬀﬀ', '', 'O1F0']) {
        expect(isMalformed(input, 'das'), input).to.equal(true);
      }
    });
  });

  it('keeps the alphabet free of I, L, O and U', () => {
    expect(CROCKFORD_ALPHABET).to.have.length(32);
    for (const letter of 'ILOU') expect(CROCKFORD_ALPHABET).not.to.contain(letter);
  });
});
