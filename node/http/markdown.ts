/**
 * The small part of CommonMark that the OpenAPI descriptions use, rendered to HTML for the
 * offline `/docs` page: paragraphs, `#` headings, `-` lists (with indented continuation lines),
 * inline code, **strong**, *emphasis* and [links](…). Everything is HTML-escaped first, so a
 * description can never inject markup; links keep only http(s), mailto and relative targets.
 */

/** Renders `text` (Markdown subset) as HTML. */
export function renderMarkdown(text: string): string {
  const html: string[] = [];
  for (const block of text.replace(/\r\n?/g, '\n').split(/\n{2,}/)) {
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    const heading = lines.length === 1 ? /^(#{1,4})\s+(.*)$/.exec(lines[0]!) : null;
    if (heading !== null) {
      const level = heading[1]!.length + 2; // the page's own h1/h2 come first
      html.push(`<h${level}>${inline(heading[2]!)}</h${level}>`);
      continue;
    }
    // A paragraph may run straight into a list: the first `- ` line starts it.
    const listStart = lines.findIndex((l) => LIST_ITEM.test(l));
    const paragraph = listStart === -1 ? lines : lines.slice(0, listStart);
    if (paragraph.length > 0) html.push(`<p>${inline(paragraph.map((l) => l.trim()).join(' '))}</p>`);
    if (listStart !== -1) html.push(`<ul>${listItems(lines.slice(listStart)).map((item) => `<li>${inline(item)}</li>`).join('')}</ul>`);
  }
  return html.join('\n');
}

const LIST_ITEM = /^\s*[-*]\s+(.*)$/;

/** Items of a list: a line starting with `- ` opens one, other lines continue it. */
function listItems(lines: readonly string[]): string[] {
  const items: string[] = [];
  for (const line of lines) {
    const start = LIST_ITEM.exec(line);
    if (start !== null) items.push(start[1]!);
    else items[items.length - 1] += ` ${line.trim()}`;
  }
  return items;
}

function inline(text: string): string {
  // Code spans first, so that nothing inside them is read as emphasis or a link.
  return text.split(/(`[^`]+`)/).map((piece) => {
    if (/^`[^`]+`$/.test(piece)) return `<code>${escapeHtml(piece.slice(1, -1))}</code>`;
    return escapeHtml(piece)
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/(^|[^*\w])\*([^*\s][^*]*)\*(?!\w)/g, '$1<em>$2</em>')
      .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, label: string, href: string) =>
        (safeHref(href) ? `<a href="${href}">${label}</a>` : label));
  }).join('');
}

/** http(s) and mailto links, or relative ones (no scheme before the first `/`, `?` or `#`). */
function safeHref(href: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(href) || !/^[^/?#]*:/.test(href);
}

/** Escapes the five HTML-significant characters. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
