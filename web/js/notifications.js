// Aviseringar: a list of my notifications (svar, lösning, omnämnande, anslag; for
// moderators anmälda inlägg; new threads about a tillsynsområde I follow; leading to "Att moderera"; dolda inlägg with the reason) with "Ny" on
// the unread ones and "Markera alla som lästa". Used on the start page and on /aviseringar;
// marking read also updates the count in the header.

import { ApiError, gql } from './api.js';
import { h, notice, replace } from './dom.js';
import { formatDateTime } from './format.js';
import { threadPath } from './forum.js';
import { refreshUnread } from './shell.js';
import { badge } from './widgets.js';

export const NOTIFICATION_FIELDS = 'id kind note read createdAt actor { displayName } thread { id title network { slug } }';

const NOTIFICATION_TEXT = {
  REPLY: (who) => `${who} svarade i`,
  ACCEPTED: (who) => `${who} markerade ett svar som lösning i`,
  MENTION: (who) => `${who} nämnde dig i`,
  ANNOUNCEMENT: (who) => `${who} satte upp ett anslag:`,
  REPORT: (who) => `${who} anmälde ett inlägg i`,
  POST_HIDDEN: () => 'En moderator dolde ditt inlägg i',
  FOLLOWED_TAG: (who, note) => `${who} startade en tråd om ${note ?? 'ett tillsynsområde du bevakar'}:`,
};

/**
 * The notifications as a section. `headingLevel`: h2 on a page of its own, h3 inside "Nytt
 * sedan sist"; `title` is the heading's text.
 */
export function notificationsBox(initial, initialUnread, { headingLevel = 'h3', title = 'Aviseringar' } = {}) {
  let items = initial;
  let unread = initialUnread;
  const box = h('section', { 'aria-labelledby': 'aviseringar' });
  const status = h('div', null);

  async function markRead(ids) {
    const data = await gql('mutation MarkRead($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) { unreadCount } }', { input: { ids } });
    unread = data.markNotificationsRead.unreadCount;
    refreshUnread(unread);
    items = items.map((n) => (ids === null || ids.includes(n.id) ? { ...n, read: true } : n));
  }

  function draw() {
    const all = h('button', { type: 'button', class: 'button button--secondary button--small' }, 'Markera alla som lästa');
    all.addEventListener('click', async () => {
      all.disabled = true;
      try {
        await markRead(null);
        draw();
        replace(status, notice('Alla aviseringar är markerade som lästa.', 'success'));
        box.querySelector(headingLevel).focus();
      } catch (err) {
        if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
        all.disabled = false;
        replace(status, notice(err.message, 'error'));
      }
    });
    replace(
      box,
      h(headingLevel, { id: 'aviseringar', tabindex: '-1' }, title, unread > 0 ? [' ', badge(`${unread} ${unread === 1 ? 'oläst' : 'olästa'}`, 'new')] : null),
      status,
      items.length
        ? h(
            'ul',
            { class: 'notification-list' },
            items.map((n) => {
              const who = n.actor?.displayName ?? 'Någon';
              // A report is handled in the network's "Att moderera"; the rest open the thread.
              const href = n.kind === 'REPORT' ? `/forum/${encodeURIComponent(n.thread.network.slug)}/att-moderera` : threadPath(n.thread.id);
              const link = h('a', { href }, n.thread.title);
              // Following the link reads the notification; the thread page marks the thread read.
              if (!n.read) link.addEventListener('click', () => markRead([n.id]).catch(() => {}));
              return h(
                'li',
                { class: ['notification', n.read ? null : 'notification--unread'] },
                n.read ? null : [badge('Ny', 'new'), ' '],
                `${(NOTIFICATION_TEXT[n.kind] ?? NOTIFICATION_TEXT.REPLY)(who, n.note)} `,
                link,
                h('span', { class: 'muted' }, ` · ${formatDateTime(n.createdAt)}`),
                n.note && n.kind !== 'FOLLOWED_TAG' ? h('span', { class: 'notification__note' }, n.kind === 'REPORT' ? `Skäl: ${n.note}` : `Motivering: ${n.note}`) : null,
              );
            }),
          )
        : h('p', { class: 'empty' }, 'Du har inga aviseringar.'),
      unread > 0 ? h('p', null, all) : null,
    );
  }
  draw();
  return box;
}

