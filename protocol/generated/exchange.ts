/**
 * Wire types of `openapi/exchange.yaml` — generated — do not edit.
 * Regenerate with `tsx scripts/gen-types.ts` after changing the OpenAPI document;
 * `tsx scripts/gen-types.ts --check` fails when this file is stale.
 */
/* eslint-disable */
export type paths = {
    "/retrievals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Request a priority document with its access code.
         * @description Idempotent on `requestId`: repeating the same request returns the same retrieval.
         *     An unknown document, a wrong access code and a document locked for the requesting
         *     office all give the same `404` problem, so that nobody can probe for unpublished
         *     applications (a distinct "locked" answer would confirm that the document exists); repeated
         *     failures lock the document for the requesting office.
         */
        post: operations["createRetrieval"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/retrievals/{retrievalId}/manifest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed manifest (compact JWS) of the retrieved document. */
        get: operations["getRetrievalManifest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/retrievals/{retrievalId}/chain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signing certificate, then any intermediates, in PEM. */
        get: operations["getRetrievalChain"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/retrievals/{retrievalId}/parts/{partName}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download one part, byte for byte, with HTTP Range support (resume).
         * @description Bound to the retrieval that authorised it and to the requesting office. The `ETag` is
         *     the part's SHA-256 in lowercase hex (a strong validator), so `If-Range` may carry it.
         *     `Content-Type` is the part's media type from the manifest. Before any byte is sent, the
         *     whole stored part is re-hashed (parts up to 256 KiB: when first read into the node's
         *     cache); a part that no longer matches the SHA-256 the manifest certifies, or is missing,
         *     is never sent: the answer is 503 `PART_DAMAGED` with `Retry-After`, and the office
         *     repairs it from a backup.
         */
        get: operations["getRetrievalPart"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /** Size and ETag of one part without its bytes (to plan a resumed download). */
        head: operations["headRetrievalPart"];
        patch?: never;
        trace?: never;
    };
    "/retrievals/{retrievalId}/parts/{partName}/signature": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The detached CMS (PKCS#7) signature of one part, DER. */
        get: operations["getRetrievalPartSignature"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/receipts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm a verified retrieval with a signed receipt.
         * @description The receipt is a compact JWS by the accessing office's signing key naming the document,
         *     its version and every part digest. Idempotent: the same receipt twice returns the same
         *     log entry and makes no duplicate.
         */
        post: operations["createReceipt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dossiers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the search and examination documents of an application or patent family.
         * @description Open to every participating office with the accessing role. Give either
         *     `ipOfficeCode` with `applicationNumberText`, or `patentFamilyId`.
         */
        get: operations["listDossierDocuments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dossier-searches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Find the dossier documents of applications, of the applications that claim them as priority, and of patent families.
         * @description One round of a family search (docs/dossiers.md): the accessing office asks every active
         *     peer at once with every application and family identifier it has learnt so far. The answer
         *     lists this office's live search and examination documents (the current version of each)
         *     whose application is one of `applications`, whose application claims one of them as
         *     priority (`priorityClaimBag`), or whose `patentFamilyId` is one of `patentFamilyIds`; at
         *     most 1000. Priority documents are never listed: they are open only with their access code.
         *     Open to every participating office with the accessing role; logged as `dossier.searched`.
         *     A query rather than a listing, it is a POST so that the keys travel in a signed body.
         */
        post: operations["searchDossierDocuments"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/search-copies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the search copies this office deposited for the requesting office as searching authority.
         * @description Issue 15 (PCT eSearchCopy; docs/depositing.md "Search copies"): the live search copies
         *     whose `searchingAuthority` is the requesting office, deposited after `since` (all when
         *     absent), oldest first, at most 1000 — a searching authority polls it with the
         *     `depositedAt` of the last one it saw. Each is then obtained with `GET /dossiers/{documentId}`,
         *     which grants it to that office only, without an access code. Logged as `dossier.listed`.
         */
        get: operations["listSearchCopies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dossiers/{documentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Obtain a retrieval grant for one dossier document.
         * @description Returns the same shape as a successful priority-document retrieval, so that the
         *     manifest, chain and parts are downloaded through the `/retrievals/{retrievalId}/…` routes.
         */
        get: operations["getDossierDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The calling office's live subscriptions at this node (tracked files).
         * @description Every application of this office that the calling office tracks (docs/tracked-files.md),
         *     oldest first, at most 1000. Open to every active office with the accessing role.
         */
        get: operations["listSubscriptions"];
        put?: never;
        /**
         * Track an application of this office.
         * @description From now on, each search report, examination report, written opinion or office action
         *     deposited at this office for the application — a new document or a new version — is
         *     told to the calling office by a signed `dossier.updated` notification
         *     (`POST /notifications` on the caller's exchange listener), through this node's outbox:
         *     at least once, retried with backoff while the caller is down. Priority documents are
         *     never told. Idempotent: one live subscription per office and application; subscribing
         *     again returns it (200 either way). The application need not have documents yet. Open to
         *     every active office with the accessing role; logged as `tracking.subscribed`.
         */
        post: operations["createSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/subscriptions/{subscriptionId}": {
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
         * Stop tracking an application of this office.
         * @description Cancels one of the calling office's subscriptions; notifications still queued for it are
         *     cancelled. Idempotent: cancelling a cancelled subscription returns it as it is. Another
         *     office's subscription is `404 SUBSCRIPTION_NOT_FOUND`, as an unknown id. Logged as
         *     `tracking.cancelled`.
         */
        delete: operations["cancelSubscription"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A signed notification from an office whose application this node tracks.
         * @description Sent by the office that holds a tracked application (the publisher) to the tracking
         *     office, signed like every exchange request. `dossier.updated`: a new dossier document
         *     or version was deposited; the receiver fetches it with a retrieval job by its
         *     `documentId` and alerts its staff. `subscription.cancelled`: the publisher ended the
         *     subscription. Idempotent by (sending office, `notificationId`): a repeat is answered
         *     `duplicate` and changes nothing. A notification for an unknown subscription is
         *     `404 SUBSCRIPTION_NOT_FOUND`, for a cancelled one `410 SUBSCRIPTION_CANCELLED` (the
         *     publisher then cancels it too); one whose office or application is not the
         *     subscription's is `400 NOTIFICATION_INVALID`. Logged as `tracking.notification-received`.
         */
        post: operations["receiveNotification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/log/checkpoint": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest signed checkpoint (C2SP tlog-checkpoint as a C2SP signed note). */
        get: operations["getLogCheckpoint"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/log/proofs/inclusion": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Inclusion proof of one entry in a tree of the given size (RFC 9162 §2.1.3). */
        get: operations["getLogInclusionProof"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/log/proofs/consistency": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Consistency proof between two tree sizes (RFC 9162 §2.1.4). */
        get: operations["getLogConsistencyProof"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/log/entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Log entries with indexes in [start, end).
         * @description At most 1000 entries per call. `application/jsonl` (one entry a line; each line's bytes
         *     without the newline are the leaf data) or `application/json` (an array of the same lines
         *     as strings), chosen by `Accept`. A peer may read only entries about its own exchanges
         *     (403 `AUDIT_ENTRY_FORBIDDEN` otherwise): entries name documents and other offices'
         *     requests. Auditors read the whole log through the office API or an audit bundle.
         */
        get: operations["getLogEntries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/witness/add-checkpoint": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask this node to cosign a peer's checkpoint (C2SP tlog-witness).
         * @description Body: `old <size>` line, then the consistency proof lines (base64 hashes), a blank line,
         *     then the signed checkpoint note. The witness checks the signature with the peer's log key
         *     from the directory and consistency with the last checkpoint it cosigned.
         */
        post: operations["addWitnessCheckpoint"];
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
};
export type webhooks = Record<string, never>;
export type components = {
    schemas: {
        /** @description RFC 9457 problem details with the ipex extensions `code`, `dasStatus` and `errors`. */
        Problem: {
            /**
             * Format: uri-reference
             * @description `urn:ipex:error:<code>`
             */
            type: string;
            title: string;
            status: number;
            detail?: string;
            /** Format: uri-reference */
            instance?: string;
            code: components["schemas"]["ErrorCode"];
            /** @description The WIPO DAS / TDA status for the same situation, when there is one. */
            dasStatus?: string;
            /** @description For `INVALID_INPUT`, where the input is wrong. */
            errors?: components["schemas"]["InputError"][];
        };
        InputError: {
            path: string;
            message: string;
        };
        ErrorCode: string;
        /**
         * @description Two-letter office code of WIPO Standard ST.3.
         * @example EP
         */
        OfficeCode: string;
        /**
         * @description Application number, normalised (letters and digits only; see WIPO ST.13).
         * @example 2023123456
         */
        ApplicationNumberText: string;
        /** Format: date */
        FilingDate: string;
        /** @enum {string} */
        IpRightType: "patent" | "utilityModel" | "industrialDesign" | "trademark";
        /**
         * @description `searchCopy`: a PCT search copy, retrievable only by the searching authority it names (docs/depositing.md "Search copies").
         * @enum {string}
         */
        DocumentKind: "priorityDocument" | "searchReport" | "examinationReport" | "writtenOpinion" | "officeAction" | "searchCopy";
        /** @description The access code as typed (separators allowed); normalised and checked by the node. */
        AccessCode: string;
        PatentFamilyId: string;
        /** @description An opaque identifier chosen by the serving node. */
        Identifier: string;
        /** @description A part's safe file name, as in the manifest's `parts[].name` (ASCII letters, digits and `. _ -`, not starting with a dot; docs/certified-copy.md "Part names"). */
        PartName: string;
        MediaType: string;
        Sha256Hex: string;
        /** @description A SHA-256 hash in standard base64 (44 characters). */
        Sha256Base64: string;
        LogIndex: number;
        TreeSize: number;
        /** Format: uri-reference */
        UrlRef: string;
        Binary: string;
        CompactJws: string;
        SignedNote: string;
        RetrievalRequest: {
            ipOfficeCode: components["schemas"]["OfficeCode"];
            applicationNumberText: components["schemas"]["ApplicationNumberText"];
            filingDate: components["schemas"]["FilingDate"];
            ipRightType: components["schemas"]["IpRightType"];
            accessCode: components["schemas"]["AccessCode"];
            /**
             * Format: uuid
             * @description Chosen by the requester; a repeated requestId returns the same retrieval.
             */
            requestId: string;
        };
        Part: {
            name: components["schemas"]["PartName"];
            mediaType: components["schemas"]["MediaType"];
            size: number;
            sha256: components["schemas"]["Sha256Hex"];
            url: components["schemas"]["UrlRef"];
        };
        PartSummary: {
            name: components["schemas"]["PartName"];
            mediaType: components["schemas"]["MediaType"];
            size: number;
            sha256: components["schemas"]["Sha256Hex"];
        };
        RetrievedDocument: {
            documentId: components["schemas"]["Identifier"];
            version: number;
            documentKind: components["schemas"]["DocumentKind"];
            manifestUrl: components["schemas"]["UrlRef"];
            chainUrl?: components["schemas"]["UrlRef"];
            parts: components["schemas"]["Part"][];
        };
        /** @description Where the exchange landed in the serving node's audit log. */
        LogEntryRef: {
            index: components["schemas"]["LogIndex"];
            checkpointSize?: components["schemas"]["TreeSize"];
        };
        RetrievalSuccess: {
            /** @constant */
            outcome: "success";
            retrievalId: components["schemas"]["Identifier"];
            document: components["schemas"]["RetrievedDocument"];
            logEntry: components["schemas"]["LogEntryRef"];
        };
        RetrievalPending: {
            /** @constant */
            outcome: "pending";
            retrievalId: components["schemas"]["Identifier"];
            /** Format: date-time */
            availableFrom?: string;
            retryAfterSeconds: number;
        };
        ReceiptRequest: {
            retrievalId: components["schemas"]["Identifier"];
            receipt: components["schemas"]["ReceiptJws"];
        };
        /**
         * @description The receipt (docs/exchange.md §4): a compact JWS (RFC 7515 §7.1) by the accessing office's
         *     signing key. Its protected header is exactly a `ReceiptProtectedHeader`; its payload is the
         *     RFC 8785 canonical JSON of a `ReceiptPayload` — the bytes must be that serialisation, so
         *     one receipt has one byte string. The receiving node checks both against these schemas.
         */
        ReceiptJws: components["schemas"]["CompactJws"];
        /** @description The JWS protected header of a receipt; any other member (`jku`, `jwk`, `crit`, …) is refused. */
        ReceiptProtectedHeader: {
            /**
             * @description JWS algorithm; must fit the key of the `x5c` leaf (ECDSA P-256 → ES256, P-384 → ES384, RSA → PS256 or RS256).
             * @enum {string}
             */
            alg: "ES256" | "ES384" | "PS256" | "RS256";
            /** @constant */
            typ: "ipex-receipt+json";
            /** @description The signing certificate of the accessing office (DER, standard base64 with padding), then any intermediates. A claim, validated against the directory. */
            x5c: string[];
        };
        /** @description What the accessing office confirms it received and verified. */
        ReceiptPayload: {
            retrievalId: components["schemas"]["Identifier"];
            documentId: components["schemas"]["Identifier"];
            version: number;
            /** @description Every part of that version, once each, in any order, with the SHA-256 the accessing office computed. */
            parts: {
                name: components["schemas"]["PartName"];
                sha256: components["schemas"]["Sha256Hex"];
            }[];
            /**
             * Format: date-time
             * @description When the accessing office had verified and stored the copy; RFC 3339 in UTC with `Z`, fractions of a second optional (ipex writes milliseconds).
             */
            receivedAt: string;
        };
        ReceiptAccepted: {
            logEntry: components["schemas"]["LogEntryRef"];
        };
        DossierDocument: {
            documentId: components["schemas"]["Identifier"];
            version: number;
            documentKind: components["schemas"]["DocumentKind"];
            ipOfficeCode: components["schemas"]["OfficeCode"];
            applicationNumberText: components["schemas"]["ApplicationNumberText"];
            patentFamilyId?: components["schemas"]["PatentFamilyId"];
            filingDate?: components["schemas"]["FilingDate"];
            ipRightType?: components["schemas"]["IpRightType"];
            priorityClaimBag?: components["schemas"]["PriorityClaimBag"];
            referenceCitationBag?: components["schemas"]["ReferenceCitationBag"];
            /** Format: date-time */
            depositedAt?: string;
            parts: components["schemas"]["PartSummary"][];
        };
        /** @description The priorities the application claims, as certified (WIPO ST.96 `PriorityClaimBag`; docs/depositing.md "Priority claims"). */
        PriorityClaimBag: {
            priorityClaim: {
                ipOfficeCode: components["schemas"]["OfficeCode"];
                applicationNumberText: components["schemas"]["ApplicationNumberText"];
                applicationNumberCheckDigit?: string;
                filingDate: components["schemas"]["FilingDate"];
            }[];
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
            /** @description A DOI, `10.<registrant>/<suffix>`. */
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
        /** @description An application, by its office and normalised number. */
        ApplicationKey: {
            ipOfficeCode: components["schemas"]["OfficeCode"];
            applicationNumberText: components["schemas"]["ApplicationNumberText"];
        };
        /** @description At least one application or family identifier. */
        DossierSearchRequest: {
            applications?: components["schemas"]["ApplicationKey"][];
            patentFamilyIds?: components["schemas"]["PatentFamilyId"][];
        };
        DossierList: {
            documents: components["schemas"]["DossierDocument"][];
        };
        /** @description One office tracking one application of the publishing office (docs/tracked-files.md). */
        Subscription: {
            subscriptionId: components["schemas"]["Identifier"];
            office: components["schemas"]["OfficeCode"];
            ipOfficeCode: components["schemas"]["OfficeCode"];
            applicationNumberText: components["schemas"]["ApplicationNumberText"];
            /** @enum {string} */
            state: "active" | "cancelled";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            cancelledAt?: string;
            /** @enum {string} */
            cancelledBy?: "subscriber" | "publisher";
        };
        SubscriptionList: {
            subscriptions: components["schemas"]["Subscription"][];
        };
        /** @description The dossier document a `dossier.updated` notification is about; what a retrieval job needs to fetch it. */
        NotifiedDocument: {
            documentId: components["schemas"]["Identifier"];
            version: number;
            documentKind: components["schemas"]["DocumentKind"];
            ipOfficeCode: components["schemas"]["OfficeCode"];
            applicationNumberText: components["schemas"]["ApplicationNumberText"];
            filingDate: components["schemas"]["FilingDate"];
            ipRightType: components["schemas"]["IpRightType"];
            /** Format: date-time */
            depositedAt: string;
        };
        /**
         * @description A signed notification of a tracked file. `notificationId` is the publisher's stable id of
         *     the event (the same on every retry); `document` is present exactly for `dossier.updated`.
         */
        Notification: {
            notificationId: string;
            subscriptionId: components["schemas"]["Identifier"];
            /** @enum {string} */
            type: "dossier.updated" | "subscription.cancelled";
            /** Format: date-time */
            time: string;
            document?: components["schemas"]["NotifiedDocument"];
        };
        NotificationAccepted: {
            notificationId: string;
            /**
             * @description `duplicate`: this notification id was taken before; nothing was done again.
             * @enum {string}
             */
            result: "accepted" | "duplicate";
            /** @description The retrieval job that fetches the document (`dossier.updated`). */
            jobId?: string;
        };
        InclusionProof: {
            leafIndex: components["schemas"]["LogIndex"];
            treeSize: components["schemas"]["TreeSize"];
            hashes: components["schemas"]["Sha256Base64"][];
        };
        ConsistencyProof: {
            hashes: components["schemas"]["Sha256Base64"][];
        };
        /** @description Each string is one entry's exact JSON text (the leaf data). */
        LogEntryLines: string[];
        NodeStatus: {
            office: components["schemas"]["OfficeCode"];
            version: string;
            /** Format: date-time */
            time: string;
            directorySerial?: number;
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
        /**
         * @description An error (RFC 9457). When it is the retrieval decision — 403 `OFFICE_NOT_ALLOWED`, 404
         *     `DOCUMENT_UNAVAILABLE` — it is signed like every decision and carries the three headers;
         *     a refusal before the decision (authentication, `OFFICE_ROLE_NOT_ALLOWED`) is not signed.
         */
        DecisionProblem: {
            headers: {
                Signature: components["headers"]["DecisionSignature"];
                "Signature-Input": components["headers"]["DecisionSignatureInput"];
                "Content-Digest": components["headers"]["DecisionContentDigest"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /** @description RFC 9421 signature; enforced by the signature verifier (401 `SIGNATURE_MISSING`). */
        Signature: string;
        /** @description RFC 9421 signature parameters (label `ipex`), covering `@method`, `@target-uri` and, with a body, `content-digest`; parameters `created`, `keyid`, `nonce` and `tag="ipex-exchange-v1"`. */
        SignatureInput: string;
        /** @description RFC 9530 digest of the body (`sha-256=:…:`); required with a body, enforced by the verifier. */
        ContentDigest: string;
        RetrievalId: components["schemas"]["Identifier"];
        DocumentId: components["schemas"]["Identifier"];
        SubscriptionId: components["schemas"]["Identifier"];
        PartName: components["schemas"]["PartName"];
    };
    requestBodies: never;
    headers: {
        /**
         * @description RFC 9421 signature of the answering office over this decision (label `ipex`), bound to the
         *     request it answers; see `Signature-Input` and docs/message-signatures.md "Responses".
         */
        ResponseSignature: string;
        /**
         * @description The response signature's parameters: covers `"@status"`, `"content-digest"`,
         *     `"@method";req`, `"@target-uri";req` and `"signature";req;key="ipex"`; parameters `created`,
         *     `keyid` (SHA-256 of the answering office's signing certificate), `nonce` and
         *     `tag="ipex-exchange-response-v1"`.
         */
        ResponseSignatureInput: string;
        /** @description RFC 9530 digest of the response body (`sha-256=:…:`), covered by the response signature. */
        ResponseContentDigest: string;
        /** @description As `ResponseSignature`, present when the problem is the signed decision. */
        DecisionSignature: string;
        /** @description As `ResponseSignatureInput`, present when the problem is the signed decision. */
        DecisionSignatureInput: string;
        /** @description As `ResponseContentDigest`, present when the problem is the signed decision. */
        DecisionContentDigest: string;
        /** @description The part's SHA-256 in lowercase hex, quoted (a strong validator). */
        ETag: string;
        /** @description Always `bytes`. */
        AcceptRanges: "bytes";
        /** @description Seconds to wait before asking again. */
        RetryAfter: number;
    };
    pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
    createRetrieval: {
        parameters: {
            query?: never;
            header?: {
                /** @description RFC 9421 signature; enforced by the signature verifier (401 `SIGNATURE_MISSING`). */
                Signature?: components["parameters"]["Signature"];
                /** @description RFC 9421 signature parameters (label `ipex`), covering `@method`, `@target-uri` and, with a body, `content-digest`; parameters `created`, `keyid`, `nonce` and `tag="ipex-exchange-v1"`. */
                "Signature-Input"?: components["parameters"]["SignatureInput"];
                /** @description RFC 9530 digest of the body (`sha-256=:…:`); required with a body, enforced by the verifier. */
                "Content-Digest"?: components["parameters"]["ContentDigest"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RetrievalRequest"];
            };
        };
        responses: {
            /** @description The document is available; the manifest and parts may be downloaded. A signed decision. */
            200: {
                headers: {
                    Signature: components["headers"]["ResponseSignature"];
                    "Signature-Input": components["headers"]["ResponseSignatureInput"];
                    "Content-Digest": components["headers"]["ResponseContentDigest"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RetrievalSuccess"];
                };
            };
            /** @description The depositing office has not made the document available yet. A signed decision. */
            202: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    Signature: components["headers"]["ResponseSignature"];
                    "Signature-Input": components["headers"]["ResponseSignatureInput"];
                    "Content-Digest": components["headers"]["ResponseContentDigest"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RetrievalPending"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["DecisionProblem"];
            404: components["responses"]["DecisionProblem"];
            409: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getRetrievalManifest: {
        parameters: {
            query?: never;
            header?: {
                /** @description RFC 9421 signature; enforced by the signature verifier (401 `SIGNATURE_MISSING`). */
                Signature?: components["parameters"]["Signature"];
                /** @description RFC 9421 signature parameters (label `ipex`), covering `@method`, `@target-uri` and, with a body, `content-digest`; parameters `created`, `keyid`, `nonce` and `tag="ipex-exchange-v1"`. */
                "Signature-Input"?: components["parameters"]["SignatureInput"];
            };
            path: {
                retrievalId: components["parameters"]["RetrievalId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The manifest as a compact JWS with an `x5c` header. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/jose": components["schemas"]["CompactJws"];
                };
            };
            401: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getRetrievalChain: {
        parameters: {
            query?: never;
            header?: {
                /** @description RFC 9421 signature; enforced by the signature verifier (401 `SIGNATURE_MISSING`). */
                Signature?: components["parameters"]["Signature"];
                /** @description RFC 9421 signature parameters (label `ipex`), covering `@method`, `@target-uri` and, with a body, `content-digest`; parameters `created`, `keyid`, `nonce` and `tag="ipex-exchange-v1"`. */
                "Signature-Input"?: components["parameters"]["SignatureInput"];
            };
            path: {
                retrievalId: components["parameters"]["RetrievalId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description PEM certificates, signing certificate first (RFC 8555 §9.1 media type). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pem-certificate-chain": string;
                };
            };
            401: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getRetrievalPart: {
        parameters: {
            query?: never;
            header?: {
                /** @description RFC 9421 signature; enforced by the signature verifier (401 `SIGNATURE_MISSING`). */
                Signature?: components["parameters"]["Signature"];
                /** @description RFC 9421 signature parameters (label `ipex`), covering `@method`, `@target-uri` and, with a body, `content-digest`; parameters `created`, `keyid`, `nonce` and `tag="ipex-exchange-v1"`. */
                "Signature-Input"?: components["parameters"]["SignatureInput"];
                /** @description One byte range (RFC 9110 §14.2), for example `bytes=1048576-`. */
                Range?: string;
                /** @description The ETag from an earlier response; a mismatch returns the whole part. */
                "If-Range"?: string;
            };
            path: {
                retrievalId: components["parameters"]["RetrievalId"];
                partName: components["parameters"]["PartName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The whole part. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Accept-Ranges": components["headers"]["AcceptRanges"];
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["Binary"];
                };
            };
            /** @description The requested byte range of the part. */
            206: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Accept-Ranges": components["headers"]["AcceptRanges"];
                    /** @description The range sent, for example `bytes 0-1023/52000`. */
                    "Content-Range"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["Binary"];
                };
            };
            401: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            /** @description The range is not satisfiable; `Content-Range` gives the part size. */
            416: {
                headers: {
                    /** @description `bytes *\/<size>` */
                    "Content-Range"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description `PART_DAMAGED`: the stored part no longer matches its certified digest (or is
             *     missing) and was not sent. Ask again after `Retry-After` seconds.
             */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    headRetrievalPart: {
        parameters: {
            query?: never;
            header?: {
                /** @description RFC 9421 signature; enforced by the signature verifier (401 `SIGNATURE_MISSING`). */
                Signature?: components["parameters"]["Signature"];
                /** @description RFC 9421 signature parameters (label `ipex`), covering `@method`, `@target-uri` and, with a body, `content-digest`; parameters `created`, `keyid`, `nonce` and `tag="ipex-exchange-v1"`. */
                "Signature-Input"?: components["parameters"]["SignatureInput"];
            };
            path: {
                retrievalId: components["parameters"]["RetrievalId"];
                partName: components["parameters"]["PartName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The headers of the whole part, no body. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Accept-Ranges": components["headers"]["AcceptRanges"];
                    /** @description The part size in bytes. */
                    "Content-Length"?: number;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not authenticated (no body on HEAD). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such retrieval or part (no body on HEAD). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getRetrievalPartSignature: {
        parameters: {
            query?: never;
            header?: {
                /** @description RFC 9421 signature; enforced by the signature verifier (401 `SIGNATURE_MISSING`). */
                Signature?: components["parameters"]["Signature"];
                /** @description RFC 9421 signature parameters (label `ipex`), covering `@method`, `@target-uri` and, with a body, `content-digest`; parameters `created`, `keyid`, `nonce` and `tag="ipex-exchange-v1"`. */
                "Signature-Input"?: components["parameters"]["SignatureInput"];
            };
            path: {
                retrievalId: components["parameters"]["RetrievalId"];
                partName: components["parameters"]["PartName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description DER-encoded CMS SignedData without encapsulated content (RFC 5652, RFC 8551 media type). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pkcs7-signature": components["schemas"]["Binary"];
                };
            };
            401: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    createReceipt: {
        parameters: {
            query?: never;
            header?: {
                /** @description RFC 9421 signature; enforced by the signature verifier (401 `SIGNATURE_MISSING`). */
                Signature?: components["parameters"]["Signature"];
                /** @description RFC 9421 signature parameters (label `ipex`), covering `@method`, `@target-uri` and, with a body, `content-digest`; parameters `created`, `keyid`, `nonce` and `tag="ipex-exchange-v1"`. */
                "Signature-Input"?: components["parameters"]["SignatureInput"];
                /** @description RFC 9530 digest of the body (`sha-256=:…:`); required with a body, enforced by the verifier. */
                "Content-Digest"?: components["parameters"]["ContentDigest"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReceiptRequest"];
            };
        };
        responses: {
            /** @description The receipt is logged. A signed decision. */
            200: {
                headers: {
                    Signature: components["headers"]["ResponseSignature"];
                    "Signature-Input": components["headers"]["ResponseSignatureInput"];
                    "Content-Digest": components["headers"]["ResponseContentDigest"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReceiptAccepted"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    listDossierDocuments: {
        parameters: {
            query?: {
                ipOfficeCode?: components["schemas"]["OfficeCode"];
                applicationNumberText?: components["schemas"]["ApplicationNumberText"];
                patentFamilyId?: components["schemas"]["PatentFamilyId"];
            };
            header?: {
                /** @description RFC 9421 signature; enforced by the signature verifier (401 `SIGNATURE_MISSING`). */
                Signature?: components["parameters"]["Signature"];
                /** @description RFC 9421 signature parameters (label `ipex`), covering `@method`, `@target-uri` and, with a body, `content-digest`; parameters `created`, `keyid`, `nonce` and `tag="ipex-exchange-v1"`. */
                "Signature-Input"?: components["parameters"]["SignatureInput"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The dossier documents found (possibly none). A signed decision. */
            200: {
                headers: {
                    Signature: components["headers"]["ResponseSignature"];
                    "Signature-Input": components["headers"]["ResponseSignatureInput"];
                    "Content-Digest": components["headers"]["ResponseContentDigest"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DossierList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    searchDossierDocuments: {
        parameters: {
            query?: never;
            header?: {
                /** @description RFC 9421 signature; enforced by the signature verifier (401 `SIGNATURE_MISSING`). */
                Signature?: components["parameters"]["Signature"];
                /** @description RFC 9421 signature parameters (label `ipex`), covering `@method`, `@target-uri` and, with a body, `content-digest`; parameters `created`, `keyid`, `nonce` and `tag="ipex-exchange-v1"`. */
                "Signature-Input"?: components["parameters"]["SignatureInput"];
                /** @description RFC 9530 digest of the body (`sha-256=:…:`); required with a body, enforced by the verifier. */
                "Content-Digest"?: components["parameters"]["ContentDigest"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DossierSearchRequest"];
            };
        };
        responses: {
            /** @description The dossier documents found (possibly none). A signed decision. */
            200: {
                headers: {
                    Signature: components["headers"]["ResponseSignature"];
                    "Signature-Input": components["headers"]["ResponseSignatureInput"];
                    "Content-Digest": components["headers"]["ResponseContentDigest"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DossierList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    listSearchCopies: {
        parameters: {
            query?: {
                since?: string;
            };
            header?: {
                /** @description RFC 9421 signature; enforced by the signature verifier (401 `SIGNATURE_MISSING`). */
                Signature?: components["parameters"]["Signature"];
                /** @description RFC 9421 signature parameters (label `ipex`), covering `@method`, `@target-uri` and, with a body, `content-digest`; parameters `created`, `keyid`, `nonce` and `tag="ipex-exchange-v1"`. */
                "Signature-Input"?: components["parameters"]["SignatureInput"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The search copies (possibly none). A signed decision. */
            200: {
                headers: {
                    Signature: components["headers"]["ResponseSignature"];
                    "Signature-Input": components["headers"]["ResponseSignatureInput"];
                    "Content-Digest": components["headers"]["ResponseContentDigest"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DossierList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getDossierDocument: {
        parameters: {
            query?: never;
            header?: {
                /** @description RFC 9421 signature; enforced by the signature verifier (401 `SIGNATURE_MISSING`). */
                Signature?: components["parameters"]["Signature"];
                /** @description RFC 9421 signature parameters (label `ipex`), covering `@method`, `@target-uri` and, with a body, `content-digest`; parameters `created`, `keyid`, `nonce` and `tag="ipex-exchange-v1"`. */
                "Signature-Input"?: components["parameters"]["SignatureInput"];
            };
            path: {
                documentId: components["parameters"]["DocumentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A retrieval grant for the document. A signed decision. */
            200: {
                headers: {
                    Signature: components["headers"]["ResponseSignature"];
                    "Signature-Input": components["headers"]["ResponseSignatureInput"];
                    "Content-Digest": components["headers"]["ResponseContentDigest"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RetrievalSuccess"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    listSubscriptions: {
        parameters: {
            query?: never;
            header?: {
                /** @description RFC 9421 signature; enforced by the signature verifier (401 `SIGNATURE_MISSING`). */
                Signature?: components["parameters"]["Signature"];
                /** @description RFC 9421 signature parameters (label `ipex`), covering `@method`, `@target-uri` and, with a body, `content-digest`; parameters `created`, `keyid`, `nonce` and `tag="ipex-exchange-v1"`. */
                "Signature-Input"?: components["parameters"]["SignatureInput"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The live subscriptions of the calling office. Signed. */
            200: {
                headers: {
                    Signature: components["headers"]["ResponseSignature"];
                    "Signature-Input": components["headers"]["ResponseSignatureInput"];
                    "Content-Digest": components["headers"]["ResponseContentDigest"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubscriptionList"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    createSubscription: {
        parameters: {
            query?: never;
            header?: {
                /** @description RFC 9421 signature; enforced by the signature verifier (401 `SIGNATURE_MISSING`). */
                Signature?: components["parameters"]["Signature"];
                /** @description RFC 9421 signature parameters (label `ipex`), covering `@method`, `@target-uri` and, with a body, `content-digest`; parameters `created`, `keyid`, `nonce` and `tag="ipex-exchange-v1"`. */
                "Signature-Input"?: components["parameters"]["SignatureInput"];
                /** @description RFC 9530 digest of the body (`sha-256=:…:`); required with a body, enforced by the verifier. */
                "Content-Digest"?: components["parameters"]["ContentDigest"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApplicationKey"];
            };
        };
        responses: {
            /** @description The live subscription. Signed. */
            200: {
                headers: {
                    Signature: components["headers"]["ResponseSignature"];
                    "Signature-Input": components["headers"]["ResponseSignatureInput"];
                    "Content-Digest": components["headers"]["ResponseContentDigest"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    cancelSubscription: {
        parameters: {
            query?: never;
            header?: {
                /** @description RFC 9421 signature; enforced by the signature verifier (401 `SIGNATURE_MISSING`). */
                Signature?: components["parameters"]["Signature"];
                /** @description RFC 9421 signature parameters (label `ipex`), covering `@method`, `@target-uri` and, with a body, `content-digest`; parameters `created`, `keyid`, `nonce` and `tag="ipex-exchange-v1"`. */
                "Signature-Input"?: components["parameters"]["SignatureInput"];
            };
            path: {
                subscriptionId: components["parameters"]["SubscriptionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The cancelled subscription. Signed. */
            200: {
                headers: {
                    Signature: components["headers"]["ResponseSignature"];
                    "Signature-Input": components["headers"]["ResponseSignatureInput"];
                    "Content-Digest": components["headers"]["ResponseContentDigest"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    receiveNotification: {
        parameters: {
            query?: never;
            header?: {
                /** @description RFC 9421 signature; enforced by the signature verifier (401 `SIGNATURE_MISSING`). */
                Signature?: components["parameters"]["Signature"];
                /** @description RFC 9421 signature parameters (label `ipex`), covering `@method`, `@target-uri` and, with a body, `content-digest`; parameters `created`, `keyid`, `nonce` and `tag="ipex-exchange-v1"`. */
                "Signature-Input"?: components["parameters"]["SignatureInput"];
                /** @description RFC 9530 digest of the body (`sha-256=:…:`); required with a body, enforced by the verifier. */
                "Content-Digest"?: components["parameters"]["ContentDigest"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Notification"];
            };
        };
        responses: {
            /** @description Taken (or a repeat, taken before). Signed. */
            200: {
                headers: {
                    Signature: components["headers"]["ResponseSignature"];
                    "Signature-Input": components["headers"]["ResponseSignatureInput"];
                    "Content-Digest": components["headers"]["ResponseContentDigest"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationAccepted"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            410: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getLogCheckpoint: {
        parameters: {
            query?: never;
            header?: {
                /** @description RFC 9421 signature; enforced by the signature verifier (401 `SIGNATURE_MISSING`). */
                Signature?: components["parameters"]["Signature"];
                /** @description RFC 9421 signature parameters (label `ipex`), covering `@method`, `@target-uri` and, with a body, `content-digest`; parameters `created`, `keyid`, `nonce` and `tag="ipex-exchange-v1"`. */
                "Signature-Input"?: components["parameters"]["SignatureInput"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The checkpoint note, with the node's Ed25519 signature and any witness cosignatures. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": components["schemas"]["SignedNote"];
                };
            };
            401: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getLogInclusionProof: {
        parameters: {
            query: {
                index: components["schemas"]["LogIndex"];
                treeSize: components["schemas"]["TreeSize"];
            };
            header?: {
                /** @description RFC 9421 signature; enforced by the signature verifier (401 `SIGNATURE_MISSING`). */
                Signature?: components["parameters"]["Signature"];
                /** @description RFC 9421 signature parameters (label `ipex`), covering `@method`, `@target-uri` and, with a body, `content-digest`; parameters `created`, `keyid`, `nonce` and `tag="ipex-exchange-v1"`. */
                "Signature-Input"?: components["parameters"]["SignatureInput"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The audit path, leaf to root. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InclusionProof"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getLogConsistencyProof: {
        parameters: {
            query: {
                from: components["schemas"]["TreeSize"];
                to: components["schemas"]["TreeSize"];
            };
            header?: {
                /** @description RFC 9421 signature; enforced by the signature verifier (401 `SIGNATURE_MISSING`). */
                Signature?: components["parameters"]["Signature"];
                /** @description RFC 9421 signature parameters (label `ipex`), covering `@method`, `@target-uri` and, with a body, `content-digest`; parameters `created`, `keyid`, `nonce` and `tag="ipex-exchange-v1"`. */
                "Signature-Input"?: components["parameters"]["SignatureInput"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The consistency proof. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsistencyProof"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getLogEntries: {
        parameters: {
            query: {
                start: components["schemas"]["LogIndex"];
                end: components["schemas"]["TreeSize"];
            };
            header?: {
                /** @description RFC 9421 signature; enforced by the signature verifier (401 `SIGNATURE_MISSING`). */
                Signature?: components["parameters"]["Signature"];
                /** @description RFC 9421 signature parameters (label `ipex`), covering `@method`, `@target-uri` and, with a body, `content-digest`; parameters `created`, `keyid`, `nonce` and `tag="ipex-exchange-v1"`. */
                "Signature-Input"?: components["parameters"]["SignatureInput"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The entries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/jsonl": string;
                    "application/json": components["schemas"]["LogEntryLines"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    addWitnessCheckpoint: {
        parameters: {
            query?: never;
            header?: {
                /** @description RFC 9421 signature; enforced by the signature verifier (401 `SIGNATURE_MISSING`). */
                Signature?: components["parameters"]["Signature"];
                /** @description RFC 9421 signature parameters (label `ipex`), covering `@method`, `@target-uri` and, with a body, `content-digest`; parameters `created`, `keyid`, `nonce` and `tag="ipex-exchange-v1"`. */
                "Signature-Input"?: components["parameters"]["SignatureInput"];
                /** @description RFC 9530 digest of the body (`sha-256=:…:`); required with a body, enforced by the verifier. */
                "Content-Digest"?: components["parameters"]["ContentDigest"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "text/plain": string;
            };
        };
        responses: {
            /** @description One or more cosignature lines (C2SP tlog-cosignature) to append to the note. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            400: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            /** @description The `old` size differs from the last size this witness cosigned; the body gives that size. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/x.tlog.size": string;
                };
            };
            422: components["responses"]["Problem"];
            default: components["responses"]["Problem"];
        };
    };
    getStatus: {
        parameters: {
            query?: never;
            header?: {
                /** @description RFC 9421 signature; enforced by the signature verifier (401 `SIGNATURE_MISSING`). */
                Signature?: components["parameters"]["Signature"];
                /** @description RFC 9421 signature parameters (label `ipex`), covering `@method`, `@target-uri` and, with a body, `content-digest`; parameters `created`, `keyid`, `nonce` and `tag="ipex-exchange-v1"`. */
                "Signature-Input"?: components["parameters"]["SignatureInput"];
            };
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
}
