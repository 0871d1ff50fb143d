/**
 * English: the reference catalogue of the e-mails (docs/notifications.md "E-mail"), ICU
 * MessageFormat keyed by meaning, as the portal's (node/portal/messages/). Every other language
 * has exactly these keys (a missing one is a compile error, and a test checks each parses with
 * the English arguments). Values are plain text: the HTML part escapes them.
 */
export const en = {
  'greeting': 'Hello,',
  'applicantFooter': 'This message was sent by the document exchange of {office} because this address was given for priority document {documentId}. To stop these messages, remove the address with your applicant key. Times are in UTC.',
  'staffFooter': 'This message was sent by the ipex node of {office} to its staff. Times are in UTC.',
  'retrieved.subject': 'Your priority document {applicationNumber} was retrieved by {office}',
  'retrieved.body': 'On {time}, the office {office} retrieved your priority document (application {applicationNumber}) with its access code. Entry {logIndex} of the audit log records it.',
  'pending.subject': '{office} asked for your priority document {applicationNumber}',
  'pending.body': 'On {time}, the office {office} asked for your priority document (application {applicationNumber}) with its access code. It will receive it once the document becomes available, on {availableFrom}.',
  'refused.subject': 'A request for your priority document {applicationNumber} was refused',
  'refused.wrongCode': 'On {time}, the office {office} asked for your priority document (application {applicationNumber}) with a wrong access code, and was refused.',
  'refused.notAllowed': 'On {time}, the office {office} asked for your priority document (application {applicationNumber}) with the right access code, but you have not allowed that office, so it was refused.',
  'refused.locked': 'On {time}, the office {office} asked for your priority document (application {applicationNumber}) and was refused: it is locked out.',
  'refused.lockedUntil': 'After repeated failures, {office} cannot retrieve the document until {lockedUntil}. If you did not give that office the access code, ask for a new code.',
  'code.subject': 'A new access code was issued for your priority document {applicationNumber}',
  'code.body': 'On {time}, a new access code was issued for your priority document (application {applicationNumber}); the previous code no longer works. If you did not ask for it, contact the office at once.',
  'available.subject': 'Your priority document {applicationNumber} is now available',
  'available.body': 'Since {availableFrom}, the offices you allow can retrieve your priority document (application {applicationNumber}) with its access code.',
  'alert.subject': 'ipex alert at {office}: {title}',
  'alert.body': 'A staff alert was raised on {time} ({kind}, about {subject}): {detail}',
  'alertKind.storage.full': 'the disk of the data folder is full',
  'alertKind.storage.low': 'the disk of the data folder is filling up',
  'alertKind.part.damaged': 'a stored document part is damaged or missing',
  'alertKind.certificate.expiring': 'a certificate of the node is about to expire',
  'alertKind.directory.expiring': 'the network directory is about to expire',
  'alertKind.outbox.dead-letter': 'a message could not be delivered',
  'alertKind.retrieval.failed': 'a retrieval job failed',
  'alertKind.witness.inconsistent': 'an inconsistent audit-log checkpoint was seen',
  'alertKind.peer.unreachable': 'a peer office has been unreachable for long',
  'alertKind.dossier.updated': 'a tracked application has a new dossier document at a peer office',
  'alertKind.tracking.cancelled': "a peer office ended this office's tracking of an application",
} as const;

export type EmailMessageKey = keyof typeof en;
export type EmailCatalogue = Readonly<Record<EmailMessageKey, string>>;
