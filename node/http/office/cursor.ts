/**
 * Cursors of the office API's lists that go newest first (jobs, certified copies): the time and
 * id of the last item of a page, as opaque base64url JSON, so that the next page starts after it
 * even while new items arrive. A cursor this node did not give out is INVALID_INPUT.
 */
import { IpexError } from '../../../protocol/errors/index.js';

export function encodeCursor(time: string, id: string): string {
  return Buffer.from(JSON.stringify([time, id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): [time: string, id: string] {
  try {
    const [time, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof time === 'string' && typeof id === 'string') return [time, id];
  } catch {
    // fall through
  }
  throw new IpexError('INVALID_INPUT', 'the cursor is not one this node gave out');
}
