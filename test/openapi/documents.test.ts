/**
 * The two OpenAPI documents as the running validator sees them: sample requests and responses
 * that the design says are valid pass, and the shapes the design forbids are refused. This also
 * guards that the node's validator (node/http/openapi/) understands the OpenAPI 3.1 keywords the documents use
 * (`const`, `contentMediaType`, `oneOf`, formats `date`, `date-time`, `uuid`).
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { Router } from 'express';
import { createApiApp } from '../../node/http/create-api-app.js';

const doc = (name: string) => fileURLToPath(new URL(`../../openapi/${name}`, import.meta.url));
const SHA = 'a'.repeat(64);

async function serve(spec: string, mount: string, routes: (r: Router) => void): Promise<{ base: string; server: Server }> {
  const server = createApiApp({ spec, mount, routes, log: () => undefined }).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}${mount}`, server };
}

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('openapi/exchange.yaml', () => {
  let base: string;
  let server: Server;
  let answer: unknown;
  before(async () => {
    ({ base, server } = await serve(doc('exchange.yaml'), '/exchange/v1', (r) => {
      r.post('/retrievals', (_req, res) => { res.json(answer); });
      r.post('/witness/add-checkpoint', (_req, res) => { res.status(409).type('text/x.tlog.size').send('12\n'); });
      r.get('/status', (_req, res) => { res.json(answer); });
      r.get('/retrievals/:retrievalId/parts/:partName', (req, res) => {
        res.setHeader('ETag', `"${SHA}"`);
        res.setHeader('Accept-Ranges', 'bytes');
        res.status(req.headers.range === undefined ? 200 : 206).type('application/pdf').end('%PDF');
      });
    }));
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const request = {
    ipOfficeCode: 'EP',
    applicationNumberText: '23123456',
    filingDate: '2023-03-01',
    ipRightType: 'patent',
    accessCode: 'K7QM-2XPA-9',
    requestId: '9b2f1c9e-8f0a-4b53-9a8e-2d5b8f0f8a11',
  };
  const success = {
    outcome: 'success',
    retrievalId: 'r_0123456789',
    document: {
      documentId: 'd_0123456789',
      version: 1,
      documentKind: 'priorityDocument',
      manifestUrl: '/exchange/v1/retrievals/r_0123456789/manifest',
      parts: [{ name: 'application.pdf', mediaType: 'application/pdf', size: 10, sha256: SHA, url: 'parts/application.pdf' }],
    },
    logEntry: { index: 41, checkpointSize: 42 },
  };

  it('accepts a DAS retrieval request and a success answer', async () => {
    answer = success;
    const res = await fetch(`${base}/retrievals`, json('POST', request));
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal(success);
  });

  it('refuses requests the design forbids, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...request, ipOfficeCode: 'ep' }, '/body/ipOfficeCode'],
      [{ ...request, filingDate: '2023-02-30x' }, '/body/filingDate'],
      [{ ...request, ipRightType: 'copyright' }, '/body/ipRightType'],
      [{ ...request, requestId: 'not-a-uuid' }, '/body/requestId'],
      [{ ...request, accessCode: 'x'.repeat(65) }, '/body/accessCode'],
      [{ ...request, extra: 1 }, '/body/extra'],
    ];
    for (const [body, path] of cases) {
      const res = await fetch(`${base}/retrievals`, json('POST', body));
      expect(res.status, path).to.equal(400);
      const problem = (await res.json()) as { code: string; errors: { path: string }[] };
      expect(problem.code).to.equal('INVALID_INPUT');
      expect(problem.errors.map((e) => e.path), path).to.include(path);
    }
  });

  it('refuses to send a success answer that breaks the schema', async () => {
    answer = { ...success, document: { ...success.document, parts: [{ ...success.document.parts[0], sha256: 'XYZ' }] } };
    expect((await fetch(`${base}/retrievals`, json('POST', request))).status).to.equal(500);
    answer = { outcome: 'pending', retrievalId: 'r_0123456789' };
    expect((await fetch(`${base}/retrievals`, json('POST', request))).status).to.equal(500);
  });

  it('takes the C2SP witness body as text/plain and allows the 409 size answer', async () => {
    const res = await fetch(`${base}/witness/add-checkpoint`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'old 12\n\nexample.org/log\n13\nAAAA\n\n— key sig\n',
    });
    expect(res.status).to.equal(409);
    expect(await res.text()).to.equal('12\n');
  });

  it('serves parts in their own media type, with Range and HEAD', async () => {
    const url = `${base}/retrievals/r_0123456789/parts/application.pdf`;
    const ranged = await fetch(url, { headers: { range: 'bytes=0-3' } });
    expect(ranged.status).to.equal(206);
    expect(ranged.headers.get('content-type')).to.match(/^application\/pdf/);
    expect((await fetch(url, { method: 'HEAD' })).status).to.equal(200);
    expect((await fetch(`${base}/retrievals/r_0123456789/parts/..%2Fkey.pem`)).status).to.equal(400);
  });

  it('answers status with office, version and time', async () => {
    answer = { office: 'EP', version: '0.1.0', time: '2026-01-01T00:00:00Z', directorySerial: 7 };
    expect((await fetch(`${base}/status`)).status).to.equal(200);
  });
});

describe('openapi/office.yaml', () => {
  let base: string;
  let server: Server;
  before(async () => {
    ({ base, server } = await serve(doc('office.yaml'), '/api/v1', (r) => {
      r.post('/deposits', (_req, res) => {
        res.status(201).json({
          depositId: 'dep_01234567',
          state: 'draft',
          uploadUrl: '/api/v1/deposits/dep_01234567/parts/{partName}',
          commitUrl: '/api/v1/deposits/dep_01234567/commit',
        });
      });
      r.put('/deposits/:depositId/parts/:partName', async (req, res) => {
        let size = 0;
        for await (const chunk of req) size += (chunk as Buffer).length;
        res.json({ name: req.params['partName'], mediaType: req.query['mediaType'], size, sha256: SHA });
      });
      r.put('/documents/:documentId/access', (req, res) => { res.json({ policy: req.body, lockedOffices: [] }); });
    }));
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const deposit = {
    documentKind: 'priorityDocument',
    bibliographicData: {
      ipOfficeCode: 'EP',
      applicationNumberText: '23123456',
      filingDate: '2023-03-01',
      ipRightType: 'patent',
      applicantName: [{ organizationName: 'Acme GmbH' }, { lastName: 'Curie', firstName: 'Marie' }],
      inventionTitle: 'Widget',
    },
    availableFrom: '2024-09-01T00:00:00Z',
  };

  it('accepts a deposit with ST.96-style names, refuses an empty name and an unknown kind', async () => {
    expect((await fetch(`${base}/deposits`, json('POST', deposit))).status).to.equal(201);
    const noName = { ...deposit, bibliographicData: { ...deposit.bibliographicData, applicantName: [{}] } };
    expect((await fetch(`${base}/deposits`, json('POST', noName))).status).to.equal(400);
    expect((await fetch(`${base}/deposits`, json('POST', { ...deposit, documentKind: 'novel' }))).status).to.equal(400);
  });

  it('streams a part upload and requires its media type', async () => {
    const put = (query: string) => fetch(`${base}/deposits/dep_01234567/parts/application.pdf${query}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.alloc(2 * 1024 * 1024 + 1),
    });
    const ok = await put('?mediaType=application/pdf');
    expect(ok.status).to.equal(200);
    expect(((await ok.json()) as { size: number }).size).to.equal(2 * 1024 * 1024 + 1);
    expect((await put('')).status).to.equal(400);
  });

  it('accepts either an office list or any participating office as access policy, not both', async () => {
    const put = (body: unknown) => fetch(`${base}/documents/doc_01234567/access`, json('PUT', body));
    expect((await put({ allowedOffices: ['JP', 'KR'] })).status).to.equal(200);
    expect((await put({ anyParticipatingOffice: true })).status).to.equal(200);
    expect((await put({ anyParticipatingOffice: false })).status).to.equal(400);
    expect((await put({ allowedOffices: ['JP'], anyParticipatingOffice: true })).status).to.equal(400);
    expect((await put({ allowedOffices: ['jpn'] })).status).to.equal(400);
  });
});
