// Startsidan: greeting, "Nytt sedan sist" (the forum's activity in my networks with unread
// counts, my notifications, the coming meetings and the latest newsletter) and the ways into
// each part of Samsyn.

import { ApiError, gql } from '../api.js';
import { h, notice, replace } from '../dom.js';
import { ROLE_LABELS, excerpt, formatDate, formatDateTime } from '../format.js';
import { THREAD_LIST_FIELDS, networkPath, threadItem, threadPath } from '../forum.js';
import { MEETING_FIELDS, meetingItem } from '../meetings.js';
import * as session from '../session.js';
import { badge } from '../widgets.js';

function card(href, title, text) {
  return h('li', { class: 'card' }, h('a', { href, class: 'card__link' }, title), h('p', { class: 'card__text' }, text));
}

const NOTIFICATION_TEXT = {
  REPLY: (who) => `${who} svarade i`,
  ACCEPTED: (who) => `${who} markerade ett svar som lösning i`,
  MENTION: (who) => `${who} nämnde dig i`,
  ANNOUNCEMENT: (who) => `${who} satte upp ett anslag:`,
};

function forumNews(threads, networks) {
  const unread = networks.filter((n) => n.unreadCount > 0);
  return h(
    'section',
    { 'aria-labelledby': 'i-dina-natverk' },
    h('h3', { id: 'i-dina-natverk' }, 'I dina nätverk'),
    threads.length
      ? h('ul', { class: 'thread-list thread-list--compact' }, threads.map((t) => threadItem(t, { showNetwork: true, headingLevel: 'h4' })))
      : h('p', { class: 'empty' }, 'Inget oläst i dina nätverk sedan ditt senaste besök.'),
    unread.length
      ? h(
          'p',
          null,
          'Olästa trådar per nätverk: ',
          unread.map((n, i) => [i ? ', ' : '', h('a', { href: networkPath(n.slug) }, n.name), ` (${n.unreadCount})`]),
        )
      : null,
    h('p', null, h('a', { href: '/forum' }, 'Till forumet')),
  );
}

function notificationsBox(initial, initialUnread) {
  let items = initial;
  let unread = initialUnread;
  const box = h('section', { 'aria-labelledby': 'aviseringar' });
  const status = h('div', null);

  async function markRead(ids) {
    const data = await gql('mutation MarkRead($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) { unreadCount } }', { input: { ids } });
    unread = data.markNotificationsRead.unreadCount;
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
        box.querySelector('h3').focus();
      } catch (err) {
        if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
        all.disabled = false;
        replace(status, notice(err.message, 'error'));
      }
    });
    replace(
      box,
      h('h3', { id: 'aviseringar', tabindex: '-1' }, 'Aviseringar', unread > 0 ? [' ', badge(`${unread} ${unread === 1 ? 'oläst' : 'olästa'}`, 'new')] : null),
      status,
      items.length
        ? h(
            'ul',
            { class: 'notification-list' },
            items.map((n) => {
              const who = n.actor?.displayName ?? 'Någon';
              const link = h('a', { href: threadPath(n.thread.id) }, n.thread.title);
              // Following the link reads the notification; the thread page marks the thread read.
              if (!n.read) link.addEventListener('click', () => markRead([n.id]).catch(() => {}));
              return h(
                'li',
                { class: ['notification', n.read ? null : 'notification--unread'] },
                n.read ? null : [badge('Ny', 'new'), ' '],
                `${(NOTIFICATION_TEXT[n.kind] ?? NOTIFICATION_TEXT.REPLY)(who)} `,
                link,
                h('span', { class: 'muted' }, ` · ${formatDateTime(n.createdAt)}`),
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

function news(data) {
  const meetings = data.upcomingMeetings;
  const newsletter = data.latestNewsletter;
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'nytt-sedan-sist' },
    h('h2', { id: 'nytt-sedan-sist' }, 'Nytt sedan sist'),
    h(
      'div',
      { class: 'news-grid' },
      forumNews(data.newSinceLastVisit.nodes, data.networks),
      notificationsBox(data.notifications.nodes, data.unreadNotificationCount),
      h(
        'section',
        { 'aria-labelledby': 'kommande-traffar' },
        h('h3', { id: 'kommande-traffar' }, 'Kommande träffar'),
        meetings.length
          ? h('ul', { class: 'meeting-list meeting-list--compact' }, meetings.map(meetingItem))
          : h('p', { class: 'empty' }, 'Inga träffar är inplanerade just nu.'),
        h('p', null, h('a', { href: '/traffar' }, 'Alla träffar')),
      ),
      h(
        'section',
        { 'aria-labelledby': 'senaste-nyhetsbrevet' },
        h('h3', { id: 'senaste-nyhetsbrevet' }, 'Senaste nyhetsbrevet'),
        newsletter
          ? [
              h('p', { class: 'news-item__title' }, h('a', { href: `/nyhetsbrev/${encodeURIComponent(newsletter.id)}` }, newsletter.title)),
              h('p', { class: 'muted' }, `Skickat ${formatDate(newsletter.sentAt)}`),
              h('p', null, excerpt(newsletter.text, 200)),
            ]
          : h('p', { class: 'empty' }, 'Inga nyhetsbrev har skickats än.'),
        h('p', null, h('a', { href: '/nyhetsbrev' }, 'Nyhetsbrevsarkivet')),
      ),
    ),
  );
}

export default async function startPage() {
  const me = session.user();
  const data = await gql(
    `query StartPage { upcomingMeetings(first: 5) { ${MEETING_FIELDS} } latestNewsletter { id title sentAt text }
       newSinceLastVisit(first: 5) { nodes { ${THREAD_LIST_FIELDS} } }
       networks { slug name unreadCount }
       notifications(first: 8) { nodes { id kind read createdAt actor { displayName } thread { id title } } }
       unreadNotificationCount }`,
  );
  const who = [ROLE_LABELS[me.role], me.organisation?.name].filter(Boolean).join(', ');
  const cards = [
    card('/forum', 'Forum', 'Frågor och svar i nätverken. Sök bland tidigare svar innan du frågar.'),
    card('/handlaggarstod', 'Handläggarstöd', 'Checklistor, projektplaner, vägledningar och mallar från tillsynsprojekten.'),
    card('/telefonboken', 'Telefonboken', 'Kollegor i länets kommuner och på Länsstyrelsen, och vem som handlägger vad.'),
    card('/traffar', 'Träffar', 'Nätverksträffar och utbildningar, med anmälan.'),
    card('/nyhetsbrev', 'Nyhetsbrev', 'Arkivet med samverkans nyhetsbrev.'),
    card('/profil', 'Mina uppgifter', 'Ditt konto, lösenord och API-nycklar.'),
  ];
  if (me.role === 'ADMIN') {
    cards.push(card('/admin', 'Administration', 'Användare, inbjudningar och organisationer.'));
  }
  return h(
    'div',
    null,
    h('h1', null, `Välkommen, ${me.displayName}`),
    who ? h('p', { class: 'lead' }, who) : null,
    news(data),
    h(
      'section',
      { 'aria-labelledby': 'genvagar' },
      h('h2', { id: 'genvagar' }, 'Hitta i Samsyn'),
      h('ul', { class: 'cards' }, cards),
    ),
  );
}
