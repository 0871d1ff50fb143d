/**
 * What the portal's pages add when scripts run (docs/portal.md "Progressive enhancement"); every
 * page works without it: uploading a draft's parts straight to the office API, one PUT per part
 * with a progress bar each, and choosing files by dragging them onto the page; the live state
 * and bytes of retrieval jobs; the access code's check character as it is typed; an audit entry's
 * inclusion proof checked against the signed checkpoint.
 * Same origin, the session cookie goes by itself; the CSRF token comes from the form.
 */
import { checkAccessCodes } from './access-code-check.js';
import { enhanceDropzones } from './dropzone.js';
import { followJobs } from './job-progress.js';
import { enhanceInclusionChecks } from './inclusion-check.js';
import { enhanceUploads } from './upload.js';

enhanceDropzones(document);
enhanceUploads(document);
followJobs(document);
checkAccessCodes(document);
enhanceInclusionChecks(document);
