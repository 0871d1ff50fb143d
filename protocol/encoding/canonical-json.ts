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
  return serialise(value, '$');
}

/** The canonical form as UTF-8 bytes, ready to hash or sign. */
export function canonicalJsonBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function serialise(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw refuse(path, 'is not a finite number');
      return JSON.stringify(value);
    case 'string':
      if (LONE_SURROGATE.test(value)) throw refuse(path, 'holds a lone surrogate');
      return JSON.stringify(value);
    case 'object':
      if (Array.isArray(value)) return `[${value.map((item, i) => serialise(item, `${path}[${i}]`)).join(',')}]`;
      return serialiseObject(value as Record<string, unknown>, path);
    default:
      throw refuse(path, `is a ${typeof value}, which JSON cannot hold`);
  }
}

function serialiseObject(object: Record<string, unknown>, path: string): string {
  const proto = Object.getPrototypeOf(object);
  if (proto !== Object.prototype && proto !== null) throw refuse(path, 'is not a plain object');
  const keys = Object.keys(object).filter((key) => object[key] !== undefined).sort();
  const members = keys.map((key) => {
    if (LONE_SURROGATE.test(key)) throw refuse(path, 'has a key with a lone surrogate');
    return `${JSON.stringify(key)}:${serialise(object[key], `${path}.${key}`)}`;
  });
  return `{${members.join(',')}}`;
}

function refuse(path: string, why: string): IpexError {
  return new IpexError('INVALID_INPUT', `cannot canonicalise JSON: ${path} ${why}`);
}
