// One meeting: time in Swedish local time, place or link, the description, registration
// (with the waiting list), the .ics file, and for organisers the participants with CSV.

import { ApiError, gql } from '../api.js';
import { announce, h, notice, replace, serverHtml } from '../dom.js';
import { formatDateTime } from '../format.js';
import { MEETING_FIELDS, meetingTime, registrationBadge } from '../meetings.js';
import { dataTable } from '../widgets.js';

const FIELDS = `${MEETING_FIELDS} descriptionHtml registrationDeadline organiser { displayName }
  icsUrl participantsCsvUrl canSeeParticipants
  participants { displayName email organisation status waitingPosition registeredAt }`;

function placesText(m) {
  if (m.maxParticipants == null) return `Anmälda: ${m.registeredCount}. Obegränsat antal platser.`;
  const waiting = m.waitingCount ? ` På väntelistan: ${m.waitingCount}.` : '';
  return `Anmälda: ${m.registeredCount} av ${m.maxParticipants}.${waiting}`;
}

function pathOf(url) {
  try {
    const u = new URL(url, location.href);
    return u.origin === location.origin ? u.pathname + u.search : url;
  } catch {
    return url;
  }
}

export default async function meetingPage({ params, setTitle }) {
  const query = `query Meeting($id: ID!) { meeting(id: $id) { ${FIELDS} } }`;
  const data = await gql(query, { id: params.id });
  let meeting = data.meeting;
  if (!meeting) throw new ApiError('NOT_FOUND', 'Träffen finns inte.');
  setTitle(meeting.title);

  const facts = h('div', null);
  const registration = h('section', { class: 'panel registration', 'aria-labelledby': 'anmalan' });
  const participants = h('div', null);

  function drawFacts(m) {
    const row = (term, value) => (value ? [h('dt', null, term), h('dd', null, value)] : null);
    replace(
      facts,
      m.cancelled ? notice('Träffen är inställd.', 'error') : null,
      h(
        'dl',
        { class: 'facts' },
        row('När', meetingTime(m)),
        row('Plats', m.place),
        row('Digitalt', m.onlineLink ? h('a', { href: m.onlineLink, 'data-external': true, rel: 'noopener' }, 'Länk till mötet') : null),
        row('Nätverk', m.networkName ?? 'Hela samverkan'),
        row('Arrangör', m.organiser?.displayName),
        row('Sista anmälningsdag', m.registrationDeadline ? formatDateTime(m.registrationDeadline) : 'Fram till start'),
        row('Platser', placesText(m)),
      ),
      h('p', null, h('a', { href: pathOf(m.icsUrl), download: true, class: 'button button--secondary' }, 'Lägg till i kalendern (.ics)')),
    );
  }

  async function act(mutation, button) {
    button.disabled = true;
    try {
      const result = await gql(
        `mutation Act($input: MeetingRegistrationInput!) { ${mutation}(input: $input) { meeting { ${FIELDS} } } }`,
        { input: { meetingId: meeting.id } },
      );
      meeting = result[mutation].meeting;
      draw();
      const message =
        mutation === 'cancelRegistration'
          ? 'Din anmälan är avbokad.'
          : meeting.myRegistration === 'WAITING'
            ? `Träffen är full. Du står på väntelistan, plats ${meeting.myWaitingPosition}.`
            : 'Du är anmäld.';
      registration.prepend(notice(message, meeting.myRegistration === 'WAITING' ? 'info' : 'success'));
      registration.querySelector('h2').focus();
      announce(message);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
      button.disabled = false;
      registration.append(notice(err.message, 'error'));
    }
  }

  function drawRegistration(m) {
    let body;
    if (m.cancelled) body = h('p', null, 'Träffen är inställd; anmälan är stängd.');
    else if (m.myRegistration) {
      const text =
        m.myRegistration === 'REGISTERED'
          ? 'Du är anmäld till träffen.'
          : `Du står på väntelistan, plats ${m.myWaitingPosition}. Du får ett meddelande om en plats blir ledig.`;
      const button = h('button', { type: 'button', class: 'button button--danger' }, m.myRegistration === 'REGISTERED' ? 'Avboka min anmälan' : 'Lämna väntelistan');
      button.addEventListener('click', () => act('cancelRegistration', button));
      body = [h('p', null, text), m.registrationOpen ? button : h('p', { class: 'muted' }, 'Sista dag för ändringar har passerat.')];
    } else if (!m.registrationOpen) {
      body = h('p', null, 'Anmälan är stängd.');
    } else {
      const full = m.placesLeft === 0;
      const button = h('button', { type: 'button', class: 'button' }, full ? 'Ställ mig på väntelistan' : 'Anmäl mig');
      button.addEventListener('click', () => act('registerForMeeting', button));
      body = [
        h('p', null, full ? 'Träffen är full, men du kan ställa dig på väntelistan.' : m.placesLeft == null ? 'Det finns platser kvar.' : `${m.placesLeft} platser kvar.`),
        button,
      ];
    }
    replace(registration, h('h2', { id: 'anmalan', tabindex: '-1' }, 'Anmälan'), registrationBadge(m), body);
  }

  function drawParticipants(m) {
    if (!m.canSeeParticipants || !m.participants) {
      replace(participants);
      return;
    }
    const statusText = (p) => (p.status === 'REGISTERED' ? 'Anmäld' : `Väntelista (${p.waitingPosition})`);
    replace(
      participants,
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'deltagare' },
        h('h2', { id: 'deltagare' }, `Deltagare (${m.registeredCount})`),
        m.participantsCsvUrl ? h('p', null, h('a', { href: pathOf(m.participantsCsvUrl), download: true, class: 'button button--secondary button--small' }, 'Ladda ner deltagarlistan (CSV)')) : null,
        dataTable({
          caption: { text: 'Deltagare och väntelista', hidden: true },
          empty: 'Ingen har anmält sig än.',
          rows: m.participants,
          columns: [
            { label: 'Namn', cell: (p) => p.displayName },
            { label: 'Organisation', cell: (p) => p.organisation ?? '–' },
            { label: 'E-postadress', cell: (p) => p.email, class: 'cell--wrap' },
            { label: 'Status', cell: statusText },
            { label: 'Anmäld', cell: (p) => formatDateTime(p.registeredAt) },
          ],
        }),
      ),
    );
  }

  function draw() {
    drawFacts(meeting);
    drawRegistration(meeting);
    drawParticipants(meeting);
  }
  draw();

  return h(
    'div',
    null,
    h('p', { class: 'breadcrumb' }, h('a', { href: '/traffar' }, 'Träffar')),
    h('h1', null, meeting.title),
    h('div', { class: 'meeting-layout' }, h('div', { class: 'meeting-layout__main' }, facts, h('div', { class: 'prose' }, serverHtml(meeting.descriptionHtml))), h('div', { class: 'meeting-layout__aside' }, registration)),
    participants,
  );
}
