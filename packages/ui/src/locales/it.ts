import type { Locale, PlaceholderLocale, PolicyLocale } from '../locale';

const it: Locale = {
  title: 'Cookie su questo sito',
  description:
    'Usiamo cookie necessari al funzionamento del sito. Con il tuo consenso vorremmo usare anche cookie facoltativi per queste finalità: {purposes}. Puoi accettarli, rifiutarli o scegliere per categoria, e cambiare idea in qualsiasi momento.',
  descriptionOptOut:
    'Usiamo cookie necessari al funzionamento del sito e cookie facoltativi per queste finalità: {purposes}. Quelli facoltativi restano attivi finché non li disattivi. Puoi rifiutarli o scegliere per categoria, qui o in qualsiasi momento.',
  revised: 'La nostra cookie policy è cambiata dalla tua ultima scelta, quindi te lo chiediamo di nuovo.',
  acceptAll: 'Accetta tutti',
  rejectAll: 'Rifiuta tutti',
  customise: 'Personalizza',
  save: 'Salva le scelte',
  close: 'Chiudi',
  preferences: 'Preferenze sui cookie',
  alwaysOn: 'Sempre attivi',
  required: 'Necessari al funzionamento del sito, quindi non possono essere disattivati.',
  exempt: 'Esenti dal consenso',
  provider: 'Fornitore',
  cookies: 'Cookie',
  storage: 'Archiviazione del browser',
  lifetime: 'Durata',
  purpose: 'Finalità',
  firstParty: 'Di prima parte',
  thirdParty: 'Di terze parti',
  session: 'Fino alla chiusura del browser',
  trigger: 'Impostazioni dei cookie',
  policy: 'Cookie policy',
  privacyPolicy: 'Informativa sulla privacy',
};
export default it;

export const policyLocale: PolicyLocale = {
  service: 'Servizio',
  optIn: 'Utilizzati solo con il tuo consenso.',
  optOut: 'Utilizzati finché non ti opponi.',
  pattern: 'Nomi secondo il modello',
  domain: 'Dominio',
  thisSite: 'Questo sito',
  consentPurpose:
    'Conservare le tue scelte sui cookie, quando le hai fatte e con quale versione di questa informativa',
  consentLifetime: '{accepted} se hai accettato i cookie facoltativi, {refused} se li hai rifiutati',
  gpc: 'Un segnale Global Privacy Control del tuo browser vale come opposizione.',
  none: 'Nessuno dichiarato',
};

export const placeholderLocale: PlaceholderLocale = {
  blocked: 'Contenuto di {name} bloccato: può installare cookie e verrà caricato solo se lo consenti.',
  allow: 'Consenti {name}',
};
