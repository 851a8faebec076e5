// Starts the web UI: asks who is signed in, draws the header, and hands over to the router
// with the access rules of routes.js.

import { ApiError, onUnauthenticated } from './api.js';
import { currentPath, navigate, prefetch, safePath, start } from './router.js';
import { routes } from './routes.js';
import * as session from './session.js';
import * as shell from './shell.js';

function loginRedirect(returnTo) {
  const till = returnTo && returnTo !== '/' ? `?till=${encodeURIComponent(returnTo)}` : '';
  return `/logga-in${till}`;
}

/** The access rule of a route: null to show it, or where to send the user instead. */
function guard(route, url) {
  const user = session.user();
  switch (route.access) {
    case 'guest':
      return user ? { to: safePath(url.searchParams.get('till')) } : null;
    case 'user':
      return user ? null : { to: loginRedirect(currentPath()) };
    case 'admin':
      if (!user) return { to: loginRedirect(currentPath()) };
      return user.role === 'ADMIN'
        ? null
        : { error: new ApiError('FORBIDDEN', 'Den här sidan är till för administratörer.') };
    default:
      return null;
  }
}

// The session ended (expired, logged out elsewhere, deactivated): back to the login page,
// and back here after logging in again.
let redirecting = false;
onUnauthenticated(() => {
  if (redirecting || location.pathname === '/logga-in') return;
  redirecting = true;
  const back = currentPath();
  session.clear();
  navigate(loginRedirect(back), { replace: true, flash: 'Du har blivit utloggad. Logga in igen för att fortsätta.' })
    .finally(() => {
      redirecting = false;
    });
});

async function boot() {
  const main = document.getElementById('main');
  // Skip link: move focus into the page without touching the URL.
  document.querySelector('.skip-link')?.addEventListener('click', (event) => {
    event.preventDefault();
    const heading = main.querySelector('h1');
    (heading ?? main).focus();
  });
  prefetch(routes, location.pathname);
  try {
    await session.load();
  } catch {
    // The server could not answer: show the page anyway; pages that need data say why they fail.
  }
  shell.mount(document.getElementById('site-header'));
  await start(routes, {
    main,
    guard,
    afterRender: ({ initial }) => {
      shell.update();
      if (initial) {
        // For the browser tests' "time to first rendered page": set once the first page is in
        // the DOM and the browser has had a frame to paint it.
        requestAnimationFrame(() => performance.mark('samsyn:first-page'));
      }
    },
  });
}

boot();
