/** Codes that any part of ipex may raise: bad input in general, internal faults, usage. */
import { defineCodes } from '../spec.js';

export const generalCodes = defineCodes({
  INTERNAL: { status: 500, title: 'Internal error; the details are in the node log' },
  INVALID_INPUT: { status: 400, title: 'The input is malformed or incomplete' },
  USAGE: { status: 400, title: 'The command was called with wrong or missing arguments' },
  // Command line only, never on the wire: exit status 7 (node/cli/exit-codes.ts).
  WAIT_TIMEOUT: { status: 504, title: 'The command stopped waiting when its --timeout passed; the work it waited for goes on' },
  FILE_NOT_FOUND: { status: 404, title: 'A file or folder named in the input does not exist' },
  FILE_UNREADABLE: { status: 400, title: 'A file named in the input cannot be read' },
  ALREADY_EXISTS: { status: 409, title: 'The target already exists and will not be overwritten' },
  NOT_FOUND: { status: 404, title: 'The requested resource does not exist' },
  CONFIG_INVALID: { status: 500, title: 'The node configuration is invalid' },
});
