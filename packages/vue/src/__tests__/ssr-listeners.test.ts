// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createSSRApp, defineComponent, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import {
  ConsentGate,
  createConsent,
  createConsentPlugin,
  memoryStorage,
  useConsent,
  useHasConsent,
} from '../index';
import { config } from './fixtures';

const Page = defineComponent({
  setup() {
    const { state } = useConsent();
    const analytics = useHasConsent('analytics');
    return () =>
      h('main', [
        state.value.banner ? h('p', 'banner') : null,
        analytics.value ? h('p', 'stats') : null,
        h(
          ConsentGate,
          { category: 'marketing' },
          { default: () => h('iframe'), fallback: () => h('p', 'off') },
        ),
      ]);
  },
});

describe('server rendering (no window)', () => {
  it('leaves no listener on a store shared across requests, however many renders', async () => {
    const store = createConsent(config, { storage: memoryStorage() });
    let live = 0;
    const subscribe = store.subscribe;
    store.subscribe = (listener) => {
      live++;
      const unsubscribe = subscribe(listener);
      return () => {
        live--;
        unsubscribe();
      };
    };
    for (let i = 0; i < 50; i++) {
      const html = await renderToString(createSSRApp(Page).use(createConsentPlugin(store)));
      expect(html).toContain('banner');
      expect(html).toContain('off');
    }
    expect(live).toBe(0);
  });

  it('renders the state the store has when the request comes, a decision included', async () => {
    const store = createConsent(config, { storage: memoryStorage() });
    store.acceptAll();
    const html = await renderToString(createSSRApp(Page).use(createConsentPlugin(store)));
    expect(html).not.toContain('banner');
    expect(html).toContain('stats');
    expect(html).toContain('<iframe');
  });
});
