/** Spanish e-mail catalogue; the keys are those of en.ts. */
import type { EmailCatalogue } from './en.js';

export const es: EmailCatalogue = {
  'greeting': 'Hola:',
  'applicantFooter': 'Este mensaje lo envió el servicio de intercambio de documentos de {office} porque se indicó esta dirección para el documento de prioridad {documentId}. Para dejar de recibir estos mensajes, elimine la dirección con su clave de solicitante. Las horas están en UTC.',
  'staffFooter': 'Este mensaje lo envió el nodo ipex de {office} a su personal. Las horas están en UTC.',
  'retrieved.subject': '{office} obtuvo su documento de prioridad {applicationNumber}',
  'retrieved.body': 'El {time}, la oficina {office} obtuvo su documento de prioridad (solicitud {applicationNumber}) con su código de acceso. La entrada {logIndex} del registro de auditoría deja constancia de ello.',
  'pending.subject': '{office} solicitó su documento de prioridad {applicationNumber}',
  'pending.body': 'El {time}, la oficina {office} solicitó su documento de prioridad (solicitud {applicationNumber}) con su código de acceso. Lo recibirá cuando el documento esté disponible, el {availableFrom}.',
  'refused.subject': 'Se rechazó una solicitud de su documento de prioridad {applicationNumber}',
  'refused.wrongCode': 'El {time}, la oficina {office} solicitó su documento de prioridad (solicitud {applicationNumber}) con un código de acceso incorrecto y fue rechazada.',
  'refused.notAllowed': 'El {time}, la oficina {office} solicitó su documento de prioridad (solicitud {applicationNumber}) con el código de acceso correcto, pero usted no ha autorizado a esa oficina, por lo que fue rechazada.',
  'refused.locked': 'El {time}, la oficina {office} solicitó su documento de prioridad (solicitud {applicationNumber}) y fue rechazada: está bloqueada.',
  'refused.lockedUntil': 'Tras varios intentos fallidos, {office} no puede obtener el documento hasta el {lockedUntil}. Si usted no dio el código de acceso a esa oficina, pida un código nuevo.',
  'code.subject': 'Se emitió un nuevo código de acceso para su documento de prioridad {applicationNumber}',
  'code.body': 'El {time} se emitió un nuevo código de acceso para su documento de prioridad (solicitud {applicationNumber}); el código anterior ya no funciona. Si usted no lo pidió, póngase en contacto con la oficina de inmediato.',
  'available.subject': 'Su documento de prioridad {applicationNumber} ya está disponible',
  'available.body': 'Desde el {availableFrom}, las oficinas que usted autoriza pueden obtener su documento de prioridad (solicitud {applicationNumber}) con su código de acceso.',
  'alert.subject': 'Alerta de ipex en {office}: {kind}',
  'alert.body': 'Se emitió una alerta para el personal el {time} ({kind}, sobre {subject}): {detail}',
};
