/**
 * Serialising RFC 8941 values (§4.1): what ipex writes into `Signature-Input`, `Signature` and
 * `Content-Digest`, and the exact text of component identifiers and `@signature-params` in an
 * RFC 9421 signature base (§2.5), which is defined as this serialisation.
 */
import type { BareItem, Dictionary, InnerList, Item, Parameters } from './structured-fields.js';
import { StructuredFieldError } from './structured-fields.js';

/** Serialises one bare item (§4.1.3.1). */
export function serialiseBareItem(item: BareItem): string {
  switch (item.type) {
    case 'integer':
      if (!Number.isInteger(item.value) || Math.abs(item.value) > 999_999_999_999_999) {
        throw new StructuredFieldError('integer out of range');
      }
      return String(item.value);
    case 'decimal': {
      const rounded = Math.round(item.value * 1000) / 1000;
      if (Math.abs(rounded) >= 1e12) throw new StructuredFieldError('decimal out of range');
      const text = String(rounded);
      return text.includes('.') ? text : `${text}.0`;
    }
    case 'string':
      if (!/^[\x20-\x7e]*$/.test(item.value)) throw new StructuredFieldError('string outside printable ASCII');
      return `"${item.value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
    case 'token':
      if (!/^[A-Za-z*][!#$%&'*+\-.^_`|~0-9A-Za-z:/]*$/.test(item.value)) {
        throw new StructuredFieldError('invalid token');
      }
      return item.value;
    case 'bytes':
      return `:${item.value.toString('base64')}:`;
    case 'boolean':
      return item.value ? '?1' : '?0';
  }
}

/** Serialises parameters (§4.1.1.2); a true boolean is written as the bare key. */
export function serialiseParams(params: Parameters): string {
  let out = '';
  for (const [key, value] of params) {
    assertKey(key);
    out += `;${key}`;
    if (!(value.type === 'boolean' && value.value)) out += `=${serialiseBareItem(value)}`;
  }
  return out;
}

/** Serialises an item with its parameters (§4.1.3). */
export function serialiseItem(item: Item): string {
  return serialiseBareItem(item.value) + serialiseParams(item.params);
}

/** Serialises an inner list with its parameters (§4.1.1.1). */
export function serialiseInnerList(list: InnerList): string {
  return `(${list.items.map(serialiseItem).join(' ')})${serialiseParams(list.params)}`;
}

/** Serialises a Dictionary (§4.1.2). */
export function serialiseDictionary(dict: Dictionary): string {
  const members: string[] = [];
  for (const [key, member] of dict) {
    assertKey(key);
    if (member.kind === 'item' && member.value.type === 'boolean' && member.value.value) {
      members.push(key + serialiseParams(member.params));
    } else {
      members.push(`${key}=${member.kind === 'item' ? serialiseItem(member) : serialiseInnerList(member)}`);
    }
  }
  return members.join(', ');
}

function assertKey(key: string): void {
  if (!/^[a-z*][a-z0-9_\-.*]*$/.test(key)) throw new StructuredFieldError(`invalid key "${key}"`);
}
