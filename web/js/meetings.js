// Träffar's shared pieces: Swedish local times and a meeting's status.

import { h } from './dom.js';
import { badge } from './widgets.js';

const ZONE = 'Europe/Stockholm';
const day = new Intl.DateTimeFormat('sv-SE', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: ZONE });
const clock = new Intl.DateTimeFormat('sv-SE', { hour: '2-digit', minute: '2-digit', timeZone: ZONE });
const dayKey = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeZone: ZONE });
const short = new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'short', timeZone: ZONE });

export const MEETING_FIELDS = `id title networkName startsAt endsAt place onlineLink cancelled registrationOpen
  registeredCount waitingCount placesLeft maxParticipants myRegistration myWaitingPosition`;

/** "torsdag 22 april 2027 kl. 08:30–16:00" (another end day is written out). */
export function meetingTime(m) {
  const start = new Date(m.startsAt);
  const end = new Date(m.endsAt);
  if (dayKey.format(start) === dayKey.format(end)) {
    return `${day.format(start)} kl. ${clock.format(start)}–${clock.format(end)}`;
  }
  return `${day.format(start)} kl. ${clock.format(start)} – ${day.format(end)} kl. ${clock.format(end)}`;
}

/** The calendar leaf of a list item: "22 apr." */
export function shortDate(iso) {
  return short.format(new Date(iso));
}

export function registrationBadge(m) {
  if (m.cancelled) return badge('Inställd', 'error');
  if (m.myRegistration === 'REGISTERED') return badge('Du är anmäld', 'ok');
  if (m.myRegistration === 'WAITING') return badge(`Väntelista, plats ${m.myWaitingPosition ?? '?'}`, 'warn');
  if (m.placesLeft === 0) return badge('Fullt – väntelista', 'off');
  if (!m.registrationOpen) return badge('Anmälan stängd', 'off');
  return null;
}

export function meetingItem(m) {
  return h(
    'li',
    { class: ['meeting-item', m.cancelled ? 'meeting-item--cancelled' : null] },
    h('p', { class: 'meeting-item__date', 'aria-hidden': 'true' }, shortDate(m.startsAt)),
    h(
      'div',
      { class: 'meeting-item__body' },
      h('h3', { class: 'meeting-item__title' }, h('a', { href: `/traffar/${encodeURIComponent(m.id)}` }, m.title)),
      h('p', { class: 'meeting-item__when' }, meetingTime(m)),
      h('p', { class: 'muted' }, [m.place ?? (m.onlineLink ? 'Digitalt' : null), m.networkName ?? 'Hela samverkan'].filter(Boolean).join(' · ')),
      registrationBadge(m),
    ),
  );
}
