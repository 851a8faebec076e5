// Enheter (/telefonboken/enheter): the units of the manager's own organisation, to add,
// rename and remove. Admins choose the organisation (?organisation=<slug>), and find the
// organisation's own details under Administration.

import { ApiError } from '../api.js';
import { h } from '../dom.js';
import { selectField } from '../forms.js';
import { canManagePhoneBook, loadOrganisations, phoneBookNav } from '../people.js';
import * as session from '../session.js';
import { unitsSection } from '../units.js';

export default async function unitsPage({ query, navigate }) {
  const me = session.user();
  if (!canManagePhoneBook(me)) throw new ApiError('FORBIDDEN', 'Enheterna ändras av chefer och administratörer.');
  const admin = me.role === 'ADMIN';
  let organisation = null;
  let chooser = null;
  if (admin) {
    const organisations = await loadOrganisations();
    const wanted = (query.get('organisation') ?? '').trim();
    organisation = organisations.find((o) => o.slug === wanted) ?? null;
    chooser = h(
      'form',
      { class: 'form search-form', 'aria-label': 'Välj organisation', novalidate: true },
      h(
        'div',
        { class: 'search-form__fields' },
        selectField({
          name: 'organisation',
          label: 'Organisation',
          value: organisation?.slug ?? '',
          options: [{ value: '', label: 'Välj organisation' }, ...organisations.map((o) => ({ value: o.slug, label: o.name }))],
        }),
      ),
      h('div', { class: 'form__actions' }, h('button', { type: 'submit', class: 'button' }, 'Visa enheterna')),
    );
    chooser.addEventListener('submit', (event) => {
      event.preventDefault();
      const slug = chooser.elements.organisation.value;
      navigate(slug ? `/telefonboken/enheter?organisation=${encodeURIComponent(slug)}` : '/telefonboken/enheter');
    });
  } else {
    organisation = me.organisation;
  }
  return h(
    'div',
    null,
    h('p', { class: 'breadcrumb' }, h('a', { href: '/telefonboken' }, 'Telefonboken')),
    h('h1', null, 'Enheter'),
    phoneBookNav(me),
    chooser,
    organisation
      ? [
          await unitsSection(organisation),
          admin ? h('p', null, h('a', { href: `/admin/organisationer/${encodeURIComponent(organisation.slug)}` }, `Ändra uppgifterna om ${organisation.name}`)) : null,
        ]
      : h('p', { class: 'empty' }, admin ? 'Välj en organisation för att se och ändra dess enheter.' : 'Ditt konto hör inte till någon organisation. Be en administratör om hjälp.'),
  );
}
