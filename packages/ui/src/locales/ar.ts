import type { Locale, PlaceholderLocale, PolicyLocale } from '../locale';

const ar: Locale = {
  title: 'ملفات تعريف الارتباط على هذا الموقع',
  description:
    'نستخدم ملفات تعريف الارتباط الضرورية لعمل الموقع. وبموافقتك، نود أيضًا استخدام ملفات تعريف ارتباط اختيارية للأغراض التالية: {purposes}. يمكنك قبولها أو رفضها أو الاختيار حسب الفئة، ويمكنك تغيير رأيك في أي وقت.',
  descriptionOptOut:
    'نستخدم ملفات تعريف الارتباط الضرورية لعمل الموقع، وملفات تعريف ارتباط اختيارية للأغراض التالية: {purposes}. تبقى الملفات الاختيارية مفعّلة ما لم توقفها. يمكنك رفضها أو الاختيار حسب الفئة، هنا أو في أي وقت.',
  revised: 'تغيّرت سياسة ملفات تعريف الارتباط لدينا منذ اختيارك الأخير، لذا نسألك مجددًا.',
  acceptAll: 'قبول الكل',
  rejectAll: 'رفض الكل',
  customise: 'تخصيص',
  save: 'حفظ الاختيارات',
  close: 'إغلاق',
  preferences: 'تفضيلات ملفات تعريف الارتباط',
  alwaysOn: 'مفعّلة دائمًا',
  required: 'ضرورية لعمل الموقع، لذا لا يمكن إيقافها.',
  exempt: 'معفاة من الموافقة',
  provider: 'المزوّد',
  cookies: 'ملفات تعريف الارتباط',
  storage: 'تخزين المتصفح',
  lifetime: 'مدة الاحتفاظ',
  purpose: 'الغرض',
  firstParty: 'من الموقع نفسه',
  thirdParty: 'من طرف ثالث',
  session: 'حتى إغلاق المتصفح',
  trigger: 'إعدادات ملفات تعريف الارتباط',
  policy: 'سياسة ملفات تعريف الارتباط',
  privacyPolicy: 'سياسة الخصوصية',
  dir: 'rtl',
};
export default ar;

export const policyLocale: PolicyLocale = {
  service: 'الخدمة',
  optIn: 'لا تُستخدم إلا بموافقتك.',
  optOut: 'تُستخدم ما لم تعترض على ذلك.',
  pattern: 'الأسماء المطابقة للنمط',
  domain: 'النطاق',
};

export const placeholderLocale: PlaceholderLocale = {
  blocked: 'المحتوى محظور: قد يضع {name} ملفات تعريف الارتباط، ولن يُحمَّل إلا إذا سمحت بذلك.',
  allow: 'السماح بـ{name}',
};
