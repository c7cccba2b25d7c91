import { createConsentPlugin } from '@consentry/vue';
import { createSSRApp } from 'vue';
import { bootPage } from '../demo/boot';
import { embedUrl } from '../demo/ran';
import VuePage from './VuePage.vue';

// The browser's store reads the same cookie the server read, so hydration finds the same markup.
const { store, params } = bootPage();
createSSRApp(VuePage, { lang: params.lang, embedSrc: embedUrl('S') })
  .use(createConsentPlugin(store))
  .mount('#app');
