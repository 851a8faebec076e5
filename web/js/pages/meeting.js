// One meeting: time in Swedish local time, place or link, the description, registration
// (with the waiting list), the .ics file, its documents (minutes, presentations), and for
// organisers the participants with CSV. Those who may change it (canEdit: the network's
// moderators, admins) also get Redigera, Ställ in and linking of handläggarstöd documents.

import { ApiError, gql } from '../api.js';
import { announce, h, notice, replace, serverHtml, srOnly } from '../dom.js';
import { formatDateTime } from '../format.js';
import { cap, documentPath } from '../library.js';
import { MEETING_FIELDS, meetingTime, registrationBadge } from '../meetings.js';
import { dataTable } from '../widgets.js';

const FIELDS = `${MEETING_FIELDS} descriptionHtml registrationDeadline organiser { displayName }
  icsUrl participantsCsvUrl canSeeParticipants canEdit documents { id title kindLabel }
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
  const data = await gql(query, { id: params.id }).catch((err) => {
    if (err instanceof ApiError && err.code === 'BAD_INPUT') throw new ApiError('NOT_FOUND', 'Träffen finns inte.');
    throw err;
  });
  let meeting = data.meeting;
  if (!meeting) throw new ApiError('NOT_FOUND', 'Träffen finns inte.');
  setTitle(meeting.title);

  const facts = h('div', null);
  const organiserTools = h('div', null);
  const documents = h('div', null);
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
        h('h2', { id: 'deltagare', tabindex: '-1' }, `Deltagare (${m.registeredCount})`),
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

  function drawOrganiserTools(m) {
    if (!m.canEdit && !m.canSeeParticipants) {
      replace(organiserTools);
      return;
    }
    const status = h('div', null);
    const buttons = [];
    if (m.canEdit) buttons.push(h('a', { href: `/traffar/${encodeURIComponent(m.id)}/redigera`, class: 'button' }, 'Redigera träffen'));
    if (m.canSeeParticipants) {
      buttons.push(h('a', { href: '#deltagare', class: 'button button--secondary', 'data-external': true, onclick: (e) => { e.preventDefault(); document.getElementById('deltagare')?.focus(); } }, 'Deltagarlistan'));
      if (m.participantsCsvUrl) buttons.push(h('a', { href: pathOf(m.participantsCsvUrl), download: true, class: 'button button--secondary' }, 'Deltagarna som CSV'));
    }
    if (m.canEdit && !m.cancelled) {
      const cancel = h('button', { type: 'button', class: 'button button--danger' }, 'Ställ in träffen');
      cancel.addEventListener('click', async () => {
        const told = m.registeredCount + m.waitingCount;
        const who = told ? ` ${told} ${told === 1 ? 'person som är anmäld eller väntar får' : 'personer som är anmälda eller väntar får'} ett meddelande.` : '';
        if (!window.confirm(`Ställa in ${m.title}? Anmälan stängs och träffen visas som inställd.${who}`)) return;
        cancel.disabled = true;
        try {
          const r = await gql(`mutation CancelMeeting($input: MeetingIdInput!) { cancelMeeting(input: $input) { meeting { ${FIELDS} } } }`, { input: { id: m.id } });
          meeting = r.cancelMeeting.meeting;
          draw();
          const box = organiserTools.querySelector('.organiser-tools__status');
          replace(box, notice('Träffen är inställd. De anmälda får besked.', 'success'));
          organiserTools.querySelector('h2')?.focus();
        } catch (err) {
          if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
          cancel.disabled = false;
          replace(status, notice(err.message, 'error'));
        }
      });
      buttons.push(cancel);
    }
    replace(
      organiserTools,
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'for-arrangoren' },
        h('h2', { id: 'for-arrangoren', tabindex: '-1' }, 'För arrangören'),
        h('div', { class: 'organiser-tools__status' }),
        status,
        h('div', { class: 'toolbar-row' }, buttons),
      ),
    );
  }

  async function linkDocument(action, documentId, title, statusBox) {
    const name = action === 'link' ? 'linkMeetingDocument' : 'unlinkMeetingDocument';
    try {
      const r = await gql(`mutation ${name[0].toUpperCase()}${name.slice(1)}($input: LinkMeetingDocumentInput!) { ${name}(input: $input) { meeting { ${FIELDS} } } }`, {
        input: { meetingId: meeting.id, documentId },
      });
      meeting = r[name].meeting;
      drawDocuments(meeting);
      replace(documents.querySelector('.meeting-documents__status'), notice(action === 'link' ? `”${title}” är kopplat till träffen.` : `”${title}” är inte längre kopplat till träffen.`, 'success'));
      documents.querySelector('h2')?.focus();
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return false;
      replace(statusBox, notice(err.message, 'error'));
      return false;
    }
  }

  async function drawDocuments(m) {
    if (!m.canEdit && m.documents.length === 0) {
      replace(documents);
      return;
    }
    const status = h('div', null);
    const list = m.documents.length
      ? h(
          'ul',
          { class: 'plain-list meeting-documents' },
          m.documents.map((d) => {
            const unlink = m.canEdit ? h('button', { type: 'button', class: 'button button--secondary button--small' }, 'Ta bort kopplingen', srOnly(` till ${d.title}`)) : null;
            unlink?.addEventListener('click', async () => {
              if (!window.confirm(`Ta bort kopplingen till ”${d.title}”? Dokumentet finns kvar i handläggarstödet.`)) return;
              unlink.disabled = true;
              if (!(await linkDocument('unlink', d.id, d.title, status))) unlink.disabled = false;
            });
            return h('li', { class: 'meeting-documents__item' }, h('a', { href: documentPath(d) }, d.title), h('span', { class: 'muted' }, ` (${cap(d.kindLabel)})`), unlink ? [' ', unlink] : null);
          }),
        )
      : h('p', { class: 'empty' }, 'Inga dokument är kopplade till träffen än.');
    const section = h(
      'section',
      { class: 'panel', 'aria-labelledby': 'traffens-dokument' },
      h('h2', { id: 'traffens-dokument', tabindex: '-1' }, 'Protokoll och presentationer'),
      h('div', { class: 'meeting-documents__status' }),
      status,
      list,
    );
    replace(documents, section);
    if (!m.canEdit) return;
    const picker = h('div', null, h('p', { class: 'loading' }, 'Hämtar handläggarstödets dokument …'));
    section.append(h('h3', null, 'Koppla ett dokument'), picker);
    const linked = new Set(m.documents.map((d) => d.id));
    // The newest documents first; typing in the search box asks the server for titles with
    // those words, so any document can be found, not only the latest.
    const choices = async (title) => {
      const r = await gql(
        'query MeetingDocumentChoices($filter: DocumentFilterInput) { documents(filter: $filter, first: 50) { nodes { id title kindLabel } } }',
        { filter: title ? { title } : null },
      );
      return r.documents.nodes.filter((d) => !linked.has(d.id));
    };
    let free;
    try {
      free = await choices('');
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
      replace(picker, notice(err.message, 'error'));
      return;
    }
    if (free.length === 0) {
      replace(picker, h('p', { class: 'muted' }, 'Det finns inga fler dokument att koppla. ', h('a', { href: '/handlaggarstod/dokument/ny' }, 'Skriv ett nytt dokument'), ', till exempel protokollet.'));
      return;
    }
    const option = (d) => h('option', { value: d.id }, `${d.title} (${d.kindLabel})`);
    const search = h('input', { id: 'sok-dokument', type: 'search', class: 'field__input', autocomplete: 'off', 'aria-describedby': 'sok-dokument-hint' });
    const found = h('p', { id: 'sok-dokument-hint', class: 'field__hint', 'aria-live': 'polite' }, 'De senast ändrade dokumenten visas. Skriv ord ur rubriken för att hitta andra.');
    const select = h('select', { id: 'koppla-dokument', name: 'documentId', class: 'field__input' }, free.map(option));
    const submit = h('button', { type: 'submit', class: 'button' }, 'Koppla till träffen');
    let asked = 0;
    let timer = null;
    search.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const title = search.value.trim();
        const mine = ++asked;
        try {
          const list = await choices(title);
          if (mine !== asked) return; // a later search answered first
          free = list;
          replace(select, list.map(option));
          submit.disabled = list.length === 0;
          found.textContent = list.length === 0
            ? `Inget dokument har ”${title}” i rubriken.`
            : title
              ? `${list.length}${list.length === 50 ? '+' : ''} dokument med ”${title}” i rubriken.`
              : 'De senast ändrade dokumenten visas. Skriv ord ur rubriken för att hitta andra.';
        } catch (err) {
          if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
          found.textContent = err.message;
        }
      }, 250);
    });
    const el = h(
      'form',
      { class: 'form member-add', 'aria-label': 'Koppla ett dokument till träffen', novalidate: true },
      h('div', { class: 'field' }, h('label', { for: 'sok-dokument', class: 'field__label' }, 'Sök på rubrik'), found, search),
      h('div', { class: 'field' }, h('label', { for: 'koppla-dokument', class: 'field__label' }, 'Dokument ur handläggarstödet'), select),
      h('div', { class: 'field' }, submit),
    );
    el.addEventListener('submit', async (event) => {
      event.preventDefault();
      const d = free.find((x) => x.id === select.value);
      if (!d) return;
      submit.disabled = true;
      if (!(await linkDocument('link', d.id, d.title, status))) submit.disabled = false;
    });
    replace(picker, el, h('p', { class: 'muted' }, 'Protokollet finns inte än? ', h('a', { href: '/handlaggarstod/dokument/ny' }, 'Skriv det i handläggarstödet'), ' och koppla det sedan här.'));
  }

  function draw() {
    drawFacts(meeting);
    drawRegistration(meeting);
    drawParticipants(meeting);
    drawOrganiserTools(meeting);
    drawDocuments(meeting);
  }
  draw();

  return h(
    'div',
    null,
    h('p', { class: 'breadcrumb' }, h('a', { href: '/traffar' }, 'Träffar')),
    h('h1', null, meeting.title),
    organiserTools,
    h('div', { class: 'meeting-layout' }, h('div', { class: 'meeting-layout__main' }, facts, h('div', { class: 'prose' }, serverHtml(meeting.descriptionHtml))), h('div', { class: 'meeting-layout__aside' }, registration)),
    documents,
    participants,
  );
}
