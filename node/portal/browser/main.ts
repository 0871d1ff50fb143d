/**
 * What the portal's pages add when scripts run (docs/portal.md "Progressive enhancement"); every
 * page works without it. Part 1: uploading a draft's parts straight to the office API, one PUT
 * per part with a progress bar each, and choosing files by dragging them onto the page.
 * Same origin, the session cookie goes by itself; the CSRF token comes from the form.
 */
import { enhanceDropzones } from './dropzone.js';
import { enhanceUploads } from './upload.js';

enhanceDropzones(document);
enhanceUploads(document);
