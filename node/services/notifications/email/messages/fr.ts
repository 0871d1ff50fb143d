/** French e-mail catalogue; the keys are those of en.ts. */
import type { EmailCatalogue } from './en.js';

export const fr: EmailCatalogue = {
  'greeting': 'Bonjour,',
  'applicantFooter': 'Ce message a été envoyé par le service d’échange de documents de {office} car cette adresse a été indiquée pour le document de priorité {documentId}. Pour ne plus recevoir ces messages, supprimez l’adresse avec votre clé de déposant. Les heures sont en UTC.',
  'staffFooter': 'Ce message a été envoyé par le nœud ipex de {office} à son personnel. Les heures sont en UTC.',
  'retrieved.subject': 'Votre document de priorité {applicationNumber} a été obtenu par {office}',
  'retrieved.body': 'Le {time}, l’office {office} a obtenu votre document de priorité (demande {applicationNumber}) avec son code d’accès. L’entrée {logIndex} du journal d’audit l’enregistre.',
  'pending.subject': '{office} a demandé votre document de priorité {applicationNumber}',
  'pending.body': 'Le {time}, l’office {office} a demandé votre document de priorité (demande {applicationNumber}) avec son code d’accès. Il le recevra dès que le document sera disponible, le {availableFrom}.',
  'refused.subject': 'Une demande de votre document de priorité {applicationNumber} a été refusée',
  'refused.wrongCode': 'Le {time}, l’office {office} a demandé votre document de priorité (demande {applicationNumber}) avec un code d’accès erroné, et a essuyé un refus.',
  'refused.notAllowed': 'Le {time}, l’office {office} a demandé votre document de priorité (demande {applicationNumber}) avec le bon code d’accès, mais vous n’avez pas autorisé cet office ; la demande a donc été refusée.',
  'refused.locked': 'Le {time}, l’office {office} a demandé votre document de priorité (demande {applicationNumber}) et a essuyé un refus : il est bloqué.',
  'refused.lockedUntil': 'Après des échecs répétés, {office} ne peut pas obtenir le document avant le {lockedUntil}. Si vous n’avez pas donné le code d’accès à cet office, demandez un nouveau code.',
  'code.subject': 'Un nouveau code d’accès a été émis pour votre document de priorité {applicationNumber}',
  'code.body': 'Le {time}, un nouveau code d’accès a été émis pour votre document de priorité (demande {applicationNumber}) ; l’ancien code ne fonctionne plus. Si vous ne l’avez pas demandé, contactez l’office sans attendre.',
  'available.subject': 'Votre document de priorité {applicationNumber} est maintenant disponible',
  'available.body': 'Depuis le {availableFrom}, les offices que vous autorisez peuvent obtenir votre document de priorité (demande {applicationNumber}) avec son code d’accès.',
  'alert.subject': 'Alerte ipex à {office} : {kind}',
  'alert.body': 'Une alerte a été émise pour le personnel le {time} ({kind}, concernant {subject}) : {detail}',
};
