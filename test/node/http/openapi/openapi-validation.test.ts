/**
 * The OpenAPI validation middleware (issue 5) in a real express 5 app on 127.0.0.1, port 0, with
 * the body parsers and problem handler the node uses: parameters of each kind, bodies, media
 * types, formats, response checks, and what it leaves on `req.openapi`.
 */
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import express, { type Request } from 'express';
import { IpexError } from '../../../../protocol/errors/index.js';
import { openapiOf, openapiValidation } from '../../../../node/http/openapi/index.js';
import { problemHandler } from '../../../../node/http/problem.js';

const SPEC = fileURLToPath(new URL('./fixtures/api.yaml', import.meta.url));
const TRACE = { 'x-trace': 'beef' };

describe('node/http/openapi middleware', () => {
  let base: string;
  let server: Server;
  const logged: unknown[] = [];
  let seen: ReturnType<typeof openapiOf>;
  let reply: unknown = [];

  before(async () => {
    const app = express();
    app.set('query parser', 'simple');
    app.use(express.json({ type: ['application/json', 'application/*+json'] }));
    app.use(openapiValidation({ spec: SPEC, mount: '/v/1', validateRequests: true, validateResponses: true }));
    const r = express.Router({ strict: true });
    r.get('/things', (req: Request, res) => {
      seen = openapiOf(req);
      res.json(reply);
    });
    r.post('/things', (req: Request, res) => {
      const name = (req.body as { name: string }).name;
      if (name === 'teapot') throw new IpexError('INVALID_INPUT', 'no teapots');
      res.status(name === 'accepted' ? 202 : 201).json({ id: 'n1', name });
    });
    r.get('/things/:thingId', (req: Request, res) => {
      seen = openapiOf(req);
      res.json({ id: req.params['thingId'], name: 'x' });
    });
    r.put('/things/:thingId/blob', async (req, res) => {
      let size = 0;
      for await (const chunk of req) size += (chunk as Buffer).length;
      res.json({ size });
    });
    app.use('/v/1', r);
    app.get('/outside', (_req, res) => {
      res.json({ anything: true });
    });
    app.use(problemHandler({ log: (err) => logged.push(err) }));
    server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    logged.length = 0;
    seen = undefined;
    reply = [];
  });

  const get = (path: string, headers: Record<string, string> = TRACE) => fetch(`${base}${path}`, { headers });
  const post = (body: string, type?: string) =>
    fetch(`${base}/v/1/things`, { method: 'POST', headers: type === undefined ? {} : { 'content-type': type }, body });
  async function problem(res: Response, status: number, code: string): Promise<{ path: string; message: string }[]> {
    const body = (await res.json()) as { code: string; errors?: { path: string; message: string }[] };
    expect(res.status, JSON.stringify(body)).to.equal(status);
    expect(body.code).to.equal(code);
    return body.errors ?? [];
  }

  it('sets req.openapi with the operation object (x-ipex-roles) and the decoded path parameters', async () => {
    expect((await get('/v/1/things')).status).to.equal(200);
    expect(seen?.schema['x-ipex-roles']).to.deep.equal(['clerk']);
    expect(seen?.openApiRoute).to.equal('/things');
    expect((await get('/v/1/things/ab%2Dc')).status).to.equal(200);
    expect(seen?.pathParams).to.deep.equal({ thingId: 'ab-c' });
  });

  it('reads integer query parameters from their text, and refuses what is not one', async () => {
    expect((await get('/v/1/things?limit=3&kind=red')).status).to.equal(200);
    expect(await problem(await get('/v/1/things?limit=11'), 400, 'INVALID_INPUT')).to.deep.equal([{ path: '/query/limit', message: 'must be <= 10' }]);
    expect((await problem(await get('/v/1/things?limit=three'), 400, 'INVALID_INPUT'))[0]?.path).to.equal('/query/limit');
    expect((await problem(await get('/v/1/things?limit=1&limit=2'), 400, 'INVALID_INPUT'))[0]?.path).to.equal('/query/limit');
  });

  it('refuses unknown and empty query parameters, and enum values outside the list (naming them)', async () => {
    expect(await problem(await get('/v/1/things?debug=1'), 400, 'INVALID_INPUT')).to.deep.equal([{ path: '/query/debug', message: "Unknown query parameter 'debug'" }]);
    expect((await problem(await get('/v/1/things?limit='), 400, 'INVALID_INPUT'))[0]?.path).to.equal('/query/limit');
    const [e] = await problem(await get('/v/1/things?kind=green'), 400, 'INVALID_INPUT');
    expect(e).to.deep.equal({ path: '/query/kind', message: 'must be equal to one of the allowed values: red, blue' });
  });

  it('checks header parameters, whatever their case, and requires the required ones', async () => {
    expect((await get('/v/1/things', { 'X-TRACE': 'a0b1' })).status).to.equal(200);
    expect(await problem(await get('/v/1/things', {}), 400, 'INVALID_INPUT')).to.deep.equal([{ path: '/headers/x-trace', message: "must have required property 'x-trace'" }]);
    expect((await problem(await get('/v/1/things', { 'x-trace': 'nothex' }), 400, 'INVALID_INPUT'))[0]?.path).to.equal('/headers/x-trace');
  });

  it('checks path parameters, declared on the path item', async () => {
    expect((await problem(await get('/v/1/things/A'), 400, 'INVALID_INPUT'))[0]?.path).to.equal('/params/thingId');
    await problem(await get('/v/1/things/%E0%A4%A'), 400, 'INVALID_INPUT');
  });

  it('validates formats (date, uuid, date-time)', async () => {
    expect((await problem(await get('/v/1/things?since=yesterday'), 400, 'INVALID_INPUT'))[0]?.path).to.equal('/query/since');
    expect((await get('/v/1/things?since=2024-02-28')).status).to.equal(200);
    const ok = { name: 'pen', kind: 'red', id: '0b9c3e2a-4f6d-4c8b-9a1e-2d3f4a5b6c7d', at: '2024-01-02T03:04:05Z' };
    expect((await post(JSON.stringify(ok), 'application/json')).status).to.equal(201);
    expect((await problem(await post(JSON.stringify({ ...ok, id: 'not-a-uuid' }), 'application/json'), 400, 'INVALID_INPUT'))[0]?.path).to.equal('/body/id');
    expect((await problem(await post(JSON.stringify({ ...ok, at: '2024-01-02' }), 'application/json'), 400, 'INVALID_INPUT'))[0]?.path).to.equal('/body/at');
  });

  it('lists body errors by path, through $refs of requestBodies and schemas, without coercion', async () => {
    const paths = async (json: unknown) =>
      (await problem(await post(JSON.stringify(json), 'application/json'), 400, 'INVALID_INPUT')).map((e) => e.path);
    expect(await paths({ name: 'pen' })).to.deep.equal(['/body/kind']);
    expect(await paths({ name: 'pen', kind: 'red', extra: 1 })).to.deep.equal(['/body/extra']);
    expect(await paths({ name: 5, kind: 'red' })).to.deep.equal(['/body/name']);
    expect(await paths({ name: 'pen', kind: 'pink' })).to.deep.equal(['/body/kind']);
    expect(await paths([{ name: 'pen', kind: 'red' }])).to.deep.equal(['/body']);
  });

  it('answers 415 for an undeclared or missing media type, and 400 for an empty JSON body', async () => {
    await problem(await post('<thing/>', 'application/xml'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    await problem(await post('{}'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect((await post('{"name":"a","kind":"blue"}', 'application/json; charset=utf-8')).status).to.equal(201);
    // express.json reads an empty body as {}: the schema then names the first missing field.
    expect(await problem(await post('', 'application/json'), 400, 'INVALID_INPUT')).to.deep.equal([{ path: '/body/name', message: "must have required property 'name'" }]);
  });

  it('leaves binary bodies unparsed: only their media type is checked', async () => {
    const put = (type: string) => fetch(`${base}/v/1/things/t1/blob`, { method: 'PUT', headers: { 'content-type': type }, body: Buffer.alloc(5000, 1) });
    const res = await put('application/octet-stream');
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ size: 5000 });
    await problem(await put('image/png'), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 404 for unknown paths under the mount and lets other paths through', async () => {
    await problem(await get('/v/1/nothing'), 404, 'NOT_FOUND');
    await problem(await get('/v/1'), 404, 'NOT_FOUND');
    // express routes these case-insensitively; they must not reach a route unvalidated
    await problem(await get('/V/1/things?debug=1'), 404, 'NOT_FOUND');
    await problem(await get('/v/1/THINGS?debug=1'), 404, 'NOT_FOUND');
    // an absolute-form request target (RFC 9112 §3.2.2) is routed by its path: validated too
    const absolute = await new Promise<number>((resolve, reject) => {
      const r = request({ host: '127.0.0.1', port: new URL(base).port, path: `${base}/v/1/things?debug=1`, headers: TRACE }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      r.on('error', reject);
      r.end();
    });
    expect(absolute).to.equal(400);
    expect((await get('/outside?any=thing')).status).to.equal(200);
  });

  it('answers 405 with Allow for a known path and another method', async () => {
    const res = await fetch(`${base}/v/1/things`, { method: 'PATCH' });
    await problem(res, 405, 'METHOD_NOT_ALLOWED');
    expect(res.headers.get('allow')).to.equal('GET, POST, HEAD');
    expect((await fetch(`${base}/v/1/things/abc`, { method: 'HEAD' })).status).to.equal(200);
  });

  it('turns a response that breaks the document into 500 INTERNAL, logged, never sent', async () => {
    reply = [{ id: 'a', name: 'b', secret: 'do not leak' }];
    const res = await get('/v/1/things');
    const text = await res.text();
    expect(res.status).to.equal(500);
    expect(text).not.to.include('do not leak');
    expect(logged).to.have.length(1);
    expect(String((logged[0] as Error).message)).to.include('/response/0/secret');
  });

  it('refuses a response status the operation does not declare, and checks 4XX ranges', async () => {
    expect((await post('{"name":"accepted","kind":"red"}', 'application/json')).status).to.equal(500);
    expect(logged).to.have.length(1);
    await problem(await post('{"name":"teapot","kind":"red"}', 'application/json'), 400, 'INVALID_INPUT');
  });

  it('refuses a mount that is not the document base path', () => {
    expect(() => openapiValidation({ spec: SPEC, mount: '/v/2', validateRequests: true, validateResponses: true }))
      .to.throw(IpexError).with.property('code', 'CONFIG_INVALID');
  });
});

describe('node/http/openapi middleware with validation off', () => {
  it('still routes (404/405) and sets req.openapi, but checks neither requests nor responses', async () => {
    const app = express();
    app.set('query parser', 'simple');
    app.use(openapiValidation({ spec: SPEC, mount: '/v/1', validateRequests: false, validateResponses: false, precompile: true }));
    app.get('/v/1/things', (req, res) => {
      res.json({ roles: openapiOf(req)?.schema['x-ipex-roles'] ?? null });
    });
    app.use(problemHandler());
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const res = await fetch(`${base}/v/1/things?unknown=1`);
      expect(res.status).to.equal(200);
      expect(await res.json()).to.deep.equal({ roles: ['clerk'] });
      expect((await fetch(`${base}/v/1/nope`)).status).to.equal(404);
      expect((await fetch(`${base}/v/1/things`, { method: 'PATCH' })).status).to.equal(405);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
