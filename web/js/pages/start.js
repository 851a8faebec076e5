// Startsidan: greeting, for a user in no network the open networks to join, "Nytt sedan sist" (the forum's activity in my networks with unread
// counts, my notifications, the coming meetings and the latest newsletter) and the ways into
// each part of Samsyn.

import { ApiError, gql } from '../api.js';
import { h, notice, replace } from '../dom.js';
import { ROLE_LABELS, excerpt, formatDate } from '../format.js';
import { THREAD_LIST_FIELDS, networkPath, threadItem } from '../forum.js';
import { MEETING_FIELDS, meetingItem } from '../meetings.js';
import { NOTIFICATION_FIELDS, notificationsBox } from '../notifications.js';
import * as session from '../session.js';

function card(href, title, text) {
  return h('li', { class: 'card' }, h('a', { href, class: 'card__link' }, title), h('p', { class: 'card__text' }, text));
}

/**
 * "I dina nätverk": the unread threads of the networks I am a member of or follow (and of the
 * threads I follow). Unread threads in open networks I have not joined are offered apart, so
 * "inget oläst" is never said above a list of unread threads.
 */
function forumNews(threads, networks) {
  const mine = isMine;
  const unreadMine = networks.filter((n) => n.unreadCount > 0 && mine(n));
  const unreadOther = networks.filter((n) => n.unreadCount > 0 && !mine(n));
  const perNetwork = (label, list) =>
    h('p', null, label, list.map((n, i) => [i ? ', ' : '', h('a', { href: networkPath(n.slug) }, n.name), ` (${n.unreadCount})`]));
  let lead = null;
  if (threads.length) lead = h('ul', { class: 'thread-list thread-list--compact' }, threads.map((t) => threadItem(t, { showNetwork: true, headingLevel: 'h4' })));
  else if (unreadMine.length === 0) {
    lead = h(
      'p',
      { class: 'empty' },
      networks.some(mine) ? 'Inget oläst i dina nätverk sedan ditt senaste besök.' : 'Du är inte med i något nätverk än. Gå med i de nätverk du vill följa, så visas det nya här.',
    );
  }
  return h(
    'section',
    { 'aria-labelledby': 'i-dina-natverk' },
    h('h3', { id: 'i-dina-natverk' }, 'I dina nätverk'),
    lead,
    unreadMine.length ? perNetwork('Olästa trådar per nätverk: ', unreadMine) : null,
    unreadOther.length ? perNetwork('Oläst i nätverk du inte är med i: ', unreadOther) : null,
    h('p', null, h('a', { href: '/forum' }, 'Till forumet')),
  );
}

const isMine = (n) => Boolean(n.myRole) || n.following;

/**
 * "Gå med i ett nätverk": for a user who is in no network yet (a new account), the open
 * networks with a join button each, so the colleagues' questions start reaching them.
 */
function joinNetworks(networks) {
  const open = networks.filter((n) => !n.membersOnly && !n.myRole);
  if (open.length === 0) return null;
  const item = (n) => {
    const status = h('div', { class: 'join-list__status' });
    const button = h('button', { type: 'button', class: 'button button--small' }, 'Gå med i ', n.name);
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await gql('mutation Join($input: NetworkInput!) { joinNetwork(input: $input) { role } }', { input: { networkId: n.id } });
        replace(status, notice(`Du är nu medlem i ${n.name} och får nya frågor därifrån.`, 'success'));
        button.remove();
      } catch (err) {
        if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
        button.disabled = false;
        replace(status, notice(err.message, 'error'));
      }
    });
    return h(
      'li',
      { class: 'join-list__item' },
      h('h3', { class: 'join-list__name' }, h('a', { href: networkPath(n.slug) }, n.name)),
      n.description ? h('p', null, excerpt(n.description, 160)) : null,
      button,
      status,
    );
  };
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'ga-med' },
    h('h2', { id: 'ga-med' }, 'Gå med i ett nätverk'),
    h('p', null, 'Du är inte medlem i något nätverk än. Som medlem får du nya frågor och svar i nätverket här och i dina aviseringar.'),
    h('ul', { class: 'join-list' }, open.map(item)),
  );
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
       networks { id slug name description membersOnly unreadCount myRole following }
       notifications(first: 8) { nodes { ${NOTIFICATION_FIELDS} } }
       unreadNotificationCount
       documentsDueForReview(withinDays: 30, first: 100) { edges { node { id } } }
       faqDueForReview(withinDays: 30, first: 100) { edges { node { id } } } }`,
  );
  const who = [ROLE_LABELS[me.role], me.organisation?.name].filter(Boolean).join(', ');
  const cards = [
    card('/forum', 'Forum', 'Frågor och svar i nätverken. Sök bland tidigare svar innan du frågar.'),
    card('/handlaggarstod', 'Handläggarstöd', 'Checklistor, projektplaner, vägledningar och mallar från tillsynsprojekten.'),
    card('/telefonboken', 'Telefonboken', 'Kollegor i länets kommuner och på Länsstyrelsen, och vem som handlägger vad.'),
    card('/traffar', 'Träffar', 'Nätverksträffar och utbildningar, med anmälan.'),
    card('/nyhetsbrev', 'Nyhetsbrev', 'Arkivet med samverkans nyhetsbrev.'),
    card('/profil', 'Mina uppgifter', 'Ditt konto, lösenord, aviseringar med e-post och API-nycklar.'),
  ];
  const docs = data.documentsDueForReview.edges.length;
  const faq = data.faqDueForReview.edges.length;
  const toReview = docs + faq;
  if (toReview > 0) {
    const what = faq === 0 ? 'Handläggarstöd du ansvarar för' : docs === 0 ? 'Vanliga frågor i nätverk du modererar' : 'Handläggarstöd och vanliga frågor du ansvarar för';
    cards.unshift(card('/handlaggarstod/att-granska', `Att granska (${docs === 100 || faq === 100 ? '100+' : toReview})`, `${what} som ska granskas inom 30 dagar eller redan skulle ha granskats.`));
  }
  if (me.role === 'MANAGER' || me.role === 'ADMIN') {
    cards.push(card('/telefonboken/kontroll', 'Att kontrollera i telefonboken', 'Poster som inte har kontrollerats på ett år, ändringsloggen och enheterna.'));
  }
  if (me.role === 'ADMIN') {
    cards.push(card('/admin', 'Administration', 'Användare, inbjudningar och organisationer.'));
  }
  return h(
    'div',
    null,
    h('h1', null, `Välkommen, ${me.displayName}`),
    who ? h('p', { class: 'lead' }, who) : null,
    data.networks.some(isMine) ? null : joinNetworks(data.networks),
    news(data),
    h(
      'section',
      { 'aria-labelledby': 'genvagar' },
      h('h2', { id: 'genvagar' }, 'Hitta i Samsyn'),
      h('ul', { class: 'cards' }, cards),
    ),
  );
}
