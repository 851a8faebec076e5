// The header on every page: site name, search box, main navigation, the signed-in user, the
// unread notifications (a count, asked for after each page change) and "Logga ut". On a phone
// the navigation and account links fold behind a "Meny" button.

import { gql } from './api.js';
import { h, replace } from './dom.js';
import { navigate } from './router.js';
import { mainNav } from './routes.js';
import * as session from './session.js';

let header = null;

function navLink(path, label) {
  return h('li', null, h('a', { href: path, class: 'site-nav__link', 'data-nav': path }, label));
}

function searchForm() {
  const input = h('input', {
    type: 'search',
    id: 'site-search-q',
    name: 'q',
    class: 'site-search__input',
    autocomplete: 'off',
    placeholder: 'Trådar, dokument, personer …',
  });
  return h(
    'form',
    {
      class: 'site-search',
      role: 'search',
      action: '/sok',
      onsubmit: (event) => {
        event.preventDefault();
        const q = input.value.trim();
        navigate(q ? `/sok?q=${encodeURIComponent(q)}` : '/sok');
      },
    },
    h('label', { for: 'site-search-q', class: 'visually-hidden' }, 'Sök i Samsyn'),
    input,
    h('button', { type: 'submit', class: 'site-search__button' }, 'Sök'),
  );
}

function setOpen(open) {
  header.classList.toggle('is-open', open);
  const toggle = header.querySelector('.menu-toggle');
  if (toggle) toggle.setAttribute('aria-expanded', String(open));
}

async function logout(button) {
  button.disabled = true;
  let via = null;
  try {
    via = await session.logout();
  } catch {
    // Even if the server could not be reached, forget the user here; the cookie ends on its own.
    session.clear();
  }
  // Signed in through the organisation's own login: offer its sign-out too.
  if (via) navigate('/utloggad');
  else navigate('/logga-in', { flash: 'Du är nu utloggad.' });
}

function build(user) {
  const top = h('div', { class: 'container site-header__top' });
  top.append(
    h(
      'a',
      { class: 'brand', href: '/' },
      h('span', { class: 'brand__name' }, 'Samsyn'),
      ' ',
      h('span', { class: 'brand__tag' }, 'Miljösamverkan Jönköpings län'),
    ),
  );
  if (!user) {
    replace(header, top);
    return;
  }
  const items = mainNav.map(([path, label]) => navLink(path, label));
  if (user.role === 'ADMIN') items.push(navLink('/admin', 'Administration'));
  const logoutButton = h('button', { type: 'button', class: 'site-account__logout' }, 'Logga ut');
  logoutButton.addEventListener('click', () => logout(logoutButton));
  top.append(
    searchForm(),
    h(
      'button',
      {
        type: 'button',
        class: 'menu-toggle',
        'aria-expanded': 'false',
        'aria-controls': 'site-nav site-account',
        onclick: () => setOpen(!header.classList.contains('is-open')),
      },
      'Meny',
      h('span', { class: 'site-account__count menu-toggle__count', hidden: true }),
    ),
    h(
      'div',
      { class: 'site-account', id: 'site-account' },
      h('a', { href: '/aviseringar', class: 'site-account__notifications', 'data-nav': '/aviseringar' }, 'Aviseringar', ' ', h('span', { class: 'site-account__count', hidden: true })),
      h('a', { href: '/profil', class: 'site-account__me', 'data-nav': '/profil' },
        h('span', { class: 'visually-hidden' }, 'Inloggad som '),
        user.displayName),
      logoutButton,
    ),
  );
  const nav = h(
    'nav',
    { class: 'site-nav', id: 'site-nav', 'aria-label': 'Huvudmeny' },
    h('div', { class: 'container' }, h('ul', { class: 'site-nav__list' }, items)),
  );
  replace(header, top, nav);
}

/** Marks the current section in the navigation and closes the phone menu after a page change. */
export function update() {
  if (!header) return;
  setOpen(false);
  const path = location.pathname;
  for (const link of header.querySelectorAll('[data-nav]')) {
    const target = link.getAttribute('data-nav');
    const current = path === target || path.startsWith(`${target}/`);
    if (current) link.setAttribute('aria-current', path === target ? 'page' : 'true');
    else link.removeAttribute('aria-current');
  }
  // The box shows the query of the search page only; elsewhere it starts empty again.
  const q = header.querySelector('#site-search-q');
  if (q && document.activeElement !== q) q.value = path === '/sok' ? (new URLSearchParams(location.search).get('q') ?? '') : '';
  if (session.user()) refreshUnread();
}

let unreadAsked = 0;
/**
 * Shows the number of unread notifications beside "Aviseringar": `count` when the caller
 * knows it (after marking some read), else asked for. Failing quietly: it is a convenience.
 */
export async function refreshUnread(count = null) {
  const mine = ++unreadAsked;
  let n = count;
  if (n === null) {
    try {
      n = (await gql('query Unread { unreadNotificationCount }')).unreadNotificationCount;
    } catch {
      return;
    }
  }
  if (mine !== unreadAsked || !header) return;
  for (const badge of header.querySelectorAll('.site-account__count')) {
    badge.hidden = !(n > 0);
    replace(badge, n > 99 ? '99+' : String(n), h('span', { class: 'visually-hidden' }, n === 1 ? ' oläst avisering' : ' olästa aviseringar'));
  }
}

export function mount(el) {
  header = el;
  build(session.user());
  session.onChange((user) => {
    build(user);
    update();
  });
  header.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && header.classList.contains('is-open')) {
      setOpen(false);
      header.querySelector('.menu-toggle')?.focus();
    }
  });
}
