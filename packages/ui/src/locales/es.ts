import type { Locale, PlaceholderLocale, PolicyLocale } from '../locale';

const es: Locale = {
  title: 'Cookies en este sitio',
  description:
    'Usamos cookies necesarias para que el sitio funcione. Con tu permiso, también nos gustaría usar cookies opcionales para estos fines: {purposes}. Puedes aceptarlas, rechazarlas o elegir por categoría, y cambiar de opinión en cualquier momento.',
  descriptionOptOut:
    'Usamos cookies necesarias para que el sitio funcione y cookies opcionales para estos fines: {purposes}. Las opcionales están activas salvo que las desactives. Puedes rechazarlas o elegir por categoría, aquí o en cualquier momento.',
  revised:
    'Nuestra política de cookies ha cambiado desde tu última elección, por eso te lo volvemos a preguntar.',
  acceptAll: 'Aceptar todas',
  rejectAll: 'Rechazar todas',
  customise: 'Personalizar',
  save: 'Guardar selección',
  close: 'Cerrar',
  preferences: 'Preferencias de cookies',
  alwaysOn: 'Siempre activas',
  required: 'Son necesarias para que el sitio funcione, por eso no se pueden desactivar.',
  exempt: 'Exentas de consentimiento',
  provider: 'Proveedor',
  cookies: 'Cookies',
  storage: 'Almacenamiento del navegador',
  lifetime: 'Duración',
  purpose: 'Finalidad',
  firstParty: 'Propia',
  thirdParty: 'De terceros',
  session: 'Hasta que cierres el navegador',
  trigger: 'Configurar cookies',
  policy: 'Política de cookies',
  privacyPolicy: 'Política de privacidad',
};
export default es;

export const policyLocale: PolicyLocale = {
  service: 'Servicio',
  optIn: 'Solo se usan con tu consentimiento.',
  optOut: 'Se usan salvo que te opongas.',
  pattern: 'Nombres que siguen el patrón',
  domain: 'Dominio',
  thisSite: 'Este sitio web',
  consentPurpose:
    'Guardar tus preferencias de cookies, cuándo las elegiste y bajo qué versión de esta política',
  consentLifetime: '{accepted} si aceptaste cookies opcionales, {refused} si las rechazaste',
  gpc: 'Una señal Global Privacy Control de tu navegador cuenta como oposición.',
  none: 'Ninguna declarada',
};

export const placeholderLocale: PlaceholderLocale = {
  blocked: 'Contenido de {name} bloqueado: puede instalar cookies y solo se cargará si lo permites.',
  allow: 'Permitir {name}',
};
