// ST.3 office codes: the table follows ST.3 (2024 revision) — states from ISO 3166-1 alpha-2,
// plus the intergovernmental organizations of ST.3 Annex I part B.
import { expect } from 'chai';
import { isSt3Code, normaliseSt3Code, st3Codes, st3Name } from '../../../protocol/st3/index.js';
import { isIpexError } from '../../../protocol/errors/index.js';

describe('protocol/st3', () => {
  it('knows the offices of the IP5, the PCT International Bureau and the regional offices', () => {
    for (const code of ['US', 'JP', 'KR', 'CN', 'EP', 'WO', 'IB', 'EM', 'EA', 'AP', 'OA', 'GC', 'BX', 'QZ', 'XN', 'XU', 'XV', 'XX']) {
      expect(isSt3Code(code), code).to.equal(true);
    }
  });

  it('refuses lower case, reserved, historical and malformed codes', () => {
    for (const code of ['ep', 'Ep', 'ZZ', 'AA', 'QM', 'XA', 'SU', 'YU', 'DD', 'E', 'EPO', '', ' EP', 'E1']) {
      expect(isSt3Code(code), code).to.equal(false);
    }
  });

  it('normalises case and surrounding white space', () => {
    expect(normaliseSt3Code(' jp ')).to.equal('JP');
    expect(normaliseSt3Code('\tep\n')).to.equal('EP');
  });

  it('throws OFFICE_CODE_INVALID naming ST.3 for anything else', () => {
    for (const input of ['ZZ', 'E P', 'EPO', '', 'ß', 'ﬀ', 'ＥＰ']) {
      let caught: unknown;
      try {
        normaliseSt3Code(input);
      } catch (err) {
        caught = err;
      }
      expect(isIpexError(caught, 'OFFICE_CODE_INVALID'), input).to.equal(true);
      expect((caught as Error).message).to.contain('ST.3');
    }
  });

  it('bounds the echoed input in the error message', () => {
    try {
      normaliseSt3Code('X'.repeat(10_000));
      expect.fail('should throw');
    } catch (err) {
      expect((err as Error).message.length).to.be.lessThan(100);
    }
  });

  it('names codes for display', () => {
    expect(st3Name('EP')).to.contain('European Patent Office');
    expect(st3Name('JP')).to.equal('Japan');
    expect(st3Name('jp')).to.equal(undefined);
    expect(st3Name('ZZ')).to.equal(undefined);
  });

  it('lists each code once, two upper-case letters each', () => {
    const codes = st3Codes();
    expect(new Set(codes).size).to.equal(codes.length);
    expect(codes.length).to.equal(249 + 14);
    for (const code of codes) expect(code).to.match(/^[A-Z]{2}$/);
  });
});
