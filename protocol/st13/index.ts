/** Application numbers in the spirit of WIPO ST.13; see `application-number.ts`. */
export {
  MAX_APPLICATION_NUMBER_INPUT,
  MAX_APPLICATION_NUMBER_TEXT,
  normaliseApplicationNumber,
  verifyCheckDigit,
  type ApplicationNumber,
} from './application-number.js';
export { expectedCheckDigit } from './check-digits.js';
export { OFFICES_WITH_KNOWN_FORMAT, checkOfficeFormat, expectedShape } from './office-formats.js';
