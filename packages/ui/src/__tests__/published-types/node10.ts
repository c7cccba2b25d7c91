// A project on moduleResolution node10 (what "module": "commonjs" implies, an Express server's usual
// setting): the subpaths still resolve.
import { cookiePolicyHtml } from '@consentry/ui';
import { css } from '@consentry/ui/css';
import en from '@consentry/ui/locales/en';

export const render: typeof cookiePolicyHtml = cookiePolicyHtml;
export const styles: string = css;
export const accept: string = en.acceptAll;
