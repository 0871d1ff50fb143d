/**
 * The one content negotiation of the exchange API (`GET /log/entries`: JSON Lines by default,
 * a JSON array when asked): RFC 9110 §12.5.1 Accept, read as express' `req.accepts` (negotiator)
 * did. For each offered type the most specific matching range gives its quality; the higher
 * quality wins, then the more specific match, then the range listed first, then the first offer.
 */
interface Range {
  readonly type: string;
  readonly subtype: string;
  readonly q: number;
  readonly order: number;
}

/** True when `Accept` prefers `application/json` to `other` (which wins ties and no header). */
export function prefersJson(accept: string | undefined, other: string): boolean {
  if (accept === undefined) return false;
  const ranges = parseAccept(accept);
  const json = priority('application/json', ranges);
  const first = priority(other, ranges);
  if (json === undefined) return false;
  if (first === undefined) return true;
  return json.q - first.q > 0 || (json.q === first.q && (json.s - first.s > 0 || (json.s === first.s && json.order < first.order)));
}

function priority(offer: string, ranges: readonly Range[]): { q: number; s: number; order: number } | undefined {
  const [type, subtype] = offer.split('/') as [string, string];
  let best: { q: number; s: number; order: number } | undefined;
  for (const r of ranges) {
    let s = 0;
    if (r.type === type) s |= 4;
    else if (r.type !== '*') continue;
    if (r.subtype === subtype) s |= 2;
    else if (r.subtype !== '*') continue;
    // negotiator's choice among the ranges that match: more specific, then higher q, then later
    if (best === undefined || best.s < s || (best.s === s && (best.q < r.q || (best.q === r.q && best.order < r.order)))) {
      best = { q: r.q, s, order: r.order };
    }
  }
  return best === undefined || best.q <= 0 ? undefined : best;
}

function parseAccept(accept: string): Range[] {
  const out: Range[] = [];
  accept.split(',').slice(0, 64).forEach((part, order) => {
    const [range, ...params] = part.trim().split(';');
    const m = /^([^/\s]+)\/([^/\s]+)$/.exec((range ?? '').trim().toLowerCase());
    if (m === null) return;
    let q = 1;
    for (const p of params) {
      const qm = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p);
      if (qm !== null) q = Number(qm[1]);
    }
    out.push({ type: m[1]!, subtype: m[2]!, q: Number.isFinite(q) ? q : 0, order });
  });
  return out;
}
