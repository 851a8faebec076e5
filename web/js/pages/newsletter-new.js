// Skriv nyhetsbrev (admins): a new draft; it is sent from its own page.

import { h } from '../dom.js';
import { newsletterEditor } from '../newsletter-editor.js';

export default async function newNewsletterPage({ navigate }) {
  return h(
    'div',
    null,
    h('p', { class: 'breadcrumb' }, h('a', { href: '/nyhetsbrev' }, 'Nyhetsbrev')),
    h('h1', null, 'Skriv nyhetsbrev'),
    newsletterEditor({
      onSaved: (saved) => navigate(`/nyhetsbrev/${encodeURIComponent(saved.id)}`, { flash: `Utkastet ”${saved.title}” är sparat.` }),
    }),
  );
}
