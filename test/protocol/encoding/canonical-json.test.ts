import { expect } from 'chai';
import { canonicalJson } from '../../../protocol/encoding/canonical-json.js';

describe('canonical JSON (RFC 8785)', () => {
  // RFC 8785 §3.2.2.3, the example "Serialization of Numbers" and Appendix B (IEEE 754 → JSON).
  const numbers: [number, string][] = [
    [0, '0'], [-0, '0'], [1e21, '1e+21'], [1e-7, '1e-7'], [333333333.3333333, '333333333.3333333'],
    [4.5, '4.5'], [2e-3, '0.002'], [0.000001, '0.000001'], [1e23, '1e+23'],
    [9007199254740991, '9007199254740991'], [-1.7976931348623157e308, '-1.7976931348623157e+308'],
    [5e-324, '5e-324'], [295147905179352830000, '295147905179352830000'],
  ];
  for (const [value, text] of numbers) {
    it(`serialises the number ${text} as RFC 8785 Appendix B says`, () => {
      expect(canonicalJson(value)).to.equal(text);
    });
  }

  it('reproduces the RFC 8785 §3.2.3 property-sorting example', () => {
    // Keys from the RFC: sorted by UTF-16 code units, so "\u20ac" (€) before "\ud83d\ude00" (😀)
    // and "\u000a" (newline) before "1".
    const input = { '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One', '\ud83d\ude00': 'Emoji: Grinning Face', '\u0080': 'Control', '\u00f6': 'Latin Small Letter O With Diaeresis' };
    const order = Object.keys(JSON.parse(canonicalJson(input)) as object);
    expect(canonicalJson(input)).to.equal(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
      '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}');
    expect(order).to.have.length(7);
  });

  it('reproduces the RFC 8785 §3.2.4 serialisation example', () => {
    const input = JSON.parse('{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
      '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}');
    expect(canonicalJson(input)).to.equal(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
      '"string":"\u20ac$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
  });

  it('drops undefined members as JSON does, and nests', () => {
    expect(canonicalJson({ b: [{ d: 1, c: undefined }], a: 'x' })).to.equal('{"a":"x","b":[{"d":1}]}');
  });

  it('refuses what I-JSON cannot hold', () => {
    expect(() => canonicalJson({ n: Number.NaN })).to.throw(/not a finite number/);
    expect(() => canonicalJson({ s: 'a\ud800b' })).to.throw(/lone surrogate/);
    expect(() => canonicalJson({ d: new Date(0) })).to.throw(/not a plain object/);
    expect(() => canonicalJson({ f: () => 1 })).to.throw(/function/);
    expect(() => canonicalJson(10n)).to.throw(/bigint/);
  });

  it('names where in the value it refused', () => {
    expect(() => canonicalJson({ a: [1, { b: Number.NaN }] })).to.throw(/\$\.a\[1\]\.b is not a finite number/);
    expect(() => canonicalJson({ x: { 'k\ud800': 1 } })).to.throw(/\$\.x has a key with a lone surrogate/);
    expect(() => canonicalJson([[undefined]])).to.throw(/\$\[0\]\[0\] is a undefined/);
  });
});
