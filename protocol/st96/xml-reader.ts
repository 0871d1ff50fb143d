/**
 * A small, strict XML reader for the ST.96 documents ipex accepts (issue 15): bibliographic data
 * from an e-filing system's inbox, an archive's import or a deposited part. It is no general XML
 * parser, on purpose: every byte is attacker-controlled, so it refuses what ipex never needs and
 * what makes XML dangerous — a DOCTYPE (so no entity expansion, no external entities: no XXE, no
 * "billion laughs"), more than {@link MAX_DEPTH} levels, input over {@link MAX_XML_BYTES} — and
 * resolves namespaces, so that `pat:X` and `p:X` bound to the same URI are the same element.
 *
 * The result is a tree of elements (namespace URI, local name, attributes keyed `{uri}name` or
 * `name`, children and the element's own text). Mixed content is kept as text only; the ST.96
 * subset ipex reads has none.
 */

/** The largest bibliographic document read (real ones are a few kilobytes). */
export const MAX_XML_BYTES = 1024 * 1024;
export const MAX_DEPTH = 64;

export interface XmlElement {
  readonly ns: string;
  readonly local: string;
  /** Attributes: `{namespace}local` for a prefixed one, `local` for an unprefixed one. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The concatenated character data directly inside the element. */
  readonly text: string;
  /** 1-based line of the start tag, for error messages. */
  readonly line: number;
}

/** Why a text is not well-formed XML (or is XML ipex refuses), with the line. */
export class XmlSyntaxError extends Error {
  constructor(message: string, readonly line: number) {
    super(`line ${line}: ${message}`);
  }
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const NAME = /^[A-Za-z_][A-Za-z0-9._-]*(:[A-Za-z_][A-Za-z0-9._-]*)?$/;
const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

interface Open {
  name: string;
  ns: string;
  local: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
  scope: Map<string, string>;
}

/** Reads one XML document into its root element; XmlSyntaxError when it is not one ipex accepts. */
export function readXml(input: string | Buffer): XmlElement {
  if (Buffer.isBuffer(input) && input.length > MAX_XML_BYTES) throw new XmlSyntaxError(`the document is larger than ${MAX_XML_BYTES} bytes`, 1);
  let text = Buffer.isBuffer(input) ? input.toString('utf8') : input;
  if (text.length > MAX_XML_BYTES) throw new XmlSyntaxError(`the document is larger than ${MAX_XML_BYTES} bytes`, 1);
  if (text.includes('\uFFFD') && Buffer.isBuffer(input)) throw new XmlSyntaxError('the document is not UTF-8', 1);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let pos = 0;
  let line = 1;
  const stack: Open[] = [];
  let root: XmlElement | undefined;
  const fail = (message: string): never => {
    throw new XmlSyntaxError(message, line);
  };
  const advance = (to: number): void => {
    for (let i = pos; i < to; i++) if (text.charCodeAt(i) === 10) line++;
    pos = to;
  };

  while (pos < text.length) {
    const lt = text.indexOf('<', pos);
    const chunk = lt < 0 ? text.slice(pos) : text.slice(pos, lt);
    if (chunk !== '') {
      if (stack.length === 0) {
        if (chunk.trim() !== '') fail('text outside the root element');
      } else {
        stack[stack.length - 1]!.text += decode(chunk, fail);
      }
    }
    advance(lt < 0 ? text.length : lt);
    if (lt < 0) break;
    if (text.startsWith('<!--', pos)) {
      const end = text.indexOf('-->', pos + 4);
      if (end < 0) fail('unterminated comment');
      advance(end + 3);
    } else if (text.startsWith('<![CDATA[', pos)) {
      const end = text.indexOf(']]>', pos + 9);
      if (end < 0) fail('unterminated CDATA section');
      if (stack.length === 0) fail('CDATA outside the root element');
      stack[stack.length - 1]!.text += text.slice(pos + 9, end);
      advance(end + 3);
    } else if (text.startsWith('<!', pos)) {
      fail('a DOCTYPE or other declaration is not accepted (ST.96 documents are validated by schema, and entities are refused)');
    } else if (text.startsWith('<?', pos)) {
      const end = text.indexOf('?>', pos + 2);
      if (end < 0) fail('unterminated processing instruction');
      advance(end + 2);
    } else if (text.startsWith('</', pos)) {
      const end = text.indexOf('>', pos);
      if (end < 0) fail('unterminated end tag');
      const name = text.slice(pos + 2, end).trim();
      const open = stack.pop();
      if (open === undefined || open.name !== name) fail(`end tag </${name.slice(0, 60)}> does not close <${open?.name ?? ''}>`);
      const element: XmlElement = { ns: open!.ns, local: open!.local, attributes: open!.attributes, children: open!.children, text: open!.text, line: open!.line };
      if (stack.length === 0) root = element;
      else stack[stack.length - 1]!.children.push(element);
      advance(end + 1);
    } else {
      if (root !== undefined) fail('a second root element');
      const end = tagEnd(text, pos);
      if (end < 0) fail('unterminated start tag');
      const selfClosing = text[end - 1] === '/';
      const inner = text.slice(pos + 1, selfClosing ? end - 1 : end);
      const open = startTag(inner, stack[stack.length - 1]?.scope, line, fail);
      if (stack.length >= MAX_DEPTH) fail(`elements nest deeper than ${MAX_DEPTH} levels`);
      advance(end + 1);
      if (selfClosing) {
        const element: XmlElement = { ns: open.ns, local: open.local, attributes: open.attributes, children: [], text: '', line: open.line };
        if (stack.length === 0) root = element;
        else stack[stack.length - 1]!.children.push(element);
      } else {
        stack.push(open);
      }
    }
  }
  if (stack.length > 0) fail(`<${stack[stack.length - 1]!.name}> is not closed`);
  if (root === undefined) fail('no root element');
  return root!;
}

/** The index of the `>` ending the tag that starts at `from`, skipping quoted attribute values. */
function tagEnd(text: string, from: number): number {
  let quote = '';
  for (let i = from + 1; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '<') {
      return -1;
    } else if (c === '>') {
      return i;
    }
  }
  return -1;
}

function startTag(inner: string, parentScope: Map<string, string> | undefined, line: number, fail: (m: string) => never): Open {
  const nameMatch = /^[^\s/>]+/.exec(inner);
  const name = nameMatch?.[0] ?? '';
  if (!NAME.test(name)) fail(`bad element name ${JSON.stringify(name.slice(0, 60))}`);
  const raw: [string, string][] = [];
  const rest = inner.slice(name.length);
  const attribute = /\s+([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/gy;
  let at = 0;
  for (;;) {
    attribute.lastIndex = at;
    const m = attribute.exec(rest);
    if (m === null) break;
    if (!NAME.test(m[1]!)) fail(`bad attribute name ${JSON.stringify(m[1]!.slice(0, 60))}`);
    if ((m[3] ?? m[4] ?? '').includes('<')) fail('"<" in an attribute value');
    raw.push([m[1]!, decode(m[3] ?? m[4] ?? '', fail)]);
    at = attribute.lastIndex;
  }
  if (rest.slice(at).trim() !== '') fail(`malformed attributes in <${name.slice(0, 60)}>`);
  const scope = new Map(parentScope ?? [['xml', XML_NS]]);
  for (const [key, value] of raw) {
    if (key === 'xmlns') scope.set('', value);
    else if (key.startsWith('xmlns:')) scope.set(key.slice(6), value);
  }
  const resolve = (qname: string, isElement: boolean): { ns: string; local: string } => {
    const colon = qname.indexOf(':');
    if (colon < 0) return { ns: isElement ? scope.get('') ?? '' : '', local: qname };
    const prefix = qname.slice(0, colon);
    const ns = scope.get(prefix);
    if (ns === undefined) fail(`undeclared namespace prefix ${JSON.stringify(prefix)}`);
    return { ns: ns!, local: qname.slice(colon + 1) };
  };
  const attributes: Record<string, string> = {};
  for (const [key, value] of raw) {
    if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
    const { ns, local } = resolve(key, false);
    const k = ns === '' ? local : `{${ns}}${local}`;
    if (Object.hasOwn(attributes, k)) fail(`attribute ${key} appears twice`);
    attributes[k] = value;
  }
  const { ns, local } = resolve(name, true);
  return { name, ns, local, attributes, children: [], text: '', line, scope };
}

/** Replaces the five predefined entities and character references; any other `&` is an error. */
function decode(text: string, fail: (m: string) => never): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([^;\s&]{0,12});?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) fail(`a bare "&" (write &amp;)`);
    if (Object.hasOwn(PREDEFINED, name)) return PREDEFINED[name]!;
    const code = /^#x([0-9A-Fa-f]{1,6})$/.exec(name)?.[1] ?? /^#([0-9]{1,7})$/.exec(name)?.[1];
    if (code === undefined) fail(`unknown entity &${name.slice(0, 12)}; (only the five predefined ones and character references are accepted)`);
    const value = name.startsWith('#x') ? parseInt(code!, 16) : parseInt(code!, 10);
    if (value === 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) fail(`character reference &${name}; is not a character`);
    return String.fromCodePoint(value);
  });
}

/** The child elements named `local` in namespace `ns`. */
export function childrenNamed(element: XmlElement, ns: string, local: string): XmlElement[] {
  return element.children.filter((c) => c.ns === ns && c.local === local);
}
