// Nytt projekt: administrators, and moderators for their networks.

import { h } from '../dom.js';
import { loadChoices, projectForm } from '../library-edit.js';

export default async function newProjectPage({ navigate }) {
  const choices = await loadChoices();
  return h(
    'div',
    { class: 'narrow' },
    h('p', { class: 'breadcrumb' }, h('a', { href: '/handlaggarstod' }, 'Handläggarstöd')),
    h('h1', null, 'Nytt projekt'),
    projectForm({
      choices,
      onSaved: (p) => navigate(`/handlaggarstod/projekt/${encodeURIComponent(p.slug)}`, { flash: `Projektet ”${p.name}” är skapat.` }),
    }),
  );
}
