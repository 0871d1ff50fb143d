/**
 * Strict parser for RFC 8941 Dictionaries (§4.2.2, with §4.2.1.2 inner lists, §4.2.3 items and
 * parameters, §4.2.3.1–§4.2.8 bare items). See `structured-fields.ts` for the contract.
 */
import {
  SF_LIMITS,
  StructuredFieldError,
  type BareItem,
  type Dictionary,
  type InnerList,
  type Item,
  type Parameters,
} from './structured-fields.js';

const KEY_START = /[a-z*]/;
const KEY_CHAR = /[a-z0-9_\-.*]/;
const TOKEN_START = /[A-Za-z*]/;
// tchar (RFC 9110 §5.6.2) plus ':' and '/' (RFC 8941 §3.3.4).
const TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z:/]/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Parses a Dictionary field. `field` may be the list of field lines; they are joined with ", "
 * as RFC 9110 §5.3 combines repeated fields.
 *
 * @throws StructuredFieldError for anything that is not a valid Dictionary within SF_LIMITS.
 */
export function parseDictionary(field: string | readonly string[]): Dictionary {
  const text = typeof field === 'string' ? field : field.join(', ');
  if (text.length > SF_LIMITS.fieldLength) fail('field is too long');
  const p = new Parser(text);
  p.skipSP();
  const dict = new Map<string, Item | InnerList>();
  while (!p.done()) {
    const key = p.key();
    if (dict.has(key)) fail(`dictionary key "${key}" appears twice`);
    let member: Item | InnerList;
    if (p.peek() === '=') {
      p.pos++;
      member = p.peek() === '(' ? p.innerList() : p.item();
    } else {
      member = { kind: 'item', value: { type: 'boolean', value: true }, params: p.params() };
    }
    dict.set(key, member);
    if (dict.size > SF_LIMITS.members) fail('too many dictionary members');
    p.skipOWS();
    if (p.done()) break;
    if (p.next() !== ',') fail('expected "," between dictionary members');
    p.skipOWS();
    if (p.done()) fail('trailing "," in dictionary');
  }
  return dict;
}

class Parser {
  pos = 0;
  constructor(private readonly s: string) {}

  done(): boolean {
    return this.pos >= this.s.length;
  }
  peek(): string {
    return this.s.charAt(this.pos);
  }
  next(): string {
    return this.s.charAt(this.pos++);
  }
  skipSP(): void {
    while (this.peek() === ' ') this.pos++;
  }
  skipOWS(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }

  key(): string {
    if (!KEY_START.test(this.peek())) fail('a key must start with a lower-case letter or "*"');
    const start = this.pos;
    while (!this.done() && KEY_CHAR.test(this.peek())) this.pos++;
    return this.s.slice(start, this.pos);
  }

  innerList(): InnerList {
    this.pos++; // '('
    const items: Item[] = [];
    for (;;) {
      this.skipSP();
      if (this.done()) fail('unterminated inner list');
      if (this.peek() === ')') {
        this.pos++;
        return { kind: 'inner-list', items, params: this.params() };
      }
      items.push(this.item());
      if (items.length > SF_LIMITS.listItems) fail('too many items in an inner list');
      const c = this.peek();
      if (c !== ' ' && c !== ')') fail('expected " " or ")" in inner list');
    }
  }

  item(): Item {
    const value = this.bareItem();
    return { kind: 'item', value, params: this.params() };
  }

  params(): Parameters {
    const params = new Map<string, BareItem>();
    while (this.peek() === ';') {
      this.pos++;
      this.skipSP();
      const key = this.key();
      if (params.has(key)) fail(`parameter "${key}" appears twice`);
      let value: BareItem = { type: 'boolean', value: true };
      if (this.peek() === '=') {
        this.pos++;
        value = this.bareItem();
      }
      params.set(key, value);
      if (params.size > SF_LIMITS.params) fail('too many parameters');
    }
    return params;
  }

  bareItem(): BareItem {
    const c = this.peek();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    if (c === '"') return this.string();
    if (c === ':') return this.bytes();
    if (c === '?') return this.boolean();
    if (TOKEN_START.test(c)) return this.token();
    return fail('expected an item');
  }

  number(): BareItem {
    const m = /^-?(\d{1,15})(\.\d{1,3})?/.exec(this.s.slice(this.pos, this.pos + 20));
    if (!m) fail('malformed number');
    const [text, intPart, frac] = m;
    const nextChar = this.s.charAt(this.pos + text.length);
    if (nextChar >= '0' && nextChar <= '9') fail('number has too many digits');
    if (nextChar === '.') fail('malformed decimal');
    if (frac !== undefined && intPart.length > 12) fail('decimal has too many integer digits');
    this.pos += text.length;
    return frac === undefined
      ? { type: 'integer', value: Number(text) }
      : { type: 'decimal', value: Number(text) };
  }

  string(): BareItem {
    this.pos++; // '"'
    let out = '';
    for (;;) {
      if (this.done()) fail('unterminated string');
      const c = this.next();
      if (c === '"') return { type: 'string', value: out };
      if (c === '\\') {
        const escaped = this.next();
        if (escaped !== '"' && escaped !== '\\') fail('invalid escape in string');
        out += escaped;
      } else if (c < ' ' || c > '~') {
        fail('string contains a character outside printable ASCII');
      } else {
        out += c;
      }
    }
  }

  token(): BareItem {
    const start = this.pos++;
    while (!this.done() && TOKEN_CHAR.test(this.peek())) this.pos++;
    return { type: 'token', value: this.s.slice(start, this.pos) };
  }

  bytes(): BareItem {
    const end = this.s.indexOf(':', this.pos + 1);
    if (end < 0) fail('unterminated byte sequence');
    const b64 = this.s.slice(this.pos + 1, end);
    // Strict base64 (RFC 4648 §4) with padding: re-encoding must give the same text back, so a
    // byte sequence has exactly one spelling.
    if (!BASE64.test(b64) || b64.length % 4 !== 0) fail('byte sequence is not padded base64');
    const value = Buffer.from(b64, 'base64');
    if (value.toString('base64') !== b64) fail('byte sequence is not canonical base64');
    this.pos = end + 1;
    return { type: 'bytes', value };
  }

  boolean(): BareItem {
    this.pos++; // '?'
    const c = this.next();
    if (c === '1') return { type: 'boolean', value: true };
    if (c === '0') return { type: 'boolean', value: false };
    return fail('boolean must be ?0 or ?1');
  }
}

function fail(message: string): never {
  throw new StructuredFieldError(message);
}
