/**
 * The fast canonical-JSON recogniser of the audit verifier (issue 5) must be sound: whatever it
 * accepts, RFC 8785 re-canonicalisation (protocol/encoding/canonical-json.ts, the exact check)
 * returns byte for byte. Checked on generated values written canonically and with every kind
 * of deviation the RFC forbids (order, duplicates, whitespace, escapes, number forms).
 */
import { expect } from 'chai';
import { isFastCanonicalObject, topMembers } from '../../../protocol/audit/canonical-scan.js';
import { canonicalJson } from '../../../protocol/encoding/canonical-json.js';
import { chainedLines } from './helpers.js';

const members = topMembers(['index', 'prev']);
const accepts = (text: string): boolean => {
  const b = Buffer.from(text, 'utf8');
  return isFastCanonicalObject(b, 0, b.length, members);
};
const exactlyCanonical = (text: string): boolean => {
  try {
    return canonicalJson(JSON.parse(text)) === text;
  } catch {
    return false;
  }
};

function random(seed: number): (n: number) => number {
  let x = seed;
  return (n) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
}

const KEY_CHARS = ['a', 'b', 'B', '1', '_', 'é', '\u007f', '\\', '"', '\n'];
const STRINGS = ['', 'x', 'a"b', 'back\\slash', 'tab\there', 'nl\n', '\u0001', '\u001f', '\u007f', 'é', '€', '😀', '\ud800', '/', 'ctl\u0008'];
const NUMBERS = ['0', '-0', '1', '-1', '10', '1.5', '1e3', '1E3', '01', '123456789012345', '1234567890123456', '0.1', '-12', '1e400'];

function value(r: (n: number) => number, depth: number): string {
  const pick = r(depth > 3 ? 4 : 7);
  if (pick === 0) return JSON.stringify(STRINGS[r(STRINGS.length)]);
  if (pick === 1) return NUMBERS[r(NUMBERS.length)] as string;
  if (pick === 2) return ['true', 'false', 'null'][r(3)] as string;
  if (pick === 3) return `"\\u00${['0a', '1f', '41', '2f', '7f', '08'][r(6)]}"`;
  if (pick === 4) return `[${Array.from({ length: r(4) }, () => value(r, depth + 1)).join(',')}]`;
  return object(r, depth + 1);
}

function object(r: (n: number) => number, depth: number): string {
  const keys = Array.from({ length: r(5) }, () => Array.from({ length: 1 + r(3) }, () => KEY_CHARS[r(KEY_CHARS.length)]).join(''));
  if (r(2) === 0) keys.sort();
  const sep = r(10) === 0 ? ', ' : ',';
  return `{${keys.map((k) => `${JSON.stringify(k)}:${value(r, depth)}`).join(sep)}}`;
}

describe('isFastCanonicalObject', () => {
  it('accepts only what re-canonicalises to the same bytes (10 000 generated objects)', () => {
    const r = random(5);
    let accepted = 0;
    for (let i = 0; i < 10_000; i++) {
      const text = object(r, 0);
      if (!accepts(text)) continue;
      accepted += 1;
      expect(exactlyCanonical(text), text).to.equal(true);
    }
    expect(accepted).to.be.greaterThan(1000); // the generator does reach the fast path
  });

  it('accepts audit entries as the log writes them and captures top-level members', () => {
    for (const line of chainedLines(5)) expect(accepts(line), line).to.equal(true);
    const text = '{"a":{"index":9},"index":12,"prev":"ab"}';
    const b = Buffer.from(text);
    expect(isFastCanonicalObject(b, 0, b.length, members)).to.equal(true);
    expect(b.subarray(members.starts[0], members.ends[0]).toString()).to.equal('12');
    expect(b.subarray(members.starts[1], members.ends[1]).toString()).to.equal('"ab"');
  });

  it('leaves every forbidden form to the exact check', () => {
    for (const text of [
      '{"b":1,"a":2}', '{"a":1,"a":1}', '{"a":1, "b":2}', ' {"a":1}', '{"a":1}\r', '{"a":1.0}', '{"a":1e2}', '{"a":-0}',
      '{"a":01}', '{"a":"\\/"}', '{"a":"\\u0041"}', '{"a":"\\u000a"}', '{"a":"\\u001F"}', '{"a":"\\ud800"}', '{"a":"é"}',
      '{"\\u0061":1}', '{"a":tru}', '{"a":[1,]}', '{"a":1', '[1]', '"x"', '{"a":1}{}', '{"a":1234567890123456}',
    ]) {
      expect(accepts(text), text).to.equal(false);
    }
  });
});
