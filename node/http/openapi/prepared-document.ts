/**
 * The OpenAPI documents parsed at build time (issue 14, idle memory and start-up). Every start
 * parsed openapi/exchange.yaml and office.yaml with js-yaml: ~60 ms of CPU, js-yaml's 200 KB
 * module kept in memory, and the 440 KB of YAML text kept too, because the parsed strings are
 * slices of it. `npm run build` writes each document's object tree as JSON under
 * dist/openapi/, with the SHA-256 of the YAML it was parsed from; a node uses that tree only
 * while the YAML still has that digest, and otherwise parses the YAML as before, so an edited
 * document is never served from a stale tree.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { INSTALL_ROOT } from '../../config/install-root.js';

/** Where the build writes the parsed documents, under its output folder. */
export const PREPARED_FOLDER = 'openapi';

interface PreparedForm {
  /** Hex SHA-256 of the YAML text the tree was parsed from. */
  readonly source: string;
  readonly document: unknown;
}

/**
 * Parses an OpenAPI document's YAML as every node has (CORE_SCHEMA: no YAML timestamps, so
 * `2023-01-01` stays the string JSON Schema expects). js-yaml is loaded only when needed: with a
 * current build it is not.
 */
export function parseDocumentYaml(text: string): unknown {
  // A synchronous load of the CommonJS build (document loading is synchronous).
  const yaml = createRequire(import.meta.url)('js-yaml') as typeof import('js-yaml');
  return yaml.load(text, { schema: yaml.CORE_SCHEMA });
}

/**
 * The parsed tree of the document whose YAML bytes are `bytes`, at `file`: the build's when it
 * was made from exactly these bytes, else parsed now. `buildFolder` is where the build is.
 */
export function documentTree(file: string, bytes: Buffer, buildFolder: string = join(INSTALL_ROOT, 'dist')): unknown {
  const prepared = join(buildFolder, PREPARED_FOLDER, `${basename(file, '.yaml')}.json`);
  if (existsSync(prepared)) {
    try {
      const form = JSON.parse(readFileSync(prepared, 'utf8')) as PreparedForm;
      if (form.source === sha256(bytes)) return form.document;
    } catch {
      // An unreadable prepared form is only a missed shortcut: the YAML is parsed below.
    }
  }
  return parseDocumentYaml(bytes.toString('utf8'));
}

/** Writes the parsed form of each `*.yaml` in `root/openapi` into `outFolder/openapi` (the build). */
export function writePreparedDocuments(root: string, outFolder: string): number {
  const sources = join(root, 'openapi');
  if (!existsSync(sources)) return 0;
  const files = readdirSync(sources).filter((f) => f.endsWith('.yaml'));
  for (const file of files) {
    const bytes = readFileSync(join(sources, file));
    const form: PreparedForm = { source: sha256(bytes), document: parseDocumentYaml(bytes.toString('utf8')) };
    const target = join(outFolder, PREPARED_FOLDER, `${basename(file, '.yaml')}.json`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, JSON.stringify(form));
  }
  return files.length;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
