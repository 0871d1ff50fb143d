/**
 * The signature base (RFC 9421 §2.5): one line per covered component, `"<identifier>": <value>`,
 * then `"@signature-params": <inner list>`, joined with LF and no final LF. Resolves request
 * components, response components, and — for a response — request components marked `;req`
 * (§2.4), which bind the response to the request that caused it.
 */
import { parseDictionary } from './structured-fields-parse.js';
import { serialiseInnerList, serialiseItem } from './structured-fields-serialise.js';
import { StructuredFieldError, type InnerList, type Item } from './structured-fields.js';
import {
  ComponentError,
  derivedRequestComponent,
  fieldValue,
  type HttpRequestMessage,
  type HttpResponseMessage,
} from './message.js';

/** What the components resolve against. */
export type SignedMessage =
  | { readonly kind: 'request'; readonly request: HttpRequestMessage }
  | { readonly kind: 'response'; readonly response: HttpResponseMessage; readonly request?: HttpRequestMessage };

const FIELD_NAME = /^[a-z0-9!#$%&'*+\-.^_`|~]+$/;

/**
 * Builds the signature base for `params` (the Signature-Input member: covered components and
 * signature parameters) over `message`.
 *
 * @throws ComponentError when a component is unsupported, malformed, repeated or absent.
 */
export function buildSignatureBase(params: InnerList, message: SignedMessage): string {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const component of params.items) {
    const identifier = serialiseItem(component);
    if (seen.has(identifier)) throw new ComponentError('malformed', `component ${identifier} is listed twice`);
    seen.add(identifier);
    lines.push(`${identifier}: ${componentValue(component, message)}`);
  }
  lines.push(`"@signature-params": ${serialiseInnerList(params)}`);
  const base = lines.join('\n');
  // §2.5: the base is ASCII; obs-text in a field would be read differently by different stacks.
  if (!/^[\t\n\x20-\x7e]*$/.test(base)) throw new ComponentError('malformed', 'a covered value is not ASCII');
  return base;
}

/** The component name of an identifier item, e.g. `@method` or `content-digest`. */
export function componentName(component: Item): string {
  if (component.value.type !== 'string') throw new ComponentError('malformed', 'a component identifier must be a string');
  return component.value.value;
}

function componentValue(component: Item, message: SignedMessage): string {
  const name = componentName(component);
  let fromRequest = false;
  let dictionaryKey: string | undefined;
  for (const [param, value] of component.params) {
    if (param === 'req' && value.type === 'boolean' && value.value) fromRequest = true;
    else if (param === 'key' && value.type === 'string' && !name.startsWith('@')) dictionaryKey = value.value;
    else throw new ComponentError('unsupported', `component parameter ${param} is not supported`);
  }

  if (fromRequest && message.kind !== 'response') throw new ComponentError('malformed', '"req" is only for responses');
  const request = message.kind === 'request' ? message.request : fromRequest ? message.request : undefined;
  if (fromRequest && request === undefined) throw new ComponentError('unsupported', 'no request to resolve "req" against');

  if (name === '@status') {
    if (message.kind !== 'response' || fromRequest) throw new ComponentError('malformed', '@status is only for responses');
    return statusText(message.response.status);
  }
  if (name.startsWith('@')) {
    if (request === undefined) throw new ComponentError('malformed', `${name} needs ";req" in a response`);
    return derivedRequestComponent(request, name);
  }

  if (!FIELD_NAME.test(name)) throw new ComponentError('malformed', `"${name}" is not a lower-case field name`);
  const headers = request !== undefined ? request.headers : message.kind === 'response' ? message.response.headers : undefined;
  const value = headers === undefined ? undefined : fieldValue(headers, name);
  if (value === undefined) throw new ComponentError('absent', `field ${name} is covered but absent`);
  return dictionaryKey === undefined ? value : dictionaryMember(name, value, dictionaryKey);
}

// §2.1.2: a Dictionary member, re-serialised, so that whitespace changes do not break it.
function dictionaryMember(name: string, value: string, key: string): string {
  let dict;
  try {
    dict = parseDictionary(value);
  } catch (err) {
    if (err instanceof StructuredFieldError) throw new ComponentError('malformed', `field ${name} is not a dictionary`);
    throw err;
  }
  const member = dict.get(key);
  if (member === undefined) throw new ComponentError('absent', `field ${name} has no member ${key}`);
  return member.kind === 'item' ? serialiseItem(member) : serialiseInnerList(member);
}

function statusText(status: number): string {
  if (!Number.isInteger(status) || status < 100 || status > 999) throw new ComponentError('malformed', 'invalid status');
  return String(status);
}
