// Telefonboken: search by name or text, tillsynsområde and organisation (the filter lives in
// the address, so a search survives a reload and can be shared), CSV and vCard export of the
// same filter, and "Vem handlägger X i Y" (above the list, where it is found). Managers and
// admins also get the phone book's own navigation: Att kontrollera, Ändringslogg, Enheter.

import { ApiError, gql } from '../api.js';
import { announce, h, newId, notice, replace } from '../dom.js';
import { selectField, textField } from '../forms.js';
import { PERSON_FIELDS, loadOrganisations, personList, phoneBookNav } from '../people.js';
import * as session from '../session.js';

const PAGE = 30;

function exportHref(kind, filter) {
  const params = new URLSearchParams();
  for (const key of ['text', 'area', 'organisation']) if (filter[key]) params.set(key, filter[key]);
  const q = params.toString();
  return `/directory/export.${kind}${q ? `?${q}` : ''}`;
}

function searchForm({ filter, organisations, navigate }) {
  const orgOptions = [{ value: '', label: 'Alla organisationer' }, ...organisations.map((o) => ({ value: o.slug, label: o.name }))];
  const el = h(
    'form',
    { class: 'form search-form', role: 'search', 'aria-label': 'Sök i telefonboken' },
    h(
      'div',
      { class: 'search-form__fields' },
      textField({ name: 'text', label: 'Namn eller text', type: 'search', value: filter.text, autocomplete: 'off' }),
      textField({ name: 'area', label: 'Tillsynsområde', value: filter.area, hint: 'Till exempel ”Små avlopp”.', autocomplete: 'off' }),
      selectField({ name: 'organisation', label: 'Organisation', value: filter.organisation, options: orgOptions }),
    ),
    h('div', { class: 'form__actions' }, h('button', { type: 'submit', class: 'button' }, 'Sök'), h('a', { href: '/telefonboken', class: 'button button--secondary' }, 'Rensa')),
  );
  el.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const key of ['text', 'area', 'organisation']) {
      const value = el.elements[key].value.trim();
      if (value) params.set(key, value);
    }
    const q = params.toString();
    navigate(`/telefonboken${q ? `?${q}` : ''}`);
  });
  return el;
}

function whoHandlesSection(organisations) {
  const result = h('div', { class: 'who-handles__result', 'aria-live': 'polite' });
  const orgOptions = [{ value: '', label: 'Välj organisation' }, ...organisations.map((o) => ({ value: o.slug, label: o.name }))];
  const el = h(
    'form',
    { class: 'form', novalidate: true, 'aria-label': 'Vem handlägger' },
    h('div', { class: 'form__errors' }),
    h(
      'div',
      { class: 'search-form__fields' },
      textField({ name: 'whoArea', label: 'Vad?', hint: 'Ett tillsynsområde, till exempel ”Små avlopp”.', required: true, autocomplete: 'off' }),
      selectField({ name: 'whoOrganisation', label: 'Var?', options: orgOptions, required: true }),
    ),
    h('div', { class: 'form__actions' }, h('button', { type: 'submit', class: 'button' }, 'Visa vem')),
  );
  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    const area = el.elements.whoArea.value.trim();
    const organisation = el.elements.whoOrganisation.value;
    if (!area || !organisation) {
      replace(result, notice('Fyll i både tillsynsområde och organisation.', 'error'));
      return;
    }
    try {
      const data = await gql(
        `query WhoHandles($area: String!, $organisation: ID!) { whoHandles(area: $area, organisation: $organisation) {
           area organisation { name } responsible { ${PERSON_FIELDS} } contacts { ${PERSON_FIELDS} } } }`,
        { area, organisation },
      );
      const w = data.whoHandles;
      const responsibleIds = new Set(w.responsible.map((p) => p.id));
      const contacts = w.contacts.filter((p) => !responsibleIds.has(p.id)); // a responsible kontaktperson once
      const heading = h('h3', { tabindex: '-1' }, `${w.area} i ${w.organisation.name}`);
      replace(
        result,
        heading,
        w.responsible.length
          ? [h('p', null, `Ansvariga (${w.responsible.length}):`), personList(w.responsible, 'h4')]
          : h('p', null, 'Ingen är angiven som ansvarig för området.'),
        contacts.length
          ? [h('p', null, w.responsible.length ? 'Andra kontaktpersoner i organisationen:' : 'Kontaktpersoner i organisationen:'), personList(contacts, 'h4')]
          : null,
      );
      announce(`${w.responsible.length} ansvariga för ${w.area} i ${w.organisation.name}.`);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
      replace(result, notice(err.message, 'error'));
    }
  });
  return h(
    'section',
    { class: 'panel who-handles', 'aria-labelledby': 'vem-handlagger' },
    h('h2', { id: 'vem-handlagger' }, 'Vem handlägger …?'),
    h('p', null, 'Välj ett tillsynsområde och en kommun eller myndighet: du får de ansvariga först, sedan kontaktpersonerna.'),
    el,
    result,
  );
}

export default async function phonebookPage({ query, navigate }) {
  const filter = {
    text: (query.get('text') ?? '').trim(),
    area: (query.get('area') ?? '').trim(),
    organisation: (query.get('organisation') ?? '').trim(),
  };
  const me = session.user();
  const variables = { filter: { text: filter.text || null, area: filter.area || null, organisation: filter.organisation || null }, first: PAGE };
  const peopleQuery = `query People($filter: PersonFilterInput, $first: Int, $after: String) {
    people(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ${PERSON_FIELDS} } } }`;
  const [organisations, first] = await Promise.all([
    loadOrganisations(),
    gql(peopleQuery, variables).catch((err) => {
      if (err instanceof ApiError && err.code === 'BAD_INPUT') return { error: err };
      throw err;
    }),
  ]);

  const results = h('div', { class: 'people-results' });
  if (first.error) {
    replace(results, notice(first.error.message, 'error'));
  } else {
    const { totalCount, pageInfo, nodes } = first.people;
    const searched = filter.text || filter.area || filter.organisation;
    const listId = newId('people');
    const list = personList(nodes);
    list.id = listId;
    const more = h('button', { type: 'button', class: 'button button--secondary', 'aria-controls': listId }, 'Visa fler');
    let cursor = pageInfo.endCursor;
    more.hidden = !pageInfo.hasNextPage;
    more.addEventListener('click', async () => {
      more.disabled = true;
      try {
        const data = await gql(peopleQuery, { ...variables, after: cursor });
        const next = personList(data.people.nodes);
        const firstNew = next.firstElementChild;
        list.append(...next.children);
        cursor = data.people.pageInfo.endCursor;
        more.hidden = !data.people.pageInfo.hasNextPage;
        firstNew?.querySelector('a')?.focus();
      } catch (err) {
        results.append(notice(err.message, 'error'));
      } finally {
        more.disabled = false;
      }
    });
    replace(
      results,
      h('h2', { id: 'resultat' }, searched ? `${totalCount} ${totalCount === 1 ? 'träff' : 'träffar'}` : `Alla i telefonboken (${totalCount})`),
      nodes.length ? list : h('p', { class: 'empty' }, 'Ingen i telefonboken matchar sökningen.'),
      h('p', null, more),
    );
  }

  const canManage = me.role === 'ADMIN' || me.role === 'MANAGER';
  return h(
    'div',
    null,
    h('h1', null, 'Telefonboken'),
    h('p', { class: 'lead' }, 'Miljö- och hälsoskyddshandläggare i länets kommuner och på Länsstyrelsen.'),
    phoneBookNav(me),
    searchForm({ filter, organisations, navigate }),
    h(
      'div',
      { class: 'toolbar__actions export-links' },
      h('a', { href: exportHref('csv', filter), class: 'button button--secondary button--small', download: true }, 'Exportera till Excel (CSV)'),
      h('a', { href: exportHref('vcf', filter), class: 'button button--secondary button--small', download: true }, 'Exportera till adressbok (vCard)'),
      canManage ? h('a', { href: '/telefonboken/ny', class: 'button button--small' }, 'Lägg till person') : null,
      canManage ? h('a', { href: '/telefonboken/import', class: 'button button--small' }, 'Importera CSV') : null,
    ),
    // Asked before browsing: "Vem handlägger …?" comes before the long list of people.
    whoHandlesSection(organisations),
    results,
  );
}
