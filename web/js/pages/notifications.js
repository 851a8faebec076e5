// Aviseringar (/aviseringar): my latest notifications, the unread ones marked, with "Markera
// alla som lästa"; below them what I have been told about meetings I am registered for or
// waiting for (changed time or place, cancelled, got a place); how often they come by e-mail
// is chosen under Mina uppgifter.

import { gql } from '../api.js';
import { h } from '../dom.js';
import { formatDateTime } from '../format.js';
import { NOTIFICATION_FIELDS, notificationsBox } from '../notifications.js';

function meetingNotices(notices) {
  return h(
    'section',
    { 'aria-labelledby': 'om-traffar' },
    h('h2', { id: 'om-traffar' }, 'Om dina träffar'),
    notices.length === 0
      ? h('p', { class: 'empty' }, 'Inga ändringar i träffar du är anmäld till.')
      : h(
          'ul',
          { class: 'notification-list meeting-notices' },
          notices.map((n) =>
            h(
              'li',
              { class: 'notification' },
              h('p', null, n.message, ' ', h('a', { href: `/traffar/${encodeURIComponent(n.meetingId)}` }, 'Till träffen')),
              h('p', { class: 'muted' }, formatDateTime(n.createdAt), n.emailStatus === 'sent' ? ' · skickat med e-post' : ''),
            ),
          ),
        ),
  );
}

export default async function notificationsPage() {
  const data = await gql(`query Notifications {
    notifications(first: 50) { nodes { ${NOTIFICATION_FIELDS} } }
    unreadNotificationCount
    meetingNotices(first: 20) { id meetingId message createdAt emailStatus }
  }`);
  return h(
    'div',
    null,
    h('h1', null, 'Aviseringar'),
    h(
      'p',
      { class: 'lead' },
      'Svar i trådar du bevakar, markerade lösningar, när någon nämner dig, nya anslag i nätverk du bevakar och nya trådar om tillsynsområden du bevakar. ',
      h('a', { href: '/profil' }, 'Välj hur ofta de kommer med e-post'),
      '.',
    ),
    notificationsBox(data.notifications.nodes, data.unreadNotificationCount, { headingLevel: 'h2', title: 'Senaste aviseringarna' }),
    meetingNotices(data.meetingNotices),
  );
}
