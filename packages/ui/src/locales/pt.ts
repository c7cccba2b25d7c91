import type { Locale, PlaceholderLocale, PolicyLocale } from '../locale';

const pt: Locale = {
  title: 'Cookies neste site',
  description:
    'Utilizamos cookies necessários para o funcionamento do site. Com a sua autorização, gostaríamos também de utilizar cookies opcionais para estas finalidades: {purposes}. Pode aceitá-los, rejeitá-los ou escolher por categoria, e mudar de ideias a qualquer momento.',
  descriptionOptOut:
    'Utilizamos cookies necessários para o funcionamento do site e cookies opcionais para estas finalidades: {purposes}. Os opcionais estão ativos, salvo se os desativar. Pode rejeitá-los ou escolher por categoria, aqui ou a qualquer momento.',
  revised: 'A nossa política de cookies mudou desde a sua última escolha, por isso voltamos a perguntar.',
  acceptAll: 'Aceitar todos',
  rejectAll: 'Rejeitar todos',
  customise: 'Personalizar',
  save: 'Guardar escolhas',
  close: 'Fechar',
  preferences: 'Preferências de cookies',
  alwaysOn: 'Sempre ativos',
  required: 'Necessários para o funcionamento do site, por isso não podem ser desativados.',
  exempt: 'Isentos de consentimento',
  provider: 'Fornecedor',
  cookies: 'Cookies',
  storage: 'Armazenamento do navegador',
  lifetime: 'Duração',
  purpose: 'Finalidade',
  firstParty: 'Próprio',
  thirdParty: 'De terceiros',
  session: 'Até fechar o navegador',
  trigger: 'Definições de cookies',
  policy: 'Política de cookies',
  privacyPolicy: 'Política de privacidade',
};
export default pt;

export const policyLocale: PolicyLocale = {
  service: 'Serviço',
  optIn: 'Utilizados apenas com o seu consentimento.',
  optOut: 'Utilizados, salvo se se opuser.',
  pattern: 'Nomes segundo o padrão',
  domain: 'Domínio',
  thisSite: 'Este site',
  consentPurpose: 'Guardar as suas escolhas de cookies, quando as fez e em que versão desta política',
  consentLifetime: '{accepted} se aceitou cookies opcionais, {refused} se os recusou',
  gpc: 'Um sinal Global Privacy Control do seu navegador conta como oposição.',
  none: 'Nenhum declarado',
};

export const placeholderLocale: PlaceholderLocale = {
  blocked: 'Conteúdo de {name} bloqueado: pode definir cookies e só será carregado se o permitir.',
  allow: 'Permitir {name}',
};
