/**
 * Root hooks of `npm run test:scale` (loaded with --require): the real servers the scale tests
 * started are stopped once, after the last test.
 */
import { stopSharedRadosgw } from './shared-radosgw.js';

export const mochaHooks = {
  async afterAll(this: { timeout(ms: number): void }): Promise<void> {
    this.timeout(60_000);
    await stopSharedRadosgw();
  },
};
