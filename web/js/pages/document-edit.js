// Redigera dokument: editing a published document keeps the text it replaces as a version.

import { ApiError, gql } from '../api.js';
import { h } from '../dom.js';
import { documentPath } from '../library.js';
import { documentForm, loadChoices } from '../library-edit.js';

export default async function editDocumentPage({ params, navigate, setTitle }) {
  const [data, choices] = await Promise.all([
    gql(
      `query EditDocument($id: ID!) { document(id: $id) {
         id title summary body kind status reviewBy tags viewerCanEdit project { id slug name } network { id name } } }`,
      { id: params.id },
    ),
    loadChoices(),
  ]);
  const doc = data.document;
  if (!doc) throw new ApiError('NOT_FOUND', 'Dokumentet finns inte.');
  if (!doc.viewerCanEdit) throw new ApiError('FORBIDDEN', 'Du får inte ändra det här dokumentet.');
  setTitle(`Redigera ${doc.title}`);
  return h(
    'div',
    { class: 'narrow' },
    h('p', { class: 'breadcrumb' }, h('a', { href: documentPath(doc) }, doc.title)),
    h('h1', null, `Redigera ${doc.title}`),
    doc.status === 'PUBLISHED'
      ? h('p', { class: 'notice notice--info' }, 'Dokumentet är publicerat. När du sparar blir den nuvarande texten en tidigare version som går att läsa på dokumentets sida.')
      : null,
    documentForm({
      choices,
      doc,
      onSaved: (saved) => navigate(documentPath(saved), { flash: `Ändringarna i ”${saved.title}” är sparade.` }),
    }),
  );
}
