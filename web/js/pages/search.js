// Sök: the search page behind the header's search box. Search itself is being built; until
// then the page keeps the query and says so rather than showing invented hits.

import { h } from '../dom.js';

export default async function searchPage({ query }) {
  const q = (query.get('q') ?? '').trim();
  return h(
    'div',
    null,
    h('h1', null, q ? `Sök: ${q}` : 'Sök'),
    h(
      'div',
      { class: 'panel panel--coming' },
      h('p', { class: 'panel__title' }, 'Sökningen är på väg.'),
      h(
        'p',
        null,
        'Snart söker rutan i sidhuvudet i forumets trådar, handläggarstödets dokument och bilagor och i telefonboken på en gång – och förstår svenska böjningar och synonymer.',
      ),
    ),
  );
}
