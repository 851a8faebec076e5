// One newsletter issue. A draft (admins only) can be changed, previewed and sent; a sent
// issue shows its delivery figures to admins.

import { ApiError, gql } from '../api.js';
import { h, notice, replace, serverHtml } from '../dom.js';
import { formatDate, formatDateTime } from '../format.js';
import { newsletterEditor } from '../newsletter-editor.js';

export default async function newsletterPage({ params, setTitle, refresh, navigate }) {
  const data = await gql(
    `query Newsletter($id: ID!) { newsletter(id: $id) { id title body html status everyone sentAt updatedAt
       deliveryStats { queued sent failed } } }`,
    { id: params.id },
  );
  const issue = data.newsletter;
  if (!issue) throw new ApiError('NOT_FOUND', 'Nyhetsbrevet finns inte.');
  setTitle(issue.title);
  const crumb = h('p', { class: 'breadcrumb' }, h('a', { href: '/nyhetsbrev' }, 'Nyhetsbrev'));

  if (issue.status === 'DRAFT') {
    const status = h('div', null);
    const send = h('button', { type: 'button', class: 'button' }, 'Skicka till alla');
    send.addEventListener('click', async () => {
      if (!window.confirm(`Skicka ”${issue.title}” till alla? Det går inte att ändra efteråt.`)) return;
      send.disabled = true;
      try {
        const r = await gql('mutation Send($input: SendNewsletterInput!) { sendNewsletter(input: $input) { queued emailConfigured } }', {
          input: { id: issue.id },
        });
        const s = r.sendNewsletter;
        navigate(`/nyhetsbrev/${encodeURIComponent(issue.id)}`, {
          replace: true,
          flash: s.emailConfigured
            ? `Nyhetsbrevet är publicerat och ${s.queued} e-postmeddelanden skickas.`
            : 'Nyhetsbrevet är publicerat i arkivet. E-post är inte inställd på servern, så inga e-postmeddelanden skickas.',
        });
      } catch (err) {
        send.disabled = false;
        replace(status, notice(err.message, 'error'));
      }
    });
    return h(
      'div',
      null,
      crumb,
      h('h1', null, issue.title),
      h('p', { class: 'muted' }, `Utkast, senast ändrat ${formatDateTime(issue.updatedAt)}.`),
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'andra-utkast' },
        h('h2', { id: 'andra-utkast' }, 'Ändra'),
        newsletterEditor({ issue, onSaved: () => refresh() }),
      ),
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'skicka' },
        h('h2', { id: 'skicka' }, 'Skicka'),
        h('p', null, 'Nyhetsbrevet hamnar i arkivet och skickas med e-post till alla som vill ha det. Spara dina ändringar först.'),
        status,
        send,
      ),
    );
  }

  const stats = issue.deliveryStats;
  return h(
    'div',
    null,
    crumb,
    h('article', { class: 'newsletter' }, h('h1', null, issue.title), h('p', { class: 'muted' }, `Skickat ${formatDate(issue.sentAt)}`), h('div', { class: 'prose' }, serverHtml(issue.html))),
    stats
      ? h(
          'section',
          { class: 'panel', 'aria-labelledby': 'utskick' },
          h('h2', { id: 'utskick' }, 'Utskick med e-post'),
          h('p', null, `${stats.sent} skickade, ${stats.queued} i kö, ${stats.failed} misslyckade.`),
        )
      : null,
  );
}
