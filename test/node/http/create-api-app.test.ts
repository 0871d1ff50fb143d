/**
 * The validated HTTP frame: requests and responses checked against the OpenAPI document, every
 * failure answered as RFC 9457 problem+json with a registry code, nothing internal leaked.
 * Uses a tiny document (fixtures/tiny.yaml) and a real express server on 127.0.0.1, port 0.
 */
import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import Database from 'better-sqlite3';
import type { Express, Router } from 'express';
import { IpexError } from '../../../protocol/errors/index.js';
import { createApiApp, type ApiAppOptions } from '../../../node/http/create-api-app.js';

const SPEC = fileURLToPath(new URL('./fixtures/tiny.yaml', import.meta.url));

function tinyRoutes(router: Router): void {
  router.post('/items', (req, res) => {
    res.status(201).json({ id: 'abc', name: (req.body as { name: string }).name });
  });
  router.get('/items/:itemId', (req, res) => {
    const id = req.params['itemId'];
    if (id === 'missing') throw new IpexError('NOT_FOUND', 'row 17 of table items is missing');
    if (id === 'sig') throw new IpexError('SIGNATURE_INVALID', 'key EP-2 did not verify: r out of range');
    if (id === 'boom') throw new Error('secret /etc/ipex/key.pem unreadable');
    if (id === 'corrupt') throw new Database.SqliteError('database disk image is malformed', 'SQLITE_CORRUPT');
    if (id === 'bad') {
      res.json({ wrong: 1 });
      return;
    }
    res.json({ id, name: 'x' });
  });
  router.put('/blobs/:name', async (req, res) => {
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of req) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
    res.json({ size, sha256: hash.digest('hex') });
  });
  router.post('/notes', (req, res) => {
    res.type('text/plain').send(`${(req.body as string).length}`);
  });
}

async function start(app: Express): Promise<{ base: string; server: Server }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, server };
}

describe('node/http/create-api-app', () => {
  let base: string;
  let server: Server;
  const logged: unknown[] = [];

  before(async () => {
    const options: ApiAppOptions = {
      spec: SPEC,
      mount: '/t/v1',
      routes: tinyRoutes,
      jsonLimit: 1024,
      log: (err) => logged.push(err),
    };
    ({ base, server } = await start(createApiApp(options)));
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    logged.length = 0;
  });

  const postJson = (path: string, body: string, type = 'application/json') =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': type }, body });

  async function problem(res: Response, status: number, code: string): Promise<Record<string, unknown>> {
    expect(res.status).to.equal(status);
    expect(res.headers.get('content-type')).to.equal('application/problem+json');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).to.include({ status, code, type: `urn:ipex:error:${code}` });
    expect(body['title']).to.be.a('string');
    return body;
  }

  it('passes a valid request to the route', async () => {
    const res = await postJson('/t/v1/items', JSON.stringify({ name: 'pen', count: 2 }));
    expect(res.status).to.equal(201);
    expect(await res.json()).to.deep.equal({ id: 'abc', name: 'pen' });
  });

  it('answers 400 INVALID_INPUT with the validator paths for a body that breaks the schema', async () => {
    const paths = async (json: unknown) => {
      const body = await problem(await postJson('/t/v1/items', JSON.stringify(json)), 400, 'INVALID_INPUT');
      return (body['errors'] as { path: string; message: string }[]).map((e) => e.path);
    };
    expect(await paths({ name: 'far too long a name' })).to.deep.equal(['/body/name']);
    expect(await paths({ name: 'ok', extra: true })).to.deep.equal(['/body/extra']);
    expect(await paths({ count: 1 })).to.deep.equal(['/body/name']);
  });

  it('answers 400 INVALID_INPUT for malformed JSON and for a bad path parameter', async () => {
    await problem(await postJson('/t/v1/items', '{"name": '), 400, 'INVALID_INPUT');
    await problem(await fetch(`${base}/t/v1/items/UPPER`), 400, 'INVALID_INPUT');
  });

  it('answers 413 BODY_TOO_LARGE above the JSON limit, 415 for an undeclared media type', async () => {
    await problem(await postJson('/t/v1/items', JSON.stringify({ name: 'x'.repeat(2000) })), 413, 'BODY_TOO_LARGE');
    await problem(await postJson('/t/v1/items', '<name/>', 'application/xml'), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 404 NOT_FOUND problems for unknown routes, inside and outside the mount', async () => {
    await problem(await fetch(`${base}/t/v1/nothing`), 404, 'NOT_FOUND');
    await problem(await fetch(`${base}/elsewhere`), 404, 'NOT_FOUND');
  });

  it('answers 405 METHOD_NOT_ALLOWED with Allow for a known path and wrong method', async () => {
    const res = await fetch(`${base}/t/v1/items`, { method: 'DELETE' });
    await problem(res, 405, 'METHOD_NOT_ALLOWED');
    expect(res.headers.get('allow')).to.match(/POST/);
  });

  it('answers a thrown IpexError with its status and code, telling only the public detail', async () => {
    const nf = await problem(await fetch(`${base}/t/v1/items/missing`), 404, 'NOT_FOUND');
    expect(JSON.stringify(nf)).not.to.include('row 17');
    const sig = await problem(await fetch(`${base}/t/v1/items/sig`), 401, 'SIGNATURE_INVALID');
    expect(sig['title']).to.equal('Signature verification failed');
    expect(JSON.stringify(sig)).not.to.include('EP-2');
    expect(logged).to.have.length(0);
  });

  it('answers 500 INTERNAL for an unknown error, without message or stack, and logs it', async () => {
    const body = await problem(await fetch(`${base}/t/v1/items/boom`), 500, 'INTERNAL');
    const text = JSON.stringify(body);
    expect(text).not.to.include('secret');
    expect(text).not.to.include('at ');
    expect(logged).to.have.length(1);
    expect(String((logged[0] as Error).message)).to.include('secret');
  });

  // issue 10, item 2: damage SQLite finds while the node runs is named, not INTERNAL
  it('answers 500 DATABASE_CORRUPT when SQLite reports a damaged page, and logs it', async () => {
    const body = await problem(await fetch(`${base}/t/v1/items/corrupt`), 500, 'DATABASE_CORRUPT');
    expect(String(body.title)).to.include('ipex restore');
    expect(logged).to.have.length(1);
  });

  it('answers 500 INTERNAL when a route sends a response that breaks the schema', async () => {
    await problem(await fetch(`${base}/t/v1/items/bad`), 500, 'INTERNAL');
    expect(logged).to.have.length(1);
  });

  it('leaves binary bodies unparsed and unlimited so routes can stream them', async () => {
    const data = Buffer.alloc(3 * 1024 * 1024, 7);
    const res = await fetch(`${base}/t/v1/blobs/big.bin`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: data,
    });
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ size: data.length, sha256: createHash('sha256').update(data).digest('hex') });
  });

  it('parses and validates text/plain bodies', async () => {
    const ok = await postJson('/t/v1/notes', 'old 5\n\ncheckpoint', 'text/plain');
    expect(ok.status).to.equal(200);
    expect(await ok.text()).to.equal('17');
    await problem(await postJson('/t/v1/notes', 'x'.repeat(101), 'text/plain'), 400, 'INVALID_INPUT');
  });

  it('refuses a mount that differs from the document server URL', () => {
    expect(() => createApiApp({ spec: SPEC, mount: '/api/v1', routes: () => undefined }))
      .to.throw(IpexError).with.property('code', 'CONFIG_INVALID');
    expect(() => createApiApp({ spec: SPEC, mount: '/t/v1/', routes: () => undefined }))
      .to.throw(IpexError).with.property('code', 'CONFIG_INVALID');
  });
});

describe('node/http/create-api-app with errorDetail "message"', () => {
  it('tells the IpexError message (for the office API)', async () => {
    const { base, server } = await start(
      createApiApp({ spec: SPEC, mount: '/t/v1', routes: tinyRoutes, errorDetail: 'message' }),
    );
    try {
      const res = await fetch(`${base}/t/v1/items/missing`);
      expect(res.status).to.equal(404);
      expect(((await res.json()) as { detail: string }).detail).to.equal('row 17 of table items is missing');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
