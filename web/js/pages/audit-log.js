// Ändringslogg (/telefonboken/logg?vad=…&fran=…&till=…&organisation=…&person=…&av=…): the
// phone book's audit trail about whom (a person, looked up by name), by whom (a user, chosen
// from a row), what and when, newest first — everything for admins, their own organisation's
// rows for managers (the server decides). The filters live in the address; each row shows who did what
// and when, with the entry before and after side by side and the changed fields marked.

import { ApiError, gql } from '../api.js';
import { announce, h, notice, replace } from '../dom.js';
import { selectField, showErrors, textField } from '../forms.js';
import { endOfDay, formatDateTime } from '../format.js';
import { canManagePhoneBook, loadOrganisations, phoneBookNav } from '../people.js';
import * as session from '../session.js';
import { dataTable } from '../widgets.js';

const PAGE = 50;
const LOG = `query AuditLog($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) { pageInfo { hasNextPage endCursor }
    nodes { id action entity entityId at actor { id displayName } organisation { name } before after } } }`;

export const ENTITY_LABELS = { PERSON: 'Person', ORGANISATION: 'Organisation', UNIT: 'Enhet', USER: 'Användare' };
const ENTITY_PLURAL = { PERSON: 'Personer', ORGANISATION: 'Organisationer', UNIT: 'Enheter', USER: 'Användare' };
const ACTION_LABELS = {
  create: 'Skapad',
  update: 'Ändrad',
  delete: 'Borttagen',
  verify: 'Kontrollerad',
  import: 'Importerad',
  erase: 'Raderad',
};
const FIELD_LABELS = {
  name: 'Namn',
  title: 'Befattning',
  organisation: 'Organisation',
  organisationId: 'Organisationens id',
  unit: 'Enhet',
  directPhone: 'Direktnummer',
  mobilePhone: 'Mobilnummer',
  email: 'E-postadress',
  areas: 'Ansvarsområden',
  roles: 'Roller',
  userId: 'Kopplad till ett konto',
  verifiedAt: 'Kontrollerad',
  verifiedBy: 'Kontrollerad av',
  kind: 'Typ',
  slug: 'Kortnamn',
  switchboard: 'Växel',
  website: 'Webbplats',
  visitingAddress: 'Besöksadress',
  postalAddress: 'Postadress',
  displayName: 'Namn',
  role: 'Roll',
  active: 'Aktiv',
};

/** How one field of a snapshot reads: ids as yes/no, instants (ms) as Swedish times. */
function fieldValue(key, value) {
  if (key === 'userId') return value == null ? '–' : 'Ja';
  if (key === 'verifiedAt' && typeof value === 'number') return formatDateTime(new Date(value).toISOString());
  return shown(value);
}

/** Snapshot fields that only repeat another one, or are internal numbers. */
const HIDDEN_FIELDS = new Set(['organisationId', 'verifiedBy']);

function shown(value) {
  if (value === null || value === undefined || value === '') return '–';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '–';
  if (typeof value === 'boolean') return value ? 'Ja' : 'Nej';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function isRedacted(snapshot) {
  return snapshot && typeof snapshot === 'object' && snapshot.redacted === true;
}

/**
 * The entry before and after, side by side: for a change, the changed fields (marked), with
 * the unchanged ones folded away below; for a new or removed entry, the fields it had.
 */
function diff(entry) {
  const before = entry.before && typeof entry.before === 'object' ? entry.before : {};
  const after = entry.after && typeof entry.after === 'object' ? entry.after : {};
  if (isRedacted(entry.before) || isRedacted(entry.after)) {
    return h('p', { class: 'muted' }, 'Uppgifterna är borttagna ur loggen eftersom användaren har raderats.');
  }
  if (entry.action === 'verify') {
    return h('p', null, `Förra kontrollen: ${before.verifiedAt ? fieldValue('verifiedAt', before.verifiedAt) : 'aldrig'}.`);
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !HIDDEN_FIELDS.has(k));
  const rows = keys
    .map((key) => ({ key, before: fieldValue(key, before[key]), after: fieldValue(key, after[key]) }))
    .filter((r) => r.before !== '–' || r.after !== '–');
  if (rows.length === 0) return null;
  const both = Boolean(entry.before && entry.after);
  const table = (list, caption) =>
    dataTable({
      caption: { text: caption, hidden: true },
      empty: '',
      rows: list,
      columns: [
        { label: 'Fält', cell: (r) => FIELD_LABELS[r.key] ?? r.key },
        { label: 'Före', class: 'cell--wrap', cell: (r) => (entry.before ? r.before : 'Fanns inte') },
        { label: 'Efter', class: 'cell--wrap', cell: (r) => (entry.after ? r.after : 'Borttagen') },
      ],
    });
  if (!both) return table(rows, 'Före och efter');
  const changed = rows.filter((r) => r.before !== r.after);
  const same = rows.filter((r) => r.before === r.after);
  return [
    changed.length ? table(changed, 'Ändrade fält, före och efter') : h('p', { class: 'muted' }, 'Inga fält ändrades.'),
    same.length
      ? h('details', { class: 'audit-entry__same' }, h('summary', null, `Oförändrade fält (${same.length})`), table(same, 'Oförändrade fält'))
      : null,
  ];
}

function entryName(entry) {
  return entry.after?.name ?? entry.before?.name ?? entry.after?.displayName ?? entry.before?.displayName ?? entry.personName ?? null;
}

/**
 * Rows whose snapshots carry no name (a verification stamps only the date) get the person's
 * current name, asked for in one request (people that are gone stay unnamed).
 */
async function addNames(entries) {
  const ids = [...new Set(entries.filter((e) => e.entity === 'PERSON' && e.entityId && !entryName(e)).map((e) => e.entityId))].slice(0, 50);
  if (ids.length === 0) return entries;
  const fields = ids.map((_, i) => `p${i}: person(id: $id${i}) { name }`).join(' ');
  const vars = ids.map((_, i) => `$id${i}: ID!`).join(', ');
  try {
    const data = await gql(`query AuditNames(${vars}) { ${fields} }`, Object.fromEntries(ids.map((id, i) => [`id${i}`, id])));
    const names = new Map(ids.map((id, i) => [id, data[`p${i}`]?.name ?? null]));
    return entries.map((e) => (names.get(e.entityId) ? { ...e, personName: names.get(e.entityId) } : e));
  } catch {
    return entries; // names are a convenience; the rows are there without them
  }
}

function entryItem(entry, filterLink, actorLink) {
  const name = entryName(entry);
  const what = `${ACTION_LABELS[entry.action] ?? entry.action}: ${(ENTITY_LABELS[entry.entity] ?? 'Post').toLowerCase()}${name ? ` ${name}` : ''}`;
  return h(
    'li',
    { class: 'audit-entry' },
    h('h3', { class: 'audit-entry__title' }, what),
    h(
      'p',
      { class: 'muted' },
      h('time', { datetime: entry.at }, formatDateTime(entry.at)),
      ` · ${entry.actor ? `av ${entry.actor.displayName}` : 'från kommandoraden'}`,
      entry.organisation ? ` · ${entry.organisation.name}` : '',
    ),
    entry.entity === 'PERSON' && entry.entityId && filterLink ? h('p', null, h('a', { href: filterLink(entry.entityId) }, `Bara ändringar av ${name ?? 'den här personen'}`)) : null,
    entry.actor && actorLink ? h('p', null, h('a', { href: actorLink(entry.actor.id) }, `Bara ändringar gjorda av ${entry.actor.displayName}`)) : null,
    diff(entry),
  );
}

function startOfDay(yyyyMmDd) {
  return new Date(`${yyyyMmDd}T00:00:00`).toISOString();
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export default async function auditLogPage({ query, navigate }) {
  const me = session.user();
  if (!canManagePhoneBook(me)) throw new ApiError('FORBIDDEN', 'Ändringsloggen är till för chefer och administratörer.');
  const admin = me.role === 'ADMIN';
  const params = {
    vad: ENTITY_LABELS[query.get('vad')] ? query.get('vad') : '',
    fran: DATE.test(query.get('fran') ?? '') ? query.get('fran') : '',
    till: DATE.test(query.get('till') ?? '') ? query.get('till') : '',
    organisation: admin ? (query.get('organisation') ?? '').trim() : '',
    person: (query.get('person') ?? '').trim(),
    av: (query.get('av') ?? '').trim(),
  };
  const filter = {
    entity: params.vad || null,
    from: params.fran ? startOfDay(params.fran) : null,
    to: params.till ? endOfDay(params.till) : null,
    organisation: params.organisation || null,
    person: params.person || null,
    actor: params.av || null,
  };
  const href = (changes) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...params, ...changes })) if (v) q.set(k, v);
    const s = q.toString();
    return `/telefonboken/logg${s ? `?${s}` : ''}`;
  };
  const [organisations, first, about] = await Promise.all([
    admin ? loadOrganisations() : Promise.resolve([]),
    gql(LOG, { filter, first: PAGE }).catch((err) => {
      // A person or organisation in the address that does not exist: a filter problem.
      if (err instanceof ApiError && (err.code === 'BAD_INPUT' || err.code === 'NOT_FOUND')) return { error: err };
      throw err;
    }),
    params.person
      ? gql('query AuditPerson($id: ID!) { person(id: $id) { name } }', { id: params.person })
          .then((d) => d.person?.name ?? null)
          .catch(() => null)
      : Promise.resolve(null),
  ]);

  const filterForm = h(
    'form',
    { class: 'form search-form', role: 'search', 'aria-label': 'Filtrera ändringsloggen', novalidate: true },
    h('div', { class: 'form__errors' }),
    h(
      'div',
      { class: 'search-form__fields' },
      selectField({
        name: 'vad',
        label: 'Vad',
        value: params.vad,
        options: [{ value: '', label: 'Allt' }, ...Object.entries(ENTITY_PLURAL).map(([value, label]) => ({ value, label }))],
      }),
      textField({
        name: 'vem',
        label: 'Om vem',
        value: about ?? '',
        autocomplete: 'off',
        hint: 'En person i telefonboken, med namn.',
      }),
      textField({ name: 'fran', label: 'Från och med', type: 'date', value: params.fran }),
      textField({ name: 'till', label: 'Till och med', type: 'date', value: params.till }),
      admin
        ? selectField({
            name: 'organisation',
            label: 'Organisation',
            value: params.organisation,
            options: [{ value: '', label: 'Alla organisationer' }, ...organisations.map((o) => ({ value: o.slug, label: o.name }))],
          })
        : null,
    ),
    params.av
      ? h(
          'p',
          null,
          `Visar bara ändringar gjorda av ${first.auditLog?.nodes[0]?.actor?.displayName ?? 'en användare'}. `,
          h('a', { href: href({ av: '' }) }, 'Visa allas ändringar'),
        )
      : null,
    params.person ? h('p', null, `Visar bara ändringar av ${about ?? 'en person som inte finns kvar i telefonboken'}. `, h('a', { href: href({ person: '' }) }, 'Visa alla')) : null,
    h('div', { class: 'form__actions' }, h('button', { type: 'submit', class: 'button' }, 'Visa'), h('a', { href: '/telefonboken/logg', class: 'button button--secondary' }, 'Rensa')),
  );
  filterForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const el = filterForm.elements;
    const next = { vad: el.vad.value, fran: el.fran.value, till: el.till.value, organisation: el.organisation?.value ?? '', av: params.av };
    const who = el.vem.value.trim();
    // The log filters on a person's id: the name typed is looked up in the phone book.
    if (!who) next.person = '';
    else if (who !== about) {
      try {
        const r = await gql('query AuditWho($text: String) { people(filter: { text: $text }, first: 10) { nodes { id name organisation { name } } } }', { text: who });
        const found = r.people.nodes;
        const exact = found.filter((p) => p.name.toLocaleLowerCase('sv') === who.toLocaleLowerCase('sv'));
        const pick = exact.length === 1 ? exact[0] : found.length === 1 ? found[0] : null;
        if (!pick) {
          const message = found.length === 0
            ? `Ingen i telefonboken heter ”${who}”.`
            : `Flera personer matchar ”${who}”: ${found.map((p) => `${p.name} (${p.organisation.name})`).join(', ')}. Skriv hela namnet.`;
          showErrors(filterForm, [{ field: 'vem', message }]);
          return;
        }
        next.person = pick.id;
      } catch (err) {
        if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
        showErrors(filterForm, [{ field: null, message: err.message }]);
        return;
      }
    }
    navigate(href(next));
  });

  const results = h('section', { 'aria-labelledby': 'andringar' });
  if (first.error) {
    replace(results, h('h2', { id: 'andringar' }, 'Ändringar'), notice(first.error.message, 'error'));
  } else {
    const list = h('ol', { class: 'audit-list' }, (await addNames(first.auditLog.nodes)).map((e) => entryItem(e, (id) => href({ person: id }), params.av ? null : (id) => href({ av: id }))));
    const more = h('div', null);
    let cursor = first.auditLog.pageInfo.endCursor;
    const moreButton = () => {
      const button = h('button', { type: 'button', class: 'button button--secondary' }, 'Visa fler ändringar');
      button.addEventListener('click', async () => {
        button.disabled = true;
        try {
          const r = await gql(LOG, { filter, first: PAGE, after: cursor });
          const items = (await addNames(r.auditLog.nodes)).map((e) => entryItem(e, (id) => href({ person: id }), params.av ? null : (id) => href({ av: id })));
          list.append(...items);
          cursor = r.auditLog.pageInfo.endCursor;
          replace(more, r.auditLog.pageInfo.hasNextPage ? moreButton() : null);
          announce(`${items.length} ändringar till visas.`);
          items[0]?.querySelector('h3')?.setAttribute('tabindex', '-1');
          items[0]?.querySelector('h3')?.focus();
        } catch (err) {
          if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
          button.disabled = false;
          replace(more, notice(err.message, 'error'), button);
        }
      });
      return button;
    };
    if (first.auditLog.pageInfo.hasNextPage) replace(more, moreButton());
    const n = first.auditLog.nodes.length;
    const filtered = Object.values(params).some(Boolean);
    replace(
      results,
      h('h2', { id: 'andringar' }, n === 0 ? 'Ändringar' : `Ändringar (${n}${first.auditLog.pageInfo.hasNextPage ? '+' : ''})`),
      n === 0 ? h('p', { class: 'empty' }, filtered ? 'Inga ändringar matchar filtret.' : 'Inga ändringar är loggade än.') : list,
      more,
    );
  }

  return h(
    'div',
    null,
    h('p', { class: 'breadcrumb' }, h('a', { href: '/telefonboken' }, 'Telefonboken')),
    h('h1', null, 'Ändringslogg'),
    phoneBookNav(me),
    h(
      'p',
      { class: 'lead' },
      admin
        ? 'Varje ändring i telefonboken, av organisationer och enheter: vem som gjorde vad och när, med uppgifterna före och efter.'
        : `Ändringar i ${me.organisation?.name ?? 'din organisation'}s del av telefonboken: vem som gjorde vad och när, med uppgifterna före och efter.`,
    ),
    filterForm,
    results,
  );
}
