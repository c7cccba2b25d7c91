import { describe, expect, it } from 'vitest';
import { ConsentConfigError, defineConfig } from '../../model/config';
import {
  autoClear,
  clearStorageKeys,
  cookieDomains,
  cookieNames,
  cookiePaths,
  planCookieDeletions,
  registrableDomain,
} from '../auto-clear';
import { safeHttpUrl } from '../url';
import { vectors } from './vectors';

// Source: test-vectors/peer-issue-attack-and-edge-cases.json (peers' issues named in each case).
const cases = vectors('peer-issue-attack-and-edge-cases.json').cases as { id: string; input: any }[];
const vector = (id: string) => cases.find((c) => c.id === id)!;

/** A site with the necessary and analytics categories (and `more`), and these services. */
const site = (services: object[], more: object[] = []) =>
  defineConfig({
    revision: 1,
    languages: ['en'],
    categories: [
      { id: 'necessary', required: true, texts: { en: { title: 'Necessary' } } },
      { id: 'analytics', texts: { en: { title: 'Analytics' } } },
      ...(more as never[]),
    ],
    services: services as never[],
  });

const config = (cookies: object[], storage: object[] = []) =>
  site([
    { id: 'ga', provider: 'G', category: 'analytics', texts: { en: { title: 'GA' } }, cookies, storage },
  ]);

describe('registrable domain and the parent-domain walk', () => {
  it.each([
    ['shop.example.co.uk', 'example.co.uk'],
    ['example.co.uk', 'example.co.uk'],
    ['www.consentry.test', 'consentry.test'],
    ['a.b.c.example.com', 'example.com'],
    ['user.github.io', 'user.github.io'],
    ['WWW.Example.COM.', 'example.com'],
  ])('%s → %s', (host, root) => {
    expect(registrableDomain(host)).toBe(root);
  });

  it.each(['co.uk', 'localhost', '127.0.0.1', '[::1]', '::1', '', 'github.io', 'a..b'])(
    '%s has no registrable domain',
    (host) => {
      expect(registrableDomain(host)).toBeNull();
      expect(cookieDomains(host)).toEqual([]);
    },
  );

  it('public-suffix-root-domain: shop.example.co.uk walks to example.co.uk and stops', () => {
    const host = vector('public-suffix-root-domain').input.hostname;
    expect(cookieDomains(host)).toEqual(['shop.example.co.uk', 'example.co.uk']);
  });

  it('subdomain-autoclear: my-site.example.com walks to example.com', () => {
    expect(cookieDomains(vector('subdomain-autoclear').input.site)).toEqual([
      'my-site.example.com',
      'example.com',
    ]);
  });

  it('extra public suffixes are honoured', () => {
    expect(cookieDomains('a.shop.platform.example', ['platform.example'])).toEqual([
      'a.shop.platform.example',
      'shop.platform.example',
    ]);
  });

  it('cookie paths: root, each prefix, the path itself, each also with a trailing slash', () => {
    // A script on /blog/post may set Path=/blog/ explicitly: that is another cookie than Path=/blog.
    expect(cookiePaths('/blog/post')).toEqual(['/', '/blog', '/blog/', '/blog/post', '/blog/post/']);
    expect(cookiePaths('/blog/')).toEqual(['/', '/blog', '/blog/']);
    expect(cookiePaths('nonsense')).toEqual(['/']);
  });

  it('cookie names from document.cookie', () => {
    expect(cookieNames('a=1; _ga.*=2;  b = 3; novalue; a=4')).toEqual(['a', '_ga.*', 'b']);
  });
});

describe('planCookieDeletions', () => {
  it('public-suffix-root-domain: host-only, Domain=host and Domain=example.co.uk, never co.uk', () => {
    const plan = planCookieDeletions({
      config: config([{ pattern: '^_ga' }]),
      services: ['ga'],
      host: vector('public-suffix-root-domain').input.hostname,
      pathname: '/',
      cookies: '_ga=1; _ga_X=2; other=3',
    });
    expect(plan.filter((p) => p.startsWith('_ga='))).toEqual([
      '_ga=; Path=/; Max-Age=0',
      '_ga=; Path=/; Domain=shop.example.co.uk; Max-Age=0',
      '_ga=; Path=/; Domain=example.co.uk; Max-Age=0',
    ]);
    expect(plan.some((p) => p.startsWith('_ga_X='))).toBe(true);
    expect(plan.some((p) => p.startsWith('other='))).toBe(false);
    expect(plan.filter((p) => /Domain=(co\.)?uk\b/.test(p))).toEqual([]);
  });

  it('delete-path-mismatch: from /blog/post, a visible name goes on the declared path and every prefix of the current one; one not visible, on its declared path only', () => {
    const paths = (cookies: string) =>
      planCookieDeletions({
        config: config([{ name: '_gid', path: '/shop' }]),
        services: ['ga'],
        host: 'localhost',
        pathname: vector('delete-path-mismatch').input.currentPath,
        cookies,
      }).map((p) => p.match(/Path=([^;]+)/)![1]);
    expect(paths('_gid=1')).toEqual(['/', '/shop', '/shop/', '/blog', '/blog/', '/blog/post', '/blog/post/']);
    // A cookie on a path of this page's would be visible here: one that is not lives elsewhere, and
    // only its declared path can reach it.
    expect(paths('')).toEqual(['/shop', '/shop/']);
  });

  it('writes nothing when none of the cookies is visible and none is declared on another path: every page load clears', () => {
    const services = ['a', 'b', 'c'].map((id) => ({
      id,
      provider: 'P',
      category: 'analytics',
      texts: { en: { title: id } },
      cookies: [{ name: `_${id}` }, { name: `_${id}d`, domain: '.example.com' }, { pattern: `^_${id}_` }],
    }));
    const c = site(services);
    const plan = (cookies: string) =>
      planCookieDeletions({
        config: c,
        services: ['a', 'b', 'c'],
        host: 'www.example.com',
        pathname: '/shop/cart/item',
        cookies,
        secure: true,
      });
    expect(plan('consentry=1; session=2')).toEqual([]);
    // One visible name: its deletions only, on each path of this page and each domain, also Partitioned.
    expect(plan('_b_x=1')).toHaveLength(7 * 3 * 2);
  });

  it('cookie-name-regex-metachars: exact names are compared literally', () => {
    const names = vector('cookie-name-regex-metachars').input.cookieNames as string[];
    const literal = names.filter((n) => n !== 'a+b(');
    const plan = planCookieDeletions({
      config: config(literal.map((name) => ({ name }))),
      services: ['ga'],
      host: 'localhost',
      pathname: '/',
      cookies: '_gaX=1; _ga.*=2; _hjFoo=3; ^_hj=4',
    });
    expect(new Set(plan.map((p) => p.slice(0, p.indexOf('='))))).toEqual(new Set(['_ga.*', '^_hj']));
  });

  it('cookie-name-regex-metachars: an invalid name or pattern is a config error naming the field, never a throw at withdrawal', () => {
    expect(() => config([{ name: 'a+b(' }])).toThrow(ConsentConfigError);
    expect(() => config([{ name: 'a+b(' }])).toThrow(/services\[0\]\.cookies\[0\]\.name/);
    expect(() => config([{ pattern: 'a+b(' }])).toThrow(/services\[0\]\.cookies\[0\]\.pattern/);
  });

  it('never deletes the consent cookie, even when a pattern matches it', () => {
    const plan = planCookieDeletions({
      config: config([{ pattern: '.*' }]),
      services: ['ga'],
      host: 'localhost',
      pathname: '/',
      cookies: 'consentry=1.x; a=1',
    });
    expect(plan.some((p) => p.startsWith('consentry='))).toBe(false);
    expect(plan.some((p) => p.startsWith('a='))).toBe(true);
  });

  it('never deletes a cookie that a service still granted declares, a necessary one above all', () => {
    const c = site(
      [
        {
          id: 'session',
          provider: 'Site',
          category: 'necessary',
          texts: { en: { title: 'Session' } },
          cookies: [{ name: '_sess' }, { pattern: '^_csrf' }],
          storage: [{ key: '_cart' }],
        },
        {
          id: 'stats',
          provider: 'Stats',
          category: 'analytics',
          texts: { en: { title: 'Stats' } },
          // Too broad: it also covers the site's own cookies and keys.
          cookies: [{ pattern: '^_' }, { name: '_ads' }],
          storage: [{ pattern: '^_' }],
        },
        {
          id: 'ads',
          provider: 'Ads',
          category: 'marketing',
          texts: { en: { title: 'Ads' } },
          cookies: [{ name: '_ads' }],
        },
      ],
      [{ id: 'marketing', texts: { en: { title: 'Marketing' } } }],
    );
    const plan = planCookieDeletions({
      config: c,
      // Analytics withdrawn; marketing (ads) still granted.
      services: ['stats'],
      host: 'localhost',
      pathname: '/',
      cookies: '_sess=1; _csrf_token=2; _st=3; _ads=4',
    });
    expect(new Set(plan.map((p) => p.slice(0, p.indexOf('='))))).toEqual(new Set(['_st']));
    const local = webStorage({ _cart: '1', _st: '1' });
    expect(clearStorageKeys(c, ['stats'], { local: () => local })).toEqual(['local:_st']);
    expect(local.getItem('_cart')).toBe('1');
    // Once ads is refused too, its cookie goes.
    expect(
      planCookieDeletions({
        config: c,
        services: ['stats', 'ads'],
        host: 'localhost',
        pathname: '/',
        cookies: '_ads=4',
      }),
    ).toContain('_ads=; Path=/; Max-Age=0');
  });

  it("a granted service's broad pattern does not shield a name the withdrawn service declares exactly", () => {
    const c = site([
      {
        id: 'site',
        provider: 'Site',
        category: 'necessary',
        texts: { en: { title: 'Site' } },
        cookies: [{ pattern: '^_' }],
        storage: [{ pattern: '^_' }],
      },
      {
        id: 'ga',
        provider: 'G',
        category: 'analytics',
        texts: { en: { title: 'GA' } },
        cookies: [{ name: '_ga' }, { pattern: '^_gid' }],
        storage: [{ key: '_ga_ls' }, { pattern: '^_gid' }],
      },
    ]);
    const plan = planCookieDeletions({
      config: c,
      services: ['ga'],
      host: 'localhost',
      pathname: '/',
      cookies: '_ga=1; _gid_1=2; _site=3',
    });
    // _ga is declared exactly: it goes. _gid_1 is claimed by two patterns: the granted one keeps it.
    expect(new Set(plan.map((p) => p.slice(0, p.indexOf('='))))).toEqual(new Set(['_ga']));
    const local = webStorage({ _ga_ls: '1', _gid_1: '1', _site: '1' });
    expect(clearStorageKeys(c, ['ga'], { local: () => local })).toEqual(['local:_ga_ls']);
  });

  it('adds Secure on https so Secure cookies can be overwritten, and says Partitioned once more for a CHIPS copy; ignores services not asked for', () => {
    const plan = planCookieDeletions({
      config: config([{ name: 'x' }]),
      services: ['ga'],
      host: 'www.example.com',
      pathname: '/',
      cookies: 'x=1',
      secure: true,
    });
    // A Partitioned cookie is another cookie than the unpartitioned one of the same name: only a
    // deletion that says Partitioned removes it (Chromium, over https).
    expect(plan).toEqual([
      'x=; Path=/; Max-Age=0; Secure',
      'x=; Path=/; Domain=www.example.com; Max-Age=0; Secure',
      'x=; Path=/; Domain=example.com; Max-Age=0; Secure',
      'x=; Path=/; Max-Age=0; Secure; Partitioned',
      'x=; Path=/; Domain=www.example.com; Max-Age=0; Secure; Partitioned',
      'x=; Path=/; Domain=example.com; Max-Age=0; Secure; Partitioned',
    ]);
    // Over http no cookie can be Partitioned (it needs Secure).
    expect(
      planCookieDeletions({
        config: config([{ name: 'x' }]),
        services: ['ga'],
        host: 'localhost',
        pathname: '/',
        cookies: 'x=1',
      }),
    ).toEqual(['x=; Path=/; Max-Age=0']);
    expect(
      planCookieDeletions({
        config: config([{ name: 'x' }]),
        services: ['nope'],
        host: 'localhost',
        pathname: '/',
        cookies: '',
      }),
    ).toEqual([]);
  });
});

/** A minimal Web Storage over a Map, standing in for the browser's (the browser tests use the real one). */
function webStorage(entries: Record<string, string>): Storage {
  const m = new Map(Object.entries(entries));
  return {
    get length() {
      return m.size;
    },
    key: (i: number) => [...m.keys()][i] ?? null,
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    clear: () => m.clear(),
  };
}

describe('autoClear options', () => {
  it.each([
    // A string would be read letter by letter; an object would make every clearing throw.
    ['a string', 'myhost.app'],
    ['an object', { suffix: 'myhost.app' }],
    ['a list with a non-string', ['myhost.app', 42]],
  ])('publicSuffixes as %s fails at creation, naming it', (_, publicSuffixes) => {
    expect(() => autoClear({ publicSuffixes } as never)).toThrow(
      /^autoClear\(\{ publicSuffixes \}\): expected an array of domain suffixes/,
    );
  });

  it('accepts no options and a list of suffixes', () => {
    expect(typeof autoClear()).toBe('function');
    expect(typeof autoClear({ publicSuffixes: ['myhost.app'] })).toBe('function');
  });
});

describe('clearStorageKeys', () => {
  it('removes exact keys and pattern matches, each from its own storage', () => {
    const local = webStorage({ ga_ls: '1', ga_s_1: '1', keep: '1' });
    const session = webStorage({ ga_s_1: '1', ga_s_2: '1', keep: '1' });
    const c = config([], [{ key: 'ga_ls' }, { pattern: '^ga_s_', type: 'session' }]);
    expect(clearStorageKeys(c, ['ga'], { local: () => local, session: () => session }).sort()).toEqual([
      'local:ga_ls',
      'session:ga_s_1',
      'session:ga_s_2',
    ]);
    expect([...Array(local.length)].map((_, i) => local.key(i))).toEqual(['ga_s_1', 'keep']);
    expect(session.length).toBe(1);
  });

  it('storage that throws: the other storage is still cleared, then the error is reported', () => {
    const session = webStorage({ ga_s_1: '1' });
    const c = config([], [{ key: 'ga_ls' }, { pattern: '^ga_s_', type: 'session' }]);
    const denied = new Error('SecurityError');
    expect(() =>
      clearStorageKeys(c, ['ga'], {
        local: () => {
          throw denied;
        },
        session: () => session,
      }),
    ).toThrow(denied);
    expect(session.length).toBe(0);
  });
});

describe('safeHttpUrl (xss-javascript-url)', () => {
  it('accepts only http(s), resolved against the page', () => {
    expect(safeHttpUrl(vector('xss-javascript-url').input['attr:url'], 'https://site.test/')).toBeNull();
    for (const bad of [
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'blob:x',
      '',
      null,
      42,
    ]) {
      expect(safeHttpUrl(bad, 'https://site.test/')).toBeNull();
    }
    expect(safeHttpUrl('/a.js', 'https://site.test/x/')).toBe('https://site.test/a.js');
    expect(safeHttpUrl('b.js', 'https://site.test/x/')).toBe('https://site.test/x/b.js');
    expect(safeHttpUrl('//cdn.test/c.js', 'https://site.test/')).toBe('https://cdn.test/c.js');
  });
});
