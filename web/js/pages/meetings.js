// Träffar: the coming meetings (or only mine), and the calendar address to subscribe to in
// Outlook or on a phone (shown once; a reset stops the old ones).

import { gql } from '../api.js';
import { h, notice, replace } from '../dom.js';
import { formatDateTime } from '../format.js';
import { MEETING_FIELDS, meetingItem } from '../meetings.js';
import * as session from '../session.js';
import { copyBox } from '../widgets.js';

function feedSection(feeds) {
  const own = feeds.filter((f) => !f.networkId);
  const box = h('div', null);
  const status = h('div', null);
  const create = h('button', { type: 'button', class: 'button' }, own.length ? 'Skapa en till adress' : 'Skapa kalenderadress');
  const reset = h('button', { type: 'button', class: 'button button--danger' }, 'Byt adress');
  reset.hidden = own.length === 0;
  async function make(mutation) {
    create.disabled = reset.disabled = true;
    try {
      const data = await gql(`mutation Feed { ${mutation} { url } }`);
      const url = data[mutation].url;
      const copy = copyBox({
        heading: 'Din kalenderadress',
        label: 'Kalenderadress',
        value: url,
        note: 'Kopiera adressen och lägg till den som internetkalender i Outlook eller i telefonen. Den visas bara nu och ska inte delas – den visar dina träffar utan inloggning.',
        headingLevel: 'h3',
      });
      replace(box, copy);
      replace(status, mutation === 'resetCalendarToken' ? notice('De gamla adresserna slutar fungera nu.', 'success') : null);
      reset.hidden = false;
      create.textContent = 'Skapa en till adress';
      copy.querySelector('h3').focus();
    } catch (err) {
      replace(status, notice(err.message, 'error'));
    } finally {
      create.disabled = reset.disabled = false;
    }
  }
  create.addEventListener('click', () => make('calendarFeedUrl'));
  reset.addEventListener('click', () => {
    if (window.confirm('Byta kalenderadress? Alla dina tidigare adresser slutar fungera.')) make('resetCalendarToken');
  });
  const used = own.map((f) => f.lastUsedAt).filter(Boolean).sort().pop();
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'kalender' },
    h('h2', { id: 'kalender' }, 'Träffarna i din kalender'),
    h(
      'p',
      null,
      'Prenumerera på en kalenderadress så kommer hela samverkans träffar, dina nätverks träffar och de du anmält dig till in i Outlook eller telefonen – och ändringar följer med.',
    ),
    own.length
      ? h('p', { class: 'muted' }, `Du har ${own.length} aktiv${own.length === 1 ? '' : 'a'} adress${own.length === 1 ? '' : 'er'}${used ? `, senast hämtad ${formatDateTime(used)}` : ''}.`)
      : null,
    status,
    box,
    h('div', { class: 'form__actions' }, create, reset),
  );
}

export default async function meetingsPage({ query }) {
  const mine = query.get('mina') === '1';
  const data = await gql(
    `query Meetings($filter: MeetingFilterInput) {
       meetings(filter: $filter, first: 100) { nodes { ${MEETING_FIELDS} } }
       calendarFeeds { id networkId lastUsedAt }
       networks { viewerCanModerate } }`,
    { filter: { upcoming: true, mine: mine || null } },
  );
  const meetings = data.meetings.nodes;
  const canCreate = session.isAdmin() || data.networks.some((n) => n.viewerCanModerate);
  return h(
    'div',
    null,
    h('h1', null, 'Träffar'),
    h('p', { class: 'lead' }, 'Nätverksträffar och utbildningar. Anmäl dig på träffens sida.'),
    canCreate ? h('p', null, h('a', { href: '/traffar/ny', class: 'button' }, 'Ny träff')) : null,
    h(
      'nav',
      { class: 'sub-nav', 'aria-label': 'Träffar' },
      h(
        'ul',
        null,
        h('li', null, h('a', { href: '/traffar', 'aria-current': mine ? null : 'page' }, 'Kommande')),
        h('li', null, h('a', { href: '/traffar?mina=1', 'aria-current': mine ? 'page' : null }, 'Mina anmälningar')),
        h('li', null, h('a', { href: '/nyhetsbrev' }, 'Nyhetsbrev')),
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'kommande' },
      h('h2', { id: 'kommande' }, mine ? 'Träffar du är anmäld till' : 'Kommande träffar'),
      meetings.length
        ? h('ul', { class: 'meeting-list' }, meetings.map(meetingItem))
        : h('p', { class: 'empty' }, mine ? 'Du är inte anmäld till någon kommande träff.' : 'Inga träffar är inplanerade just nu.'),
    ),
    feedSection(data.calendarFeeds),
  );
}
