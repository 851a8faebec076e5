// Nyhetsbrev: the archive, newest first; admins also see drafts and write new issues.

import { gql } from '../api.js';
import { h } from '../dom.js';
import { excerpt, formatDate } from '../format.js';
import * as session from '../session.js';
import { badge } from '../widgets.js';

export default async function newslettersPage() {
  const admin = session.isAdmin();
  const data = await gql(
    'query Newsletters($drafts: Boolean) { newsletters(first: 100, includeDrafts: $drafts) { nodes { id title status sentAt updatedAt text } } }',
    { drafts: admin },
  );
  const issues = data.newsletters.nodes;
  return h(
    'div',
    null,
    h('h1', null, 'Nyhetsbrev'),
    h('p', { class: 'lead' }, 'Nyhetsbreven från Miljösamverkan Jönköpings län. Om du vill ha dem med e-post väljer du det under Mina uppgifter.'),
    admin ? h('p', null, h('a', { href: '/nyhetsbrev/ny', class: 'button' }, 'Skriv nytt nyhetsbrev')) : null,
    issues.length
      ? h(
          'ul',
          { class: 'issue-list' },
          issues.map((n) =>
            h(
              'li',
              { class: 'issue-item' },
              h('h2', { class: 'issue-item__title' }, h('a', { href: `/nyhetsbrev/${encodeURIComponent(n.id)}` }, n.title)),
              h('p', { class: 'muted' }, n.status === 'DRAFT' ? ['Utkast, ändrat ', formatDate(n.updatedAt), ' ', badge('Utkast', 'warn')] : `Skickat ${formatDate(n.sentAt)}`),
              h('p', { class: 'issue-item__excerpt' }, excerpt(n.text, 220)),
            ),
          ),
        )
      : h('p', { class: 'empty' }, 'Inga nyhetsbrev har skickats än.'),
  );
}
