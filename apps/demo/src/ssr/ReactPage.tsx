import { ConsentGate, useConsent } from '@consentry/react';

/**
 * Rendered on the server from the request's consent cookie, then hydrated with the browser's store
 * reading the same cookie: the same markup on both sides, so nothing flashes.
 */
export function ReactPage({ lang, embedSrc }: { lang: string; embedSrc: string }) {
  const { state, store, openPreferences } = useConsent();
  return (
    <div data-ssr="react">
      <p data-testid="ssr-status">
        {state.record && !state.banner
          ? `Welcome back: the server read your decision (${state.record.action}) from the consent cookie, so no banner.`
          : 'No decision in your consent cookie yet: the banner asks you.'}
      </p>
      <ul className="grants" aria-label="Decision read by the server">
        {store.config.categories.map((c) => {
          const on = state.granted[c.id] === true;
          return (
            <li key={c.id} className={on ? 'on' : 'off'} data-category={c.id}>
              <span>{c.texts[lang]?.title ?? c.id}</span>
              <strong>{on ? 'granted' : 'denied'}</strong>
            </li>
          );
        })}
      </ul>
      <ConsentGate
        service="video"
        fallback={
          <p className="placeholder" data-gate="ssr">
            The VideoCo video loads once marketing is granted.
          </p>
        }
      >
        <iframe
          className="embed"
          title="VideoCo video S (server-rendered React)"
          src={embedSrc}
          data-gate="ssr"
        />
      </ConsentGate>
      <p>
        <button type="button" className="button" onClick={openPreferences}>
          Cookie preferences
        </button>
      </p>
    </div>
  );
}
