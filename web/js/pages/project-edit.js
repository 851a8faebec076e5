// Redigera projekt: administrators and moderators of a linked network.

import { ApiError, gql } from '../api.js';
import { h } from '../dom.js';
import { loadChoices, projectForm } from '../library-edit.js';

export default async function editProjectPage({ params, navigate, setTitle }) {
  const [data, choices] = await Promise.all([
    gql(
      `query EditProject($slug: String!) { project(slug: $slug) {
         id slug name description goal parties periodFrom periodTo status responsibleText responsible
         responsibleUser { displayName } networks { id name } viewerCanEdit } }`,
      { slug: params.slug },
    ),
    loadChoices(),
  ]);
  const p = data.project;
  if (!p) throw new ApiError('NOT_FOUND', 'Projektet finns inte.');
  if (!p.viewerCanEdit) throw new ApiError('FORBIDDEN', 'Du får inte ändra det här projektet.');
  setTitle(`Redigera ${p.name}`);
  return h(
    'div',
    { class: 'narrow' },
    h('p', { class: 'breadcrumb' }, h('a', { href: `/handlaggarstod/projekt/${encodeURIComponent(p.slug)}` }, p.name)),
    h('h1', null, `Redigera ${p.name}`),
    projectForm({
      choices,
      project: p,
      onSaved: (saved) => navigate(`/handlaggarstod/projekt/${encodeURIComponent(saved.slug)}`, { flash: 'Ändringarna i projektet är sparade.' }),
    }),
  );
}
