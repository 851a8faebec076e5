// Papperskorg: documents moved to the recycle bin that the caller may change, with
// "Återställ" (the document goes back to the status it had). Removed attachments are
// restored on their document's page.

import { ApiError, gql } from '../api.js';
import { announce, h, notice, replace, srOnly } from '../dom.js';
import { formatDateTime } from '../format.js';
import { cap, documentPath } from '../library.js';
import { dataTable } from '../widgets.js';

const FIELDS = 'id title kindLabel archivedAt project { name } network { name }';

export default async function recycleBinPage() {
  const data = await gql(`query RecycleBin { documents(filter: { status: ARCHIVED }, first: 100) { nodes { ${FIELDS} } } }`);
  let docs = data.documents.nodes;
  const status = h('div');
  const list = h('div');

  async function restore(doc, button) {
    button.disabled = true;
    try {
      await gql('mutation Restore($input: DocumentIdInput!) { restoreDocument(input: $input) { document { id status } } }', { input: { id: doc.id } });
      docs = docs.filter((d) => d.id !== doc.id);
      draw();
      const message = `”${doc.title}” är återställt.`;
      const link = h('a', { href: documentPath(doc) }, 'Öppna dokumentet');
      replace(status, h('div', { class: 'notice notice--success', tabindex: '-1' }, message, ' ', link));
      status.firstChild.focus();
      announce(message);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
      button.disabled = false;
      replace(status, notice(err.message, 'error'));
    }
  }

  function draw() {
    replace(
      list,
      dataTable({
        caption: { text: 'Dokument i papperskorgen', hidden: true },
        empty: 'Papperskorgen är tom.',
        rows: docs,
        columns: [
          { label: 'Dokument', class: 'cell--wrap', cell: (d) => h('a', { href: documentPath(d) }, d.title) },
          { label: 'Typ', cell: (d) => cap(d.kindLabel) },
          { label: 'Hör till', cell: (d) => d.project?.name ?? d.network?.name ?? '–' },
          { label: 'Borttaget', cell: (d) => formatDateTime(d.archivedAt) },
          {
            label: 'Åtgärd',
            cell: (d) => {
              const button = h('button', { type: 'button', class: 'button button--secondary button--small' }, 'Återställ', srOnly(` ${d.title}`));
              button.addEventListener('click', () => restore(d, button));
              return button;
            },
          },
        ],
      }),
    );
  }
  draw();

  return h(
    'div',
    null,
    h('p', { class: 'breadcrumb' }, h('a', { href: '/handlaggarstod' }, 'Handläggarstöd')),
    h('h1', null, 'Papperskorg'),
    h('p', { class: 'lead' }, 'Dokument som flyttats till papperskorgen syns inte för andra. Återställ ett dokument så blir det som förut – publicerat eller utkast.'),
    status,
    list,
  );
}
