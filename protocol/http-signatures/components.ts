/**
 * Component identifiers (RFC 9421 §2): how callers name what a signature covers, and the default
 * coverage of the ipex profile for requests and responses (docs/design.md §4).
 */
import { IPEX_SIGNATURE_LABEL } from './profile.js';
import { serialiseItem } from './structured-fields-serialise.js';
import type { BareItem, Item } from './structured-fields.js';
import { fieldValue, type HeaderMap } from './message.js';

/**
 * A covered component: a name (`@method`, `content-digest`, …), or an object for the `req`
 * flag (§2.4, a request component in a response) and the `key` of a Dictionary field (§2.1.2).
 */
export type ComponentId = string | { readonly name: string; readonly req?: boolean; readonly key?: string };

/** The Structured Field item for a component identifier. */
export function componentItem(component: ComponentId): Item {
  const spec = typeof component === 'string' ? { name: component } : component;
  const params = new Map<string, BareItem>();
  // Order as in RFC 9421 §2.4's example (`"signature";req;key="sig1"`): req, then key.
  if ('req' in spec && spec.req === true) params.set('req', { type: 'boolean', value: true });
  if ('key' in spec && spec.key !== undefined) params.set('key', { type: 'string', value: spec.key });
  return { kind: 'item', value: { type: 'string', value: spec.name }, params };
}

/** The identifier exactly as it appears in a signature base, e.g. `"signature";req;key="ipex"`. */
export function componentIdentifier(component: ComponentId | Item): string {
  return serialiseItem(typeof component === 'object' && 'kind' in component ? component : componentItem(component));
}

/** True when a message with these headers and body has content that its signature must bind. */
export function hasContent(headers: HeaderMap, body: Uint8Array | undefined): boolean {
  return (body !== undefined && body.length > 0) || fieldValue(headers, 'content-digest') !== undefined;
}

/** What an ipex request signature covers: method, target URI and, with content, its digest. */
export function defaultRequestComponents(withContent: boolean): ComponentId[] {
  return withContent ? ['@method', '@target-uri', 'content-digest'] : ['@method', '@target-uri'];
}

/**
 * What an ipex response signature covers: its status and content digest, and — bound to the
 * request (§2.4) — the request's method, target URI and its signature with label `requestLabel`.
 */
export function defaultResponseComponents(withContent: boolean, requestLabel = IPEX_SIGNATURE_LABEL): ComponentId[] {
  return [
    '@status',
    ...(withContent ? ['content-digest'] : []),
    { name: '@method', req: true },
    { name: '@target-uri', req: true },
    { name: 'signature', req: true, key: requestLabel },
  ];
}
