/**
 * Codes of the e-filing hook (issue 15, docs/e-filing.md): a document folder — in the watched
 * inbox, or in an archive's `documents/` — that is not laid out as documented, and an inbox
 * folder whose name was deposited before. Written to the folder's `reason.json` or the import's
 * validation report; the rest of the inbox or the import goes on.
 */
import { defineCodes } from '../spec.js';

export const inboxCodes = defineCodes({
  DOCUMENT_FOLDER_INVALID: { status: 400, title: 'The document folder is not laid out as docs/e-filing.md says (deposit.json or bibliographic.xml, and part files beside it)' },
  INBOX_NAME_USED: { status: 409, title: 'A folder of this name was deposited from the inbox before; a new document needs a new folder name' },
});
