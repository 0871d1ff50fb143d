/**
 * Codes of `ipex import` (issue 15, docs/importing.md): the archive's index, and the reasons a row
 * is refused in the validation report. A refused row never stops the import; only a missing or
 * unreadable index does.
 */
import { defineCodes } from '../spec.js';

export const importCodes = defineCodes({
  IMPORT_INDEX_INVALID: { status: 400, title: 'The archive has no readable index.csv with the columns of docs/importing.md' },
  IMPORT_ROW_MALFORMED: { status: 400, title: 'A row of the index cannot be read: broken quoting, a wrong number of fields, or a value of the wrong form' },
  IMPORT_PART_MISSING: { status: 400, title: 'A part named by a row of the index is not a file inside the archive folder' },
  IMPORT_ROW_DUPLICATE: { status: 409, title: 'A row of the index names the same document as an earlier row' },
  IMPORT_ROWS_REFUSED: { status: 400, title: 'The import finished, but some rows were refused; the validation report names each with its reason' },
  IMPORT_ROW_CHANGED: { status: 409, title: 'A row was imported by an earlier run with other content; the document is not deposited twice' },
});
