/**
 * Generates the wire types in `protocol/generated/` from the OpenAPI documents in `openapi/`
 * with openapi-typescript's Node API (CONVENTIONS.md: wire types are never hand-written twice).
 *
 *   tsx scripts/gen-types.ts          rewrite protocol/generated/{exchange,office}.ts
 *   tsx scripts/gen-types.ts --check  exit 1 (and name the files) when they are stale
 *
 * Output is deterministic: the same YAML gives byte-identical files, so `--check` can run in CI.
 */
import { readFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';
import { writeFileAtomic } from '../protocol/files/atomic-write.js';

/** The documents and where their types go, relative to the repository root. */
export const TARGETS = [
  { spec: 'openapi/exchange.yaml', out: 'protocol/generated/exchange.ts' },
  { spec: 'openapi/office.yaml', out: 'protocol/generated/office.ts' },
] as const;

const root = new URL('../', import.meta.url);

function header(spec: string): string {
  return [
    '/**',
    ` * Wire types of \`${spec}\` — generated — do not edit.`,
    ' * Regenerate with `tsx scripts/gen-types.ts` after changing the OpenAPI document;',
    ' * `tsx scripts/gen-types.ts --check` fails when this file is stale.',
    ' */',
    '/* eslint-disable */',
    '',
  ].join('\n');
}

/** Renders the TypeScript source for one OpenAPI document. */
export async function renderTypes(spec: string): Promise<string> {
  const ast = await openapiTS(new URL(spec, root), {
    silent: true,
    // Types follow the schemas exactly: no index signatures unless a schema allows extra keys.
    additionalProperties: false,
    exportType: true,
  });
  return `${header(spec)}${astToString(ast)}`;
}

function readOrEmpty(url: URL): string {
  try {
    return readFileSync(url, 'utf8');
  } catch {
    return '';
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const check = argv.includes('--check');
  const stale: string[] = [];
  for (const { spec, out } of TARGETS) {
    const text = await renderTypes(spec);
    const target = new URL(out, root);
    if (readOrEmpty(target) === text) continue;
    if (check) {
      stale.push(out);
    } else {
      writeFileAtomic(target.pathname, text);
      console.log(`wrote ${out}`);
    }
  }
  if (check && stale.length > 0) {
    console.error(`stale generated types (run tsx scripts/gen-types.ts): ${stale.join(', ')}`);
    return 1;
  }
  if (check) console.log('generated types are up to date');
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
