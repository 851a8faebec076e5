// Användare: everyone with an account, filterable by name, e-mail or organisation.

import { gql } from '../../api.js';
import { h, newId, replace } from '../../dom.js';
import { ROLE_LABELS } from '../../format.js';
import { badge, dataTable } from '../../widgets.js';
import { adminLayout } from './layout.js';

export default async function usersPage() {
  const data = await gql('query Users { users { id displayName email role active organisation { name } } }');
  const users = [...data.users].sort((a, b) => a.displayName.localeCompare(b.displayName, 'sv'));

  const result = h('div', { class: 'user-list' });
  const count = h('p', { class: 'muted', 'aria-live': 'polite' });
  function draw(filter) {
    const needle = filter.trim().toLocaleLowerCase('sv');
    const shown = needle
      ? users.filter((u) =>
          [u.displayName, u.email, u.organisation?.name].some((v) => v?.toLocaleLowerCase('sv').includes(needle)),
        )
      : users;
    count.textContent = needle ? `${shown.length} av ${users.length} användare` : `${users.length} användare`;
    replace(
      result,
      dataTable({
        caption: { text: 'Användare', hidden: true },
        empty: 'Ingen användare matchar.',
        rows: shown,
        columns: [
          { label: 'Namn', cell: (u) => h('a', { href: `/admin/anvandare/${encodeURIComponent(u.id)}` }, u.displayName) },
          { label: 'E-postadress', cell: (u) => u.email ?? '–', class: 'cell--wrap' },
          { label: 'Organisation', cell: (u) => u.organisation?.name ?? '–' },
          { label: 'Roll', cell: (u) => ROLE_LABELS[u.role] ?? u.role },
          { label: 'Status', cell: (u) => (u.active ? badge('Aktiv', 'ok') : badge('Inaktiv', 'off')) },
        ],
      }),
    );
  }
  const filterId = newId('filter');
  const filter = h('input', { id: filterId, type: 'search', class: 'field__input', autocomplete: 'off' });
  filter.addEventListener('input', () => draw(filter.value));
  draw('');

  return adminLayout(
    'Användare',
    h(
      'div',
      { class: 'toolbar' },
      h('div', { class: 'field toolbar__filter' }, h('label', { for: filterId, class: 'field__label' }, 'Filtrera på namn, e-post eller organisation'), filter),
      h(
        'div',
        { class: 'toolbar__actions' },
        h('a', { href: '/admin/anvandare/ny', class: 'button' }, 'Ny användare'),
        h('a', { href: '/admin/inbjudningar', class: 'button button--secondary' }, 'Bjud in'),
      ),
    ),
    count,
    result,
  );
}
