// Ett lagrum (/lag/MB%2026%3A9): the reference's full name, a link to the official text
// where it has a stable address, its chapter and act, and every thread, answer and document
// that cites it however it was written (26 kap. 9 § miljöbalken, MB 26:9, 26:9 MB). References
// in posts link here; the list is the search `lag:"…"`, so permissions are the search's.

import { ApiError, gql } from '../api.js';
import { h } from '../dom.js';
import { hitItem, NODE_FIELDS, searchUrl } from './search.js';

const PAGE = 50;

const REFERENCE = `query LawReference($ref: String!) {
  lawReference(reference: $ref) { key label officialUrl searchQuery broader { key label } } }`;

const CITING = `query Citing($query: String!, $first: Int) {
  search(query: $query, first: $first) {
    totalCount hasNextPage
    hits { id type score titleHtml snippet updatedAt missingWords node { ${NODE_FIELDS} } } } }`;

export default async function lawrefPage({ params, setTitle }) {
  const typed = params.ref;
  const data = await gql(REFERENCE, { ref: typed });
  const ref = data.lawReference;
  if (!ref) throw new ApiError('NOT_FOUND', `”${typed}” är inget lagrum som går att känna igen.`);
  setTitle(`${ref.key} – lagrum`);
  const cited = (await gql(CITING, { query: ref.searchQuery, first: PAGE })).search;
  const n = cited.totalCount;
  return h(
    'div',
    { class: 'lawref-page' },
    h('h1', null, ref.label),
    h(
      'dl',
      { class: 'facts' },
      h('dt', null, 'Kortform'),
      h('dd', null, h('code', null, ref.key)),
      ref.officialUrl ? [h('dt', null, 'Författningstext'), h('dd', null, h('a', { href: ref.officialUrl, rel: 'noopener noreferrer', 'data-external': true }, 'Läs lagtexten hos Regeringskansliets rättsdatabas'))] : null,
      ref.broader.length
        ? [h('dt', null, 'Ingår i'), h('dd', null, ref.broader.flatMap((b, i) => [i ? ', ' : null, h('a', { href: `/lag/${encodeURIComponent(b.key)}` }, b.label)]))]
        : null,
    ),
    h('h2', { id: 'hanvisningar' }, n === 1 ? '1 hänvisning' : `${n.toLocaleString('sv-SE')} hänvisningar`),
    n === 0
      ? h('p', { class: 'muted' }, 'Inget du kan läsa hänvisar hit ännu.')
      : h('ol', { class: 'hit-list', 'aria-labelledby': 'hanvisningar' }, cited.hits.map(hitItem)),
    cited.hasNextPage ? h('p', null, h('a', { href: searchUrl({ q: ref.searchQuery }) }, 'Visa alla i sökningen')) : null,
  );
}
