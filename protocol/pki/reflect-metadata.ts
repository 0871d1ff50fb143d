/**
 * Loads the `reflect-metadata` API that @peculiar/x509 needs: x509 loads tsyringe, which refuses
 * to start without `Reflect.getMetadata`, and Node always loads x509's CommonJS build.
 *
 * Import this module for its side effect BEFORE the first value import of '@peculiar/x509':
 * `import '../pki/reflect-metadata.js';` (ES modules are evaluated in import order). Type-only
 * imports are erased and need nothing.
 */
import 'reflect-metadata';
