export { type AxeViolation, formatViolations, runAxe, WCAG_TAGS } from './axe';
export { chromiumPath, HOST_RESOLVER_RULES, launchChromium, newContext, watchedPage } from './browser';
export { type Handler, serveStatic, type TestServer } from './server';
export { typesProject } from './types';
