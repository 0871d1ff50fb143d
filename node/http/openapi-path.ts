/** Where the OpenAPI documents are, whatever the working folder of the process. */
import { fileURLToPath } from 'node:url';

export function openapiPath(name: 'exchange' | 'office'): string {
  return fileURLToPath(new URL(`../../openapi/${name}.yaml`, import.meta.url));
}
