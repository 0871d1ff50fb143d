// The in-memory replay cache: remembers (key id, nonce) until expiry, bounded in size.
import { expect } from 'chai';
import { MemoryReplayCache } from '../../../protocol/http-signatures/index.js';
import { FixedClock } from '../../../protocol/runtime/clock.js';

describe('protocol/http-signatures MemoryReplayCache', () => {
  const start = Date.parse('2025-01-01T00:00:00Z');

  it('accepts a pair once until it expires, then again', () => {
    const clock = new FixedClock(start);
    const cache = new MemoryReplayCache({ clock });
    const until = new Date(start + 300_000);
    expect(cache.checkAndRemember('JP', 'nonce-1', until)).to.equal(true);
    expect(cache.checkAndRemember('JP', 'nonce-1', until)).to.equal(false);
    expect(cache.checkAndRemember('EP', 'nonce-1', until)).to.equal(true);
    clock.advance(299_999);
    expect(cache.checkAndRemember('JP', 'nonce-1', until)).to.equal(false);
    clock.advance(1);
    expect(cache.checkAndRemember('JP', 'nonce-1', new Date(start + 600_000))).to.equal(true);
  });

  it('keeps pairs apart when key id and nonce could be run together', () => {
    const cache = new MemoryReplayCache({ clock: new FixedClock(start) });
    const until = new Date(start + 1000);
    expect(cache.checkAndRemember('a', 'bc', until)).to.equal(true);
    expect(cache.checkAndRemember('ab', 'c', until)).to.equal(true);
  });

  it('stays within its bound, dropping expired pairs first and counting forced evictions', () => {
    const clock = new FixedClock(start);
    const cache = new MemoryReplayCache({ clock, maxEntries: 3 });
    cache.checkAndRemember('k', 'short', new Date(start + 10));
    cache.checkAndRemember('k', 'n1', new Date(start + 1000));
    cache.checkAndRemember('k', 'n2', new Date(start + 1000));
    clock.advance(20);
    expect(cache.checkAndRemember('k', 'n3', new Date(start + 1000))).to.equal(true);
    expect(cache.size).to.equal(3);
    expect(cache.evictions).to.equal(0);
    expect(cache.checkAndRemember('k', 'n4', new Date(start + 1000))).to.equal(true);
    expect(cache.size).to.equal(3);
    expect(cache.evictions).to.equal(1);
    expect(cache.checkAndRemember('k', 'n4', new Date(start + 1000))).to.equal(false);
  });

  it('refuses a non-positive bound', () => {
    expect(() => new MemoryReplayCache({ maxEntries: 0 })).to.throw(RangeError);
  });
});
