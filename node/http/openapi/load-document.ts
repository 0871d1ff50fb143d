/**
 * Loads an OpenAPI 3.1 document once and prepares the one ajv instance that validates against it
 * (OpenAPI 3.1 §4.8.24: Schema Objects are JSON Schema 2020-12). The whole document is registered
 * under an `$id`, so that every `#/components/…` reference inside a schema resolves, and an
 * operation's validators are compiled by pointing a `$ref` at the schema's place in the document.
 *
 * The document is linted in CI (`npm run lint:openapi`) and has internal references only, so the
 * meta-schema is never compiled here: that alone was most of the old validator's start-up.
 *
 * The tree comes parsed from the build while the YAML is unchanged (prepared-document.ts), and
 * ajv is loaded and given the document with the first validator asked for, not at start: an
 * idle node compiles nothing (issue 14, idle memory).
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Ajv2020 as Ajv2020Class } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { IpexError } from '../../../protocol/errors/index.js';
import { documentTree } from './prepared-document.js';

/** A JSON value of the parsed document. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A loaded document: its object tree, its base path and the ajv instance that knows it. */
export interface OpenApiDocument {
  readonly file: string;
  readonly root: JsonObject;
  /** The path of the first server URL, for example `/exchange/v1`. */
  readonly basePath: string;
  /** Compiles (once, cached by ajv) the schema at a JSON pointer of the document. */
  validatorAt(pointer: string): ValidateFunction;
}

const loaded = new Map<string, { stamp: string; doc: OpenApiDocument }>();

/** Reads and prepares a document; the same unchanged file is prepared only once per process. */
export function loadDocument(file: string): OpenApiDocument {
  const path = resolve(file);
  let stamp: string;
  let bytes: Buffer;
  try {
    const st = statSync(path);
    stamp = `${st.mtimeMs}:${st.size}`;
    const cached = loaded.get(path);
    if (cached?.stamp === stamp) return cached.doc;
    bytes = readFileSync(path);
  } catch (err) {
    throw new IpexError('CONFIG_INVALID', `cannot read the OpenAPI document ${file}`, { cause: err });
  }
  const root = documentTree(path, bytes) as Json;
  if (!isObject(root) || typeof root['openapi'] !== 'string' || !root['openapi'].startsWith('3.1')) {
    throw new IpexError('CONFIG_INVALID', `${file} is not an OpenAPI 3.1 document`);
  }
  const doc = prepare(path, root);
  loaded.set(path, { stamp, doc });
  return doc;
}

function prepare(file: string, root: JsonObject): OpenApiDocument {
  const id = `urn:ipex:openapi:${encodeURIComponent(file)}`;
  let ajv: Ajv2020Class | undefined;
  const cache = new Map<string, ValidateFunction>();
  return {
    file,
    root,
    basePath: basePathOf(file, root),
    validatorAt(pointer: string): ValidateFunction {
      const cached = cache.get(pointer);
      if (cached !== undefined) return cached;
      ajv ??= validatorOf(id, root);
      // getSchema (not compile of a `$ref` wrapper): ajv then keeps the resolved schema under
      // the document, so operations that share a component share its compiled code.
      const key = `${id}#${pointer.split('/').map(encodeURIComponent).join('/')}`;
      const fn = ajv.getSchema(key);
      if (fn === undefined) throw new IpexError('CONFIG_INVALID', `no schema at ${pointer} of ${file}`);
      cache.set(pointer, fn);
      return fn;
    },
  };
}

/** The ajv instance that knows the whole document under `id`. */
function validatorOf(id: string, root: JsonObject): Ajv2020Class {
  // Synchronous loads of the CommonJS packages (validatorAt is synchronous).
  const require = createRequire(import.meta.url);
  const { Ajv2020 } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  // ajv-formats is CommonJS with `exports.default`.
  const addFormats = (require('ajv-formats') as typeof import('ajv-formats')).default;
  const ajv = new Ajv2020({
    strict: false, // the document carries OpenAPI keywords (example, x-ipex-…) beside JSON Schema
    strictNumbers: true,
    allErrors: false, // the first error per validator, as before; bounded work on hostile input
    validateSchema: false, // CI lints the document; no meta-schema at run time
    coerceTypes: false,
    useDefaults: false,
    addUsedSchema: false,
  });
  // 'fast' is what the previous validator used (validateFormats: true).
  addFormats(ajv, { mode: 'fast' });
  ajv.addFormat('media-range', true);
  ajv.addSchema({ ...root, $id: id } as object, id);
  return ajv;
}

function basePathOf(file: string, root: JsonObject): string {
  const servers = root['servers'];
  const first = Array.isArray(servers) ? servers[0] : undefined;
  const url = isObject(first) && typeof first['url'] === 'string' ? first['url'] : undefined;
  if (url === undefined) throw new IpexError('CONFIG_INVALID', `the OpenAPI document ${file} has no server URL`);
  return new URL(url, 'http://placeholder.invalid').pathname.replace(/\/+$/, '');
}

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON pointer token escaping (RFC 6901 §3). */
export function pointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Follows `$ref` (internal, `#/…`) until a non-reference object; returns it with its pointer, so
 * that a validator can be compiled at the place the schema really lives.
 */
export function deref(root: JsonObject, value: Json | undefined, pointer: string): { value: JsonObject; pointer: string } | undefined {
  let current = value;
  let at = pointer;
  for (let hops = 0; hops < 32; hops++) {
    if (!isObject(current)) return undefined;
    const ref = current['$ref'];
    if (typeof ref !== 'string') return { value: current, pointer: at };
    if (!ref.startsWith('#/')) throw new IpexError('CONFIG_INVALID', `only internal $refs are supported, not ${ref}`);
    at = decodeURIComponent(ref.slice(1));
    current = lookup(root, at);
  }
  throw new IpexError('CONFIG_INVALID', `$ref loop at ${pointer}`);
}

function lookup(root: JsonObject, pointer: string): Json | undefined {
  let node: Json | undefined = root;
  for (const raw of pointer.split('/').slice(1)) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node)) node = node[token];
    else return undefined;
  }
  return node;
}
