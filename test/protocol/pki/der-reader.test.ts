import { expect } from 'chai';
import {
  childrenOf, DerError, integerBytes, readBitString, readBoolean, readDer, readSmallInteger, readTime, readTlvAt, sequenceOf, TAG,
} from '../../../protocol/pki/der-reader.js';

const b = (...bytes: number[]): Uint8Array => Uint8Array.from(bytes);

/** The message of the DerError `fn` throws; fails the test when it throws nothing or another error. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(DerError);
    return (err as Error).message;
  }
  expect.fail('accepted');
}

describe('protocol/pki/der-reader', () => {
  it('reads short- and long-form lengths and the children of a SEQUENCE', () => {
    const seq = readDer(b(0x30, 0x06, 0x02, 0x01, 0x05, 0x01, 0x01, 0xff), TAG.sequence);
    const [int, bool] = sequenceOf(seq, 'test');
    expect(readSmallInteger(int!, 'int')).to.equal(5);
    expect(readBoolean(bool!, 'bool')).to.equal(true);
    const long = new Uint8Array(3 + 200);
    long.set([0x04, 0x81, 200]);
    expect(readDer(long, TAG.octetString).content.length).to.equal(200);
    const longer = new Uint8Array(4 + 300);
    longer.set([0x04, 0x82, 0x01, 0x2c]);
    expect(readDer(longer).content.length).to.equal(300);
  });

  it('refuses truncated input: no length, a short long-form length, content shorter than its length', () => {
    expect(refusal(() => readDer(b()))).to.match(/truncated/);
    expect(refusal(() => readDer(b(0x30)))).to.match(/truncated/);
    expect(refusal(() => readDer(b(0x04, 0x82, 0x01)))).to.match(/truncated DER length/);
    expect(refusal(() => readDer(b(0x04, 0x03, 0x01, 0x02)))).to.match(/content is shorter/);
    expect(refusal(() => childrenOf(readDer(b(0x30, 0x03, 0x02, 0x02, 0x01)), 'x'))).to.match(/content is shorter/);
  });

  it('refuses a wrong tag', () => {
    expect(refusal(() => readDer(b(0x31, 0x00), TAG.sequence, 'Name'))).to.match(/Name: expected tag 0x30, found 0x31/);
    expect(refusal(() => sequenceOf(readDer(b(0x04, 0x00)), 'x'))).to.match(/expected tag 0x30/);
    expect(refusal(() => readBoolean(readDer(b(0x02, 0x01, 0x00)), 'b'))).to.match(/expected tag 0x1/);
    expect(refusal(() => childrenOf(readDer(b(0x04, 0x02, 0x05, 0x00)), 'x'))).to.match(/not a constructed/);
    expect(refusal(() => sequenceOf(undefined, 'field'))).to.match(/field is missing/);
  });

  it('refuses long-form lengths that are not DER: indefinite, non-minimal, leading zero, more than four octets', () => {
    expect(refusal(() => readDer(b(0x30, 0x80, 0x00, 0x00)))).to.match(/indefinite/);
    expect(refusal(() => readDer(b(0x04, 0x81, 0x01, 0x00)))).to.match(/long form for a short length/);
    expect(refusal(() => readDer(b(0x04, 0x82, 0x00, 0x81, ...new Array(0x81).fill(0))))).to.match(/leading zero/);
    expect(refusal(() => readDer(b(0x04, 0x85, 0x01, 0x00, 0x00, 0x00, 0x00)))).to.match(/more than four octets/);
  });

  it('refuses trailing bytes after the value and high-tag-number form', () => {
    expect(refusal(() => readDer(b(0x05, 0x00, 0x00)))).to.match(/trailing bytes/);
    expect(refusal(() => readDer(b(0x1f, 0x20, 0x00)))).to.match(/high-tag-number/);
    expect(readTlvAt(b(0x05, 0x00, 0x00), 0).der.length).to.equal(2); // reading at an offset allows more after
  });

  it('refuses non-DER BOOLEAN and INTEGER encodings', () => {
    expect(readBoolean(readDer(b(0x01, 0x01, 0x00)), 'b')).to.equal(false);
    expect(refusal(() => readBoolean(readDer(b(0x01, 0x01, 0x01)), 'b'))).to.match(/not a DER BOOLEAN/);
    expect(refusal(() => readBoolean(readDer(b(0x01, 0x02, 0xff, 0xff)), 'b'))).to.match(/not a DER BOOLEAN/);
    expect(refusal(() => integerBytes(readDer(b(0x02, 0x00)), 'i'))).to.match(/empty INTEGER/);
    expect(refusal(() => integerBytes(readDer(b(0x02, 0x02, 0x00, 0x7f)), 'i'))).to.match(/non-minimal/);
    expect(refusal(() => integerBytes(readDer(b(0x02, 0x02, 0xff, 0x80)), 'i'))).to.match(/non-minimal/);
    expect(integerBytes(readDer(b(0x02, 0x02, 0x00, 0x80)), 'i')).to.deep.equal(b(0x00, 0x80));
    expect(refusal(() => readSmallInteger(readDer(b(0x02, 0x01, 0x80)), 'i'))).to.match(/negative/);
    expect(refusal(() => readSmallInteger(readDer(b(0x02, 0x08, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)), 'i'))).to.match(/too large/);
  });

  it('reads BIT STRINGs and refuses bad unused-bit counts and non-zero unused bits', () => {
    expect(readBitString(readDer(b(0x03, 0x02, 0x07, 0x80)), 'k')).to.deep.include({ unusedBits: 7 });
    expect(readBitString(readDer(b(0x03, 0x01, 0x00)), 'k').bytes.length).to.equal(0);
    expect(refusal(() => readBitString(readDer(b(0x03, 0x00)), 'k'))).to.match(/not a valid BIT STRING/);
    expect(refusal(() => readBitString(readDer(b(0x03, 0x02, 0x08, 0x00)), 'k'))).to.match(/not a valid BIT STRING/);
    expect(refusal(() => readBitString(readDer(b(0x03, 0x01, 0x01)), 'k'))).to.match(/not a valid BIT STRING/);
    expect(refusal(() => readBitString(readDer(b(0x03, 0x02, 0x01, 0x81)), 'k'))).to.match(/non-zero unused bits/);
  });

  it('reads RFC 5280 times and refuses other forms and dates that do not exist', () => {
    const time = (tag: number, text: string) => readTime(readDer(b(tag, text.length, ...Buffer.from(text, 'latin1'))), 't');
    expect(time(TAG.utcTime, '260601120000Z').toISOString()).to.equal('2026-06-01T12:00:00.000Z');
    expect(time(TAG.utcTime, '500101000000Z').getUTCFullYear()).to.equal(1950);
    expect(time(TAG.utcTime, '491231235959Z').getUTCFullYear()).to.equal(2049);
    expect(time(TAG.generalizedTime, '20500101000000Z').toISOString()).to.equal('2050-01-01T00:00:00.000Z');
    for (const [tag, text] of [
      [TAG.utcTime, '2606011200Z'], [TAG.utcTime, '260601120000+0100'], [TAG.utcTime, '260601120000'],
      [TAG.generalizedTime, '20260601120000.5Z'], [TAG.utcTime, '260230120000Z'], [TAG.utcTime, '260601250000Z'],
      [TAG.octetString, '260601120000Z'],
    ] as const) {
      expect(refusal(() => time(tag, text)), `${tag} ${text}`).to.match(/not an RFC 5280|not a valid date/);
    }
  });
});
