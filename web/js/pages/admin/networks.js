// Nätverk: every network with its kind and number of members, and a form for a new one.

import { gql } from '../../api.js';
import { h } from '../../dom.js';
import { checkboxField, form, textField, textareaField } from '../../forms.js';
import { badge, dataTable } from '../../widgets.js';
import { adminLayout } from './layout.js';

export function networkPath(n) {
  return `/admin/natverk/${encodeURIComponent(n.slug)}`;
}

export default async function networksPage({ navigate }) {
  const data = await gql('query AdminNetworks { networks { id slug name membersOnly memberCount } }');
  const createForm = form({
    label: 'Nytt nätverk',
    submitLabel: 'Skapa nätverket',
    children: [
      textField({ name: 'name', label: 'Namn', required: true, maxlength: 100 }),
      textField({
        name: 'slug',
        label: 'Kortnamn i adressen (valfritt)',
        hint: 'Små bokstäver, siffror och bindestreck. Görs av namnet om du lämnar det tomt.',
        maxlength: 60,
      }),
      textareaField({ name: 'description', label: 'Syfte', rows: 3 }),
      checkboxField({ name: 'membersOnly', label: 'Bara för medlemmar', hint: 'Bara medlemmar (och administratörer) ser nätverket och dess trådar.' }),
    ],
    onSubmit: async (v) => {
      const result = await gql('mutation CreateNetwork($input: CreateNetworkInput!) { createNetwork(input: $input) { network { slug name } } }', {
        input: { name: v.name, slug: v.slug || null, description: v.description, membersOnly: v.membersOnly },
      });
      const n = result.createNetwork.network;
      await navigate(networkPath(n), { flash: `Nätverket ${n.name} är skapat. Lägg till medlemmar nedan.` });
    },
  });
  return adminLayout(
    'Nätverk',
    dataTable({
      caption: { text: 'Nätverk', hidden: true },
      empty: 'Inga nätverk än.',
      rows: data.networks,
      columns: [
        { label: 'Namn', cell: (n) => h('a', { href: networkPath(n) }, n.name) },
        { label: 'Vilka ser det', cell: (n) => (n.membersOnly ? badge('Bara medlemmar', 'warn') : badge('Öppet', 'ok')) },
        { label: 'Medlemmar', cell: (n) => String(n.memberCount) },
      ],
    }),
    h('section', { class: 'panel', 'aria-labelledby': 'nytt-natverk' }, h('h2', { id: 'nytt-natverk' }, 'Nytt nätverk'), createForm),
  );
}
