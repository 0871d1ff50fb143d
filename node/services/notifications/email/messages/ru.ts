/** Russian e-mail catalogue; the keys are those of en.ts. */
import type { EmailCatalogue } from './en.js';

export const ru: EmailCatalogue = {
  'greeting': 'Здравствуйте!',
  'applicantFooter': 'Это сообщение отправлено службой обмена документами ведомства {office}, так как этот адрес был указан для приоритетного документа {documentId}. Чтобы больше не получать такие сообщения, удалите адрес с помощью вашего ключа заявителя. Время указано в UTC.',
  'staffFooter': 'Это сообщение отправлено узлом ipex ведомства {office} его сотрудникам. Время указано в UTC.',
  'retrieved.subject': 'Ведомство {office} получило ваш приоритетный документ {applicationNumber}',
  'retrieved.body': '{time} ведомство {office} получило ваш приоритетный документ (заявка {applicationNumber}) по коду доступа. Это зафиксировано в записи {logIndex} журнала аудита.',
  'pending.subject': 'Ведомство {office} запросило ваш приоритетный документ {applicationNumber}',
  'pending.body': '{time} ведомство {office} запросило ваш приоритетный документ (заявка {applicationNumber}) по коду доступа. Оно получит его, когда документ станет доступен: {availableFrom}.',
  'refused.subject': 'Запрос вашего приоритетного документа {applicationNumber} отклонён',
  'refused.wrongCode': '{time} ведомство {office} запросило ваш приоритетный документ (заявка {applicationNumber}) с неверным кодом доступа, и запрос был отклонён.',
  'refused.notAllowed': '{time} ведомство {office} запросило ваш приоритетный документ (заявка {applicationNumber}) с верным кодом доступа, но вы не разрешили доступ этому ведомству, поэтому запрос был отклонён.',
  'refused.locked': '{time} ведомство {office} запросило ваш приоритетный документ (заявка {applicationNumber}), и запрос был отклонён: доступ для него заблокирован.',
  'refused.lockedUntil': 'После повторных неудачных попыток ведомство {office} не сможет получить документ до {lockedUntil}. Если вы не сообщали этому ведомству код доступа, запросите новый код.',
  'code.subject': 'Для вашего приоритетного документа {applicationNumber} выдан новый код доступа',
  'code.body': '{time} для вашего приоритетного документа (заявка {applicationNumber}) выдан новый код доступа; прежний код больше не действует. Если вы его не запрашивали, немедленно свяжитесь с ведомством.',
  'available.subject': 'Ваш приоритетный документ {applicationNumber} теперь доступен',
  'available.body': 'С {availableFrom} ведомства, которым вы разрешили доступ, могут получить ваш приоритетный документ (заявка {applicationNumber}) по коду доступа.',
  'alert.subject': 'Оповещение ipex в {office}: {kind}',
  'alert.body': '{time} сотрудникам отправлено оповещение ({kind}, касается {subject}): {detail}',
};
