// RFC 8941 Dictionaries: examples from RFC 8941 §3.2 and §3.1.2, RFC 9421 §4.1, and the strict
// refusals ipex relies on for attacker-controlled Signature-Input / Signature / Content-Digest.
import { expect } from 'chai';
import { parseDictionary } from '../../../protocol/http-signatures/structured-fields-parse.js';
import { serialiseDictionary } from '../../../protocol/http-signatures/structured-fields-serialise.js';
import { StructuredFieldError } from '../../../protocol/http-signatures/structured-fields.js';

describe('protocol/http-signatures structured fields', () => {
  it('parses and re-serialises the RFC 8941 §3.2 examples', () => {
    expect(serialiseDictionary(parseDictionary('en="Applepie", da=:w4ZibGV0w6ZydGU=:'))).to.equal(
      'en="Applepie", da=:w4ZibGV0w6ZydGU=:',
    );
    const dict = parseDictionary('a=?0, b, c; foo=bar');
    expect(dict.get('b')).to.deep.include({ kind: 'item', value: { type: 'boolean', value: true } });
    expect(serialiseDictionary(dict)).to.equal('a=?0, b, c;foo=bar');
    expect(serialiseDictionary(parseDictionary('rating=1.5, feelings=(joy sadness)'))).to.equal(
      'rating=1.5, feelings=(joy sadness)',
    );
  });

  it('reads a Signature-Input member with its parameters (RFC 9421 §4.1)', () => {
    const text = 'sig1=("@method" "@target-uri" "signature";req;key="ipex");created=1618884473;keyid="k";nonce="n\\"q"';
    const member = parseDictionary(text).get('sig1');
    expect(member?.kind).to.equal('inner-list');
    if (member?.kind !== 'inner-list') return;
    expect(member.items.map((i) => i.value.value)).to.deep.equal(['@method', '@target-uri', 'signature']);
    expect(member.params.get('created')).to.deep.equal({ type: 'integer', value: 1618884473 });
    expect(member.params.get('nonce')).to.deep.equal({ type: 'string', value: 'n"q' });
    expect(serialiseDictionary(parseDictionary(text))).to.equal(text);
  });

  it('joins several field lines with ", "', () => {
    expect([...parseDictionary(['a=1', 'b=2']).keys()]).to.deep.equal(['a', 'b']);
  });

  it('refuses malformed and ambiguous input', () => {
    const bad = [
      'A=1', // upper-case key
      'a=1,', // trailing comma
      'a=1,,b=2',
      'a=(1 2', // unterminated inner list
      'a=(1,2)',
      'a="unterminated',
      'a="bad \\n escape"',
      'a="tab\tinside"',
      'a=:not base64!:',
      'a=:YQ:', // unpadded
      'a=:YR==:', // non-canonical trailing bits
      'a=?2',
      'a=1234567890123456', // 16 digits
      'a=1.2345',
      'a=1, a=2', // duplicate key (ipex refuses instead of last-wins)
      'a=1;p=1;p=2',
      'a=1 b=2',
      'a=é',
      `a=${'1'.repeat(5)}, ${'x'.repeat(17000)}`,
    ];
    for (const input of bad) {
      expect(() => parseDictionary(input), input).to.throw(StructuredFieldError);
    }
  });

  it('bounds the number of members, items and parameters', () => {
    const many = Array.from({ length: 65 }, (_, i) => `k${i}=1`).join(', ');
    expect(() => parseDictionary(many)).to.throw(StructuredFieldError);
    const items = `a=(${Array.from({ length: 65 }, () => '1').join(' ')})`;
    expect(() => parseDictionary(items)).to.throw(StructuredFieldError);
  });
});
