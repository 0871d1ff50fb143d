/**
 * The OpenAPI documents parsed at build time (node/http/openapi/prepared-document.ts, issue 14
 * idle memory): a node uses the build's tree only for the exact YAML it was made from, the same
 * tree js-yaml gives, and parses the YAML itself when the document changed or the prepared form
 * is damaged. Loading a document compiles nothing and loads neither ajv nor js-yaml at start.
 */
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INSTALL_ROOT } from '../../../../node/config/install-root.js';
import { documentTree, parseDocumentYaml, writePreparedDocuments } from '../../../../node/http/openapi/prepared-document.js';
import { staticImports } from '../../../helpers/static-imports.js';

describe('OpenAPI documents prepared by the build (issue 14)', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'ipex-prepared-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes, for each document, the same tree that parsing its YAML gives', () => {
    expect(writePreparedDocuments(INSTALL_ROOT, dir)).to.equal(2);
    for (const name of ['exchange', 'office']) {
      const file = join(INSTALL_ROOT, 'openapi', `${name}.yaml`);
      const bytes = readFileSync(file);
      const prepared = JSON.parse(readFileSync(join(dir, 'openapi', `${name}.json`), 'utf8')) as { document: unknown };
      expect(prepared.document, name).to.deep.equal(parseDocumentYaml(bytes.toString('utf8')));
      expect(documentTree(file, bytes, dir), name).to.deep.equal(prepared.document);
    }
  });

  it('uses the prepared tree only for the YAML it was made from', () => {
    const root = join(dir, 'root');
    mkdirSync(join(root, 'openapi'), { recursive: true });
    const file = join(root, 'openapi', 'office.yaml');
    writeFileSync(file, 'openapi: 3.1.0\ninfo: { title: before }\n');
    writePreparedDocuments(root, join(dir, 'build'));
    // The prepared form says what it holds; a tree that differs from the YAML shows which was used.
    const prepared = join(dir, 'build', 'openapi', 'office.json');
    const form = JSON.parse(readFileSync(prepared, 'utf8')) as { document: { info: { title: string } } };
    form.document.info.title = 'from the build';
    writeFileSync(prepared, JSON.stringify(form));
    expect(documentTree(file, readFileSync(file), join(dir, 'build'))).to.deep.include({ info: { title: 'from the build' } });
    writeFileSync(file, 'openapi: 3.1.0\ninfo: { title: edited }\n');
    expect(documentTree(file, readFileSync(file), join(dir, 'build'))).to.deep.include({ info: { title: 'edited' } });
  });

  it('parses the YAML when the prepared form is damaged or missing', () => {
    const file = join(dir, 'office.yaml');
    writeFileSync(file, 'openapi: 3.1.0\ndate: 2023-01-01\n');
    mkdirSync(join(dir, 'build', 'openapi'), { recursive: true });
    writeFileSync(join(dir, 'build', 'openapi', 'office.json'), '{ not json');
    // CORE_SCHEMA: a date stays a string
    expect(documentTree(file, readFileSync(file), join(dir, 'build'))).to.deep.equal({ openapi: '3.1.0', date: '2023-01-01' });
    expect(documentTree(file, readFileSync(file), join(dir, 'nothing'))).to.deep.equal({ openapi: '3.1.0', date: '2023-01-01' });
  });

  it('leaves ajv and js-yaml out of what a node loads to start', () => {
    const loaded = staticImports('node/runtime/start-node.ts');
    expect(loaded.has('node/http/openapi/load-document.ts'), 'the walk reaches the document loader').to.equal(true);
    for (const lazy of ['ajv', 'ajv-formats', 'js-yaml']) expect(loaded.has(lazy), lazy).to.equal(false);
  });
});
