// Stand-in for an analytics tool's own opt-out call (Matomo's forgetConsentGiven, a `ga-disable-…`
// flag): the plain page gates it with data-consent="!stats", so it runs once, just after the visitor
// withdraws "stats", never for a visitor who never allowed it.
(() => {
  window.dataLayer = window.dataLayer || [];
  window.dataLayer.push({ event: 'stats_opt_out' });
  window.demoRan = window.demoRan || [];
  window.demoRan.push({ id: 'stats-opt-out', detail: '', at: Date.now() });
  window.dispatchEvent(new Event('demo:ran'));
})();
