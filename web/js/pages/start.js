// Startsidan: greeting, "Nytt sedan sist" (the coming meetings and the latest newsletter;
// the forum's activity joins when its API is in place) and the ways into each part of Samsyn.

import { gql } from '../api.js';
import { h } from '../dom.js';
import { ROLE_LABELS, excerpt, formatDate } from '../format.js';
import { MEETING_FIELDS, meetingItem } from '../meetings.js';
import * as session from '../session.js';

function card(href, title, text) {
  return h('li', { class: 'card' }, h('a', { href, class: 'card__link' }, title), h('p', { class: 'card__text' }, text));
}

function news(meetings, newsletter) {
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'nytt-sedan-sist' },
    h('h2', { id: 'nytt-sedan-sist' }, 'Nytt sedan sist'),
    h(
      'div',
      { class: 'news-grid' },
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
    `query StartPage { upcomingMeetings(first: 5) { ${MEETING_FIELDS} } latestNewsletter { id title sentAt text } }`,
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
    news(data.upcomingMeetings, data.latestNewsletter),
    h(
      'section',
      { 'aria-labelledby': 'genvagar' },
      h('h2', { id: 'genvagar' }, 'Hitta i Samsyn'),
      h('ul', { class: 'cards' }, cards),
    ),
  );
}
