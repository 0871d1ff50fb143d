/** Arabic e-mail catalogue; the keys are those of en.ts. */
import type { EmailCatalogue } from './en.js';

export const ar: EmailCatalogue = {
  'greeting': 'مرحبًا،',
  'applicantFooter': 'أُرسلت هذه الرسالة من خدمة تبادل الوثائق لدى {office} لأن هذا العنوان قُدِّم لوثيقة الأولوية {documentId}. لإيقاف هذه الرسائل، احذف العنوان باستخدام مفتاح مقدم الطلب. الأوقات بالتوقيت العالمي المنسق (UTC).',
  'staffFooter': 'أُرسلت هذه الرسالة من عقدة ipex لدى {office} إلى موظفيها. الأوقات بالتوقيت العالمي المنسق (UTC).',
  'retrieved.subject': 'حصل {office} على وثيقة الأولوية الخاصة بك {applicationNumber}',
  'retrieved.body': 'في {time}، حصل المكتب {office} على وثيقة الأولوية الخاصة بك (الطلب {applicationNumber}) باستخدام رمز الوصول. يسجّل ذلك القيد {logIndex} في سجل التدقيق.',
  'pending.subject': 'طلب {office} وثيقة الأولوية الخاصة بك {applicationNumber}',
  'pending.body': 'في {time}، طلب المكتب {office} وثيقة الأولوية الخاصة بك (الطلب {applicationNumber}) باستخدام رمز الوصول. سيتلقاها عندما تصبح الوثيقة متاحة في {availableFrom}.',
  'refused.subject': 'رُفض طلب للحصول على وثيقة الأولوية الخاصة بك {applicationNumber}',
  'refused.wrongCode': 'في {time}، طلب المكتب {office} وثيقة الأولوية الخاصة بك (الطلب {applicationNumber}) برمز وصول خاطئ، فرُفض الطلب.',
  'refused.notAllowed': 'في {time}، طلب المكتب {office} وثيقة الأولوية الخاصة بك (الطلب {applicationNumber}) برمز الوصول الصحيح، لكنك لم تأذن لهذا المكتب، فرُفض الطلب.',
  'refused.locked': 'في {time}، طلب المكتب {office} وثيقة الأولوية الخاصة بك (الطلب {applicationNumber}) فرُفض الطلب: المكتب محظور.',
  'refused.lockedUntil': 'بعد محاولات فاشلة متكررة، لا يستطيع {office} الحصول على الوثيقة حتى {lockedUntil}. إذا لم تعطِ هذا المكتب رمز الوصول، فاطلب رمزًا جديدًا.',
  'code.subject': 'صدر رمز وصول جديد لوثيقة الأولوية الخاصة بك {applicationNumber}',
  'code.body': 'في {time}، صدر رمز وصول جديد لوثيقة الأولوية الخاصة بك (الطلب {applicationNumber})؛ ولم يعد الرمز السابق صالحًا. إذا لم تطلبه، فاتصل بالمكتب فورًا.',
  'available.subject': 'أصبحت وثيقة الأولوية الخاصة بك {applicationNumber} متاحة الآن',
  'available.body': 'منذ {availableFrom}، يمكن للمكاتب التي تأذن لها الحصول على وثيقة الأولوية الخاصة بك (الطلب {applicationNumber}) باستخدام رمز الوصول.',
  'alert.subject': 'تنبيه ipex لدى {office}: {kind}',
  'alert.body': 'صدر تنبيه للموظفين في {time} ({kind}، بشأن {subject}): {detail}',
};
