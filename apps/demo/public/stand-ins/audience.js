// Stand-in for an anonymised audience counter (category "statistics", exempt from consent under the
// CNIL's audience-measurement guidance): a session cookie with no identifier, so a visit counts once.
(() => {
  const first = !/(?:^|;\s*)_au_ses=/.test(document.cookie);
  document.cookie = '_au_ses=1; Path=/; SameSite=Lax';
  window.demoRan = window.demoRan || [];
  window.demoRan.push({ id: 'audience', detail: first ? 'new visit' : 'same visit', at: Date.now() });
  window.dispatchEvent(new Event('demo:ran'));
})();
