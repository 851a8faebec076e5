// Handläggarstöd: the documents with filters (kind, project, tillsynsområde; kept in the
// address) and the projects they belong to.

import { ApiError, gql } from '../api.js';
import { h, notice } from '../dom.js';
import { selectField, textField } from '../forms.js';
import { DOCUMENT_LIST_FIELDS, KIND_OPTIONS, cap, documentItem } from '../library.js';
import * as session from '../session.js';

export default async function libraryPage({ query, navigate }) {
  const filter = { kind: query.get('typ') ?? '', project: query.get('projekt') ?? '', tag: (query.get('omrade') ?? '').trim() };
  const [projectsData, docs] = await Promise.all([
    gql('query Projects { projects(first: 100) { nodes { slug name statusLabel periodFrom periodTo responsible } } networks { viewerCanModerate } }'),
    gql(`query Documents($filter: DocumentFilterInput) { documents(filter: $filter, first: 100) { nodes { ${DOCUMENT_LIST_FIELDS} } } }`, {
      filter: { kind: filter.kind || null, project: filter.project || null, tag: filter.tag || null },
    }).catch((err) => {
      if (err instanceof ApiError && err.code === 'BAD_INPUT') return { error: err };
      throw err;
    }),
  ]);
  const projects = projectsData.projects.nodes;
  // Anyone may write a draft; projects are created by admins and network moderators.
  const mayCreateProject = session.isAdmin() || projectsData.networks.some((n) => n.viewerCanModerate);

  const form = h(
    'form',
    { class: 'form search-form', role: 'search', 'aria-label': 'Filtrera handläggarstöd', novalidate: true },
    h(
      'div',
      { class: 'search-form__fields' },
      selectField({ name: 'typ', label: 'Typ', value: filter.kind, options: [{ value: '', label: 'Alla typer' }, ...KIND_OPTIONS] }),
      selectField({ name: 'projekt', label: 'Projekt', value: filter.project, options: [{ value: '', label: 'Alla projekt' }, ...projects.map((p) => ({ value: p.slug, label: p.name }))] }),
      textField({ name: 'omrade', label: 'Tillsynsområde', value: filter.tag, autocomplete: 'off' }),
    ),
    h('div', { class: 'form__actions' }, h('button', { type: 'submit', class: 'button' }, 'Visa'), h('a', { href: '/handlaggarstod', class: 'button button--secondary' }, 'Rensa')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const key of ['typ', 'projekt', 'omrade']) {
      const value = form.elements[key].value.trim();
      if (value) params.set(key, value);
    }
    const q = params.toString();
    navigate(`/handlaggarstod${q ? `?${q}` : ''}`);
  });

  const documents = docs.error ? null : docs.documents.nodes;
  return h(
    'div',
    null,
    h('h1', null, 'Handläggarstöd'),
    h('p', { class: 'lead' }, 'Checklistor, projektplaner, vägledningar och mallar från tillsynsprojekten.'),
    h(
      'div',
      { class: 'toolbar-row' },
      h('a', { href: '/handlaggarstod/dokument/ny', class: 'button' }, 'Nytt dokument'),
      mayCreateProject ? h('a', { href: '/handlaggarstod/projekt/nytt', class: 'button button--secondary' }, 'Nytt projekt') : null,
      h('a', { href: '/handlaggarstod/att-granska', class: 'button button--secondary' }, 'Att granska'),
      h('a', { href: '/handlaggarstod/papperskorg', class: 'button button--secondary' }, 'Papperskorg'),
    ),
    form,
    h(
      'section',
      { 'aria-labelledby': 'dokument' },
      h('h2', { id: 'dokument' }, documents ? `Dokument (${documents.length})` : 'Dokument'),
      docs.error
        ? notice(docs.error.message, 'error')
        : documents.length
          ? h('ul', { class: 'doc-list' }, documents.map(documentItem))
          : h('p', { class: 'empty' }, 'Inga dokument matchar.'),
    ),
    h(
      'section',
      { 'aria-labelledby': 'projekt' },
      h('h2', { id: 'projekt' }, 'Projekt'),
      projects.length
        ? h(
            'ul',
            { class: 'cards' },
            projects.map((p) =>
              h(
                'li',
                { class: 'card' },
                h('a', { href: `/handlaggarstod/projekt/${encodeURIComponent(p.slug)}`, class: 'card__link' }, p.name),
                h('p', { class: 'card__text' }, [cap(p.statusLabel), p.responsible].filter(Boolean).join(' · ')),
              ),
            ),
          )
        : h('p', { class: 'empty' }, 'Inga projekt än.'),
    ),
  );
}
