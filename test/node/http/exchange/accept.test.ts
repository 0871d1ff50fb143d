/** The Accept negotiation of `GET /log/entries` (node/http/exchange/accept.ts), read as express' req.accepts did. */
import { expect } from 'chai';
import { prefersJson } from '../../../../node/http/exchange/accept.js';

describe('node/http/exchange/accept', () => {
  const jsonl = 'application/jsonl';

  it('keeps JSON Lines without an Accept header, for */* and for a tie', () => {
    expect(prefersJson(undefined, jsonl)).to.equal(false);
    expect(prefersJson('*/*', jsonl)).to.equal(false);
    expect(prefersJson('application/*', jsonl)).to.equal(false);
    expect(prefersJson('application/jsonl, application/json', jsonl)).to.equal(false);
  });

  it('answers JSON when asked for it alone, by a higher quality, or listed first at equal quality', () => {
    expect(prefersJson('application/json', jsonl)).to.equal(true);
    expect(prefersJson('application/jsonl;q=0.5, application/json', jsonl)).to.equal(true);
    expect(prefersJson('application/json, application/jsonl', jsonl)).to.equal(true);
    expect(prefersJson('application/json, */*;q=0.1', jsonl)).to.equal(true);
  });

  it('never answers JSON refused with q=0 or not acceptable at all', () => {
    expect(prefersJson('application/json;q=0, */*', jsonl)).to.equal(false);
    expect(prefersJson('text/html', jsonl)).to.equal(false);
    expect(prefersJson('garbage', jsonl)).to.equal(false);
  });
});
