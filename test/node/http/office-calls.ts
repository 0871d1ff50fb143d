/**
 * Calls to a test node's office API (issues 15 and later): JSON calls and part uploads with a
 * bearer token, answering the status, the headers and the parsed body.
 */
import type { DepositNode } from '../services/deposit/deposit-fixture.js';

/** Wire JSON; tests assert it field by field. */
export type WireBody = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- see above

export interface Answer { status: number; headers: Headers; body: WireBody; text: string }

export function officeCalls(n: DepositNode) {
  async function answer(res: Response): Promise<Answer> {
    const text = await res.text();
    let body: WireBody;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: res.status, headers: res.headers, body, text };
  }
  return {
    async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, token = n.clerk): Promise<Answer> {
      const init: RequestInit = { method, headers: { authorization: `Bearer ${token}`, ...headers } };
      if (body !== undefined) {
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
        (init.headers as Record<string, string>)['content-type'] = 'application/json';
      }
      return answer(await fetch(`${n.api}${path}`, init));
    },
    async upload(depositId: string, name: string, bytes: Buffer, mediaType = 'application/pdf'): Promise<Answer> {
      return answer(await fetch(`${n.api}/deposits/${depositId}/parts/${encodeURIComponent(name)}?mediaType=${encodeURIComponent(mediaType)}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${n.clerk}`, 'content-type': 'application/octet-stream' },
        body: bytes,
      }));
    },
  };
}
