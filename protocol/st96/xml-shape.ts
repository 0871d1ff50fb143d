/**
 * Checking an element tree (xml-reader.ts) against a content model, as an XML Schema would: the
 * child elements in their order and counts, nothing else, and simple values in their value space.
 * The ST.96 readers (bibliographic-read.ts, citation-read.ts) say their model with it, so the
 * subset they accept can be compared line by line with test/protocol/st96/st96-subset/.
 * Every refusal names the line and the element path.
 */
import type { XmlElement } from './xml-reader.js';

/** Element names from the root down, with prefixes as ipex writes them (`pat:`, `com:`). */
export type Path = readonly string[];

/** Why an element breaks the subset; the readers turn it into ST96_INVALID. */
export class ShapeError extends Error {}

/** One particle of a sequence: namespace, local name, minOccurs, maxOccurs. */
export type Particle = readonly [ns: string, local: string, min: number, max: number];

const PREFIXES: Readonly<Record<string, string>> = {
  'http://www.wipo.int/standards/XMLSchema/ST96/Patent': 'pat',
  'http://www.wipo.int/standards/XMLSchema/ST96/Common': 'com',
};

/** `pat:X`, or `{uri}X` for a namespace ipex does not write. */
export function qualified(ns: string, local: string): string {
  const prefix = PREFIXES[ns];
  return prefix === undefined ? `{${ns}}${local}` : `${prefix}:${local}`;
}

/**
 * The children of `e` grouped by local name, after checking they follow `model` in order and
 * count; text between child elements must be whitespace.
 */
export function expectSequence(e: XmlElement, where: Path, model: readonly Particle[]): Partial<Record<string, XmlElement[]>> {
  const at = `/${where.join('/')}`;
  if (e.text.trim() !== '') throw new ShapeError(`line ${e.line}: ${at} holds text where only elements are allowed`);
  const out: Partial<Record<string, XmlElement[]>> = {};
  let i = 0;
  for (const [ns, local, min, max] of model) {
    const found: XmlElement[] = [];
    while (i < e.children.length && e.children[i]!.ns === ns && e.children[i]!.local === local) found.push(e.children[i++]!);
    if (found.length < min) {
      const next = e.children[i];
      const instead = next === undefined ? 'it ends' : `${qualified(next.ns, next.local)} comes (line ${next.line})`;
      throw new ShapeError(`line ${e.line}: ${at} needs ${qualified(ns, local)} here, but ${instead}`);
    }
    if (found.length > max) throw new ShapeError(`line ${found[max]!.line}: ${at} holds more than ${max} ${qualified(ns, local)}`);
    if (found.length > 0) out[local] = found;
  }
  const extra = e.children[i];
  if (extra !== undefined) {
    throw new ShapeError(`line ${extra.line}: ${at}/${qualified(extra.ns, extra.local)} is not allowed there (out of order, or not in the ST.96 subset ipex reads: docs/certified-copy.md "ST.96 bibliographic XML")`);
  }
  return out;
}

/**
 * The text of a simple element (no child elements). `token` collapses whitespace as xs:token
 * does; `min`/`max` bound the length; `pattern` is the value space.
 */
export function simpleText(e: XmlElement, where: Path, rule: { token?: boolean; min?: number; max?: number; pattern?: RegExp; why?: string }): string {
  const at = `/${where.join('/')}`;
  if (e.children.length > 0) throw new ShapeError(`line ${e.line}: ${at} holds elements where only text is allowed`);
  allowAttributes(e, where, []);
  const value = rule.token === true ? e.text.replace(/\s+/g, ' ').trim() : e.text;
  if (rule.min !== undefined && value.length < rule.min) throw new ShapeError(`line ${e.line}: ${at} is empty`);
  if (rule.max !== undefined && value.length > rule.max) throw new ShapeError(`line ${e.line}: ${at} is longer than ${rule.max} characters`);
  if (rule.pattern !== undefined && !rule.pattern.test(value)) throw new ShapeError(`line ${e.line}: ${at} ${JSON.stringify(value.slice(0, 40))} ${rule.why ?? 'is not in its value space'}`);
  return value;
}

/** Refuses attributes other than `allowed` (and xsi:, which every schema allows). */
export function allowAttributes(e: XmlElement, where: Path, allowed: readonly string[]): void {
  for (const key of Object.keys(e.attributes)) {
    if (allowed.includes(key) || key.startsWith('{http://www.w3.org/2001/XMLSchema-instance}')) continue;
    throw new ShapeError(`line ${e.line}: /${where.join('/')} has the attribute ${key.slice(0, 120)}, which the ST.96 subset of ipex does not hold`);
  }
}
