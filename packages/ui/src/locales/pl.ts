import type { Locale, PlaceholderLocale, PolicyLocale } from '../locale';

const pl: Locale = {
  title: 'Pliki cookie w tym serwisie',
  description:
    'Używamy plików cookie niezbędnych do działania serwisu. Za Twoją zgodą chcielibyśmy też używać opcjonalnych plików cookie w tych celach: {purposes}. Możesz je zaakceptować, odrzucić lub wybrać według kategorii, a swoją decyzję zmienić w każdej chwili.',
  descriptionOptOut:
    'Używamy plików cookie niezbędnych do działania serwisu oraz opcjonalnych plików cookie w tych celach: {purposes}. Opcjonalne pliki cookie są włączone, dopóki ich nie wyłączysz. Możesz je odrzucić lub wybrać według kategorii, tutaj lub w każdej chwili.',
  revised: 'Nasza polityka plików cookie zmieniła się od Twojego ostatniego wyboru, dlatego pytamy ponownie.',
  acceptAll: 'Zaakceptuj wszystkie',
  rejectAll: 'Odrzuć wszystkie',
  customise: 'Dostosuj',
  save: 'Zapisz wybór',
  close: 'Zamknij',
  preferences: 'Ustawienia plików cookie',
  alwaysOn: 'Zawsze włączone',
  required: 'Niezbędne do działania serwisu, dlatego nie można ich wyłączyć.',
  exempt: 'Zwolnione z obowiązku zgody',
  provider: 'Dostawca',
  cookies: 'Pliki cookie',
  storage: 'Pamięć przeglądarki',
  lifetime: 'Okres przechowywania',
  purpose: 'Cel',
  firstParty: 'Własne',
  thirdParty: 'Podmiotów zewnętrznych',
  session: 'Do zamknięcia przeglądarki',
  trigger: 'Ustawienia cookie',
  policy: 'Polityka plików cookie',
  privacyPolicy: 'Polityka prywatności',
};
export default pl;

export const policyLocale: PolicyLocale = {
  service: 'Usługa',
  optIn: 'Używane tylko za Twoją zgodą.',
  optOut: 'Używane, dopóki nie zgłosisz sprzeciwu.',
  pattern: 'Nazwy według wzorca',
  domain: 'Domena',
  thisSite: 'Ta witryna',
  consentPurpose:
    'Zapamiętanie Twoich wyborów dotyczących plików cookie, daty ich dokonania i wersji tej polityki',
  consentLifetime: '{accepted}, jeśli zezwolono na opcjonalne pliki cookie, {refused}, jeśli je odrzucono',
  gpc: 'Sygnał Global Privacy Control z Twojej przeglądarki jest traktowany jako sprzeciw.',
  none: 'Nie zadeklarowano',
};

export const placeholderLocale: PlaceholderLocale = {
  blocked:
    'Zablokowana treść: {name}. Może ona zapisywać pliki cookie, dlatego wczytamy ją dopiero po Twojej zgodzie.',
  allow: 'Zezwól na {name}',
};
