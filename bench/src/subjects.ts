import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, packageDir, ROOT_DIR } from './paths';

export type PageKind = 'vanilla' | 'react' | 'vue';

/** One library set up as its README shows, on one kind of page. */
export interface Subject {
  id: string;
  /** Display name. */
  name: string;
  /** npm packages whose versions are reported. */
  packages: string[];
  consentry: boolean;
  /** A second Consentry setup shown for comparison; the headline uses the plain one. */
  variant?: boolean;
  /** The floor of its page kind: the same page with a plain banner and no consent library. */
  blank?: boolean;
  page: PageKind;
  /** ESM usage file under fixtures/usage, bundled with esbuild; absent for script-tag libraries. */
  usage?: string;
  /** For script-tag libraries: the files the browser runs, in order (package-relative), and the init snippet. */
  scriptTag?: { pkg: string; files: string[]; loaded: string[]; init: string };
  /** Dynamic-import chunks the page loads at start (matched against their input paths). */
  lazyLoaded?: RegExp[];
  /** Stylesheets of the setup, measured separately. */
  css: () => string[];
  /** The banner element (first layer) whose visibility ends "time to banner". */
  banner: string;
  /** Why it cannot be measured in this run (e.g. a package that is not built yet). */
  missing?: () => string | null;
  note?: string;
}

/** A headless part (no UI), measured for size and, with its hooks, for checks and decisions. */
export interface Headless {
  id: string;
  name: string;
  packages: string[];
  consentry: boolean;
  usage?: string;
  scriptTag?: Subject['scriptTag'];
  lazyLoaded?: RegExp[];
  /** fixtures/hooks file exposing check/decide/subscribe for the throughput loop (none: size only). */
  hooks?: string;
  variant?: boolean;
  /** When it is not a headless build but the full library (no headless build exists). */
  full?: boolean;
  missing?: () => string | null;
  note?: string;
}

const pkg = (name: string, ...rest: string[]) => join(packageDir(name), ...rest);

function built(name: string): string | null {
  const dir = join(ROOT_DIR, 'packages', name, 'dist');
  return existsSync(join(dir, 'index.js'))
    ? null
    : `@consentry/${name} is not built yet (packages/${name}/dist/index.js missing)`;
}

function firstMissing(...names: string[]): string | null {
  for (const n of names) {
    const m = built(n);
    if (m) return m;
  }
  return null;
}

/** The stylesheet @consentry/ui ships (any .css in its dist), or nothing yet. */
export function consentryCss(): string[] {
  const dir = join(ROOT_DIR, 'packages', 'ui', 'dist');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.css'))
    .map((f) => join(dir, f));
}

const TARTEAUCITRON = {
  pkg: 'tarteaucitronjs',
  // What the README's script tag runs, then what tarteaucitron.min.js loads from its own folder.
  files: ['tarteaucitron.min.js'],
  loaded: ['tarteaucitron.services.min.js', 'lang/tarteaucitron.en.min.js'],
  init: join(FIXTURES, 'usage', 'tarteaucitron-init.js'),
};

/** The banner section of @consentry/ui (its root is .cy; the preferences dialog is .cy-d). */
export const CONSENTRY_BANNER = '.cy .cy-b';
/** @consentry/ui fetches the texts of the page's language (English here) as a chunk at start. */
const CONSENTRY_LAZY = [/locales\/en\.js$/];

export const subjects: Subject[] = [
  // Vanilla pages.
  {
    id: 'blank',
    name: 'blank page',
    packages: [],
    consentry: false,
    blank: true,
    page: 'vanilla',
    usage: 'blank.js',
    css: () => [],
    banner: '#blank-banner',
  },
  {
    id: 'consentry',
    name: 'Consentry (core + ui)',
    packages: ['@consentry/core', '@consentry/ui'],
    consentry: true,
    page: 'vanilla',
    usage: 'consentry.js',
    css: consentryCss,
    lazyLoaded: CONSENTRY_LAZY,
    banner: CONSENTRY_BANNER,
    missing: () => firstMissing('core', 'ui'),
  },
  {
    id: 'consentry-inline-locale',
    name: 'Consentry, English texts passed inline',
    packages: ['@consentry/core', '@consentry/ui'],
    consentry: true,
    variant: true,
    page: 'vanilla',
    usage: 'consentry-inline-locale.js',
    css: consentryCss,
    banner: CONSENTRY_BANNER,
    missing: () => firstMissing('core', 'ui'),
    note: 'variant: mountConsentUI(store, { locale: en }) renders without fetching the locale chunk.',
  },
  {
    id: 'consentry-compiled',
    name: 'Consentry, config validated at build time',
    packages: ['@consentry/core', '@consentry/ui'],
    consentry: true,
    variant: true,
    page: 'vanilla',
    usage: 'consentry-compiled.js',
    css: consentryCss,
    lazyLoaded: CONSENTRY_LAZY,
    banner: CONSENTRY_BANNER,
    missing: () => firstMissing('core', 'ui'),
    note: 'variant: the config written as a module by the consentry-config command at build time, so the page ships no defineConfig.',
  },
  {
    id: 'cookieconsent',
    name: 'vanilla-cookieconsent',
    packages: ['vanilla-cookieconsent'],
    consentry: false,
    page: 'vanilla',
    usage: 'cookieconsent.js',
    css: () => [pkg('vanilla-cookieconsent', 'dist', 'cookieconsent.css')],
    banner: '#cc-main .cm',
  },
  {
    id: 'klaro',
    name: 'klaro',
    packages: ['klaro'],
    consentry: false,
    page: 'vanilla',
    usage: 'klaro.js',
    css: () => [pkg('klaro', 'dist', 'klaro.css')],
    banner: '.klaro .cookie-notice',
    note: 'klaro renders on the window load event (its setup() waits for it).',
  },
  {
    id: 'tarteaucitron',
    name: 'tarteaucitron',
    packages: ['tarteaucitronjs'],
    consentry: false,
    page: 'vanilla',
    scriptTag: TARTEAUCITRON,
    css: () => [pkg('tarteaucitronjs', 'css', 'tarteaucitron.min.css')],
    banner: '#tarteaucitronAlertBig',
    note: 'script-tag library: not bundled; its size is the files the browser runs (concatenated), its CSS the file it injects.',
  },
  // React pages (React and react-dom bundled into the page; external for the size figures).
  {
    id: 'blank-react',
    name: 'blank React page',
    packages: ['react', 'react-dom'],
    consentry: false,
    blank: true,
    page: 'react',
    usage: 'blank-react.jsx',
    css: () => [],
    banner: '#blank-banner',
  },
  {
    id: 'consentry-react',
    name: 'Consentry (@consentry/react + ui)',
    packages: ['@consentry/core', '@consentry/react', '@consentry/ui'],
    consentry: true,
    page: 'react',
    usage: 'consentry-react.jsx',
    css: consentryCss,
    lazyLoaded: CONSENTRY_LAZY,
    banner: CONSENTRY_BANNER,
    missing: () => firstMissing('core', 'ui', 'react'),
  },
  {
    id: 'c15t-react',
    name: '@c15t/react',
    packages: ['@c15t/react', 'c15t'],
    consentry: false,
    page: 'react',
    usage: 'c15t-react.jsx',
    css: () => [pkg('@c15t/react', 'dist', 'styles.css')],
    banner: '[data-testid="consent-banner-root"]',
    note: "offline mode (no backend); c15t's analytics category is called measurement.",
  },
  {
    id: 'react-cookie-consent',
    name: 'react-cookie-consent',
    packages: ['react-cookie-consent'],
    consentry: false,
    page: 'react',
    usage: 'react-cookie-consent.jsx',
    css: () => [],
    banner: '.CookieConsent',
    note: 'no categories: one accept/decline decision; inline styles, no stylesheet.',
  },
  // Vue pages (Vue bundled into the page; external for the size figures). No Vue peer is installed.
  {
    id: 'blank-vue',
    name: 'blank Vue page',
    packages: ['vue'],
    consentry: false,
    blank: true,
    page: 'vue',
    usage: 'blank-vue.js',
    css: () => [],
    banner: '#blank-banner',
  },
  {
    id: 'consentry-vue',
    name: 'Consentry (@consentry/vue + ui)',
    packages: ['@consentry/core', '@consentry/vue', '@consentry/ui'],
    consentry: true,
    page: 'vue',
    usage: 'consentry-vue.js',
    css: consentryCss,
    lazyLoaded: CONSENTRY_LAZY,
    banner: CONSENTRY_BANNER,
    missing: () => firstMissing('core', 'ui', 'vue'),
  },
];

export const headless: Headless[] = [
  {
    id: 'consentry-core',
    name: 'Consentry core (createConsent)',
    packages: ['@consentry/core'],
    consentry: true,
    usage: 'consentry-core.js',
    hooks: 'consentry-core.js',
    missing: () => built('core'),
  },
  {
    id: 'consentry-core-compiled',
    name: 'Consentry core, config validated at build time',
    packages: ['@consentry/core'],
    consentry: true,
    variant: true,
    usage: 'consentry-core-compiled.js',
    missing: () => built('core'),
    note: 'variant, size only: createConsent with the config written by the consentry-config command (no defineConfig in the page)',
  },
  {
    id: 'consentry-core-memory',
    name: 'Consentry core, memory storage',
    packages: ['@consentry/core'],
    consentry: true,
    variant: true,
    hooks: 'consentry-core-memory.js',
    missing: () => built('core'),
    note: 'diagnostic: the same store with memoryStorage(), to separate the cookie write from the store',
  },
  {
    id: 'consentry-core-cookie-no-readback',
    name: 'Consentry core, cookie written without read-back',
    packages: ['@consentry/core'],
    consentry: true,
    variant: true,
    hooks: 'consentry-core-cookie-no-readback.js',
    missing: () => built('core'),
    note: 'diagnostic: the same cookie write as the default storage, without reading document.cookie back',
  },
  {
    id: 'grants-plain',
    name: 'diagnostic: has() lookup on a plain-object copy of the grants',
    packages: ['@consentry/core'],
    consentry: true,
    variant: true,
    hooks: 'grants-plain.js',
    missing: () => built('core'),
    note: 'diagnostic, checks only',
  },
  {
    id: 'grants-dictionary',
    name: 'diagnostic: the same lookup on a null-prototype copy',
    packages: ['@consentry/core'],
    consentry: true,
    variant: true,
    hooks: 'grants-dictionary.js',
    missing: () => built('core'),
    note: 'diagnostic, checks only',
  },
  {
    id: 'cookieconsent-core',
    name: 'cookieconsent core build',
    packages: ['vanilla-cookieconsent'],
    consentry: false,
    usage: 'cookieconsent-core.js',
    // The core build of 3.1.0 throws inside run() in a browser (see BENCHMARKS.md), so its checks and
    // decisions are measured on the full build, which has the same API.
    hooks: 'cookieconsent.js',
    note: "size: dist/core build; checks and decisions: the full build (the core build's run() throws in 3.1.0)",
  },
  {
    id: 'klaro-cm',
    name: 'klaro consent manager (dist/cm)',
    packages: ['klaro'],
    consentry: false,
    usage: 'klaro-cm.js',
    hooks: 'klaro-cm.js',
  },
  {
    id: 'c15t-headless',
    name: 'c15t headless runtime',
    packages: ['c15t'],
    consentry: false,
    usage: 'c15t-headless.js',
    hooks: 'c15t-headless.js',
    note: 'offline mode',
  },
  {
    id: 'tarteaucitron',
    name: 'tarteaucitron (full; no headless build)',
    packages: ['tarteaucitronjs'],
    consentry: false,
    scriptTag: TARTEAUCITRON,
    hooks: 'tarteaucitron.js',
    full: true,
  },
  {
    id: 'react-cookie-consent',
    name: 'react-cookie-consent (getCookieConsentValue)',
    packages: ['react-cookie-consent'],
    consentry: false,
    hooks: 'react-cookie-consent.js',
    full: true,
    note: 'no store: checks read the cookie; no decisions API',
  },
];
