/** The registry code a promise is rejected with, or 'PASSED' when it resolves. */
import { isIpexError } from '../../protocol/errors/index.js';

export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (isIpexError(err)) return err.code;
    throw err;
  }
  return 'PASSED';
}
