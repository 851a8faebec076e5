// Ny träff (/traffar/ny, ?natverk=<slug> chooses the network) and Redigera träff
// (/traffar/<id>/redigera), for a network's moderators and admins (the whole collaboration's
// meetings: admins). Times are typed in Swedish local time, as the API takes them; the
// server's BAD_INPUT is shown at the field it names (startsAt, endsAt, place, …).

import { ApiError, gql } from '../api.js';
import { h } from '../dom.js';
import { form, selectField, textField, textareaField } from '../forms.js';
import * as session from '../session.js';

const EDIT_FIELDS = `id title description networkId networkName startsAtLocal endsAtLocal place onlineLink
  registrationDeadlineLocal maxParticipants cancelled canEdit`;

export function meetingPath(m) {
  return `/traffar/${encodeURIComponent(m.id)}`;
}

/** "2026-04-23T08:30" from the API's local time (which may carry seconds). */
function localValue(text) {
  return text ? text.slice(0, 16) : '';
}

function fields(m, networkChoice) {
  return [
    networkChoice,
    textField({ name: 'title', label: 'Rubrik', value: m?.title ?? '', required: true, maxlength: 200 }),
    textareaField({ name: 'description', label: 'Beskrivning', value: m?.description ?? '', rows: 6, hint: 'Markdown: program, vem träffen är till för, vad man tar med sig.' }),
    textField({ name: 'startsAt', label: 'Börjar', type: 'datetime-local', value: localValue(m?.startsAtLocal), required: true, hint: 'Svensk tid.' }),
    textField({ name: 'endsAt', label: 'Slutar', type: 'datetime-local', value: localValue(m?.endsAtLocal), required: true }),
    textField({ name: 'place', label: 'Plats', value: m?.place ?? '', maxlength: 200, hint: 'Till exempel ”Stadshuset, Vetlanda”. Ange en plats, en länk eller båda.' }),
    textField({ name: 'onlineLink', label: 'Länk till digitalt möte (valfritt)', type: 'url', value: m?.onlineLink ?? '', hint: 'Börjar med https://' }),
    textField({
      name: 'registrationDeadline',
      label: 'Sista anmälningsdag (valfritt)',
      type: 'datetime-local',
      value: localValue(m?.registrationDeadlineLocal),
      hint: 'Utan sista dag går det att anmäla sig fram till start.',
    }),
    textField({
      name: 'maxParticipants',
      label: 'Antal platser (valfritt)',
      type: 'number',
      min: 1,
      value: m?.maxParticipants == null ? '' : String(m.maxParticipants),
      inputmode: 'numeric',
      hint: 'Lämna tomt för obegränsat. När det är fullt hamnar fler på väntelistan.',
    }),
  ];
}

function common(v) {
  const max = v.maxParticipants === '' ? null : Number(v.maxParticipants);
  return {
    title: v.title,
    description: v.description,
    startsAt: v.startsAt,
    endsAt: v.endsAt,
    place: v.place || null,
    onlineLink: v.onlineLink || null,
    registrationDeadline: v.registrationDeadline || null,
    maxParticipants: Number.isFinite(max) ? max : null,
  };
}

function validate(v) {
  if (v.maxParticipants !== '' && !(Number.isInteger(Number(v.maxParticipants)) && Number(v.maxParticipants) >= 1)) {
    return [{ field: 'maxParticipants', message: 'Ange antalet platser som ett heltal, minst 1, eller lämna tomt.' }];
  }
  return [];
}

export default async function meetingEditPage({ params, query, navigate, setTitle }) {
  const editing = Boolean(params.id);
  if (editing) {
    const data = await gql(`query EditMeeting($id: ID!) { meeting(id: $id) { ${EDIT_FIELDS} } }`, { id: params.id }).catch((err) => {
      if (err instanceof ApiError && err.code === 'BAD_INPUT') throw new ApiError('NOT_FOUND', 'Träffen finns inte.');
      throw err;
    });
    const m = data.meeting;
    if (!m) throw new ApiError('NOT_FOUND', 'Träffen finns inte.');
    if (!m.canEdit) throw new ApiError('FORBIDDEN', 'Bara träffens nätverks moderatorer och administratörer kan ändra den.');
    setTitle(`Redigera ${m.title}`);
    return h(
      'div',
      { class: 'narrow' },
      h('p', { class: 'breadcrumb' }, h('a', { href: meetingPath(m) }, m.title)),
      h('h1', null, `Redigera ${m.title}`),
      m.cancelled ? h('div', { class: 'notice notice--info' }, 'Träffen är inställd.') : null,
      h('p', { class: 'lead' }, `${m.networkName ?? 'Hela samverkan'}. Ändras namn, tid, plats eller länk får alla anmälda och de på väntelistan ett meddelande.`),
      form({
        label: 'Redigera träffen',
        submitLabel: 'Spara ändringarna',
        secondary: h('a', { href: meetingPath(m), class: 'button button--secondary' }, 'Avbryt'),
        children: fields(m, null),
        validate,
        onSubmit: async (v) => {
          const r = await gql('mutation UpdateMeeting($input: UpdateMeetingInput!) { updateMeeting(input: $input) { meeting { id title } } }', {
            input: { id: m.id, ...common(v) },
          });
          await navigate(meetingPath(r.updateMeeting.meeting), { flash: 'Ändringarna är sparade.' });
        },
      }),
    );
  }

  const data = await gql('query MeetingNetworks { networks { id slug name viewerCanModerate } }');
  const admin = session.isAdmin();
  const networks = data.networks.filter((n) => admin || n.viewerCanModerate);
  if (!admin && networks.length === 0) {
    throw new ApiError('FORBIDDEN', 'Träffar skapas av nätverkens moderatorer och av administratörer.');
  }
  const preset = networks.find((n) => n.slug === query.get('natverk'));
  const options = [...(admin ? [{ value: '', label: 'Hela samverkan' }] : []), ...networks.map((n) => ({ value: n.id, label: n.name }))];
  const networkChoice = selectField({
    name: 'networkId',
    label: 'Vems träff',
    value: preset?.id ?? (admin ? '' : networks[0].id),
    options,
    serverFields: ['network'],
    hint: admin ? 'Ett nätverks träff syns för dem som läser nätverket; hela samverkans för alla.' : 'Du kan skapa träffar i nätverk där du är moderator.',
  });
  return h(
    'div',
    { class: 'narrow' },
    h('p', { class: 'breadcrumb' }, h('a', { href: '/traffar' }, 'Träffar')),
    h('h1', null, 'Ny träff'),
    form({
      label: 'Ny träff',
      submitLabel: 'Skapa träffen',
      secondary: h('a', { href: '/traffar', class: 'button button--secondary' }, 'Avbryt'),
      children: fields(null, networkChoice),
      validate,
      onSubmit: async (v) => {
        const r = await gql('mutation CreateMeeting($input: CreateMeetingInput!) { createMeeting(input: $input) { meeting { id title } } }', {
          input: { networkId: v.networkId || null, ...common(v) },
        });
        await navigate(meetingPath(r.createMeeting.meeting), { flash: `Träffen ${r.createMeeting.meeting.title} är skapad.` });
      },
    }),
  );
}
