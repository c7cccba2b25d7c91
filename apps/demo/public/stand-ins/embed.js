// Stand-in for a video provider's player, loaded in an iframe from another site. It sets its own
// viewer cookie there. Chromium keeps such a third-party cookie only when it is partitioned (CHIPS),
// which needs Secure; on plain http that is allowed only on localhost, where this player is served.
(() => {
  const video = (new URLSearchParams(location.search).get('v') || 'A').slice(0, 40);
  const known = /(?:^|;\s*)vid_uid=([^;]+)/.exec(document.cookie);
  const uid = known ? known[1] : Math.random().toString(36).slice(2, 12);
  document.cookie = `vid_uid=${uid}; Max-Age=${182 * 24 * 3600}; Path=/; SameSite=None; Secure; Partitioned`;
  document.getElementById('video').textContent = video;
  document.getElementById('origin').textContent = location.origin;
  document.getElementById('cookie').textContent = /vid_uid=/.test(document.cookie)
    ? 'set'
    : 'blocked by the browser';
  // The page may not listen yet (a server-rendered iframe can load before the page's scripts run):
  // report now and again when asked, with an id for this load so the page counts it once.
  const instance = Math.random().toString(36).slice(2, 12);
  const report = () => window.parent.postMessage({ type: 'demo:embed-loaded', video, instance }, '*');
  if (window.parent !== window) {
    report();
    window.addEventListener('message', (event) => {
      if (event.source === window.parent && event.data && event.data.type === 'demo:embed-hello') report();
    });
  }
})();
