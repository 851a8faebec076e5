// Lägg till person: managers add people to their own organisation, admins to any.

import { h } from '../dom.js';
import { loadOrganisations, personForm, personPath } from '../people.js';
import * as session from '../session.js';

export default async function newPersonPage({ navigate }) {
  const me = session.user();
  const isAdmin = me.role === 'ADMIN';
  const organisations = isAdmin ? await loadOrganisations() : null;
  return h(
    'div',
    { class: 'narrow' },
    h('p', { class: 'breadcrumb' }, h('a', { href: '/telefonboken' }, 'Telefonboken')),
    h('h1', null, 'Lägg till person'),
    isAdmin ? null : h('p', null, `Personen läggs till i ${me.organisation?.name ?? 'din organisation'}.`),
    personForm({
      organisations,
      fixedOrganisation: isAdmin ? null : me.organisation,
      onSaved: async (saved) => navigate(personPath(saved), { flash: `${saved.name} är tillagd i telefonboken.` }),
    }),
  );
}
