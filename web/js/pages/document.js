// One handläggarstöd document: the text, its attachments to download (with their earlier
// versions), and the earlier versions of the text.

import { ApiError, gql } from '../api.js';
import { h, serverHtml } from '../dom.js';
import { formatDate, formatDateTime } from '../format.js';
import { cap, fileSize } from '../library.js';
import { badge, dataTable } from '../widgets.js';

function pathOf(url) {
  try {
    const u = new URL(url, location.href);
    return u.origin === location.origin ? u.pathname + u.search : url;
  } catch {
    return url;
  }
}

export default async function documentPage({ params, setTitle }) {
  const data = await gql(
    `query Document($id: ID!) { document(id: $id) {
       id title summary bodyHtml kindLabel status statusLabel reviewBy reviewOverdue version publishedAt updatedAt tags
       project { slug name } network { name } author { displayName }
       attachments { id fileName size url version createdAt versions { id version size url createdAt } }
       versions { version title replacedAt replacedBy { displayName } bodyHtml } } }`,
    { id: params.id },
  );
  const d = data.document;
  if (!d) throw new ApiError('NOT_FOUND', 'Dokumentet finns inte.');
  setTitle(d.title);
  const row = (term, value) => (value ? [h('dt', null, term), h('dd', null, value)] : null);
  return h(
    'div',
    null,
    h('p', { class: 'breadcrumb' }, h('a', { href: '/handlaggarstod' }, 'Handläggarstöd')),
    h('h1', null, d.title),
    d.summary ? h('p', { class: 'lead' }, d.summary) : null,
    h(
      'dl',
      { class: 'facts' },
      row('Typ', cap(d.kindLabel)),
      row('Status', d.status === 'PUBLISHED' ? cap(d.statusLabel) : badge(cap(d.statusLabel), 'warn')),
      row('Projekt', d.project ? h('a', { href: `/handlaggarstod/projekt/${encodeURIComponent(d.project.slug)}` }, d.project.name) : null),
      row('Nätverk', d.network?.name),
      row('Tillsynsområden', d.tags.join(', ')),
      row('Författare', d.author?.displayName),
      row('Publicerad', d.publishedAt ? formatDate(d.publishedAt) : null),
      row('Version', `${d.version}, ändrad ${formatDateTime(d.updatedAt)}`),
      row('Granskas senast', d.reviewBy ? [formatDate(d.reviewBy), d.reviewOverdue ? [' ', badge('Granskning försenad', 'warn')] : null] : null),
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'bilagor' },
      h('h2', { id: 'bilagor' }, `Bilagor (${d.attachments.length})`),
      dataTable({
        caption: { text: 'Bilagor', hidden: true },
        empty: 'Dokumentet har inga bilagor.',
        rows: d.attachments,
        columns: [
          { label: 'Fil', class: 'cell--wrap', cell: (a) => h('a', { href: pathOf(a.url), download: a.fileName }, a.fileName) },
          { label: 'Storlek', cell: (a) => fileSize(a.size) },
          { label: 'Uppladdad', cell: (a) => formatDate(a.createdAt) },
          {
            label: 'Versioner',
            cell: (a) =>
              a.versions.length > 1
                ? h(
                    'ul',
                    { class: 'plain-list' },
                    a.versions.map((v) =>
                      h('li', null, h('a', { href: pathOf(v.url), download: a.fileName }, `Version ${v.version}`), ` (${formatDate(v.createdAt)}, ${fileSize(v.size)})`),
                    ),
                  )
                : `Version ${a.version}`,
          },
        ],
      }),
    ),
    h('article', { class: 'prose', 'aria-label': 'Dokumentets text' }, serverHtml(d.bodyHtml)),
    d.versions.length
      ? h(
          'section',
          { class: 'panel', 'aria-labelledby': 'tidigare-versioner' },
          h('h2', { id: 'tidigare-versioner' }, 'Tidigare versioner'),
          d.versions.map((v) =>
            h(
              'details',
              { class: 'version' },
              h('summary', null, `Version ${v.version}: ${v.title} (ersatt ${formatDateTime(v.replacedAt)}${v.replacedBy ? ` av ${v.replacedBy.displayName}` : ''})`),
              h('div', { class: 'prose' }, serverHtml(v.bodyHtml)),
            ),
          ),
        )
      : null,
  );
}
