// Organisationer: the municipalities, Länsstyrelsen and Kommunal utveckling; each name leads
// to the organisation's page (details and units).

import { gql } from '../../api.js';
import { h } from '../../dom.js';
import { ORGANISATION_KINDS } from '../../format.js';
import { dataTable } from '../../widgets.js';
import { adminLayout } from './layout.js';

export default async function organisationsPage() {
  const data = await gql('query Organisations { organisations { id slug name kind switchboard website } }');
  return adminLayout(
    'Organisationer',
    h('p', { class: 'muted' }, `${data.organisations.length} organisationer.`),
    dataTable({
      caption: { text: 'Organisationer', hidden: true },
      empty: 'Inga organisationer.',
      rows: data.organisations,
      columns: [
        { label: 'Namn', cell: (o) => h('a', { href: `/admin/organisationer/${encodeURIComponent(o.slug)}` }, o.name) },
        { label: 'Typ', cell: (o) => ORGANISATION_KINDS[o.kind] ?? o.kind },
        {
          label: 'Växel',
          cell: (o) => (o.switchboard ? h('a', { href: `tel:${o.switchboard.replace(/[^\d+]/g, '')}`, 'data-external': true }, o.switchboard) : '–'),
        },
        {
          label: 'Webbplats',
          cell: (o) =>
            o.website && /^https?:\/\//.test(o.website)
              ? h('a', { href: o.website, rel: 'noopener', 'data-external': true }, o.website.replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, ''))
              : '–',
          class: 'cell--wrap',
        },
      ],
    }),
  );
}
