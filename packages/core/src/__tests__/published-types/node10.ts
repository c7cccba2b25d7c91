// A project on moduleResolution node10 (what "module": "commonjs" implies): the subpath still resolves.
import { readConsent } from '@consentry/core/server';

export const read: typeof readConsent = readConsent;
