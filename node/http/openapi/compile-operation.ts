/**
 * What one operation accepts and answers, prepared once per operation (OpenAPI 3.1 §4.8.10
 * Operation, §4.8.12 Parameter, §4.8.13 Request Body, §4.8.16 Responses). Schemas are compiled
 * by ajv at their place in the document, so `#/components/…` references resolve; the compiled
 * functions are cached per document, so operations sharing a schema share its code.
 */
import type { ValidateFunction } from 'ajv';
import { deref, isObject, pointerToken, type Json, type JsonObject, type OpenApiDocument } from './load-document.js';
import type { OperationRef } from './route-table.js';

export type ParameterLocation = 'path' | 'query' | 'header';

export interface CompiledParameter {
  readonly name: string;
  readonly in: ParameterLocation;
  readonly required: boolean;
  readonly allowEmptyValue: boolean;
  /** The JSON types the schema allows; a string value is converted to these like a form field. */
  readonly types: readonly string[];
  readonly validate: ValidateFunction | undefined;
}

export interface CompiledBody {
  readonly required: boolean;
  /** Declared media types, lowercased, without parameters, in document order. */
  readonly mediaTypes: readonly string[];
  /** The validator of a declared media type's schema (undefined when it has none). */
  validatorFor(mediaType: string): ValidateFunction | undefined;
}

/** The content of one declared response: media type → validator (undefined: no schema). */
export type CompiledResponse = ReadonlyMap<string, ValidateFunction | undefined>;

export interface CompiledOperation {
  readonly ref: OperationRef;
  readonly parameters: readonly CompiledParameter[];
  readonly queryNames: ReadonlySet<string>;
  readonly body: CompiledBody | undefined;
  /** The response for a status: exact, then `4XX`-style range, then `default`. */
  responseFor(status: number): CompiledResponse | undefined;
  /** Compiles every lazy part now (the `precompile` option). */
  compileAll(): void;
}

/** Compiles the request side at once and each response on first use. */
export function compileOperation(doc: OpenApiDocument, ref: OperationRef): CompiledOperation {
  const parameters = compileParameters(doc, ref);
  const body = compileBody(doc, ref);
  const responses = new Map<string, CompiledResponse | null>();
  const declared = isObject(ref.operation['responses']) ? ref.operation['responses'] : {};
  const responseAt = (key: string): CompiledResponse | undefined => {
    let compiled = responses.get(key);
    if (compiled === undefined) {
      const found = key in declared ? deref(doc.root, declared[key], `${ref.pointer}/responses/${pointerToken(key)}`) : undefined;
      compiled = found === undefined ? null : compileContent(doc, found.value['content'], `${found.pointer}/content`);
      responses.set(key, compiled);
    }
    return compiled ?? undefined;
  };
  return {
    ref,
    parameters,
    queryNames: new Set(parameters.filter((p) => p.in === 'query').map((p) => p.name)),
    body,
    responseFor: (status) => responseAt(String(status)) ?? responseAt(`${String(status)[0]}XX`) ?? responseAt('default'),
    compileAll: () => {
      for (const type of body?.mediaTypes ?? []) body?.validatorFor(type)?.(undefined);
      for (const key of Object.keys(declared)) for (const fn of responseAt(key)?.values() ?? []) fn?.(undefined);
    },
  };
}

function compileParameters(doc: OpenApiDocument, ref: OperationRef): CompiledParameter[] {
  const byKey = new Map<string, CompiledParameter>();
  const add = (list: Json | undefined, pointer: string): void => {
    if (!Array.isArray(list)) return;
    list.forEach((entry, i) => {
      const found = deref(doc.root, entry, `${pointer}/${i}`);
      if (found === undefined) return;
      const p = found.value;
      const where = p['in'];
      if (typeof p['name'] !== 'string' || (where !== 'path' && where !== 'query' && where !== 'header')) return;
      // Header names are case-insensitive (RFC 9110 §5.1); node lowercases them.
      const name = where === 'header' ? p['name'].toLowerCase() : p['name'];
      const schema = deref(doc.root, p['schema'], `${found.pointer}/schema`);
      byKey.set(`${where}:${name}`, {
        name,
        in: where,
        required: p['required'] === true || where === 'path',
        allowEmptyValue: p['allowEmptyValue'] === true,
        types: typesOf(schema?.value),
        validate: schema === undefined ? undefined : doc.validatorAt(schema.pointer),
      });
    });
  };
  const item = pathItem(doc, ref);
  add(item?.['parameters'], `${ref.pathItemPointer}/parameters`);
  add(ref.operation['parameters'], `${ref.pointer}/parameters`); // operation-level ones override
  return [...byKey.values()];
}

function compileBody(doc: OpenApiDocument, ref: OperationRef): CompiledBody | undefined {
  const found = deref(doc.root, ref.operation['requestBody'], `${ref.pointer}/requestBody`);
  if (found === undefined) return undefined;
  const content = compileContent(doc, found.value['content'], `${found.pointer}/content`);
  return {
    required: found.value['required'] === true,
    mediaTypes: [...content.keys()],
    validatorFor: (mediaType) => content.get(mediaType),
  };
}

function compileContent(doc: OpenApiDocument, content: Json | undefined, pointer: string): Map<string, ValidateFunction | undefined> {
  const out = new Map<string, ValidateFunction | undefined>();
  if (!isObject(content)) return out;
  for (const [type, media] of Object.entries(content)) {
    const key = type.split(';')[0]!.trim().toLowerCase();
    const schema = isObject(media) ? deref(doc.root, media['schema'], `${pointer}/${pointerToken(type)}/schema`) : undefined;
    // Lazily: binary and text media types never reach their validator.
    let fn: ValidateFunction | undefined;
    out.set(key, schema === undefined ? undefined : lazy(() => (fn ??= doc.validatorAt(schema.pointer))));
  }
  return out;
}

/** A validate function that compiles on its first call. */
function lazy(get: () => ValidateFunction): ValidateFunction {
  const f = ((data: unknown) => {
    const real = get();
    const ok = real(data);
    f.errors = real.errors ?? null;
    return ok;
  }) as ValidateFunction;
  return f;
}

function pathItem(doc: OpenApiDocument, ref: OperationRef): JsonObject | undefined {
  const paths = doc.root['paths'];
  const item = isObject(paths) ? paths[ref.template] : undefined;
  return isObject(item) ? item : undefined;
}

function typesOf(schema: JsonObject | undefined): string[] {
  const type = schema?.['type'];
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  return [];
}
