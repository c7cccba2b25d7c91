// The READMEs whose samples are checked, and what each may leave to the reader. This is the reviewed
// part: every given name, stand-in module and elision below is a decision, with its reason beside it.
// Anything a sample uses that is not here must be declared or imported by the sample itself. A given line
// adds only its own name (types as `import('…')`), so it cannot clash with what the sample imports.
import { readFileSync } from 'node:fs';
import type { ReadmeSetup } from './check';

export const REPO_ROOT = new URL('../../../', import.meta.url);

// A server sample's `req` ("req is Node's IncomingMessage", the samples say).
const nodeRequest = {
  code: "declare const req: import('node:http').IncomingMessage;",
  node: true,
};

// Every Vue + TypeScript project has this shim (create-vue's env.d.ts): TypeScript cannot read .vue files.
const vueShim = `declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<{}, {}, any>;
  export default component;
}`;

// window.Consentry of the script-tag build is the object src/global.ts of @consentry/ui assigns, typed
// by the built packages (its './index' is @consentry/ui's own entry).
const scriptTagGlobal = `${readFileSync(new URL('packages/ui/src/global.ts', REPO_ROOT), 'utf8').replace(
  /from '\.\/index'/g,
  "from '@consentry/ui'",
)}\nexport { Consentry };\n`;

export const READMES: ReadmeSetup[] = [
  { file: 'README.md' },
  {
    file: 'packages/core/README.md',
    given: {
      config: { earlier: true }, // the Config section's `export const config = defineConfig(…)`
      store: { earlier: true }, // The store section's `const store = createConsent(config)`
      render: { code: 'declare function render(state: unknown): void;' }, // the page's own rendering
    },
    modules: {
      // What `consentry-config … src/consent.generated.ts` writes (configModule): a default export
      // typed ConsentConfig<the config's ids>, here the Config section's config.
      'src/consent.generated.ts':
        "import type { config as validated } from '{{config}}';\ndeclare const config: typeof validated;\nexport default config;",
      // The server sample's './consent.config.js': "defineConfig(…) from '@consentry/core', as in the browser".
      'src/consent.config.ts': "export { config } from '{{config}}';",
    },
  },
  {
    file: 'packages/core/src/browser/README.md',
    given: {
      // The README shows only the integrations; its config is any defineConfig(…) result.
      config: { code: "declare const config: import('@consentry/core').ConsentConfig;" },
    },
  },
  {
    file: 'packages/react/README.md',
    given: {
      config: { earlier: true }, // the first sample's `const config = defineConfig(…)`
      App: { earlier: true }, // the first sample's `export function App()`
      req: nodeRequest,
    },
    modules: {
      // Typed ids' "import type { config } from './config'; // the module that exports defineConfig(…)".
      'src/config.ts': "export { config } from '{{config}}';",
      // Next.js: app/consent.config.ts ("defineConfig(…), importable from server and client"), imported
      // as './consent.config' by the App Router files and as '../consent.config' by pages/_app.tsx.
      'src/app/consent.config.ts': "export { config } from '{{config}}';",
      'src/consent.config.ts': "export { config } from '{{config}}';",
    },
    ambient: [
      {
        // Next.js is not installed here: the names the samples import from it, with the types Next.js
        // 15 and 16 give them (next/dist/server/request/cookies.d.ts and headers.d.ts, next/dist/shared/lib/utils.d.ts,
        // next/types/index.d.ts), cut to the members the samples touch.
        env: 'node',
        text: `declare module 'next/headers' {
  export function cookies(): Promise<{ get(name: string): { name: string; value: string } | undefined }>;
  export function headers(): Promise<Headers>;
}
declare module 'next/app' {
  import type { ComponentType } from 'react';
  export type AppProps<P = any> = { pageProps: P; Component: ComponentType<any> };
}
declare module 'next' {
  import type { IncomingMessage } from 'node:http';
  export type GetServerSidePropsContext = {
    req: IncomingMessage & { cookies: Partial<{ [key: string]: string }> };
  };
  export type GetServerSideProps<P extends { [key: string]: any } = { [key: string]: any }> = (
    context: GetServerSidePropsContext,
  ) => Promise<{ props: P | Promise<P> } | { redirect: { destination: string; permanent: boolean } } | { notFound: true }>;
}`,
      },
    ],
  },
  {
    file: 'packages/vue/README.md',
    given: {
      config: { earlier: true }, // main.ts's `const config = defineConfig(…)`
      App: { code: "import App from './App.vue';" }, // the App.vue sample, as main.ts imports it
      req: nodeRequest,
    },
    modules: {
      // Typed ids' './config' and the Nuxt plugin's '../consent.config' (app/consent.config.ts).
      'src/config.ts': "export { config } from '{{config}}';",
      'src/app/consent.config.ts': "export { config } from '{{config}}';",
    },
    ambient: [
      { text: vueShim },
      {
        // Nuxt is not installed here: the auto-imported globals the Nuxt plugin sample uses, as Nuxt 4
        // declares them (.nuxt/types/imports.d.ts; useRequestHeaders from
        // packages/nuxt/src/app/composables/ssr.ts; import.meta.server from its augments), cut to the
        // members the sample touches.
        text: `declare function defineNuxtPlugin(
  plugin: (nuxtApp: { vueApp: import('vue').App<Element> }) => void | Promise<void>,
): unknown;
declare function useRequestHeaders<K extends string = string>(include: K[]): { [key in Lowercase<K>]?: string };
interface ImportMeta {
  readonly client: boolean;
  readonly server: boolean;
}`,
      },
    ],
  },
  {
    file: 'packages/ui/README.md',
    given: {
      // The samples after Vanilla reuse its store and a site's config; the policy sample appends to
      // the page's <main> and wraps the tables in the site's own page template.
      store: { code: "declare const store: import('@consentry/core').ConsentStore;" },
      config: { code: "declare const config: import('@consentry/core').ConsentConfig;" },
      main: { code: 'declare const main: HTMLElement;' },
      page: { code: 'declare function page(tables: string): string;' },
      // The script-tag build's global (consent.js runs after consentry.global.js).
      Consentry: { code: "import { Consentry } from '~/consentry.global';" },
      // "TypeScript learns the element from one import, once in the project": the next sample.
      'consentry-banner': { code: "import '@consentry/ui/jsx';" },
    },
    modules: {
      'consentry.global.ts': scriptTagGlobal,
      'global-script-url.ts': readFileSync(
        new URL('packages/ui/src/global-script-url.ts', REPO_ROOT),
        'utf8',
      ),
    },
    elided: {
      Vanilla: 'the config is left to the reader: defineConfig({ /* revision, languages, … */ })',
      'Script tag, no bundler': 'the config is left to the reader: defineConfig({ /* … */ })',
    },
  },
  { file: 'apps/demo/README.md' },
];
