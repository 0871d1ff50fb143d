// Access codes (docs/design.md §6, docs/access-codes.md). Codes issued before issue 10 carry
// Crockford's check (https://www.crockford.com/base32.html: check = value mod 37, symbols 32–36
// are *~$=U); the Crockford-32 values were cross-checked by hand (1234 = "16J", 1234 mod 37 = 13
// = "D"). New codes carry a GF(32) check symbol of the data alphabet (issue 10, item 13).
import { expect } from 'chai';
import {
  CROCKFORD_ALPHABET,
  CROCKFORD_CHECK_ALPHABET,
  crockfordCheckOf,
  formatAccessCode,
  generateAccessCode,
  parseAccessCode,
  type AccessCode,
} from '../../../protocol/access-code/index.js';
import { gf32TimesAlpha, gf32WeightedSum } from '../../../protocol/access-code/check-symbol.js';
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
    it('draws 13 data symbols from the top 65 bits and appends the GF(32) check symbol', () => {
      const code = generateAccessCode(fixedRandom('ffffffffffffffffff'));
      expect(code.value).to.equal(`ZZZZZZZZZZZZZ${crockfordCheckOf('Z'.repeat(13))}`);
      expect(generateAccessCode(fixedRandom('000000000000000000')).value).to.equal('00000000000000');
    });

    it('prints groups of four and parses its own output', () => {
      const code = generateAccessCode(fixedRandom('0123456789abcdef01'));
      const printed = formatAccessCode(code);
      expect(printed).to.match(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
      expect(parseAccessCode(printed)).to.deep.equal(code);
    });

    it('uses letters and digits of the data alphabet only, check symbol included, and never repeats (issue 10, item 13)', () => {
      const seen = new Set<string>();
      for (let i = 0; i < 2000; i++) {
        const code = generateAccessCode(systemRandom);
        expect(code.value).to.match(/^[0-9A-HJKMNP-TV-Z]{14}$/);
        seen.add(code.value);
      }
      expect(seen.size).to.equal(2000);
    });

    it('generates DAS codes of four upper-case hexadecimal characters', () => {
      const code = generateAccessCode(fixedRandom('a1f0'), 'das');
      expect(code).to.deep.equal({ format: 'das', value: 'A1F0' });
      expect(formatAccessCode(code)).to.equal('A1F0');
    });
  });

  describe('parse', () => {
    const code = generateAccessCode(fixedRandom('0123456789abcdef01'));
    const printed = formatAccessCode(code);

    it('ignores case, spaces and hyphens and reads O as 0, I and L as 1', () => {
      expect(parseAccessCode(printed.toLowerCase()).value).to.equal(code.value);
      expect(parseAccessCode(` ${printed.replace(/-/g, ' ')} `).value).to.equal(code.value);
      const withZeroAndOne: AccessCode = generateAccessCode(fixedRandom('084210842108421084'));
      expect(withZeroAndOne.value).to.match(/^[01]/);
      const misread = withZeroAndOne.value.slice(0, 13).replace(/0/g, 'o').replace(/1/g, 'L') +
        withZeroAndOne.value.slice(13);
      expect(parseAccessCode(misread).value).to.equal(withZeroAndOne.value);
    });

    it('refuses wrong lengths, foreign characters, U as a data symbol and Unicode look-alikes', () => {
      for (const input of ['', printed.slice(0, -1), `${printed}0`, `U${code.value.slice(1)}`,
        code.value.replace(/.$/, '#'), code.value.replace(/.$/, '*'), `${code.value.slice(0, 13)}ﬀ`, 'X'.repeat(65)]) {
        expect(isMalformed(input), JSON.stringify(input)).to.equal(true);
      }
    });

    it('never repeats the code in the error message', () => {
      const typo = code.value.slice(0, 13) + (code.value.endsWith('0') ? '1' : '0');
      try {
        parseAccessCode(typo);
        expect.fail('should throw');
      } catch (err) {
        expect((err as Error).message).not.to.contain(typo.slice(0, 6));
      }
    });

    // Issue 10, item 13: proved by brute force on random codes, against every symbol a person
    // could type in place of another (the 37 of the old check alphabet) and every swap.
    it('catches every single-symbol substitution and every transposition (exhaustive on a sample)', () => {
      for (let n = 0; n < 60; n++) {
        const value = generateAccessCode(systemRandom).value;
        for (let i = 0; i < value.length; i++) {
          for (const symbol of CROCKFORD_CHECK_ALPHABET) {
            if (symbol === value[i]) continue;
            const typo = value.slice(0, i) + symbol + value.slice(i + 1);
            expect(isMalformed(typo), `${value} → ${typo}`).to.equal(true);
          }
          for (let j = i + 1; j < value.length; j++) {
            if (value[i] === value[j]) continue;
            const swapped = value.slice(0, i) + value[j] + value.slice(i + 1, j) + value[i] + value.slice(j + 1);
            expect(isMalformed(swapped), `${value} → ${swapped}`).to.equal(true);
          }
        }
      }
    });

    it('catches every adjacent swap of every pair of symbols at every position', () => {
      const base = generateAccessCode(systemRandom).value.slice(0, 13);
      for (let i = 0; i < 13; i++) {
        for (const x of CROCKFORD_ALPHABET) {
          for (const y of CROCKFORD_ALPHABET) {
            // Positions i and i+1 hold x and y; at i = 12 the pair is the last data symbol and the check.
            const data = i < 12 ? base.slice(0, i) + x + y + base.slice(i + 2) : base.slice(0, 12) + x;
            const valid = data + crockfordCheckOf(data);
            if (valid[i] === valid[i + 1]) continue;
            const swapped = valid.slice(0, i) + valid[i + 1] + valid[i] + valid.slice(i + 2);
            expect(isMalformed(swapped), `${valid} → ${swapped}`).to.equal(true);
          }
        }
      }
    });

    it('accepts codes issued before issue 10: 12 data symbols and the mod-37 check, even *~$=U', () => {
      const issued = new Map<string, string>();
      for (let value = 0n; issued.size < 5 || value < 40n; value += 1n) {
        const check = crockfordCheckSymbol(value * 982451653n);
        issued.set(check, crockfordEncode(value * 982451653n, 12) + check);
      }
      for (const symbol of '*~$=U') expect(issued.has(symbol), symbol).to.equal(true);
      for (const legacy of issued.values()) {
        expect(parseAccessCode(formatAccessCode({ format: 'crockford', value: legacy }).toLowerCase()).value).to.equal(legacy);
        const typo = legacy.slice(0, 3) + (legacy[3] === '7' ? '8' : '7') + legacy.slice(4);
        expect(isMalformed(typo), typo).to.equal(true);
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

  describe('GF(32) check', () => {
    it('computes in GF(2)[x]/(x^5 + x^2 + 1), where α = x has order 31 (a primitive element)', () => {
      let power = 1;
      const seen = new Set<number>();
      for (let k = 0; k < 31; k++) {
        expect(seen.has(power), `α^${k} repeats`).to.equal(false);
        seen.add(power);
        power = gf32TimesAlpha(power);
      }
      expect(power).to.equal(1);
      expect(seen.size).to.equal(31);
      expect(gf32TimesAlpha(16)).to.equal(0b00101); // x^5 = x^2 + 1
    });

    it('makes the weighted sum of a full code zero', () => {
      for (let n = 0; n < 200; n++) {
        const value = generateAccessCode(systemRandom).value;
        expect(gf32WeightedSum([...value].map((c) => CROCKFORD_ALPHABET.indexOf(c)))).to.equal(0);
      }
    });
  });

  it('keeps the alphabet free of I, L, O and U', () => {
    expect(CROCKFORD_ALPHABET).to.have.length(32);
    for (const letter of 'ILOU') expect(CROCKFORD_ALPHABET).not.to.contain(letter);
  });
});
