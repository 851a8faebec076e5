// Startsidan: greeting, "Nytt sedan sist" (filled from the forum once its API is in place)
// and the ways into each part of Samsyn.

import { h } from '../dom.js';
import { ROLE_LABELS } from '../format.js';
import * as session from '../session.js';

function card(href, title, text) {
  return h('li', { class: 'card' }, h('a', { href, class: 'card__link' }, title), h('p', { class: 'card__text' }, text));
}

export default async function startPage() {
  const me = session.user();
  const who = [ROLE_LABELS[me.role], me.organisation?.name].filter(Boolean).join(', ');
  const cards = [
    card('/forum', 'Forum', 'Frågor och svar i nätverken. Sök bland tidigare svar innan du frågar.'),
    card('/handlaggarstod', 'Handläggarstöd', 'Checklistor, projektplaner, vägledningar och mallar från tillsynsprojekten.'),
    card('/telefonboken', 'Telefonboken', 'Kollegor i länets kommuner och på Länsstyrelsen, och vem som handlägger vad.'),
    card('/traffar', 'Träffar', 'Nätverksträffar och utbildningar, med anmälan.'),
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
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'nytt-sedan-sist' },
      h('h2', { id: 'nytt-sedan-sist' }, 'Nytt sedan sist'),
      h(
        'p',
        null,
        'Här samlas nya trådar, svar och aviseringar från dina nätverk sedan ditt förra besök. ',
        'Det fylls på när forumet öppnar i Samsyn.',
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'genvagar' },
      h('h2', { id: 'genvagar' }, 'Hitta i Samsyn'),
      h('ul', { class: 'cards' }, cards),
    ),
  );
}
