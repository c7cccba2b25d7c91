import { ConsentGate, useConsent, useHasConsent } from '@consentry/react';
import { useRef } from 'react';
import { embedUrl } from '../demo/ran';

/** The React island: the live decision from useConsent, a gated embed, a button to the preferences. */
export function ReactIsland({ lang }: { lang: string }) {
  const { state, store, openPreferences, grant } = useConsent();
  const marketing = useHasConsent('marketing');
  // The grant removes the placeholder and the button the visitor pressed with it, so focus would fall to
  // <body> (WCAG 2.4.3): the player takes it instead. Only after a grant made here; a grant from the
  // banner, another island or an earlier visit leaves focus where it is.
  const grantedHere = useRef(false);
  return (
    <section aria-labelledby="react-island-title" data-island="react">
      <h2 id="react-island-title">React island</h2>
      <p>
        <span className="tag">useConsent · useHasConsent · ConsentGate</span>
      </p>
      <p>
        Decision:{' '}
        <strong data-testid="react-status">{state.record ? state.record.action : 'none yet'}</strong>
      </p>
      <ul className="grants" aria-label="Live decision (React)">
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
      {/* The gate follows the player's service, which the dialog can refuse while marketing is allowed; the
          button allows the category it names, whose grant carries the service. */}
      <ConsentGate
        service="video"
        fallback={() => (
          <div className="placeholder" data-gate="react">
            <p>
              This video comes from VideoCo, another site that sets its own cookies. It loads once you allow
              the VideoCo player (Marketing).
            </p>
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                grantedHere.current = true;
                grant(['marketing']);
              }}
            >
              Allow marketing and load the video
            </button>
          </div>
        )}
      >
        <iframe
          ref={(frame) => {
            if (frame && grantedHere.current) {
              grantedHere.current = false;
              frame.focus();
            }
          }}
          className="embed"
          title="VideoCo video A (React island)"
          src={embedUrl('A')}
          data-gate="react"
        />
      </ConsentGate>
      <p>
        <button type="button" className="button" onClick={openPreferences} aria-describedby="react-marketing">
          Cookie preferences (React)
        </button>{' '}
        <span id="react-marketing" className="island-note">
          Marketing is {marketing ? 'on' : 'off'}.
        </span>
      </p>
    </section>
  );
}
