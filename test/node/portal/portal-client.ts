/**
 * A browser without a browser, for the portal's fast tests (issue 11): keeps the cookies a node
 * sets, follows no redirects (the tests look at them), and posts forms as a browser does —
 * `Sec-Fetch-Site: same-origin` on the portal's own forms, the session's CSRF token in the
 * hidden field. The real browser tests are under test/browser/.
 */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

export class PortalClient {
  readonly #cookies = new Map<string, string>();

  constructor(readonly base: string, readonly headers: Readonly<Record<string, string>> = {}) {}

  async get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
    return this.#send('GET', path, undefined, headers);
  }

  /** Posts a form (urlencoded, or multipart when given FormData) from this site. */
  async post(path: string, form: Record<string, string> | FormData, headers: Record<string, string> = {}): Promise<Answer> {
    const body = form instanceof FormData ? form : new URLSearchParams(form);
    return this.#send('POST', path, body, { 'sec-fetch-site': 'same-origin', ...headers });
  }

  /** Signs in through the portal's sign-in form. */
  async signIn(kind: 'staff' | 'applicant', secret: string): Promise<Answer> {
    return this.post(`/sign-in/${kind}`, kind === 'staff' ? { staffToken: secret } : { applicantKey: secret });
  }

  /** The session's CSRF token, as the pages put it into their forms. */
  async csrf(): Promise<string> {
    const res = await this.get('/api/v1/sessions/current');
    return (JSON.parse(res.text) as { csrfToken: string }).csrfToken;
  }

  cookie(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  async #send(method: string, path: string, body: URLSearchParams | FormData | undefined, headers: Record<string, string>): Promise<Answer> {
    const cookie = [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    // A header given as '' is left out (an older browser that sends no Sec-Fetch-Site).
    const sent = Object.fromEntries(Object.entries({ ...this.headers, ...(cookie === '' ? {} : { cookie }), ...headers }).filter(([, v]) => v !== ''));
    const res = await fetch(`${this.base}${path}`, { method, redirect: 'manual', headers: sent, ...(body === undefined ? {} : { body }) });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      if (/Max-Age=0/i.test(line)) this.#cookies.delete(name);
      else this.#cookies.set(name, pair.slice(eq + 1).trim());
    }
    return { status: res.status, headers: res.headers, text: await res.text() };
  }
}
