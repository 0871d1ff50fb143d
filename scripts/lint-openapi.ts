/**
 * Lints every OpenAPI document in `openapi/` with Redocly CLI (rules in `redocly.yaml`).
 * Exits non-zero on any lint error.
 */
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const dir = new URL('../openapi/', import.meta.url).pathname;
const docs = readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => `${dir}${f}`);
if (docs.length === 0) {
  console.log('openapi/: no documents to lint yet');
  process.exit(0);
}
const result = spawnSync('npx', ['--no-install', 'redocly', 'lint', ...docs], { stdio: 'inherit' });
process.exit(result.status ?? 1);
