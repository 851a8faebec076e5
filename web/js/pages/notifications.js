// Aviseringar (/aviseringar): my latest notifications, the unread ones marked, with "Markera
// alla som lästa"; how often they come by e-mail is chosen under Mina uppgifter.

import { gql } from '../api.js';
import { h } from '../dom.js';
import { NOTIFICATION_FIELDS, notificationsBox } from '../notifications.js';

export default async function notificationsPage() {
  const data = await gql(`query Notifications { notifications(first: 50) { nodes { ${NOTIFICATION_FIELDS} } } unreadNotificationCount }`);
  return h(
    'div',
    null,
    h('h1', null, 'Aviseringar'),
    h(
      'p',
      { class: 'lead' },
      'Svar i trådar du bevakar, markerade lösningar, när någon nämner dig och nya anslag i nätverk du bevakar. ',
      h('a', { href: '/profil' }, 'Välj hur ofta de kommer med e-post'),
      '.',
    ),
    notificationsBox(data.notifications.nodes, data.unreadNotificationCount, { headingLevel: 'h2', title: 'Senaste aviseringarna' }),
  );
}
