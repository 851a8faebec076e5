// History-API router. It knows nothing of Samsyn's pages: the table lives in routes.js and
// the access rules are passed in by app.js. One render at a time: a slower, older page load
// that finishes after a newer one is thrown away.

import { ApiError, INTERNAL_MESSAGE } from './api.js';
import { announce, h, notice, replace } from './dom.js';

const SITE = 'Samsyn';

let table = [];
let main = null;
let guard = () => null;
let afterRender = () => {};
let renderCount = 0;
let currentKey = null;
let pendingFlash = null;

/** Turns '/admin/anvandare/:id' into a matcher returning { id } or null. */
function compile(path) {
  const names = [];
  const source = path
    .split('/')
    .map((part) => {
      if (part.startsWith(':')) {
        names.push(part.slice(1));
        return '([^/]+)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  const re = new RegExp(`^${source}/?$`);
  return (pathname) => {
    const m = re.exec(pathname);
    if (!m) return null;
    return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
  };
}

export function match(pathname) {
  for (const route of table) {
    const params = route.matcher(pathname);
    if (params) return { route, params };
  }
  return null;
}

/** A return path is only ever a path on this site ("/x", never "//host" or "https:"). */
export function safePath(value, fallback = '/') {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return fallback;
  }
  return value;
}

/** The current path with its query, for return links such as /logga-in?till=… */
export function currentPath() {
  return location.pathname + location.search;
}

/**
 * Goes to `url` (a path on this site). `flash` is a message shown on the next page, e.g.
 * "Du är nu utloggad."; `replace` replaces the history entry instead of adding one.
 */
export function navigate(url, { replace: replaceEntry = false, flash = null } = {}) {
  pendingFlash = flash;
  const target = safePath(url);
  if (replaceEntry) history.replaceState(null, '', target);
  else history.pushState(null, '', target);
  return render(false);
}

/**
 * Changes the address of a page that redraws itself in place (the search page's filters),
 * without rendering it again. A pushed entry renders normally when Back returns to it.
 */
export function updateUrl(url, { replace: replaceEntry = false, title = null } = {}) {
  const target = safePath(url);
  if (replaceEntry) history.replaceState(null, '', target);
  else history.pushState(null, '', target);
  currentKey = location.pathname + location.search;
  if (title) setTitle(title);
}

function setTitle(title) {
  document.title = title ? `${title} – ${SITE}` : `${SITE} – Miljösamverkan Jönköpings län`;
}

function errorView(err, retry) {
  let code = err instanceof ApiError ? err.code : 'INTERNAL';
  // A page's own id that the server cannot read (a garbled /forum/trad/skräp) is an address
  // that leads nowhere, not an error to try again.
  if (code === 'BAD_INPUT' && err.field === 'id') code = 'NOT_FOUND';
  if (!(err instanceof ApiError)) console.error(err);
  if (code === 'NOT_FOUND') {
    return { title: 'Sidan finns inte', node: notFoundView() };
  }
  if (code === 'FORBIDDEN') {
    return {
      title: 'Ingen behörighet',
      node: h('div', null, h('h1', null, 'Du har inte behörighet'), h('p', null, err.message), homeLink()),
    };
  }
  const message = err instanceof ApiError ? err.message : INTERNAL_MESSAGE;
  return {
    title: 'Något gick fel',
    node: h(
      'div',
      null,
      h('h1', null, 'Något gick fel'),
      h('div', { class: 'notice notice--error' }, message),
      h('p', null, h('button', { type: 'button', class: 'button', onclick: retry }, 'Försök igen')),
    ),
  };
}

function homeLink() {
  return h('p', null, h('a', { href: '/' }, 'Till startsidan'));
}

export function notFoundView() {
  return h(
    'div',
    null,
    h('h1', null, 'Sidan finns inte'),
    h('p', null, 'Adressen kan vara felstavad, eller så har sidan flyttats.'),
    homeLink(),
  );
}

async function render(initial) {
  renderCount += 1;
  const mine = renderCount;
  const stale = () => mine !== renderCount;
  currentKey = location.pathname + location.search;
  const url = new URL(location.href);
  const found = match(url.pathname);

  const flash = pendingFlash;
  pendingFlash = null;
  main.setAttribute('aria-busy', 'true');
  // Only show "Laddar" when loading is slow enough to be noticed: no flicker on fast pages.
  const loadingTimer = window.setTimeout(() => {
    if (!stale()) replace(main, h('div', { class: 'container' }, h('p', { class: 'loading' }, 'Laddar …')));
  }, 150);

  let title;
  let node;
  if (!found) {
    title = 'Sidan finns inte';
    node = notFoundView();
  } else {
    const { route, params } = found;
    const verdict = guard(route, url);
    if (verdict?.to) {
      window.clearTimeout(loadingTimer);
      if (stale()) return;
      navigate(verdict.to, { replace: true, flash: verdict.flash ?? flash });
      return;
    }
    title = route.title;
    const ctx = {
      params,
      query: url.searchParams,
      route,
      navigate,
      setTitle: (t) => {
        title = t;
        if (!stale()) setTitle(t);
      },
      refresh: () => render(false),
    };
    try {
      if (verdict?.error) throw verdict.error;
      const module = await route.page();
      node = await module.default(ctx);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') {
        window.clearTimeout(loadingTimer);
        return; // the unauthenticated handler is already taking the user to the login page
      }
      ({ title, node } = errorView(err, () => render(false)));
    }
  }
  window.clearTimeout(loadingTimer);
  if (stale()) return;

  const container = h('div', { class: 'container' }, flash ? notice(flash, 'success') : null, node);
  replace(main, container);
  main.removeAttribute('aria-busy');
  setTitle(title);
  const heading = main.querySelector('h1');
  if (heading) heading.setAttribute('tabindex', '-1');
  if (!initial) {
    window.scrollTo(0, 0);
    // Moving focus to the new page's heading tells screen-reader users that the page changed.
    if (heading) heading.focus();
    else main.focus();
    announce(title);
  }
  afterRender({ route: found?.route ?? null, initial });
}

function onClick(event) {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target.closest('a[href]');
  if (!link || link.target || link.hasAttribute('download') || link.hasAttribute('data-external')) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin) return;
  if (url.pathname === location.pathname && url.search === location.search && url.hash) return; // in-page anchor
  event.preventDefault();
  navigate(url.pathname + url.search);
}

function onPopState() {
  // A fragment link (e.g. the skip link) changes only the hash: not a new page.
  if (location.pathname + location.search === currentKey) return;
  render(false);
}

/**
 * Starts loading the module of the page at `pathname` (e.g. while the session is still being
 * asked for), so the first page does not wait for one round trip after another.
 */
export function prefetch(routes, pathname) {
  const route = routes.find((r) => compile(r.path)(pathname));
  route?.page().catch(() => {}); // errors show when the router loads it for real
}

/**
 * Starts routing. `routes`: [{ path, title, access, page: () => import(...) }].
 * `options.guard(route, url)` returns null to show the page, { to, flash } to redirect, or
 * { error: ApiError } to show an error instead (e.g. FORBIDDEN);
 * `options.afterRender({ route, initial })` runs after each page is shown.
 */
export function start(routes, options) {
  table = routes.map((r) => ({ ...r, matcher: compile(r.path) }));
  main = options.main;
  guard = options.guard ?? guard;
  afterRender = options.afterRender ?? afterRender;
  document.addEventListener('click', onClick);
  window.addEventListener('popstate', onPopState);
  return render(true);
}
