/**
 * Serves an app's OpenAPI document: `/openapi.yaml` byte for byte (media type
 * `application/yaml`, RFC 9512) and `/docs`, a plain HTML listing of the operations made on the
 * node itself. The page works offline: no script, no CDN, no external style; a strict
 * Content-Security-Policy says so. Every value from the document is HTML-escaped; descriptions
 * are rendered from their Markdown. The base URL shown is the one the page was asked on (the
 * node's own address and port), not the example in the document's `servers`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Router } from 'express';
import { escapeHtml as esc, renderMarkdown } from './markdown.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  responses?: Record<string, unknown>;
  'x-ipex-roles'?: string[];
  'x-ipex-applicant'?: boolean;
}

export interface SpecDocument {
  info?: { title?: string; version?: string; description?: string };
  servers?: { url?: string }[];
  paths?: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  components?: { schemas?: Record<string, unknown> };
}

/**
 * Router with `GET /docs` and `GET /openapi.yaml` for the document at `specPath`, whose
 * operations are served under `mount` (for example `/api/v1`).
 */
export function docsRouter(specPath: string, mount: string): Router {
  const router = Router();
  let doc: SpecDocument | undefined;
  router.get('/openapi.yaml', (_req, res) => {
    res.type('application/yaml').send(readFileSync(specPath));
  });
  router.get('/docs', (req, res) => {
    doc ??= loadSpec(specPath);
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    res.type('html').send(renderPage(doc, `${req.protocol}://${req.get('host') ?? 'localhost'}${mount}`));
  });
  return router;
}

/** Reads and parses an OpenAPI document (YAML); js-yaml is loaded by the first page, not at start. */
export function loadSpec(specPath: string): SpecDocument {
  const yaml = createRequire(import.meta.url)('js-yaml') as typeof import('js-yaml');
  return yaml.load(readFileSync(specPath, 'utf8')) as SpecDocument;
}

/** Renders the HTML listing of an OpenAPI document served at `baseUrl`. */
export function renderPage(doc: SpecDocument, baseUrl: string): string {
  const title = doc.info?.title ?? 'API';
  const base = baseUrl;
  const rows: string[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    // A path with servers of its own (/healthz, /readyz, /metrics) is at the listener's root.
    const atRoot = (item as { servers?: unknown }).servers === undefined ? '' : ' <small>(at the root, not under the base URL)</small>';
    for (const method of METHODS) {
      const op = item[method];
      if (op === undefined) continue;
      const roles = op['x-ipex-roles']?.join(', ') ?? '';
      const who = op['x-ipex-applicant'] === true ? `${roles}${roles ? ', ' : ''}applicant` : roles;
      rows.push(
        `<tr><td><code class="m">${esc(method.toUpperCase())}</code></td><td><code>${esc(path)}</code>${atRoot}</td>` +
          `<td>${esc(op.summary ?? '')}<br><small><code>${esc(op.operationId ?? '')}</code></small></td>` +
          `<td>${esc(Object.keys(op.responses ?? {}).join(' '))}</td><td>${esc(who)}</td></tr>`,
      );
    }
  }
  const schemas = Object.keys(doc.components?.schemas ?? {}).map((s) => `<code>${esc(s)}</code>`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font:15px/1.45 system-ui,sans-serif;margin:2rem;max-width:72rem}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}.m{font-weight:bold}
code{background:#f3f3f3;padding:0 .2em}</style></head><body>
<h1>${esc(title)} <small>${esc(doc.info?.version ?? '')}</small></h1>
<p>Base URL: <code>${esc(base)}</code> — the full document: <a href="openapi.yaml">openapi.yaml</a></p>
${renderMarkdown(doc.info?.description ?? '')}
<h2>Operations</h2>
<table><thead><tr><th>method</th><th>path</th><th>summary</th><th>responses</th><th>who</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
<h2>Schemas</h2><p>${schemas.join(' ')}</p>
</body></html>
`;
}
