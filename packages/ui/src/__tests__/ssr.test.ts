// @vitest-environment node
import { describe, expect, it } from 'vitest';

describe('without a DOM', () => {
  it('importing the package touches no window or document and registers nothing', async () => {
    expect(typeof document).toBe('undefined');
    const ui = await import('../index');
    const styles = await import('../css');
    expect(typeof ui.mountConsentUI).toBe('function');
    expect(typeof ui.defineConsentElements).toBe('function');
    expect(typeof ui.mountPlaceholders).toBe('function');
    expect(styles.css.length).toBeGreaterThan(1000);
    // Without customElements, defining is a no-op rather than a crash.
    expect(() => ui.defineConsentElements()).not.toThrow();
    expect((await ui.loadLocale('sv')).rejectAll).toBe('Avvisa alla');
  });
});
