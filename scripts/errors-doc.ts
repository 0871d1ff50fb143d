/**
 * Renders `docs/errors.md` from the error registry. `npm run docs:errors` rewrites the file;
 * `test/protocol/errors/registry.test.ts` fails when the committed file differs from this
 * rendering, so the registry and the documentation cannot drift apart.
 */
import { ERROR_CODES } from '../protocol/errors/registry.js';
import type { ErrorSpec } from '../protocol/errors/spec.js';

const HEADER = `# Error codes

Every error that ipex reports — over the wire as \`application/problem+json\` (RFC 9457), or on
the command line — carries one of these stable codes. Scripts and peer nodes should branch on
\`code\`, never on the wording. Where WIPO DAS or TDA defines a status for the same situation,
it is named in the third column.

The command line exits with a status that follows from the HTTP status: 2 for usage errors,
3 for other 4xx input errors, 4 for 401/403 (trust or verification refused), 5 for 404,
6 for 409, and 1 for 5xx; 7 when a command's \`--timeout\` passed (\`WAIT_TIMEOUT\`). See [cli.md](cli.md).

This file is generated from \`protocol/errors/codes/\` by \`npm run docs:errors\`; a test fails
when the two differ.

| code | HTTP | DAS/TDA | meaning |
| --- | --- | --- | --- |
`;

export function renderErrorsDoc(): string {
  const rows = Object.entries(ERROR_CODES as Record<string, ErrorSpec>)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, spec]) => `| \`${code}\` | ${spec.status} | ${spec.das ?? '—'} | ${spec.title} |`);
  return `${HEADER}${rows.join('\n')}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { writeFileSync } = await import('node:fs');
  const target = new URL('../docs/errors.md', import.meta.url);
  writeFileSync(target, renderErrorsDoc());
  console.log(`wrote ${target.pathname}`);
}
