/** Error-code assertions shared by the tests. */
import { expect } from 'chai';
import { isIpexError, type ErrorCode } from '../../protocol/errors/index.js';

/** The registry code a promise is rejected with, or 'PASSED' when it resolves. */

export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (isIpexError(err)) return err.code;
    throw err;
  }
  return 'PASSED';
}

/** Asserts that `fn` throws an IpexError with `code`. */
export function expectCode(fn: () => unknown, code: ErrorCode): void {
  try {
    fn();
  } catch (err) {
    expect(isIpexError(err, code), String(err)).to.equal(true);
    return;
  }
  expect.fail(`should throw ${code}`);
}
