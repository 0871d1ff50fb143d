/**
 * A small client of a node's office API (openapi/office.yaml) for the demo and the integration
 * tests: deposits with streamed part uploads, documents and their history, retrieval jobs and
 * certified copies. It speaks plain HTTP + JSON with a staff bearer token, as an office's own
 * tooling would; problems (RFC 9457) become an ApiProblem carrying the registry code.
 */
import { createWriteStream } from 'node:fs';
import { request } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { components } from '../../protocol/generated/office.js';

type Schemas = components['schemas'];

/** An office API answer that was a problem (status >= 400). */
export class ApiProblem extends Error {
  constructor(readonly status: number, readonly code: string | undefined, detail: string) {
    super(`${status} ${code ?? ''}: ${detail}`);
  }
}

export interface PartUpload {
  readonly name: string;
  readonly mediaType: string;
  /** Made fresh for the upload; streamed, never read whole. */
  readonly body: () => Readable;
}

export class OfficeApi {
  constructor(readonly baseUrl: string, readonly token: string) {}

  /** Deposits a document: a draft, each part streamed, then the commit (certification). */
  async deposit(input: Schemas['DepositRequest'], parts: readonly PartUpload[]): Promise<Schemas['CommittedDocument']> {
    const draft = await this.json<Schemas['DepositDraft']>('POST', '/deposits', input);
    for (const part of parts) {
      const path = `/deposits/${draft.depositId}/parts/${encodeURIComponent(part.name)}?mediaType=${encodeURIComponent(part.mediaType)}`;
      await this.upload(path, part.body());
    }
    return this.json<Schemas['CommittedDocument']>('POST', `/deposits/${draft.depositId}/commit`);
  }

  history(documentId: string): Promise<Schemas['HistoryPage']> {
    return this.json('GET', `/documents/${encodeURIComponent(documentId)}/history`);
  }

  retrieve(input: Schemas['RetrievalJobRequest']): Promise<Schemas['RetrievalJobAccepted']> {
    return this.json('POST', '/retrievals', input);
  }

  job(jobId: string): Promise<Schemas['RetrievalJob']> {
    return this.json('GET', `/retrievals/${encodeURIComponent(jobId)}`);
  }

  /** Polls a job until it is done or failed (or `timeoutMs` passes). */
  async waitForJob(jobId: string, timeoutMs = 60_000, onChange?: (job: Schemas['RetrievalJob']) => void): Promise<Schemas['RetrievalJob']> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      const job = await this.job(jobId);
      const seen = `${job.state}/${job.error?.code ?? ''}`;
      if (seen !== last) onChange?.(job);
      last = seen;
      if (job.state === 'done' || job.state === 'failed') return job;
      if (Date.now() > deadline) throw new Error(`retrieval job ${jobId} still ${job.state} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  copy(copyId: string): Promise<Schemas['Copy']> {
    return this.json('GET', `/copies/${encodeURIComponent(copyId)}`);
  }

  /** Saves the certified-copy bundle (ZIP) of a copy at `path`. */
  async saveCopyBundle(copyId: string, path: string): Promise<void> {
    const res = await fetch(`${this.baseUrl}/api/v1/copies/${encodeURIComponent(copyId)}/bundle`, { headers: this.#headers() });
    if (!res.ok || res.body === null) throw await problemOf(res);
    const { Readable } = await import('node:stream');
    await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), createWriteStream(path, { flags: 'wx' }));
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: { ...this.#headers(), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw await problemOf(res);
    return (await res.json()) as T;
  }

  /** PUTs a stream as application/octet-stream (chunked), through node:http so it is never buffered. */
  upload(path: string, body: Readable): Promise<unknown> {
    const url = new URL(`${this.baseUrl}/api/v1${path}`);
    return new Promise((resolve, reject) => {
      const req = request(url, { method: 'PUT', headers: { ...this.#headers(), 'Content-Type': 'application/octet-stream' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const parsed = safeJson(text);
          if ((res.statusCode ?? 500) >= 400) {
            reject(new ApiProblem(res.statusCode ?? 500, (parsed as { code?: string } | undefined)?.code, (parsed as { detail?: string } | undefined)?.detail ?? text.slice(0, 300)));
          } else resolve(parsed);
        });
      });
      req.on('error', reject);
      body.on('error', (err) => req.destroy(err));
      body.pipe(req);
    });
  }

  #headers(): Record<string, string> {
    return { Authorization: `Bearer ${this.token}`, Accept: 'application/json, application/problem+json' };
  }
}

async function problemOf(res: Response): Promise<ApiProblem> {
  const text = await res.text();
  const parsed = safeJson(text) as { code?: string; detail?: string; title?: string } | undefined;
  return new ApiProblem(res.status, parsed?.code, parsed?.detail ?? parsed?.title ?? text.slice(0, 300));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
