/**
 * Global Privacy Control in the browser: on only when `navigator.globalPrivacyControl` is exactly
 * `true` (GPC spec, "JavaScript Property to Detect Preference"). Absent (a browser without GPC), a
 * string or any other value is no signal. The store reads the same rule by default; pass the result
 * as `createConsent(config, { gpc })` when the page wants to decide it itself (e.g. from a frame).
 */
export function readGpc(nav: unknown = typeof navigator === 'undefined' ? undefined : navigator): boolean {
  return (
    typeof nav === 'object' &&
    nav !== null &&
    (nav as { globalPrivacyControl?: unknown }).globalPrivacyControl === true
  );
}
