/**
 * JSON Canonicalization Scheme, RFC 8785. Signed manifests, directory entries and audit-log
 * entries are serialised with it, so that the same data always gives the same bytes on every
 * implementation.
 *
 * ECMAScript's own JSON serialisation of strings and numbers is exactly what RFC 8785 §3.2.2
 * prescribes; what it adds is property order (§3.2.3: sorted by UTF-16 code units, which is
 * what `Array.prototype.sort` compares) and the I-JSON restrictions (RFC 7493), which are
 * enforced here: no lone surrogates, no non-finite numbers, nothing that JSON cannot hold.
 *
 * @example
 * canonicalJson({ b: 1, a: [true, null, 'x'] }) // '{"a":[true,null,"x"],"b":1}'
 */
import { IpexError } from '../errors/index.js';

/** Serialises `value` in RFC 8785 canonical form. Throws INVALID_INPUT for non-I-JSON values. */
export function canonicalJson(value: unknown): string {
  try {
    return serialise(value);
  } catch (err) {
    if (err instanceof Refusal) throw new IpexError('INVALID_INPUT', `cannot canonicalise JSON: $${err.path.join('')} ${err.why}`);
    throw err;
  }
}

/** The canonical form as UTF-8 bytes, ready to hash or sign. */
export function canonicalJsonBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// String.prototype.isWellFormed (ES2024, Node 20) answers "no lone surrogate" natively.
const wellFormed: (text: string) => boolean =
  typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === 'function'
    ? (text) => (text as unknown as { isWellFormed(): boolean }).isWellFormed()
    : (text) => !LONE_SURROGATE.test(text);

/**
 * Why a value cannot be canonicalised, and where. The path is collected on the way out (each
 * array and object level prepends its step), so that serialising, which runs for every audit
 * entry, builds no path strings at all.
 */
class Refusal {
  readonly path: string[] = [];
  constructor(readonly why: string) {}
}

function serialise(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new Refusal('is not a finite number');
      return JSON.stringify(value);
    case 'string':
      if (!wellFormed(value)) throw new Refusal('holds a lone surrogate');
      return JSON.stringify(value);
    case 'object':
      return Array.isArray(value) ? serialiseArray(value) : serialiseObject(value as Record<string, unknown>);
    default:
      throw new Refusal(`is a ${typeof value}, which JSON cannot hold`);
  }
}

function serialiseArray(array: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < array.length; i += 1) {
    out += i === 0 ? '' : ',';
    out += within(`[${i}]`, array[i]);
  }
  return `${out}]`;
}

function serialiseObject(object: Record<string, unknown>): string {
  const proto = Object.getPrototypeOf(object);
  if (proto !== Object.prototype && proto !== null) throw new Refusal('is not a plain object');
  let out = '{';
  for (const key of Object.keys(object).sort()) {
    const member = object[key];
    if (member === undefined) continue;
    if (!wellFormed(key)) throw new Refusal('has a key with a lone surrogate');
    out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${within(`.${key}`, member)}`;
  }
  return `${out}}`;
}

/** Serialises a member; a refusal inside it gets `step` put in front of its path. */
function within(step: string, member: unknown): string {
  try {
    return serialise(member);
  } catch (err) {
    if (err instanceof Refusal) err.path.unshift(step);
    throw err;
  }
}
