/**
 * The words of the access-code letter (docs/portal.md "Access-code letter"), in the portal's
 * languages, as ICU messages (FormatJS intl-messageformat, like the pages' catalogues). Chinese
 * is not among them: the fonts shipped with ipex (DejaVu) have no CJK glyphs, so a Chinese
 * reader's letter is printed in English — a stated limitation, not a silent one.
 */
import { IntlMessageFormat } from 'intl-messageformat';

const EN = {
  title: 'Your access code for a priority document',
  intro: '{office} holds a certified copy of the priority document below. Other patent offices retrieve it through ipex with the access code on this letter.',
  application: 'Application',
  filed: 'Filing date',
  right: 'Right',
  titleLabel: 'Title',
  applicants: 'Applicants',
  document: 'Document',
  version: 'Version',
  code: 'Access code',
  codeHint: 'Read it in groups of four. Letters and digits only: O is read as zero, I and L as one.',
  key: 'Applicant key',
  keyHint: 'Sign in with it on the office’s portal to see who retrieved the document, to choose which offices may, and to get a new code.',
  keyUnchanged: 'Your applicant key is unchanged: keep using the one you have.',
  howTitle: 'How to use them',
  how1: 'When you claim priority at another office, give that office the application number, the filing date and the access code.',
  how2: 'That office retrieves the document from {office}; the code is checked, and every retrieval is recorded.',
  how3: 'To stop an office, or if the code may have leaked, sign in with the applicant key and get a new code: the old one stops at once.',
  portal: 'The office’s portal',
  qr: 'Document reference (no secret in it)',
  keep: 'Keep this letter safe. The office keeps no readable copy of the code or the key.',
  patent: 'Patent', utilityModel: 'Utility model', industrialDesign: 'Industrial design', trademark: 'Trademark',
  unprintable: '(in a script this letter cannot print: see the portal)',
};

export type LetterKey = keyof typeof EN;
type LetterTexts = Readonly<Record<LetterKey, string>>;

const FR: LetterTexts = {
  title: 'Votre code d’accès à un document de priorité',
  intro: '{office} détient une copie certifiée du document de priorité ci-dessous. Les autres offices de brevets la récupèrent par ipex avec le code d’accès de cette lettre.',
  application: 'Demande', filed: 'Date de dépôt', right: 'Titre de protection', titleLabel: 'Titre', applicants: 'Déposants',
  document: 'Document', version: 'Version',
  code: 'Code d’accès', codeHint: 'Lisez-le par groupes de quatre. Lettres et chiffres seulement : O se lit zéro, I et L se lisent un.',
  key: 'Clé du déposant', keyHint: 'Connectez-vous avec elle au portail de l’office pour voir qui a récupéré le document, choisir les offices autorisés et obtenir un nouveau code.',
  keyUnchanged: 'Votre clé de déposant ne change pas : gardez celle que vous avez.',
  howTitle: 'Comment les utiliser',
  how1: 'Lorsque vous revendiquez la priorité auprès d’un autre office, donnez-lui le numéro de la demande, la date de dépôt et le code d’accès.',
  how2: 'Cet office récupère le document auprès de {office} ; le code est vérifié et chaque récupération est enregistrée.',
  how3: 'Pour exclure un office, ou si le code a pu être divulgué, connectez-vous avec la clé du déposant et obtenez un nouveau code : l’ancien cesse aussitôt de fonctionner.',
  portal: 'Portail de l’office', qr: 'Référence du document (sans secret)',
  keep: 'Conservez cette lettre en lieu sûr. L’office ne garde aucune copie lisible du code ni de la clé.',
  patent: 'Brevet', utilityModel: 'Modèle d’utilité', industrialDesign: 'Dessin ou modèle industriel', trademark: 'Marque',
  unprintable: '(dans une écriture que cette lettre ne peut imprimer : voir le portail)',
};

const ES: LetterTexts = {
  title: 'Su código de acceso a un documento de prioridad',
  intro: '{office} conserva una copia certificada del documento de prioridad indicado abajo. Las demás oficinas de patentes la recuperan mediante ipex con el código de acceso de esta carta.',
  application: 'Solicitud', filed: 'Fecha de presentación', right: 'Modalidad', titleLabel: 'Título', applicants: 'Solicitantes',
  document: 'Documento', version: 'Versión',
  code: 'Código de acceso', codeHint: 'Léalo en grupos de cuatro. Solo letras y cifras: la O se lee cero; la I y la L, uno.',
  key: 'Clave del solicitante', keyHint: 'Inicie sesión con ella en el portal de la oficina para ver quién recuperó el documento, elegir qué oficinas pueden hacerlo y obtener un código nuevo.',
  keyUnchanged: 'Su clave de solicitante no cambia: siga usando la que tiene.',
  howTitle: 'Cómo usarlos',
  how1: 'Cuando reivindique la prioridad ante otra oficina, facilítele el número de solicitud, la fecha de presentación y el código de acceso.',
  how2: 'Esa oficina recupera el documento de {office}; se comprueba el código y cada recuperación queda registrada.',
  how3: 'Para excluir a una oficina, o si el código pudo filtrarse, inicie sesión con la clave del solicitante y obtenga un código nuevo: el anterior deja de funcionar de inmediato.',
  portal: 'The office’s portal', qr: 'Referencia del documento (sin secretos)',
  keep: 'Guarde esta carta en lugar seguro. La oficina no conserva ninguna copia legible del código ni de la clave.',
  patent: 'Patente', utilityModel: 'Modelo de utilidad', industrialDesign: 'Diseño industrial', trademark: 'Marca',
  unprintable: '(en una escritura que esta carta no puede imprimir: véase el portal)',
};

const RU: LetterTexts = {
  title: 'Ваш код доступа к приоритетному документу',
  intro: '{office} хранит заверенную копию приоритетного документа, указанного ниже. Другие патентные ведомства получают её через ipex по коду доступа из этого письма.',
  application: 'Заявка', filed: 'Дата подачи', right: 'Вид охраны', titleLabel: 'Название', applicants: 'Заявители',
  document: 'Документ', version: 'Версия',
  code: 'Код доступа', codeHint: 'Читайте его группами по четыре. Только буквы и цифры: O читается как ноль, I и L — как единица.',
  key: 'Ключ заявителя', keyHint: 'Войдите с ним на портал ведомства, чтобы видеть, кто получал документ, выбирать, каким ведомствам это разрешено, и получать новый код.',
  keyUnchanged: 'Ключ заявителя не изменился: пользуйтесь прежним.',
  howTitle: 'Как ими пользоваться',
  how1: 'Испрашивая приоритет в другом ведомстве, сообщите ему номер заявки, дату подачи и код доступа.',
  how2: 'Это ведомство получает документ у {office}; код проверяется, и каждое получение записывается.',
  how3: 'Чтобы запретить доступ ведомству или если код мог стать известен посторонним, войдите с ключом заявителя и получите новый код: старый сразу перестанет действовать.',
  portal: 'Портал ведомства', qr: 'Ссылка на документ (без секретов)',
  keep: 'Храните это письмо в надёжном месте. Ведомство не хранит читаемой копии кода и ключа.',
  patent: 'Патент', utilityModel: 'Полезная модель', industrialDesign: 'Промышленный образец', trademark: 'Товарный знак',
  unprintable: '(в письменности, которую это письмо не может напечатать: см. портал)',
};

const AR: LetterTexts = {
  title: 'رمز النفاذ الخاص بك إلى وثيقة أولوية',
  intro: 'يحفظ {office} نسخة مصدقة من وثيقة الأولوية المبينة أدناه. تسترجعها مكاتب البراءات الأخرى عبر نظام تبادل الوثائق برمز النفاذ الوارد في هذه الرسالة.',
  application: 'الطلب', filed: 'تاريخ الإيداع', right: 'نوع الحق', titleLabel: 'العنوان', applicants: 'مودعو الطلب',
  document: 'الوثيقة', version: 'الإصدار',
  code: 'رمز النفاذ', codeHint: 'اقرأه في مجموعات من أربعة. حروف وأرقام فقط: يُقرأ O صفرًا، ويُقرأ I وL واحدًا.',
  key: 'مفتاح مودع الطلب', keyHint: 'سجّل الدخول به في بوابة المكتب لترى من استرجع الوثيقة، وتختار المكاتب المسموح لها، وتحصل على رمز جديد.',
  keyUnchanged: 'مفتاح مودع الطلب لم يتغير: واصل استخدام المفتاح الذي لديك.',
  howTitle: 'طريقة الاستخدام',
  how1: 'عند المطالبة بالأولوية لدى مكتب آخر، أعطِ ذلك المكتب رقم الطلب وتاريخ الإيداع ورمز النفاذ.',
  how2: 'يسترجع ذلك المكتب الوثيقة من {office}؛ ويُتحقق من الرمز وتُسجل كل عملية استرجاع.',
  how3: 'لمنع مكتب ما، أو إذا احتمل تسرب الرمز، سجّل الدخول بمفتاح مودع الطلب واحصل على رمز جديد: يتوقف الرمز القديم فورًا.',
  portal: 'بوابة المكتب', qr: 'مرجع الوثيقة (لا سر فيه)',
  keep: 'احتفظ بهذه الرسالة في مكان آمن. لا يحتفظ المكتب بأي نسخة مقروءة من الرمز أو المفتاح.',
  patent: 'براءة اختراع', utilityModel: 'نموذج منفعة', industrialDesign: 'تصميم صناعي', trademark: 'علامة تجارية',
  unprintable: '(بكتابة لا تستطيع هذه الرسالة طباعتها: انظر البوابة)',
};

const TEXTS: Readonly<Record<string, LetterTexts>> = { en: EN, fr: FR, es: ES, ru: RU, ar: AR };

/** The language a letter is printed in: the reader's when the shipped fonts can print it, else English. */
export function letterLanguage(language: string): string {
  return language in TEXTS ? language : 'en';
}

export function letterText(language: string, key: LetterKey, values?: Record<string, string | number>): string {
  const lang = letterLanguage(language);
  return String(new IntlMessageFormat(TEXTS[lang]![key], lang).format(values));
}
