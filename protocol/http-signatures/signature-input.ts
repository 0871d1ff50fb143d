/**
 * Reading `Signature-Input` and `Signature` (RFC 9421 §4.1, §4.2) from a peer: parse both
 * Dictionaries strictly, pick the signature this profile verifies, and check that its
 * parameters are those the ipex profile requires (`created`, `keyid`, `nonce`; `tag` when
 * expected) with the right types and sizes. No cryptography and no policy on time here.
 */
import { IpexError } from '../errors/index.js';
import { KEYID_MAX_LENGTH, NONCE_MAX_LENGTH, NONCE_MIN_LENGTH } from './profile.js';
import { parseDictionary } from './structured-fields-parse.js';
import { StructuredFieldError, type BareItem, type Dictionary, type InnerList } from './structured-fields.js';

/** The one signature selected for verification, with its parameters read. */
export interface SelectedSignature {
  readonly label: string;
  readonly input: InnerList;
  readonly signature: Buffer;
  readonly keyId: string;
  readonly created: Date;
  readonly expires?: Date;
  readonly nonce: string;
  readonly tag?: string;
  readonly alg?: string;
}

/**
 * Selects the signature to verify: the one whose `tag` is `expectedTag`, or the only one when
 * no tag is expected.
 *
 * @throws IpexError SIGNATURE_MISSING when either field is absent; SIGNATURE_TAG_UNKNOWN when
 *   signatures are present but none has the expected tag; SIGNATURE_MALFORMED for bad syntax, several candidates or missing/ill-typed parameters.
 */
export function selectSignature(
  inputField: string | undefined,
  signatureField: string | undefined,
  expectedTag: string | undefined,
): SelectedSignature {
  // A server reads the selection twice per request (the key id to look up the key, then the
  // verification itself), with other requests in between: recent selections are remembered by
  // their exact input, so the second read does not parse again. The same object comes back;
  // nobody may change it. Failures are not remembered.
  if (inputField === undefined || signatureField === undefined) return select(inputField, signatureField, expectedTag);
  const key = `${expectedTag ?? ''}\u0000${inputField}\u0000${signatureField}`;
  const known = recentSelections.get(key);
  if (known !== undefined) return known;
  const selected = select(inputField, signatureField, expectedTag);
  if (recentSelections.size >= RECENT_SELECTIONS) recentSelections.clear();
  recentSelections.set(key, selected);
  return selected;
}

/** Bound on remembered selections: a few times the requests a node has in flight. */
const RECENT_SELECTIONS = 512;
const recentSelections = new Map<string, SelectedSignature>();

function select(
  inputField: string | undefined,
  signatureField: string | undefined,
  expectedTag: string | undefined,
): SelectedSignature {
  if (inputField === undefined || signatureField === undefined) {
    throw new IpexError('SIGNATURE_MISSING', 'the message has no Signature-Input or no Signature field');
  }
  const inputs = parse(inputField, 'Signature-Input');
  const signatures = parse(signatureField, 'Signature');

  if (inputs.size === 0) throw new IpexError('SIGNATURE_MISSING', 'the Signature-Input field lists no signature');
  const candidates = [...inputs].filter(([, member]) => expectedTag === undefined || tagOf(member) === expectedTag);
  if (candidates.length === 0) {
    // Signed, but for another purpose or another version of the profile: say which tag is wanted,
    // so that an implementer sees at once what to change (the tags seen are the sender's own).
    const seen = [...inputs].map(([, member]) => tagOf(member)).map((t) => (t === undefined ? 'no tag' : JSON.stringify(t.slice(0, 64))));
    const detail = `expected tag ${expectedTag}; the signature carries ${[...new Set(seen)].slice(0, 4).join(', ')}`;
    throw new IpexError('SIGNATURE_TAG_UNKNOWN', detail, { publicDetail: detail });
  }
  if (candidates.length > 1) malformed('more than one signature is a candidate; expected exactly one');
  const [label, input] = candidates[0]!;
  if (input.kind !== 'inner-list') malformed(`Signature-Input ${label} is not an inner list`);
  const signature = signatures.get(label);
  if (signature === undefined || signature.kind !== 'item' || signature.value.type !== 'bytes') {
    malformed(`Signature has no byte sequence for label ${label}`);
  }

  const created = integer(input.params.get('created'), 'created', true);
  const expires = integer(input.params.get('expires'), 'expires', false);
  const keyId = text(input.params.get('keyid'), 'keyid', true, 1, KEYID_MAX_LENGTH);
  const nonce = text(input.params.get('nonce'), 'nonce', true, NONCE_MIN_LENGTH, NONCE_MAX_LENGTH);
  const tag = text(input.params.get('tag'), 'tag', false, 1, 256);
  const alg = text(input.params.get('alg'), 'alg', false, 1, 64);
  return {
    label,
    input,
    signature: signature.value.value,
    keyId: keyId!,
    created: new Date(created! * 1000),
    ...(expires === undefined ? {} : { expires: new Date(expires * 1000) }),
    nonce: nonce!,
    ...(tag === undefined ? {} : { tag }),
    ...(alg === undefined ? {} : { alg }),
  };
}

function parse(field: string, name: string): Dictionary {
  try {
    return parseDictionary(field);
  } catch (err) {
    if (err instanceof StructuredFieldError) {
      throw new IpexError('SIGNATURE_MALFORMED', `${name} is not a valid structured field: ${err.message}`, { cause: err });
    }
    throw err;
  }
}

function tagOf(member: Dictionary extends ReadonlyMap<string, infer V> ? V : never): string | undefined {
  const tag = member.params.get('tag');
  return tag?.type === 'string' ? tag.value : undefined;
}

function integer(value: BareItem | undefined, name: string, required: boolean): number | undefined {
  if (value === undefined) return required ? malformed(`parameter ${name} is missing`) : undefined;
  if (value.type !== 'integer' || value.value < 0) malformed(`parameter ${name} must be a non-negative integer`);
  return value.value;
}

function text(value: BareItem | undefined, name: string, required: boolean, min: number, max: number): string | undefined {
  if (value === undefined) return required ? malformed(`parameter ${name} is missing`) : undefined;
  if (value.type !== 'string') malformed(`parameter ${name} must be a string`);
  if (value.value.length < min || value.value.length > max) {
    malformed(`parameter ${name} must have ${min} to ${max} characters`);
  }
  return value.value;
}

function malformed(message: string): never {
  throw new IpexError('SIGNATURE_MALFORMED', message);
}
