import { render } from '@testing-library/react';
import * as React from 'react';
import { version as domVersion } from 'react-dom';
import { renderToString, version as serverVersion } from 'react-dom/server';
import { expect, inject, it } from 'vitest';
import { ConsentProvider, useConsent } from '../index';
import { newStore } from './fixtures';

declare module 'vitest' {
  interface ProvidedContext {
    /** The React major a project pins (packages/react: 19, packages/test-react18: 18). */
    reactMajor: number;
  }
}

// A hook only works on the React copy whose dispatcher the renderer set. Calling the adapter's hook
// and this file's React hook in one component therefore fails ("Invalid hook call") unless the
// adapter, this file and the renderer share one React, and then React.version is that one's.
function Version() {
  useConsent();
  return <>{React.useState(React.version)[0]}</>;
}

it('runs the adapter, the tests and both renderers on one React of the pinned major', () => {
  const major = new RegExp(`^${inject('reactMajor')}\\.`);
  const tree = (
    <ConsentProvider store={newStore()}>
      <Version />
    </ConsentProvider>
  );
  expect(render(tree).container.textContent).toMatch(major);
  expect(renderToString(tree)).toMatch(major);
  expect(React.version).toMatch(major);
  expect(domVersion).toMatch(major);
  expect(serverVersion).toMatch(major);
});
