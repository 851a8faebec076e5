// Nytt dokument: a draft (or, for admins and the network's moderators, published at once),
// with its first attachments. ?projekt=<slug> preselects the project.

import { h } from '../dom.js';
import { documentPath } from '../library.js';
import { documentForm, loadChoices } from '../library-edit.js';

export default async function newDocumentPage({ query, navigate }) {
  const choices = await loadChoices();
  return h(
    'div',
    { class: 'narrow' },
    h('p', { class: 'breadcrumb' }, h('a', { href: '/handlaggarstod' }, 'Handläggarstöd')),
    h('h1', null, 'Nytt dokument'),
    documentForm({
      choices,
      presetProject: query.get('projekt') ?? '',
      onSaved: (doc, { failedUploads }) => {
        const saved = doc.status === 'PUBLISHED' ? `”${doc.title}” är publicerat.` : `”${doc.title}” är sparat som utkast.`;
        const failed = failedUploads.length ? ` Bilagor som inte kunde laddas upp: ${failedUploads.join('; ')}` : '';
        return navigate(documentPath(doc), { flash: saved + failed });
      },
    }),
  );
}
