import { ConsentProvider } from '@consentry/react';
import { createElement } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { bootPage } from '../demo/boot';
import { embedUrl } from '../demo/ran';
import { ReactPage } from './ReactPage';

// The browser's store reads the same cookie the server read, so hydration finds the same markup.
const { store, params } = bootPage();
hydrateRoot(
  document.getElementById('app')!,
  createElement(
    ConsentProvider,
    { store },
    createElement(ReactPage, { lang: params.lang, embedSrc: embedUrl('S') }),
  ),
);
