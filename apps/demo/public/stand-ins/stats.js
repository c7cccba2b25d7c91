// Stand-in for a third-party analytics script, served by the demo itself (no outside network).
// Like the real ones, it identifies the browser with cookies on this host and on the parent domain,
// keeps a session cookie, buffers events in localStorage and reports to dataLayer. It may run only
// after the visitor granted "analytics": the page loads it through a gated <script type="text/plain">.
(() => {
  const year = 390 * 24 * 3600;
  const host = location.hostname;
  const known = /(?:^|;\s*)_sa_id=([^;]+)/.exec(document.cookie);
  const id = known ? known[1] : Math.random().toString(36).slice(2, 12);
  document.cookie = `_sa_id=${id}; Max-Age=${year}; Path=/; SameSite=Lax`;
  // On a named host (www.consentry.test), also on the parent domain, as analytics tools do.
  const labels = host.split('.');
  if (labels.length > 2 && !/^[0-9.]+$/.test(host)) {
    document.cookie = `_sa_id=${id}; Max-Age=${year}; Path=/; Domain=.${labels.slice(-2).join('.')}; SameSite=Lax`;
  }
  document.cookie = '_sa_sess=1; Path=/; SameSite=Lax';
  try {
    const events = JSON.parse(localStorage.getItem('sa_events') || '[]');
    events.push({ type: 'pageview', path: location.pathname, at: Date.now() });
    localStorage.setItem('sa_events', JSON.stringify(events.slice(-20)));
  } catch {
    // Storage disabled: nothing to buffer.
  }
  window.dataLayer = window.dataLayer || [];
  window.dataLayer.push({ event: 'stats_pageview', page: location.pathname });
  window.demoRan = window.demoRan || [];
  window.demoRan.push({ id: 'stats', detail: '', at: Date.now() });
  window.dispatchEvent(new Event('demo:ran'));
})();
