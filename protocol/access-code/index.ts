/** Access codes (docs/design.md §6): formats, parsing with a check symbol, keyed hashing at rest. */
export {
  CROCKFORD_DATA_SYMBOLS,
  DAS_HEX_CHARS,
  LEGACY_CROCKFORD_DATA_SYMBOLS,
  crockfordCheckOf,
  formatAccessCode,
  generateAccessCode,
  parseAccessCode,
  type AccessCode,
  type AccessCodeFormat,
} from './access-code.js';
export { ACCESS_CODE_HASH_DOMAIN, MIN_ACCESS_CODE_KEY_BYTES, accessCodeMatches, hashAccessCode } from './hash.js';
export { CROCKFORD_ALPHABET, CROCKFORD_CHECK_ALPHABET } from './crockford.js';
