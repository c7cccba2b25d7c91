import { ConsentProvider } from '@consentry/react';
import { createConsentPlugin } from '@consentry/vue';
import { createElement, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApp } from 'vue';
import { bootPage } from '../demo/boot';
import { ReactIsland } from '../islands/ReactIsland';
import VueIsland from '../islands/VueIsland.vue';

// One store, created in plain code; both frameworks get the same instance.
const { store, params } = bootPage();

createRoot(document.getElementById('react-island')!).render(
  createElement(
    StrictMode,
    null,
    createElement(ConsentProvider, { store }, createElement(ReactIsland, { lang: params.lang })),
  ),
);

createApp(VueIsland, { lang: params.lang }).use(createConsentPlugin(store)).mount('#vue-island');
