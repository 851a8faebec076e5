// One tillsynsprojekt: what it is for, who runs it, and its documents.

import { ApiError, gql } from '../api.js';
import { h } from '../dom.js';
import { formatDate } from '../format.js';
import { DOCUMENT_LIST_FIELDS, cap, documentItem } from '../library.js';

export default async function projectPage({ params, setTitle }) {
  const data = await gql(
    `query Project($slug: String!) { project(slug: $slug) { slug name viewerCanEdit description goal parties periodFrom periodTo statusLabel responsible
       networks { name } documents(first: 100) { nodes { ${DOCUMENT_LIST_FIELDS} } } } }`,
    { slug: params.slug },
  );
  const p = data.project;
  if (!p) throw new ApiError('NOT_FOUND', 'Projektet finns inte.');
  setTitle(p.name);
  const row = (term, value) => (value ? [h('dt', null, term), h('dd', null, value)] : null);
  const period = p.periodFrom || p.periodTo ? `${p.periodFrom ? formatDate(p.periodFrom) : '…'} – ${p.periodTo ? formatDate(p.periodTo) : '…'}` : null;
  const docs = p.documents.nodes;
  return h(
    'div',
    null,
    h('p', { class: 'breadcrumb' }, h('a', { href: '/handlaggarstod' }, 'Handläggarstöd')),
    h('h1', null, p.name),
    p.description ? h('p', { class: 'lead' }, p.description) : null,
    h(
      'div',
      { class: 'toolbar-row' },
      h('a', { href: `/handlaggarstod/dokument/ny?projekt=${encodeURIComponent(p.slug)}`, class: 'button' }, 'Nytt dokument i projektet'),
      p.viewerCanEdit ? h('a', { href: `/handlaggarstod/projekt/${encodeURIComponent(p.slug)}/redigera`, class: 'button button--secondary' }, 'Redigera projektet') : null,
    ),
    h(
      'section',
      { class: 'panel', 'aria-label': 'Om projektet' },
      h('dl', { class: 'facts' }, row('Status', cap(p.statusLabel)), row('Period', period), row('Ansvarig', p.responsible), row('Mål', p.goal), row('Samverkande parter', p.parties), row('Nätverk', p.networks.map((n) => n.name).join(', '))),
    ),
    h(
      'section',
      { 'aria-labelledby': 'projektets-dokument' },
      h('h2', { id: 'projektets-dokument' }, `Dokument (${docs.length})`),
      docs.length ? h('ul', { class: 'doc-list' }, docs.map(documentItem)) : h('p', { class: 'empty' }, 'Projektet har inga dokument än.'),
    ),
  );
}
