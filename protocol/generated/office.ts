/**
 * Wire types of `openapi/office.yaml` — generated — do not edit.
 * Regenerate with `tsx scripts/gen-types.ts` after changing the OpenAPI document;
 * `tsx scripts/gen-types.ts --check` fails when this file is stale.
 */
/* eslint-disable */
export type paths = {
    "/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with a staff token or an applicant key; answers with a session cookie.
         * @description Sets the `__Host-ipex-session` cookie (`HttpOnly; Secure; SameSite=Strict; Path=/`) and
         *     answers with the session and its CSRF token. The token or key is never logged; each
         *     attempt is audited (`session.signed-in`, with its outcome and the remote address).
         */
        post: operations["createSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions/current": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The session of the cookie sent, with its CSRF token. */
        get: operations["getSession"];
        put?: never;
        post?: never;
        /** Sign out; the session ends at once and the cookie is cleared. */
        delete: operations["endSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions/current/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add another document to an applicant session, by its applicant key. */
        post: operations["addSessionDocument"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/offices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The offices of the installed network directory, with their names, roles and status.
         * @description For choosing offices by name (an applicant's allowed offices, a retrieval). Staff and
         *     applicants (any live applicant key, or an applicant session) may read it.
         */
        get: operations["listOffices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/deposits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Open a deposit draft for a new document or a new version.
         * @description Parts are then uploaded with `PUT /deposits/{depositId}/parts/{partName}` and the draft
         *     is certified and published with `POST /deposits/{depositId}/commit`. `supersedes` names
         *     the document whose next version this is (a correction never deletes the earlier one).
         *     With an `Idempotency-Key` a retry gets the first answer again and opens no second draft
         *     (docs/e-filing.md "Idempotency keys").
         */
        post: operations["createDeposit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/deposits/{depositId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An open deposit draft with the parts uploaded so far. */
        get: operations["getDeposit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/deposits/{depositId}/parts/{partName}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Upload one part of a draft (streamed; any size).
         * @description Uploading the same name again replaces the part in the draft. The name is the file
         *     name as the office has it, in any script (percent-encoded in the URL as UTF-8). A
         *     name that is not a safe file name (`PartName`) is kept as the part's `originalName`
         *     (NFC) and the part is stored, certified and served under a safe name derived from it
         *     (docs/certified-copy.md "Part names"); the answer gives both. Names with control or
         *     bidirectional override characters, `/` or `\` are refused (`PART_NAME_INVALID`), and
         *     two names whose safe names collide (`DEPOSIT_PART_CONFLICT`).
         */
        put: operations["uploadDepositPart"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/deposits/{depositId}/commit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Certify and publish the draft as a document version.
         * @description Writes the signed manifest and the CMS signature of each part, durably, then answers.
         *     For a new priority document the answer carries the applicant's `accessCode` and
         *     `applicantKey` — this once only; the node keeps only keyed hashes of them. With an
         *     `Idempotency-Key` a retry whose answer was lost gets that answer again, codes included
         *     (docs/e-filing.md "Idempotency keys"); without one it is `DEPOSIT_NOT_DRAFT`.
         */
        post: operations["commitDeposit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List deposited documents, newest first. */
        get: operations["listDocuments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/documents/{documentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One document (its latest version) with its version list. */
        get: operations["getDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/documents/{documentId}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw a document; it is no longer served, and the log keeps that it existed. */
        post: operations["withdrawDocument"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/documents/{documentId}/access": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Which offices may retrieve this priority document, and which are locked out. */
        get: operations["getDocumentAccess"];
        /** Set the offices that may retrieve this priority document. */
        put: operations["setDocumentAccess"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/documents/{documentId}/access-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a new access code; the old one stops working at once.
         * @description The new code is in this answer only; the node keeps a keyed hash of it.
         */
        post: operations["regenerateAccessCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/documents/{documentId}/letter": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The printable access-code letter for the applicant (PDF).
         * @description The letter a DAS office sends on paper: the office, the document and its application, the
         *     access code in groups of four for reading aloud, the applicant key, how to use them and a
         *     QR code of the document's reference (`ipex:document?office=…&application=…&filingDate=…&ipRightType=…&document=…`,
         *     no secret). Only hashes of the code and the key are kept, so the letter is made when they
         *     are known — right after `commitDeposit` or `regenerateAccessCode` — from the values sent
         *     here, which must be the document's current ones (`LETTER_SECRETS_MISMATCH`). Without
         *     `applicantKey` the letter says the key is unchanged. Printed in `language` (Chinese is
         *     printed in English: the shipped fonts have no CJK glyphs; docs/portal.md).
         */
        post: operations["createAccessLetter"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/documents/{documentId}/applicant-contact": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The e-mail address and language the applicant gave for notifications, if any. */
        get: operations["getApplicantContact"];
        /**
         * Set where the applicant is told of every retrieval, new access code and availability of this priority document.
         * @description The address and language are kept beside the document, never in its certified manifest,
         *     and never in a log (the audit entry `applicant.contact-changed` says only that it changed).
         *     E-mails are sent when the node has `notifications.email` configured (docs/notifications.md).
         */
        put: operations["setApplicantContact"];
        post?: never;
        /** Remove the applicant's address; no more e-mails are sent (queued ones are cancelled). */
        delete: operations["removeApplicantContact"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/documents/{documentId}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every retrieval attempt on this document - who, when, outcome, receipt. */
        get: operations["getDocumentHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/documents/{documentId}/registration-certificate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed registration certificate of a deposited version, as JSON (JWS) or PDF.
         * @description What the applicant gets for a deposit (docs/registration-certificate.md): a compact JWS
         *     signed with the office signing key and its `x5c` chain, header `typ`
         *     `ipex-registration+json`, whose payload (RFC 8785 canonical JSON, format
         *     `ipex-registration/1`) states the office, document, version, kind, application, filing
         *     date, IP right, deposit time, issue time, the SHA-256 of the version's certified manifest
         *     and every part's name, size and SHA-256. Signed when asked, from the certified records;
         *     each answer is a fresh signature over the same statement (only `issuedAt` differs).
         *     `format=pdf` renders it as a one-page PDF carrying the JWS. Verify the JWS with `ipex
         *     verify FILE`, jose/jwcrypto or openssl. The current version unless `version` is given.
         */
        get: operations["getRegistrationCertificate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/documents/{documentId}/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the applicant of this priority document is alerted to (lock-outs), newest first. */
        get: operations["getDocumentAlerts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/documents/{documentId}/log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit-log entries about this document, oldest first.
         * @description Every entry of this node's tamper-evident log that names the document: deposit and
         *     versions, access codes issued or regenerated, access changes, each retrieval attempt with
         *     its outcome, parts served, receipts, locks. The applicant sees them with the applicant
         *     key; each entry's `entry` is its exact leaf data, provable against the log's checkpoint.
         */
        get: operations["getDocumentLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/retrievals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The retrieval jobs of this node, newest first, with the bytes received so far. */
        get: operations["listRetrievalJobs"];
        put?: never;
        /**
         * Ask the own node to retrieve a document from the peer office that holds it.
         * @description The node finds the peer in the directory by `ipOfficeCode`, retrieves, verifies and
         *     stores a certified copy, and sends a receipt. `accessCode` is needed for a priority
         *     document (the default `documentKind`); a typo in it is refused here, before any request
         *     leaves the node.
         */
        post: operations["createRetrievalJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/retrievals/{jobId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The state of a retrieval job. */
        get: operations["getRetrievalJob"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/copies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Certified copies retrieved from peer offices, newest first. */
        get: operations["listCopies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/copies/{copyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One certified copy. */
        get: operations["getCopy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/copies/{copyId}/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify a certified copy again, check by check.
         * @description Puts the copy's bundle through the checks of `ipex verify` against the network root and
         *     CRL as they are now — manifest signature and signer, chain, each part's size, SHA-256 and
         *     CMS signature, layout — then says whether the receipt reached the depositing office and
         *     proves, against that office's signed checkpoint, that its log holds this node's
         *     retrieval (the OFF's log proof; docs/retrieving.md). Nothing is changed. The log proof asks
         *     the depositing office's node, so this may take a few seconds.
         */
        get: operations["verifyCopy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/copies/{copyId}/parts/{partName}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One part of a certified copy, as the depositing office certified it.
         * @description Served as an attachment; with `disposition=inline`, PDFs, PNG, JPEG, GIF and plain text
         *     are shown in the browser instead. Always with `Content-Security-Policy: sandbox` and
         *     `X-Content-Type-Options: nosniff`: the bytes come from another office.
         */
        get: operations["getCopyPart"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/offices/{officeCode}/dossier": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The search and examination documents a peer office lists for one of its applications.
         * @description Asked of the peer over the signed exchange API (`listDossierDocuments`, the WIPO CASE
         *     model). Listing grants nothing: retrieve a document with `createRetrievalJob` and its
         *     `documentKind`.
         */
        get: operations["listPeerDossier"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/copies/{copyId}/bundle": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The certified-copy bundle as a ZIP (manifest.jws, parts/, chain.pem, README.txt). */
        get: operations["getCopyBundle"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/documents/{documentId}/citations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The citations of a document version, as certified, as WIPO ST.96 XML or JSON.
         * @description What a search or examination report cites (docs/certified-copy.md "Citations"): with
         *     `format=xml` the ST.96 `pat:ReferenceCitationBag` (an empty bag when there is none), with
         *     `format=json` (the default) the certified `referenceCitationBag` with the document it
         *     belongs to. `version` defaults to the current one.
         */
        get: operations["getDocumentCitations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/copies/{copyId}/citations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The citations in the manifest of a certified copy retrieved from a peer, as ST.96 XML or JSON. */
        get: operations["getCopyCitations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/offices/{officeCode}/search-copies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The search copies a peer (a receiving office) deposited for this office as searching authority.
         * @description Asked over the signed exchange API (`GET /search-copies` of the peer; docs/depositing.md
         *     "Search copies"). Reading the list grants nothing: each copy is then retrieved with a
         *     retrieval job of `documentKind` `searchCopy` and its `documentId`, without an access code.
         */
        get: operations["listPeerSearchCopies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/documents/{documentId}/st96": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The bibliographic data of a document version as WIPO ST.96 XML, derived from its certified manifest.
         * @description `pat:BibliographicData` of the ST.96 Patent namespace (docs/certified-copy.md "ST.96
         *     bibliographic XML"): the application, its priority claims, title, citations and applicants,
         *     derived from the bibliographic data certified in the version's manifest (the same data
         *     always gives the same bytes). `version` defaults to the current one.
         */
        get: operations["getDocumentSt96"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/copies/{copyId}/st96": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The bibliographic data in the manifest of a certified copy retrieved from a peer, as WIPO ST.96 XML. */
        get: operations["getCopySt96"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dossier-search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search every active peer (and this office) for the dossiers of an application's family.
         * @description Give exactly one of `application`, `priority` (each an office code and a number as
         *     printed, `EP 23 123 456.8`) or `family` (a patent family id). The node asks every
         *     active peer in the directory at once, over the signed exchange protocol, each within
         *     `federation.peerTimeoutMs`, and follows the family transitively: every application that
         *     is, or claims, the same priority, in at most 4 rounds (docs/dossiers.md). The answer
         *     groups the dossier documents by office and application and lists every peer with its
         *     outcome (`answered`, `timeout`, `unreachable`, `refused` or `invalid`, with the code);
         *     none is left out. The search and every peer's signed answer are kept under `searchId`.
         *     Logged as `dossier.search`.
         */
        get: operations["searchDossiers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dossier-searches/{searchId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A kept search, as it was answered. */
        get: operations["getDossierSearch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dossier-searches/{searchId}/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Check again that each kept answer of a search is what the peer sent.
         * @description From the kept bytes alone: the signing certificate's SHA-256 is the key id and it
         *     chains to the network root for that office, the response signature verifies bound to
         *     the request this node signed, at the time the answer arrived, and the bodies match
         *     their Content-Digest (docs/dossiers.md "Kept answers"). `verified` is true when every
         *     answered round passes; each failure names its code.
         */
        get: operations["verifyDossierSearch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audit/entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Audit log entries, oldest first, with filters. */
        get: operations["listAuditEntries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audit/proofs/inclusion": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The inclusion proof of one entry in the tree of a checkpoint (RFC 9162 §2.1.3).
         * @description With the checkpoint (`getAuditCheckpoint`), the log's verifier key (`logKey` of this
         *     office in `listOffices`, from the signed directory) and the entry's text, anyone — the
         *     auditor's browser included — checks that the entry is in the log the checkpoint signs.
         */
        get: operations["getAuditInclusionProof"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audit/bundle": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The offline audit bundle of the whole log, as a ZIP (docs/auditing.md).
         * @description What `ipex audit export` writes — a fresh checkpoint, every entry it covers, the log's
         *     verifier key and the certificates — zipped; check it anywhere with `ipex audit verify`.
         */
        get: operations["getAuditBundle"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audit/checkpoint": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest signed checkpoint of the node's log (C2SP tlog-checkpoint signed note). */
        get: operations["getAuditCheckpoint"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Which office this node serves, its version and directory. */
        get: operations["getStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Alerts to staff, newest first.
         * @description Faults that need a person: `storage.full` (the data folder's disk is full; writes are
         *     answered 507 `STORAGE_FULL` until space is freed) and `part.damaged` (a stored part no
         *     longer matches the digest it was certified with; restore it from a backup), and before
         *     expiry `certificate.expiring` and `directory.expiring` (a certificate of the node or the
         *     installed directory is near its expiry: `alerts.certificateExpiryDays`, `alerts.directoryExpiryDays`). One open alert
         *     per kind and subject: a fault that repeats raises `occurrences` and `lastSeenAt`. An alert
         *     raised while the disk is full is written once it can be (docs/operations.md).
         */
        get: operations["listAlerts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/alerts/{alertId}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark an alert as seen to; a later fault of the same kind and subject opens a new one.
         * @description Logged in the audit log (`admin.alert-acknowledged`). Acknowledging twice changes nothing.
         */
        post: operations["acknowledgeAlert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The process is up (liveness); no check of its parts, no authentication.
         * @description For a supervisor's liveness probe. Not written to the request log. The answer carries no
         *     secret and no path (docs/operations.md "Health and readiness").
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether the node can work now (readiness), and which check fails when it cannot.
         * @description Checks, in order: `database` (it answers), `blobs` (the blob store takes and gives back a
         *     few bytes), `directory` (installed and not expired), `keys` (the TLS, signing and log
         *     keys sign a probe their certificates verify, and the certificates are valid now). 200
         *     when all pass, 503 when any fails, with the same body naming it. A check's `detail` is a short reason or an error
         *     code, never a secret or a path. No authentication; a result is reused for one second, and
         *     concurrent callers share one run. Not written to the request log.
         */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics of the node (text exposition format 0.0.4).
         * @description Requests by operation and status, latency histograms of both listeners, retrieval jobs by
         *     state, audit log size and checkpoint age, witness cosignatures, outbox depth, storage use
         *     and free space, certificate and directory expiry in days (docs/operations.md "Metrics").
         *     Served here for a staff token of the `auditor` or `admin` role; when `metrics.port` is
         *     set it is served without a token on that loopback port instead, and this path answers
         *     404, as it does when `metrics.enabled` is false.
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/outbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Messages of the outbox, newest first (by default the dead letters).
         * @description Every e-mail, webhook and peer notification is a row of the outbox, written in the same
         *     transaction as the event it reports and sent by the node's outbox worker with retries
         *     (docs/notifications.md). A message that could not be delivered after
         *     `notifications.outbox.maxAttempts` attempts, or that its receiver refused for good, is a
         *     dead letter (`state=dead`) until it is retried. Neither the payload nor any e-mail address
         *     is shown: an applicant is named `applicant:<documentId>`.
         */
        get: operations["listOutbox"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/outbox/{messageId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a dead letter again.
         * @description The message is queued again, due at once, with its attempts counted from zero. Logged in
         *     the audit log (`admin.outbox-retried`). Only a dead letter can be retried
         *     (`409 OUTBOX_NOT_DEAD`).
         */
        post: operations["retryOutboxMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tracked-files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The applications this office tracks at peers, and their state.
         * @description Oldest first, cancelled ones too (with who cancelled them); docs/tracked-files.md.
         */
        get: operations["listTrackedFiles"];
        put?: never;
        /**
         * Track an application at a peer office.
         * @description The node asks the peer (`POST /exchange/v1/subscriptions`, signed) and keeps the
         *     subscription under the peer's id. From then on the peer notifies this node, signed, of
         *     each new dossier document or version of the application; this node fetches it with a
         *     retrieval job and raises a `dossier.updated` staff alert. Idempotent: an application
         *     tracked already returns its subscription. A peer that cannot be reached is
         *     `PEER_UNREACHABLE` and nothing is kept. Logged as `tracking.subscribed`.
         */
        post: operations["trackFile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tracked-files/{subscriptionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Stop tracking an application at a peer.
         * @description Cancelled here at once (notifications for it are refused from now on, `410
         *     SUBSCRIPTION_CANCELLED`); the peer is told through the outbox (`DELETE
         *     /exchange/v1/subscriptions/{id}`, retried while it is down). Idempotent. Logged as
         *     `tracking.cancelled`.
         */
        delete: operations["untrackFile"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/file-subscribers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The peer offices that track this office's applications.
         * @description Oldest first, cancelled ones too (docs/tracked-files.md).
         */
        get: operations["listFileSubscribers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/file-subscribers/{subscriptionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * End a peer's subscription to one of this office's applications.
         * @description Cancelled here at once (nothing more is queued for it, and its queued notifications are
         *     cancelled); the peer is told by a signed `subscription.cancelled` notification through
         *     the outbox. Idempotent. Logged as `tracking.cancelled`.
         */
        delete: operations["dropFileSubscriber"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The staff tokens of this office, revoked ones included (never their values). */
        get: operations["listStaffTokens"];
        put?: never;
        /**
         * Make a staff token with a role and a label; the token is in this answer only.
         * @description The same as `ipex token create`: only the SHA-256 of the token is kept, so the answer
         *     (`Cache-Control: no-store`) is the one time it exists in clear. Logged as
         *     `admin.token-created` with the administrator who made it.
         */
        post: operations["createStaffToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff-tokens/{tokenId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a staff token at once; the sessions signed in with it end.
         * @description The same as `ipex token revoke`. Revoking a token that is already revoked, or that does not
         *     exist, is `404 NOT_FOUND`, so that a wrong number is noticed. Logged as `admin.token-revoked`.
         */
        post: operations["revokeStaffToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/peers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The other offices of the directory and when this node last had contact with each.
         * @description `lastInboundAt`: the last request from the office that passed authentication (mutual TLS
         *     and message signature). `lastOutboundAt`: the last answer the office gave to a request of
         *     this node (any HTTP status), with that status. `lastFailureAt`: the last request of this
         *     node that got no answer (unreachable, timeout), with its code. Each is written at most
         *     once a minute per office (docs/portal.md "Administrator"), so it may be up to a minute old;
         *     absent when there has been no such contact since the node recorded it.
         */
        get: operations["listPeers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/witnesses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who witnesses this office's log and what they last cosigned; the logs this node witnesses, and any inconsistency found. */
        get: operations["getWitnessStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The webhook endpoints of this office (never their secrets). */
        get: operations["listWebhooks"];
        put?: never;
        /**
         * Register a URL that receives the events it names, signed (Standard Webhooks).
         * @description The answer holds the endpoint's signing secret (`whsec_…`) - this once only. Each event is
         *     POSTed as JSON with the headers `webhook-id` (the event's id, the same on every retry),
         *     `webhook-timestamp` and `webhook-signature` (`v1,` + base64 HMAC-SHA256 of
         *     `id.timestamp.body` with the secret); the event types and their bodies are the `webhooks`
         *     of this document (docs/notifications.md). The URL is https, or http on loopback only.
         *     Logged as `admin.webhook-added`.
         */
        post: operations["addWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/{webhookId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Stop sending events to an endpoint; its queued messages are cancelled.
         * @description Logged as `admin.webhook-removed`.
         */
        delete: operations["removeWebhook"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = {
    "document.deposited": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A document or a new version of it was deposited and certified. */
        post: operations["eventDocumentDeposited"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "document.available": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A document reached its availability date (sent at that time). */
        post: operations["eventDocumentAvailable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "document.retrieved": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A peer office retrieved a priority document with the right access code. */
        post: operations["eventDocumentRetrieved"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "document.retrieval_pending": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A peer office asked for a priority document before its availability date. */
        post: operations["eventDocumentRetrievalPending"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "document.retrieval_refused": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A peer office was refused a priority document (wrong access code, office not allowed, locked out). */
        post: operations["eventDocumentRetrievalRefused"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "document.access_code_regenerated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new access code was issued for a priority document; the old one stopped working. */
        post: operations["eventDocumentAccessCodeRegenerated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "receipt.received": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A peer office confirmed with its signed receipt what it retrieved. */
        post: operations["eventReceiptReceived"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "staff.alert": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new staff alert was raised (a full disk, a damaged part, a failed retrieval job, a witness that saw an inconsistent checkpoint, a peer unreachable for long, a dead letter). */
        post: operations["eventStaffAlert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type components = {
    schemas: {
        /** @description RFC 9457 problem details with the ipex extensions `code`, `dasStatus` and `errors`. */
        Problem: {
            /** Format: uri-reference */
            type: string;
            title: string;
            status: number;
            detail?: string;
            /** Format: uri-reference */
            instance?: string;
            code: string;
            dasStatus?: string;
            errors?: {
                path: string;
                message: string;
            }[];
        };
        /** @description Two-letter office code of WIPO Standard ST.3. */
        OfficeCode: string;
        /** @description Application number, normalised (letters and digits only; see WIPO ST.13 and docs/access-codes.md "Application numbers"). At most 32 characters, the limit of the exchange API and the manifest too. */
        ApplicationNumberText: string;
        /**
         * @description Application number as printed, for example `EP 23 123 456.8`, `18/123,456` or `PCT/IB2023/050123`; the node normalises it (WIPO ST.13: no office prefix, no separators, the check digit apart in `applicationNumberCheckDigit`) and answers with the normalised form. At most 64 characters as printed, 32 letters and digits once normalised. A prefix of another office is refused (`APPLICATION_NUMBER_OFFICE_MISMATCH`), and so is a check digit that the office's published algorithm refutes (`CHECK_DIGIT_MISMATCH`; docs/access-codes.md "Check digits").
         * @example EP 23 123 456.8
         */
        ApplicationNumberInput: string;
        /** Format: date */
        FilingDate: string;
        /** Format: date-time */
        DateTime: string;
        /** @enum {string} */
        IpRightType: "patent" | "utilityModel" | "industrialDesign" | "trademark";
        /**
         * @description `searchCopy`: a PCT search copy, retrievable only by the searching authority it names (docs/depositing.md "Search copies").
         * @enum {string}
         */
        DocumentKind: "priorityDocument" | "searchReport" | "examinationReport" | "writtenOpinion" | "officeAction" | "searchCopy";
        /**
         * @description `pending` until `availableFrom`; `withdrawn` after withdrawal.
         * @enum {string}
         */
        DocumentState: "available" | "pending" | "withdrawn";
        /** @enum {string} */
        Outcome: "success" | "pending" | "refused" | "locked" | "error";
        /** @description An audit event type such as `deposit.committed` or `access-code.issued` (docs/audit-formats.md §10). */
        EventType: string;
        /**
         * @description How an audited event ended (docs/audit-formats.md §10).
         * @enum {string}
         */
        AuditOutcome: "ok" | "refused" | "failed" | "pending";
        PatentFamilyId: string;
        /** @description An opaque identifier chosen by the node. */
        Identifier: string;
        /** @description A part's safe file name: its name in the certified-copy bundle and in exchange URLs (ASCII letters, digits and `. _ -`, not starting with a dot). */
        PartName: string;
        /** @description The name a part was deposited under when it is not a safe file name (Unicode NFC, a file name without path separators); the safe `name` is derived from it. */
        OriginalPartName: string;
        /** @description A part's file name as given on upload: a safe `PartName`, or any file name of up to 255 characters without `/` or `\`, from which the node derives the safe name. */
        PartNameInput: string;
        MediaType: string;
        Sha256Hex: string;
        Binary: string;
        Size: number;
        PartSummary: {
            name: components["schemas"]["PartName"];
            originalName?: components["schemas"]["OriginalPartName"];
            mediaType: components["schemas"]["MediaType"];
            size: components["schemas"]["Size"];
            sha256: components["schemas"]["Sha256Hex"];
        };
        SearchText: string;
        /** @description A staff token, or the applicant key of a priority document. */
        SignInRequest: {
            staffToken: string;
        } | {
            applicantKey: string;
        };
        AddDocumentRequest: {
            applicantKey: string;
        };
        Session: {
            /** @enum {string} */
            kind: "staff" | "applicant";
            /**
             * @description The staff token's role (staff sessions).
             * @enum {string}
             */
            role?: "clerk" | "examiner" | "auditor" | "admin";
            /** @description The staff token's label (staff sessions). */
            label?: string;
            /** @description The documents an applicant session may act on. */
            documents?: components["schemas"]["Identifier"][];
            /** @description Send as `X-CSRF-Token` with every request other than GET or HEAD. */
            csrfToken: string;
            expiresAt: components["schemas"]["DateTime"];
            /** @description The session also ends after this long unused. */
            idleMinutes: number;
        };
        DirectoryEntry: {
            code: components["schemas"]["OfficeCode"];
            name: string;
            /** @enum {string} */
            status: "active" | "suspended" | "revoked";
            roles: ("depositing" | "accessing")[];
            /** @description The C2SP verifier key of the office's audit log (`name+hash+base64`), which signs its checkpoints. */
            logKey?: string;
        };
        OfficeList: {
            items: components["schemas"]["DirectoryEntry"][];
            directorySerial: number;
            expiresAt: components["schemas"]["DateTime"];
            /** @description The network's name, as the signed directory gives it. */
            network?: string;
            issuedAt?: components["schemas"]["DateTime"];
        };
        ApplicantAlert: {
            /** @enum {string} */
            kind: "access-locked";
            office: components["schemas"]["OfficeCode"];
            createdAt: components["schemas"]["DateTime"];
            lockedUntil: components["schemas"]["DateTime"];
            logIndex: number;
        };
        AlertList: {
            items: components["schemas"]["ApplicantAlert"][];
        };
        /** @description An ST.96-style name; a person (last and first name) or an organisation. */
        PersonName: {
            lastName?: string;
            firstName?: string;
            organizationName?: string;
        };
        /** @description ST.96-style bibliographic data. `filingDate` may not be after today in every time zone (a date later than today's date in UTC+14 is refused). Text members (`inventionTitle`, the names of `applicantName`) are normalised to Unicode NFC and may not hold control characters or bidirectional embeddings, overrides or isolates (docs/depositing.md "Text"); such input is refused with `BIBLIOGRAPHIC_INVALID`. */
        BibliographicData: {
            ipOfficeCode: components["schemas"]["OfficeCode"];
            applicationNumberText: components["schemas"]["ApplicationNumberInput"];
            /** @description The check digit printed after the number (`EP 23 123 456.8` → `8`). The node fills it from `applicationNumberText`; when both are given they must agree. Checked where the office's algorithm is known (EP, CN), kept unchecked elsewhere. */
            applicationNumberCheckDigit?: string;
            filingDate: components["schemas"]["FilingDate"];
            ipRightType: components["schemas"]["IpRightType"];
            applicantName?: components["schemas"]["PersonName"][];
            inventionTitle?: string;
            patentFamilyId?: components["schemas"]["PatentFamilyId"];
            priorityClaimBag?: components["schemas"]["PriorityClaimBag"];
            referenceCitationBag?: components["schemas"]["ReferenceCitationBag"];
            /** @description Required for a `searchCopy`, refused on every other kind: the ST.3 code of the searching authority the copy is for, an office of the signed directory other than this one. Only that office may retrieve the copy (docs/depositing.md "Search copies"). */
            searchingAuthority?: components["schemas"]["OfficeCode"];
        };
        /** @description The documents a search or examination report cites (WIPO ST.96 `ReferenceCitationBag`; docs/depositing.md "Citations"). Not on a priority document (`CITATION_INVALID`). */
        ReferenceCitationBag: {
            referenceCitation: components["schemas"]["ReferenceCitation"][];
        };
        /** @description One cited document, a patent document or non-patent literature, with the passages cited and their ST.14 categories. */
        ReferenceCitation: {
            patentCitation?: components["schemas"]["PatentCitation"];
            nplCitation?: components["schemas"]["NplCitation"];
            citedPassage: components["schemas"]["CitedPassage"][];
        } & (unknown | unknown);
        /** @description The cited patent document (ST.96 `PatentCitation` / `CitedPatentDocumentIdentification`). */
        PatentCitation: {
            ipOfficeCode: components["schemas"]["OfficeCode"];
            /** @description The publication number; separators (space , . / -) are dropped and letters capitalised. */
            documentNumber: string;
            /** @description WIPO ST.16 kind code, a letter and an optional digit (A, A1, B2, U). */
            patentDocumentKindCode: string;
            /** Format: date */
            patentDocumentDate?: string;
        };
        /** @description Cited non-patent literature (ST.96 `NPLCitation`). */
        NplCitation: {
            /** @description The bibliographic reference as text (authors, title, journal, year, pages). */
            nplCitationText: string;
            /** @description A DOI, `10.<registrant>/<suffix>` (`doi:` and `https://doi.org/` in front are dropped). */
            doi?: string;
            /** @description An http(s) address of the literature. */
            webUri?: string;
        };
        /** @description A cited passage, its relevance as WIPO ST.14 categories, and the claims it concerns. */
        CitedPassage: {
            /** @description The passage as a report prints it: "column 3, line 66 - column 6, line 35; figure 2". */
            passageRangeText?: string;
            citationCategoryCode: components["schemas"]["CitationCategoryCode"][];
            patentClaimRange?: {
                patentClaimStartNumber: number;
                patentClaimEndNumber: number;
            }[];
        };
        /**
         * @description WIPO ST.14 category of a cited document: X particularly relevant if taken alone; Y particularly relevant if combined with another document of the same category; A general state of the art; O non-written disclosure; P intermediate document; T theory or principle underlying the invention; E earlier patent document published on or after the filing date; D document cited in the application; L document cited for other reasons; & member of the same patent family.
         * @enum {string}
         */
        CitationCategoryCode: "X" | "Y" | "A" | "O" | "P" | "T" | "E" | "D" | "L" | "&";
        /** @description The priorities the application claims (WIPO ST.96 `PriorityClaimBag`). Each claim is checked as the application's own number and date are: an ST.3 office, a number that normalises under ST.13 for that office, a real date neither in the future nor after the application's `filingDate`; the same application twice, or the application itself, is refused (`PRIORITY_CLAIM_INVALID`, naming the claim; docs/depositing.md "Priority claims"). Numbers are answered normalised. */
        PriorityClaimBag: {
            priorityClaim: components["schemas"]["PriorityClaim"][];
        };
        /** @description One claim to the priority of an earlier application (WIPO ST.96 `PriorityClaim`). */
        PriorityClaim: {
            ipOfficeCode: components["schemas"]["OfficeCode"];
            applicationNumberText: components["schemas"]["ApplicationNumberInput"];
            /** @description The check digit of the claimed number, as for the application's own. */
            applicationNumberCheckDigit?: string;
            filingDate: components["schemas"]["FilingDate"];
        };
        DepositRequest: {
            documentKind: components["schemas"]["DocumentKind"];
            bibliographicData: components["schemas"]["BibliographicData"];
            availableFrom?: components["schemas"]["DateTime"];
            supersedes?: components["schemas"]["Identifier"];
        };
        DepositDraft: {
            depositId: components["schemas"]["Identifier"];
            /** @constant */
            state: "draft";
            /** @description URL template; replace `{partName}` and add `?mediaType=`. */
            uploadUrl: string;
            /** Format: uri-reference */
            commitUrl: string;
            parts?: components["schemas"]["PartSummary"][];
        };
        DocumentVersion: {
            version: number;
            depositedAt: components["schemas"]["DateTime"];
            parts: components["schemas"]["PartSummary"][];
        };
        Document: {
            documentId: components["schemas"]["Identifier"];
            version: number;
            documentKind: components["schemas"]["DocumentKind"];
            state: components["schemas"]["DocumentState"];
            bibliographicData: components["schemas"]["BibliographicData"];
            availableFrom?: components["schemas"]["DateTime"];
            depositedAt: components["schemas"]["DateTime"];
            withdrawnAt?: components["schemas"]["DateTime"];
            supersedes?: components["schemas"]["Identifier"];
            parts: components["schemas"]["PartSummary"][];
            versions?: components["schemas"]["DocumentVersion"][];
        };
        /** @description The certified document; `accessCode` and `applicantKey` appear once only. */
        CommittedDocument: components["schemas"]["Document"] & {
            /** @description The applicant's access code as printed (groups separated by `-`). */
            accessCode?: string;
            /** @description Bearer key for the applicant's part of this API, scoped to this document. */
            applicantKey?: string;
        };
        DocumentPage: {
            items: components["schemas"]["Document"][];
            nextCursor?: string;
        };
        WithdrawRequest: {
            reason?: string;
        };
        /** @description Either a list of offices, or any participating office. */
        AccessPolicy: {
            allowedOffices: components["schemas"]["OfficeCode"][];
        } | {
            /** @constant */
            anyParticipatingOffice: true;
        };
        AccessLock: {
            office: components["schemas"]["OfficeCode"];
            until: components["schemas"]["DateTime"];
        };
        AccessState: {
            policy: components["schemas"]["AccessPolicy"];
            /** @description Offices locked out after repeated failed attempts, and until when. */
            lockedOffices: components["schemas"]["AccessLock"][];
            /** @enum {string} */
            codeFormat?: "crockford" | "das-hex";
            codeIssuedAt?: components["schemas"]["DateTime"];
        };
        IssuedAccessCode: {
            accessCode: string;
            /** @enum {string} */
            format: "crockford" | "das-hex";
            issuedAt: components["schemas"]["DateTime"];
        };
        RetrievalAttempt: {
            office: components["schemas"]["OfficeCode"];
            time: components["schemas"]["DateTime"];
            outcome: components["schemas"]["Outcome"];
            version?: number;
            retrievalId?: components["schemas"]["Identifier"];
            logIndex?: number;
            /** @description Present once the accessing office confirmed the retrieval. */
            receipt?: {
                receivedAt: components["schemas"]["DateTime"];
                logIndex?: number;
            };
        };
        HistoryPage: {
            items: components["schemas"]["RetrievalAttempt"][];
            nextCursor?: string;
        };
        /** @description The citations of one document version, as certified. */
        DocumentCitations: {
            documentId: components["schemas"]["Identifier"];
            version: number;
            ipOfficeCode: components["schemas"]["OfficeCode"];
            applicationNumberText: components["schemas"]["ApplicationNumberText"];
            /** @description The certified bag; `referenceCitation` is empty for a document without citations. */
            referenceCitationBag: {
                referenceCitation: components["schemas"]["ReferenceCitation"][];
            };
        };
        /** @description An office code and a number as printed, `EP 23 123 456.8` (`PCT/IB2023/050123` is a WO number). */
        ApplicationQuery: string;
        SearchPriorityClaim: {
            ipOfficeCode: components["schemas"]["OfficeCode"];
            applicationNumberText: components["schemas"]["ApplicationNumberText"];
            applicationNumberCheckDigit?: string;
            filingDate: components["schemas"]["FilingDate"];
        };
        /** @description A dossier document as the office that holds it listed it (openapi/exchange.yaml `DossierDocument`). */
        DossierDocument: {
            documentId: components["schemas"]["Identifier"];
            version: number;
            documentKind: components["schemas"]["DocumentKind"];
            ipOfficeCode: components["schemas"]["OfficeCode"];
            applicationNumberText: components["schemas"]["ApplicationNumberText"];
            patentFamilyId?: components["schemas"]["PatentFamilyId"];
            filingDate?: components["schemas"]["FilingDate"];
            ipRightType?: components["schemas"]["IpRightType"];
            priorityClaimBag?: {
                priorityClaim: components["schemas"]["SearchPriorityClaim"][];
            };
            referenceCitationBag?: components["schemas"]["ReferenceCitationBag"];
            depositedAt?: components["schemas"]["DateTime"];
            parts: components["schemas"]["PartSummary"][];
        };
        /**
         * @description What a peer did with a round: `answered` (a signed answer that verified), `timeout` (none within `federation.peerTimeoutMs`), `unreachable` (no connection), `refused` (a problem, with its code), `invalid` (an answer that failed verification, with the code).
         * @enum {string}
         */
        SearchOutcome: "answered" | "timeout" | "unreachable" | "refused" | "invalid";
        DossierSearchPeer: {
            ipOfficeCode: components["schemas"]["OfficeCode"];
            outcome: components["schemas"]["SearchOutcome"];
            code?: string;
            detail?: string;
            elapsedMs: number;
            answers: {
                round: number;
                outcome: components["schemas"]["SearchOutcome"];
                code?: string;
                elapsedMs: number;
                documents: number;
            }[];
        };
        DossierSearchApplication: {
            applicationNumberText: components["schemas"]["ApplicationNumberText"];
            filingDate?: components["schemas"]["FilingDate"];
            ipRightType?: components["schemas"]["IpRightType"];
            patentFamilyIds: components["schemas"]["PatentFamilyId"][];
            priorityClaimBag?: {
                priorityClaim: components["schemas"]["SearchPriorityClaim"][];
            };
            documents: components["schemas"]["DossierDocument"][];
        };
        DossierSearch: {
            searchId: components["schemas"]["Identifier"];
            query: {
                application?: string;
                priority?: string;
                family?: components["schemas"]["PatentFamilyId"];
            };
            startedAt: components["schemas"]["DateTime"];
            finishedAt: components["schemas"]["DateTime"];
            rounds: number;
            /** @description False when the rounds ran out with applications or families not yet asked about. */
            complete: boolean;
            /** @description Every active peer of the directory, with its outcome. */
            peers: components["schemas"]["DossierSearchPeer"][];
            /** @description The documents found, by office (this office's own included) and application. */
            offices: {
                ipOfficeCode: components["schemas"]["OfficeCode"];
                applications: components["schemas"]["DossierSearchApplication"][];
            }[];
        };
        DossierSearchVerification: {
            searchId: components["schemas"]["Identifier"];
            checkedAt: components["schemas"]["DateTime"];
            verified: boolean;
            answers: {
                ipOfficeCode: components["schemas"]["OfficeCode"];
                round: number;
                /** @enum {string} */
                result: "verified" | "failed" | "not-answered";
                outcome: components["schemas"]["SearchOutcome"];
                code?: string;
                detail?: string;
                keyId?: components["schemas"]["Sha256Hex"];
                receivedAt: components["schemas"]["DateTime"];
            }[];
        };
        RetrievalJobRequest: {
            ipOfficeCode: components["schemas"]["OfficeCode"];
            applicationNumberText: components["schemas"]["ApplicationNumberInput"];
            filingDate: components["schemas"]["FilingDate"];
            ipRightType: components["schemas"]["IpRightType"];
            accessCode?: string;
            documentKind?: components["schemas"]["DocumentKind"];
            /** @description For a search or examination document (`documentKind` other than `priorityDocument`): this very document, as a dossier search listed it, instead of the newest of its kind for the application (issue 12, docs/dossiers.md). */
            documentId?: components["schemas"]["Identifier"];
        };
        RetrievalJobAccepted: {
            jobId: components["schemas"]["Identifier"];
        };
        RetrievalJob: {
            jobId: components["schemas"]["Identifier"];
            /** @enum {string} */
            state: "queued" | "pending" | "downloading" | "verifying" | "done" | "failed";
            ipOfficeCode?: components["schemas"]["OfficeCode"];
            applicationNumberText?: components["schemas"]["ApplicationNumberText"];
            documentKind?: components["schemas"]["DocumentKind"];
            createdAt: components["schemas"]["DateTime"];
            updatedAt: components["schemas"]["DateTime"];
            availableFrom?: components["schemas"]["DateTime"];
            copyId?: components["schemas"]["Identifier"];
            /** @description Bytes of the document's parts received so far, once the peer has said which parts it has. */
            progress?: {
                receivedBytes: number;
                totalBytes: number;
            };
            error?: components["schemas"]["Problem"];
        };
        AccessLetterRequest: {
            accessCode: string;
            applicantKey?: string;
            /** @enum {string} */
            language?: "en" | "fr" | "es" | "ar" | "zh" | "ru";
            /**
             * Format: uri
             * @description The portal's address as the reader's browser sees it, printed on the letter.
             */
            portalUrl?: string;
        };
        AuditInclusionProof: {
            leafIndex: number;
            treeSize: number;
            hashes: string[];
        };
        RetrievalJobPage: {
            items: components["schemas"]["RetrievalJob"][];
            nextCursor?: string;
        };
        CopyVerification: {
            copyId: components["schemas"]["Identifier"];
            ok: boolean;
            checkedAt: components["schemas"]["DateTime"];
            checks: {
                /**
                 * @description `manifest`: the manifest's signature and its signer's certificate path to the
                 *     network root; `chain`: chain.pem is the manifest's certificates; `part-digest`:
                 *     a part's size and SHA-256 match the manifest; `part-signature`: a part's
                 *     detached CMS signature; `layout`: nothing missing or extra; `receipt`: the
                 *     receipt reached the depositing office; `log-proof`: the depositing office's
                 *     signed log holds this node's retrieval.
                 * @enum {string}
                 */
                check: "manifest" | "chain" | "part-digest" | "part-signature" | "layout" | "receipt" | "log-proof";
                /** @description The file of the bundle, or the office, the check is about. */
                where: string;
                ok: boolean;
                code?: string;
                message?: string;
                detail?: {
                    sentAt?: components["schemas"]["DateTime"];
                    logIndex?: number;
                    treeSize?: number;
                };
            }[];
        };
        PeerDossier: {
            office: components["schemas"]["OfficeCode"];
            applicationNumberText: components["schemas"]["ApplicationNumberText"];
            documents: components["schemas"]["PeerDocument"][];
        };
        /** @description The search copies a receiving office deposited for this office (docs/depositing.md "Search copies"). */
        PeerSearchCopies: {
            office: components["schemas"]["OfficeCode"];
            documents: components["schemas"]["PeerDocument"][];
        };
        PeerDocument: {
            documentId: components["schemas"]["Identifier"];
            version: number;
            documentKind: components["schemas"]["DocumentKind"];
            ipOfficeCode: components["schemas"]["OfficeCode"];
            applicationNumberText: components["schemas"]["ApplicationNumberText"];
            depositedAt?: components["schemas"]["DateTime"];
            parts: components["schemas"]["PartSummary"][];
        };
        Copy: {
            copyId: components["schemas"]["Identifier"];
            sourceOffice: components["schemas"]["OfficeCode"];
            documentId: components["schemas"]["Identifier"];
            version: number;
            documentKind: components["schemas"]["DocumentKind"];
            bibliographicData: components["schemas"]["BibliographicData"];
            retrievedAt: components["schemas"]["DateTime"];
            /** @description The manifest, chain and every part signature were verified against the network root. */
            verified: boolean;
            receiptSent?: boolean;
            parts: components["schemas"]["PartSummary"][];
        };
        CopyPage: {
            items: components["schemas"]["Copy"][];
            nextCursor?: string;
        };
        AuditEntry: {
            index: number;
            time: components["schemas"]["DateTime"];
            eventType: components["schemas"]["EventType"];
            office?: components["schemas"]["OfficeCode"];
            documentId?: components["schemas"]["Identifier"];
            outcome?: components["schemas"]["AuditOutcome"];
            /** @description The entry's exact JSON text, the leaf data of the Merkle tree. */
            entry?: string;
        };
        AuditPage: {
            items: components["schemas"]["AuditEntry"][];
            nextCursor?: string;
        };
        Health: {
            /** @enum {string} */
            status: "ok";
            /** @description The ipex release (as `ipex --version` prints it). */
            version: string;
        };
        Readiness: {
            /** @enum {string} */
            status: "ready" | "not-ready";
            version: string;
            checks: components["schemas"]["ReadinessCheck"][];
        };
        ReadinessCheck: {
            /** @enum {string} */
            name: "database" | "blobs" | "directory" | "keys" | "exchange";
            ok: boolean;
            /** @description Why it failed; a short reason or an error code, never a secret or a path. */
            detail?: string;
        };
        NodeStatus: {
            office: components["schemas"]["OfficeCode"];
            version: string;
            time: components["schemas"]["DateTime"];
            directorySerial?: number;
        };
        Alert: {
            id: number;
            /** @description `storage.full`, `part.damaged`, `certificate.expiring` or `directory.expiring`; more kinds may come. */
            kind: string;
            /** @description What the alert is about (a folder, a blob digest); the key of deduplication. */
            subject: string;
            /** @description What happened and what to do. */
            detail: string;
            createdAt: components["schemas"]["DateTime"];
            lastSeenAt: components["schemas"]["DateTime"];
            occurrences: number;
            acknowledgedAt?: components["schemas"]["DateTime"];
            acknowledgedBy?: string;
        };
        AlertPage: {
            items: components["schemas"]["Alert"][];
        };
        OutboxMessage: {
            id: number;
            /** @description `email`, `webhook`, or another channel plugged into the outbox (`peer`). */
            channel: string;
            /** @description Whom, in the channel's terms - `applicant:<documentId>`, `staff:<address>`, `webhook:<endpointId>`, an office code. */
            recipient: string;
            /** @description The event's stable id; the idempotency id the receiver sees (`webhook-id`, the e-mail's Message-ID). */
            eventId: string;
            eventType: string;
            /** @enum {string} */
            state: "queued" | "sent" | "dead" | "cancelled";
            attempts: number;
            nextAttemptAt: components["schemas"]["DateTime"];
            /** @description Why the last attempt failed. */
            lastError?: string;
            createdAt: components["schemas"]["DateTime"];
            /** @description When it was sent, dead-lettered or cancelled. */
            sentAt?: components["schemas"]["DateTime"];
            /** @description True while a worker holds it (a send in flight). */
            sending?: boolean;
        };
        OutboxPage: {
            items: components["schemas"]["OutboxMessage"][];
            nextBefore?: number;
        };
        /** @enum {string} */
        WebhookEventType: "document.deposited" | "document.available" | "document.retrieved" | "document.retrieval_pending" | "document.retrieval_refused" | "document.access_code_regenerated" | "receipt.received" | "staff.alert";
        WebhookRequest: {
            /** Format: uri */
            url: string;
            events: components["schemas"]["WebhookEventType"][];
            description?: string;
        };
        Webhook: {
            id: number;
            url: string;
            events: components["schemas"]["WebhookEventType"][];
            description?: string;
            createdAt: components["schemas"]["DateTime"];
            removedAt?: components["schemas"]["DateTime"];
            removedWhy?: string;
        };
        /** @enum {string} */
        StaffTokenRole: "clerk" | "examiner" | "auditor" | "admin";
        StaffToken: {
            id: number;
            role: components["schemas"]["StaffTokenRole"];
            label: string;
            createdAt: components["schemas"]["DateTime"];
            revokedAt?: components["schemas"]["DateTime"];
        };
        StaffTokenList: {
            items: components["schemas"]["StaffToken"][];
        };
        StaffTokenRequest: {
            role: components["schemas"]["StaffTokenRole"];
            /** @description Who or what the token is for (a person, a script). */
            label: string;
        };
        StaffTokenCreated: components["schemas"]["StaffToken"] & {
            /** @description The bearer token; shown this once only. */
            token: string;
        };
        Peer: {
            code: components["schemas"]["OfficeCode"];
            name: string;
            /** @enum {string} */
            status: "active" | "suspended" | "revoked";
            roles: ("depositing" | "accessing")[];
            lastInboundAt?: components["schemas"]["DateTime"];
            lastOutboundAt?: components["schemas"]["DateTime"];
            lastOutboundStatus?: number;
            lastFailureAt?: components["schemas"]["DateTime"];
            lastFailureCode?: string;
        };
        PeerList: {
            items: components["schemas"]["Peer"][];
        };
        WitnessStatus: {
            /** @description This node's newest signed checkpoint. */
            checkpoint: {
                size: number;
                time: components["schemas"]["DateTime"];
            };
            /** @description The active offices of the directory that are asked to cosign this node's checkpoints. */
            witnesses: {
                code: components["schemas"]["OfficeCode"];
                name: string;
                /** @description The size of the newest of this node's checkpoints that the office cosigned; 0 when none. */
                cosignedSize: number;
                cosignedAt?: components["schemas"]["DateTime"];
            }[];
            /** @description The peers' logs this node cosigns, with the newest checkpoint it cosigned for each. */
            witnessed: {
                code: components["schemas"]["OfficeCode"];
                size: number;
                updatedAt: components["schemas"]["DateTime"];
            }[];
            /** @description Two checkpoints of a peer that could not be proven to belong to one append-only history (kept for ever as evidence), newest first. */
            inconsistencies: {
                code: components["schemas"]["OfficeCode"];
                detectedAt: components["schemas"]["DateTime"];
                reason: string;
            }[];
        };
        WebhookCreated: components["schemas"]["Webhook"] & {
            /** @description `whsec_` + base64 of 32 random bytes; shown this once. */
            secret: string;
        };
        RegistrationCertificate: {
            /** @description The compact JWS (header `{alg, typ "ipex-registration+json", x5c}`). */
            jws: string;
            /** @description The JWS payload, decoded (format `ipex-registration/1`). */
            certificate: {
                /** @constant */
                format: "ipex-registration/1";
                office: components["schemas"]["OfficeCode"];
                documentId: components["schemas"]["Identifier"];
                version: number;
                documentKind: components["schemas"]["DocumentKind"];
                applicationNumberText: components["schemas"]["ApplicationNumberText"];
                filingDate: components["schemas"]["FilingDate"];
                ipRightType: components["schemas"]["IpRightType"];
                depositedAt: components["schemas"]["DateTime"];
                issuedAt: components["schemas"]["DateTime"];
                manifestSha256: string;
                parts: {
                    name: components["schemas"]["PartName"];
                    size: components["schemas"]["Size"];
                    sha256: string;
                }[];
            };
        };
        TrackedFileRequest: {
            ipOfficeCode: components["schemas"]["OfficeCode"];
            applicationNumberText: components["schemas"]["ApplicationNumberInput"];
        };
        /** @description An application of a peer that this office tracks, under the peer's subscription id. */
        TrackedFile: {
            subscriptionId: components["schemas"]["Identifier"];
            ipOfficeCode: components["schemas"]["OfficeCode"];
            applicationNumberText: components["schemas"]["ApplicationNumberText"];
            /** @enum {string} */
            state: "active" | "cancelled";
            createdAt: components["schemas"]["DateTime"];
            cancelledAt?: components["schemas"]["DateTime"];
            /** @enum {string} */
            cancelledBy?: "subscriber" | "publisher";
            /** @description How many notifications arrived for it. */
            notifications: number;
            /** @description The retrieval job of the latest notification. */
            lastJobId?: string;
        };
        TrackedFileList: {
            items: components["schemas"]["TrackedFile"][];
        };
        /** @description A peer office tracking one of this office's applications. */
        FileSubscriber: {
            subscriptionId: components["schemas"]["Identifier"];
            office: components["schemas"]["OfficeCode"];
            applicationNumberText: components["schemas"]["ApplicationNumberText"];
            /** @enum {string} */
            state: "active" | "cancelled";
            createdAt: components["schemas"]["DateTime"];
            cancelledAt?: components["schemas"]["DateTime"];
            /** @enum {string} */
            cancelledBy?: "subscriber" | "publisher";
        };
        FileSubscriberList: {
            items: components["schemas"]["FileSubscriber"][];
        };
        WebhookList: {
            items: components["schemas"]["Webhook"][];
        };
        EventDocumentDeposited: {
            documentId: string;
            version: number;
            documentKind: components["schemas"]["DocumentKind"];
            applicationNumber: string;
            depositedAt: components["schemas"]["DateTime"];
            availableFrom?: components["schemas"]["DateTime"];
            /** @description The audit-log index of the `deposit.committed` entry. */
            logIndex: number;
            /** @description For a `searchCopy` only, the searching authority it is for (docs/depositing.md "Search copies"). */
            searchingAuthority?: components["schemas"]["OfficeCode"];
        };
        EventDocumentAvailable: {
            documentId: string;
            applicationNumber: string;
            availableFrom: components["schemas"]["DateTime"];
        };
        EventRetrieval: {
            documentId: string;
            applicationNumber: string;
            /** @description The ST.3 code of the office that asked. */
            office: string;
            version?: number;
            retrievalId?: string;
            /** @description For `document.retrieval_pending`, when the document becomes available. */
            availableFrom?: components["schemas"]["DateTime"];
            /** @description The audit-log index of the `retrieval.attempt` entry. */
            logIndex: number;
        };
        EventRetrievalRefused: {
            documentId: string;
            applicationNumber: string;
            office: string;
            /** @enum {string} */
            reason: "wrong-code" | "office-not-allowed" | "locked";
            /** @description Set when the office is locked out (this attempt locked it, or it was locked already). */
            lockedUntil?: components["schemas"]["DateTime"];
            logIndex: number;
        };
        EventAccessCodeRegenerated: {
            documentId: string;
            applicationNumber: string;
            logIndex: number;
        };
        EventReceipt: {
            documentId: string;
            version: number;
            office: string;
            retrievalId: string;
            receivedAt: components["schemas"]["DateTime"];
            logIndex: number;
        };
        EventStaffAlert: {
            alertId: number;
            /** @description One of the kinds of docs/operations.md "Staff alerts": `storage.full`, `storage.low`, `part.damaged`, `certificate.expiring`, `directory.expiring`, `outbox.dead-letter`, `retrieval.failed`, `witness.inconsistent`, `peer.unreachable`, `dossier.updated`, `tracking.cancelled`. */
            kind: string;
            subject: string;
            detail: string;
        };
        ApplicantContact: {
            email: string;
            /**
             * @default en
             * @enum {string}
             */
            language: "en" | "fr" | "es" | "ar" | "zh" | "ru";
        };
        ApplicantContactState: {
            email?: string;
            /** @enum {string} */
            language?: "en" | "fr" | "es" | "ar" | "zh" | "ru";
        };
    };
    responses: {
        /** @description An error (RFC 9457) with a stable `code` from `docs/errors.md`. */
        Problem: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /** @description The event's id, the same on every retry of it; drop a repeat by it. */
        WebhookId: string;
        /** @description This attempt's time, in seconds since 1970 (refuse one too far from your clock). */
        WebhookTimestamp: string;
        /** @description `v1,` + base64 of HMAC-SHA256(secret bytes, `webhook-id` `.` `webhook-timestamp` `.` body). */
        WebhookSignature: string;
        /**
         * @description A key your system makes for this one request (a UUID, or your filing's id and the step),
         *     sent again unchanged on every retry of it. Within 24 hours the same key with the same
         *     method, path and body gets the first successful answer again (`Idempotent-Replayed: true`)
         *     and does nothing more; with another request it is `IDEMPOTENCY_KEY_MISMATCH` (422), and
         *     while the first is still running `IDEMPOTENCY_KEY_IN_USE` (409). A refused request frees
         *     its key. Keys are per office (any staff token of it).
         */
        IdempotencyKey: string;
        DepositId: components["schemas"]["Identifier"];
        DocumentId: components["schemas"]["Identifier"];
        CopyId: components["schemas"]["Identifier"];
        PartName: components["schemas"]["PartNameInput"];
        /** @description `json` (the default) or `xml` (WIPO ST.96). */
        CitationFormat: "json" | "xml";
        SearchId: components["schemas"]["Identifier"];
        SubscriptionId: components["schemas"]["Identifier"];
        /** @description The `nextCursor` of the previous page. */
        Cursor: string;
        Limit: number;
    };
    requestBodies: never;
    headers: {
        /** @description `__Host-ipex-session=<id>; Path=/; HttpOnly; Secure; SameSite=Strict` (cleared with `Max-Age=0` on sign-out). */
        SetSessionCookie: string;
        /** @description `true` when this is the stored answer of an earlier request with the same `Idempotency-Key` (nothing was done again). */
        IdempotentReplayed: "true";
        /** @description The URL of the created resource. */
        Location: string;
    };
    pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
    createSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignInRequest"];
            };
        };
        responses: {
            /** @description Signed in. */
            201: {
                headers: {
                    "Set-Cookie": components["headers"]["SetSessionCookie"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            401: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    endSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out. */
            204: {
                headers: {
                    "Set-Cookie": components["headers"]["SetSessionCookie"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    addSessionDocument: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddDocumentRequest"];
            };
        };
        responses: {
            /** @description The session, now holding the document too. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    listOffices: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The offices, by code. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OfficeList"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    createDeposit: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key your system makes for this one request (a UUID, or your filing's id and the step),
                 *     sent again unchanged on every retry of it. Within 24 hours the same key with the same
                 *     method, path and body gets the first successful answer again (`Idempotent-Replayed: true`)
                 *     and does nothing more; with another request it is `IDEMPOTENCY_KEY_MISMATCH` (422), and
                 *     while the first is still running `IDEMPOTENCY_KEY_IN_USE` (409). A refused request frees
                 *     its key. Keys are per office (any staff token of it).
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DepositRequest"];
            };
        };
        responses: {
            /** @description The draft is open. */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DepositDraft"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getDeposit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                depositId: components["parameters"]["DepositId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The draft. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DepositDraft"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    uploadDepositPart: {
        parameters: {
            query: {
                /** @description The part's media type, for example `application/pdf` (the `/` may stay unencoded). */
                mediaType: components["schemas"]["MediaType"];
            };
            header?: never;
            path: {
                depositId: components["parameters"]["DepositId"];
                partName: components["parameters"]["PartName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/octet-stream": components["schemas"]["Binary"];
            };
        };
        responses: {
            /** @description The part is stored in the draft. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartSummary"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    commitDeposit: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key your system makes for this one request (a UUID, or your filing's id and the step),
                 *     sent again unchanged on every retry of it. Within 24 hours the same key with the same
                 *     method, path and body gets the first successful answer again (`Idempotent-Replayed: true`)
                 *     and does nothing more; with another request it is `IDEMPOTENCY_KEY_MISMATCH` (422), and
                 *     while the first is still running `IDEMPOTENCY_KEY_IN_USE` (409). A refused request frees
                 *     its key. Keys are per office (any staff token of it).
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                depositId: components["parameters"]["DepositId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The document version is certified. */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommittedDocument"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    listDocuments: {
        parameters: {
            query?: {
                applicationNumberText?: components["schemas"]["ApplicationNumberInput"];
                documentKind?: components["schemas"]["DocumentKind"];
                state?: components["schemas"]["DocumentState"];
                patentFamilyId?: components["schemas"]["PatentFamilyId"];
                depositedFrom?: components["schemas"]["DateTime"];
                depositedTo?: components["schemas"]["DateTime"];
                /** @description Part of an applicant's name (any script; case and compatibility forms ignored). */
                applicant?: components["schemas"]["SearchText"];
                /** @description Part of the title (any script; case and compatibility forms ignored). */
                title?: components["schemas"]["SearchText"];
                /** @description Filing date on or after this date. */
                filedFrom?: components["schemas"]["FilingDate"];
                /** @description Filing date on or before this date. */
                filedTo?: components["schemas"]["FilingDate"];
                /** @description The `nextCursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
                limit?: components["parameters"]["Limit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of documents. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentPage"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getDocument: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                documentId: components["parameters"]["DocumentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The document. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Document"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    withdrawDocument: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                documentId: components["parameters"]["DocumentId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["WithdrawRequest"];
            };
        };
        responses: {
            /** @description The document, now withdrawn. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Document"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getDocumentAccess: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                documentId: components["parameters"]["DocumentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The access policy. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccessState"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    setDocumentAccess: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                documentId: components["parameters"]["DocumentId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AccessPolicy"];
            };
        };
        responses: {
            /** @description The new access policy. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccessState"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    regenerateAccessCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                documentId: components["parameters"]["DocumentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new access code. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssuedAccessCode"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    createAccessLetter: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                documentId: components["parameters"]["DocumentId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AccessLetterRequest"];
            };
        };
        responses: {
            /** @description The letter, one A4 page. */
            200: {
                headers: {
                    /** @description `attachment; filename="access-letter-<office>-<number>.pdf"` */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": components["schemas"]["Binary"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getApplicantContact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                documentId: components["parameters"]["DocumentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The contact, or `{}` when none was given. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApplicantContactState"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    setApplicantContact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                documentId: components["parameters"]["DocumentId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApplicantContact"];
            };
        };
        responses: {
            /** @description The contact as kept. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApplicantContactState"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    removeApplicantContact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                documentId: components["parameters"]["DocumentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No contact any more. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApplicantContactState"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getDocumentHistory: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
                limit?: components["parameters"]["Limit"];
            };
            header?: never;
            path: {
                documentId: components["parameters"]["DocumentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of attempts, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HistoryPage"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getRegistrationCertificate: {
        parameters: {
            query?: {
                version?: number;
                format?: "json" | "pdf";
            };
            header?: never;
            path: {
                documentId: components["parameters"]["DocumentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The certificate. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegistrationCertificate"];
                    "application/pdf": components["schemas"]["Binary"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getDocumentAlerts: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                documentId: components["parameters"]["DocumentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The alerts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertList"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getDocumentLog: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
                limit?: components["parameters"]["Limit"];
            };
            header?: never;
            path: {
                documentId: components["parameters"]["DocumentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of entries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    listRetrievalJobs: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
                limit?: components["parameters"]["Limit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of jobs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RetrievalJobPage"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    createRetrievalJob: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RetrievalJobRequest"];
            };
        };
        responses: {
            /** @description The job is queued. */
            202: {
                headers: {
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RetrievalJobAccepted"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getRetrievalJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                jobId: components["schemas"]["Identifier"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RetrievalJob"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    listCopies: {
        parameters: {
            query?: {
                ipOfficeCode?: components["schemas"]["OfficeCode"];
                applicationNumberText?: components["schemas"]["ApplicationNumberInput"];
                documentKind?: components["schemas"]["DocumentKind"];
                /** @description The `nextCursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
                limit?: components["parameters"]["Limit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of copies. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CopyPage"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getCopy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                copyId: components["parameters"]["CopyId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The copy. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Copy"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    verifyCopy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                copyId: components["parameters"]["CopyId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every check with its outcome; `ok` only when all passed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CopyVerification"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getCopyPart: {
        parameters: {
            query?: {
                disposition?: "attachment" | "inline";
            };
            header?: never;
            path: {
                copyId: components["parameters"]["CopyId"];
                partName: components["schemas"]["PartName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The part's bytes, with its media type. */
            200: {
                headers: {
                    /** @description `attachment` or `inline`, with the part's name */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": components["schemas"]["Binary"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    listPeerDossier: {
        parameters: {
            query: {
                applicationNumberText: components["schemas"]["ApplicationNumberInput"];
            };
            header?: never;
            path: {
                officeCode: components["schemas"]["OfficeCode"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The documents the peer lists (possibly none). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PeerDossier"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getCopyBundle: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                copyId: components["parameters"]["CopyId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bundle (docs/design.md §5); verify it with `ipex verify` or `openssl cms -verify`. */
            200: {
                headers: {
                    /** @description `attachment; filename="<copyId>.zip"` */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/zip": components["schemas"]["Binary"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getDocumentCitations: {
        parameters: {
            query?: {
                /** @description `json` (the default) or `xml` (WIPO ST.96). */
                format?: components["parameters"]["CitationFormat"];
                version?: number;
            };
            header?: never;
            path: {
                documentId: components["parameters"]["DocumentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The citations. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentCitations"];
                    "application/xml": string;
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getCopyCitations: {
        parameters: {
            query?: {
                /** @description `json` (the default) or `xml` (WIPO ST.96). */
                format?: components["parameters"]["CitationFormat"];
            };
            header?: never;
            path: {
                copyId: components["parameters"]["CopyId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The citations. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentCitations"];
                    "application/xml": string;
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    listPeerSearchCopies: {
        parameters: {
            query?: {
                since?: components["schemas"]["DateTime"];
            };
            header?: never;
            path: {
                officeCode: components["schemas"]["OfficeCode"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The search copies listed by the peer. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PeerSearchCopies"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            502: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getDocumentSt96: {
        parameters: {
            query?: {
                version?: number;
            };
            header?: never;
            path: {
                documentId: components["parameters"]["DocumentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The ST.96 XML. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": string;
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getCopySt96: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                copyId: components["parameters"]["CopyId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The ST.96 XML. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": string;
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    searchDossiers: {
        parameters: {
            query?: {
                application?: components["schemas"]["ApplicationQuery"];
                priority?: components["schemas"]["ApplicationQuery"];
                family?: components["schemas"]["PatentFamilyId"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The search, as kept. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DossierSearch"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getDossierSearch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                searchId: components["parameters"]["SearchId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The search. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DossierSearch"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    verifyDossierSearch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                searchId: components["parameters"]["SearchId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The result of every check. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DossierSearchVerification"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    listAuditEntries: {
        parameters: {
            query?: {
                from?: components["schemas"]["DateTime"];
                to?: components["schemas"]["DateTime"];
                office?: components["schemas"]["OfficeCode"];
                documentId?: components["schemas"]["Identifier"];
                eventType?: components["schemas"]["EventType"];
                outcome?: components["schemas"]["AuditOutcome"];
                /** @description The `nextCursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
                limit?: components["parameters"]["Limit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of entries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getAuditInclusionProof: {
        parameters: {
            query: {
                index: number;
                treeSize: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The audit path, leaf side first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditInclusionProof"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getAuditBundle: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bundle. */
            200: {
                headers: {
                    /** @description `attachment; filename="audit-<office>-<size>.zip"` */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/zip": components["schemas"]["Binary"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getAuditCheckpoint: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The checkpoint note. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Node status. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NodeStatus"];
                };
            };
            401: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    listAlerts: {
        parameters: {
            query?: {
                /** @description `open` (not acknowledged yet) or `all`. */
                state?: "open" | "all";
                limit?: components["parameters"]["Limit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The alerts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertPage"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    acknowledgeAlert: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                alertId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The acknowledged alert. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Alert"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The node process answers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every check passed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
            /** @description At least one check failed; `checks` says which. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The metrics. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
        };
    };
    listOutbox: {
        parameters: {
            query?: {
                /** @description `dead` (default), `queued`, `sent`, `cancelled` or `all`. */
                state?: "dead" | "queued" | "sent" | "cancelled" | "all";
                /** @description Only messages with a smaller id (the `nextBefore` of the previous page). */
                before?: number;
                limit?: components["parameters"]["Limit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of messages. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OutboxPage"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    retryOutboxMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                messageId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The message, queued again. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OutboxMessage"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    listTrackedFiles: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tracked files. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrackedFileList"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    trackFile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TrackedFileRequest"];
            };
        };
        responses: {
            /** @description The subscription. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrackedFile"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            502: components["responses"]["Problem"];
            504: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    untrackFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                subscriptionId: components["parameters"]["SubscriptionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The cancelled tracked file. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrackedFile"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    listFileSubscribers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subscriptions of peers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FileSubscriberList"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    dropFileSubscriber: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                subscriptionId: components["parameters"]["SubscriptionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The cancelled subscription. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FileSubscriber"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    listStaffTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tokens, oldest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffTokenList"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    createStaffToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StaffTokenRequest"];
            };
        };
        responses: {
            /** @description The token, with its value. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffTokenCreated"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    revokeStaffToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tokenId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The revoked token. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffToken"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    listPeers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The peers, in the directory's order. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PeerList"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getWitnessStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The witness status. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WitnessStatus"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    listWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The live endpoints, oldest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookList"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    addWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookRequest"];
            };
        };
        responses: {
            /** @description The endpoint, with its secret. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookCreated"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    removeWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhookId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The removed endpoint. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    eventDocumentDeposited: {
        parameters: {
            query?: never;
            header: {
                /** @description The event's id, the same on every retry of it; drop a repeat by it. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description This attempt's time, in seconds since 1970 (refuse one too far from your clock). */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description `v1,` + base64 of HMAC-SHA256(secret bytes, `webhook-id` `.` `webhook-timestamp` `.` body). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @constant */
                    type: "document.deposited";
                    timestamp: components["schemas"]["DateTime"];
                    data: components["schemas"]["EventDocumentDeposited"];
                };
            };
        };
        responses: {
            /** @description Any 2xx answer means delivered; 410 disables the endpoint; 408, 429 and 5xx are tried again (Retry-After is honoured); any other answer is a failure for good. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    eventDocumentAvailable: {
        parameters: {
            query?: never;
            header: {
                /** @description The event's id, the same on every retry of it; drop a repeat by it. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description This attempt's time, in seconds since 1970 (refuse one too far from your clock). */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description `v1,` + base64 of HMAC-SHA256(secret bytes, `webhook-id` `.` `webhook-timestamp` `.` body). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @constant */
                    type: "document.available";
                    timestamp: components["schemas"]["DateTime"];
                    data: components["schemas"]["EventDocumentAvailable"];
                };
            };
        };
        responses: {
            /** @description Any 2xx answer means delivered; 410 disables the endpoint; 408, 429 and 5xx are tried again (Retry-After is honoured); any other answer is a failure for good. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    eventDocumentRetrieved: {
        parameters: {
            query?: never;
            header: {
                /** @description The event's id, the same on every retry of it; drop a repeat by it. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description This attempt's time, in seconds since 1970 (refuse one too far from your clock). */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description `v1,` + base64 of HMAC-SHA256(secret bytes, `webhook-id` `.` `webhook-timestamp` `.` body). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @constant */
                    type: "document.retrieved";
                    timestamp: components["schemas"]["DateTime"];
                    data: components["schemas"]["EventRetrieval"];
                };
            };
        };
        responses: {
            /** @description Any 2xx answer means delivered; 410 disables the endpoint; 408, 429 and 5xx are tried again (Retry-After is honoured); any other answer is a failure for good. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    eventDocumentRetrievalPending: {
        parameters: {
            query?: never;
            header: {
                /** @description The event's id, the same on every retry of it; drop a repeat by it. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description This attempt's time, in seconds since 1970 (refuse one too far from your clock). */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description `v1,` + base64 of HMAC-SHA256(secret bytes, `webhook-id` `.` `webhook-timestamp` `.` body). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @constant */
                    type: "document.retrieval_pending";
                    timestamp: components["schemas"]["DateTime"];
                    data: components["schemas"]["EventRetrieval"];
                };
            };
        };
        responses: {
            /** @description Any 2xx answer means delivered; 410 disables the endpoint; 408, 429 and 5xx are tried again (Retry-After is honoured); any other answer is a failure for good. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    eventDocumentRetrievalRefused: {
        parameters: {
            query?: never;
            header: {
                /** @description The event's id, the same on every retry of it; drop a repeat by it. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description This attempt's time, in seconds since 1970 (refuse one too far from your clock). */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description `v1,` + base64 of HMAC-SHA256(secret bytes, `webhook-id` `.` `webhook-timestamp` `.` body). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @constant */
                    type: "document.retrieval_refused";
                    timestamp: components["schemas"]["DateTime"];
                    data: components["schemas"]["EventRetrievalRefused"];
                };
            };
        };
        responses: {
            /** @description Any 2xx answer means delivered; 410 disables the endpoint; 408, 429 and 5xx are tried again (Retry-After is honoured); any other answer is a failure for good. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    eventDocumentAccessCodeRegenerated: {
        parameters: {
            query?: never;
            header: {
                /** @description The event's id, the same on every retry of it; drop a repeat by it. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description This attempt's time, in seconds since 1970 (refuse one too far from your clock). */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description `v1,` + base64 of HMAC-SHA256(secret bytes, `webhook-id` `.` `webhook-timestamp` `.` body). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @constant */
                    type: "document.access_code_regenerated";
                    timestamp: components["schemas"]["DateTime"];
                    data: components["schemas"]["EventAccessCodeRegenerated"];
                };
            };
        };
        responses: {
            /** @description Any 2xx answer means delivered; 410 disables the endpoint; 408, 429 and 5xx are tried again (Retry-After is honoured); any other answer is a failure for good. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    eventReceiptReceived: {
        parameters: {
            query?: never;
            header: {
                /** @description The event's id, the same on every retry of it; drop a repeat by it. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description This attempt's time, in seconds since 1970 (refuse one too far from your clock). */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description `v1,` + base64 of HMAC-SHA256(secret bytes, `webhook-id` `.` `webhook-timestamp` `.` body). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @constant */
                    type: "receipt.received";
                    timestamp: components["schemas"]["DateTime"];
                    data: components["schemas"]["EventReceipt"];
                };
            };
        };
        responses: {
            /** @description Any 2xx answer means delivered; 410 disables the endpoint; 408, 429 and 5xx are tried again (Retry-After is honoured); any other answer is a failure for good. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    eventStaffAlert: {
        parameters: {
            query?: never;
            header: {
                /** @description The event's id, the same on every retry of it; drop a repeat by it. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description This attempt's time, in seconds since 1970 (refuse one too far from your clock). */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /** @description `v1,` + base64 of HMAC-SHA256(secret bytes, `webhook-id` `.` `webhook-timestamp` `.` body). */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @constant */
                    type: "staff.alert";
                    timestamp: components["schemas"]["DateTime"];
                    data: components["schemas"]["EventStaffAlert"];
                };
            };
        };
        responses: {
            /** @description Any 2xx answer means delivered; 410 disables the endpoint; 408, 429 and 5xx are tried again (Retry-After is honoured); any other answer is a failure for good. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
