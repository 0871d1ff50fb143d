/**
 * The subset of Structured Field Values (RFC 8941) that HTTP Message Signatures (RFC 9421) and
 * Content-Digest (RFC 9530) need: Dictionaries whose members are Items or Inner Lists, with
 * Parameters, and every bare-item type. Parsing follows RFC 8941 §4.2 and is strict, because
 * `Signature-Input`, `Signature` and `Content-Digest` come from the peer, so any deviation fails the
 * whole field (parser: `structured-fields-parse.ts`; serialiser: `structured-fields-serialise.ts`).
 * One deliberate deviation: a key that appears twice in a Dictionary or in
 * Parameters is refused instead of "last wins" (§4.2.2), so that two parties can never read one
 * header two ways. Serialising follows §4.1.
 */

/** A bare item (RFC 8941 §3.3) tagged with its type, so that serialising round-trips exactly. */
export type BareItem =
  | { readonly type: 'integer'; readonly value: number }
  | { readonly type: 'decimal'; readonly value: number }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'token'; readonly value: string }
  | { readonly type: 'bytes'; readonly value: Buffer }
  | { readonly type: 'boolean'; readonly value: boolean };

/** Parameters, in order (RFC 8941 §3.1.2). */
export type Parameters = ReadonlyMap<string, BareItem>;

export interface Item {
  readonly kind: 'item';
  readonly value: BareItem;
  readonly params: Parameters;
}

export interface InnerList {
  readonly kind: 'inner-list';
  readonly items: readonly Item[];
  readonly params: Parameters;
}

/** A Dictionary (RFC 8941 §3.2), members in order. */
export type Dictionary = ReadonlyMap<string, Item | InnerList>;

/** Raised for input that is not a valid Structured Field; callers map it to their own code. */
export class StructuredFieldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StructuredFieldError';
  }
}

/** Bounds on attacker-supplied fields, far above what the ipex profile sends. */
export const SF_LIMITS = Object.freeze({ fieldLength: 16384, members: 64, listItems: 64, params: 32 });

/** A string item with no parameters. */
export function sfString(value: string, params: Parameters = new Map()): Item {
  return { kind: 'item', value: { type: 'string', value }, params };
}

/** A byte-sequence item with no parameters. */
export function sfBytes(value: Buffer): Item {
  return { kind: 'item', value: { type: 'bytes', value }, params: new Map() };
}
