/**
 * The document's paths as a lookup table (OpenAPI 3.1 §4.8.8 Paths Object, §4.8.8.2 path
 * templating): built once, matched per request by splitting the path into segments, without
 * regular expressions. Routes are grouped by segment count; within a group, literal segments
 * beat templated ones left to right ("/items/mine" before "/items/{id}", as §4.8.8.2 asks).
 */
import { isObject, pointerToken, type JsonObject, type OpenApiDocument } from './load-document.js';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** One operation of the document, with where it lives (for compiling its schemas). */
export interface OperationRef {
  readonly method: string;
  /** The templated path, for example `/items/{itemId}`. */
  readonly template: string;
  readonly operation: JsonObject;
  /** JSON pointer of the operation object in the document. */
  readonly pointer: string;
  /** JSON pointer of its path item (for path-level parameters). */
  readonly pathItemPointer: string;
}

interface Route {
  readonly template: string;
  /** A literal segment, or null for a `{parameter}` at that place. */
  readonly segments: readonly (string | null)[];
  readonly names: readonly string[];
  readonly operations: ReadonlyMap<string, OperationRef>;
}

export type RouteMatch =
  | { readonly kind: 'found'; readonly op: OperationRef; readonly pathParams: Record<string, string> }
  | { readonly kind: 'method'; readonly allow: string }
  | { readonly kind: 'none' };

export class RouteTable {
  private readonly bySize = new Map<number, Route[]>();

  constructor(doc: OpenApiDocument) {
    const paths = doc.root['paths'];
    if (!isObject(paths)) return;
    for (const [template, item] of Object.entries(paths)) {
      if (!isObject(item) || !template.startsWith('/')) continue;
      // A path with servers of its own is not under the document's base path (the office
      // listener's /healthz, /readyz, /metrics: node/monitoring/ops-routes.ts).
      if (item['servers'] !== undefined) continue;
      const itemPointer = `/paths/${pointerToken(template)}`;
      const operations = new Map<string, OperationRef>();
      for (const method of HTTP_METHODS) {
        const operation = item[method];
        if (!isObject(operation)) continue;
        operations.set(method.toUpperCase(), { method, template, operation, pointer: `${itemPointer}/${method}`, pathItemPointer: itemPointer });
      }
      // HEAD follows GET, as express answers HEAD with the GET route.
      const get = operations.get('GET');
      if (get !== undefined && !operations.has('HEAD')) operations.set('HEAD', get);
      const parts = template.split('/').slice(1);
      const names: string[] = [];
      const segments = parts.map((p) => {
        const m = /^\{([^{}]+)\}$/.exec(p);
        if (m === null) return p;
        names.push(m[1] as string);
        return null;
      });
      const list = this.bySize.get(segments.length) ?? [];
      list.push({ template, segments, names, operations });
      this.bySize.set(segments.length, list);
    }
    for (const list of this.bySize.values()) list.sort(bySpecificity);
  }

  /**
   * Finds the operation for a raw (still percent-encoded) path relative to the base path.
   * Throws URIError for a malformed percent-encoding in a templated segment.
   */
  match(method: string, rawPath: string): RouteMatch {
    const parts = rawPath.split('/').slice(1);
    const candidates = this.bySize.get(parts.length);
    if (rawPath[0] !== '/' || candidates === undefined) return { kind: 'none' };
    const allow = new Set<string>();
    for (const route of candidates) {
      if (!route.segments.every((s, i) => (s === null ? parts[i] !== '' : s === parts[i]))) continue;
      const op = route.operations.get(method);
      if (op === undefined) {
        for (const m of route.operations.keys()) allow.add(m);
        continue;
      }
      const pathParams: Record<string, string> = {};
      let n = 0;
      route.segments.forEach((s, i) => {
        if (s === null) pathParams[route.names[n++] as string] = decodeURIComponent(parts[i] as string);
      });
      return { kind: 'found', op, pathParams };
    }
    if (allow.size === 0) return { kind: 'none' };
    return { kind: 'method', allow: [...allow].join(', ') };
  }

  /** Every operation (for compiling at start). */
  *operations(): Iterable<OperationRef> {
    for (const list of this.bySize.values()) {
      for (const route of list) {
        for (const [m, op] of route.operations) if (m !== 'HEAD' || op.method === 'head') yield op;
      }
    }
  }
}

/** Literal before templated, segment by segment from the left. */
function bySpecificity(a: Route, b: Route): number {
  for (let i = 0; i < a.segments.length; i++) {
    const x = a.segments[i] === null ? 1 : 0;
    const y = b.segments[i] === null ? 1 : 0;
    if (x !== y) return x - y;
  }
  return 0;
}
