/** Where the OpenAPI documents are, whatever the working folder of the process. */
import { join } from 'node:path';
import { INSTALL_ROOT } from '../config/install-root.js';

export function openapiPath(name: 'exchange' | 'office'): string {
  return join(INSTALL_ROOT, 'openapi', `${name}.yaml`);
}
