// Sök: one search over forum threads, handläggarstöd documents and attachments, the phone
// book, meetings and newsletters. The address holds the query and every filter
// (/sok?q=avlopp&typ=dokument&omrade=Små+avlopp), so a reload or a shared link shows the same
// hits. After the first render the page redraws its results in place: a filter keeps focus
// where it was, a new query moves focus to the results heading; both are announced.

import { ApiError, gql } from '../api.js';
import { h, markedText, newId, replace } from '../dom.js';
import { formatDate, endOfDay } from '../format.js';
import { documentPath } from '../library.js';
import { updateUrl } from '../router.js';

const PAGE = 20;

/** Hit types: the API's key, the address's Swedish word, the label. */
const TYPES = [
  { key: 'thread', word: 'trad', label: 'Forumtrådar', one: 'Tråd' },
  { key: 'document', word: 'dokument', label: 'Dokument', one: 'Dokument' },
  { key: 'attachment', word: 'bilaga', label: 'Bilagor', one: 'Bilaga' },
  { key: 'person', word: 'person', label: 'Personer', one: 'Person' },
  { key: 'meeting', word: 'traff', label: 'Träffar', one: 'Träff' },
  { key: 'newsletter', word: 'nyhetsbrev', label: 'Nyhetsbrev', one: 'Nyhetsbrev' },
];
const typeByKey = Object.fromEntries(TYPES.map((t) => [t.key, t]));
const typeByWord = Object.fromEntries(TYPES.map((t) => [t.word, t]));

/** The facet dimensions: address parameter, API filter and facet names, heading. */
const DIMENSIONS = [
  { param: 'typ', filter: 'types', facet: 'types', legend: 'Typ' },
  { param: 'natverk', filter: 'networks', facet: 'networks', legend: 'Nätverk' },
  { param: 'omrade', filter: 'tags', facet: 'tags', legend: 'Tillsynsområde' },
  { param: 'projekt', filter: 'projects', facet: 'projects', legend: 'Projekt' },
  { param: 'org', filter: 'organisations', facet: 'organisations', legend: 'Organisation' },
];

export const NODE_FIELDS = `__typename
  ... on Thread { id kind status network { slug name } }
  ... on Document { id kindLabel status statusLabel project { name } network { name } }
  ... on Attachment { id url fileName document { id title } }
  ... on Person { id title organisation { name } }
  ... on Meeting { id startsAt cancelled }
  ... on Newsletter { id sentAt }`;

const SEARCH = `query Search($query: String!, $filter: SearchFilterInput, $first: Int, $after: String) {
  search(query: $query, filter: $filter, first: $first, after: $after) {
    totalCount endCursor hasNextPage fuzzy didYouMean partial droppedWords hint { code message }
    facets { types { value count } networks { value count } tags { value count } projects { value count } organisations { value count } }
    hits { id type score titleHtml snippet updatedAt missingWords node { ${NODE_FIELDS} } }
  } }`;

/** The search state from an address's parameters. */
function readState(params) {
  const all = (name) => params.getAll(name).map((v) => v.trim()).filter(Boolean);
  const state = { q: (params.get('q') ?? '').trim(), from: params.get('fran') ?? '', to: params.get('till') ?? '', solved: params.get('lost') ?? '' };
  for (const d of DIMENSIONS) state[d.param] = all(d.param);
  state.typ = state.typ.filter((w) => typeByWord[w]);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(state.from)) state.from = '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(state.to)) state.to = '';
  if (!['ja', 'nej'].includes(state.solved)) state.solved = '';
  return state;
}

/** The address of a search state: /sok?q=…&typ=…; empty parts are left out. */
export function searchUrl(state) {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const d of DIMENSIONS) for (const v of state[d.param] ?? []) params.append(d.param, v);
  if (state.from) params.set('fran', state.from);
  if (state.to) params.set('till', state.to);
  if (state.solved) params.set('lost', state.solved);
  const qs = params.toString().replace(/\+/g, '%20');
  return qs ? `/sok?${qs}` : '/sok';
}

function hasFilters(state) {
  return DIMENSIONS.some((d) => state[d.param].length > 0) || Boolean(state.from || state.to || state.solved);
}

function apiFilter(state) {
  const filter = {};
  for (const d of DIMENSIONS) {
    const values = d.param === 'typ' ? state.typ.map((w) => typeByWord[w].key) : state[d.param];
    if (values.length) filter[d.filter] = values;
  }
  if (state.from) filter.from = new Date(`${state.from}T00:00:00`).toISOString();
  if (state.to) filter.to = endOfDay(state.to);
  if (state.solved) filter.solved = state.solved === 'ja';
  return filter;
}

function count(n) {
  return n === 1 ? '1 träff' : `${n.toLocaleString('sv-SE')} träffar`;
}

/** Where a hit leads, and a line about it. */
function describe(hit) {
  const n = hit.node;
  const enc = encodeURIComponent;
  if (!n) return { href: null, meta: [] };
  switch (n.__typename) {
    case 'Thread':
      return {
        href: `/forum/trad/${enc(n.id)}`,
        meta: [n.network?.name, n.status === 'ANSWERED' ? 'Besvarad' : n.status === 'OPEN' ? 'Obesvarad' : null],
      };
    case 'Document':
      return { href: documentPath(n), meta: [n.kindLabel && n.kindLabel[0].toUpperCase() + n.kindLabel.slice(1), n.project?.name ?? n.network?.name, n.status !== 'PUBLISHED' ? n.statusLabel : null] };
    case 'Attachment':
      return n.document
        ? { href: `${documentPath(n.document)}#bilagor`, meta: [`Bilaga till ${n.document.title}`] }
        : { href: n.url, download: n.fileName, meta: ['Bilaga i forumet'] };
    case 'Person':
      return { href: `/telefonboken/person/${enc(n.id)}`, meta: [n.title, n.organisation?.name] };
    case 'Meeting':
      return { href: `/traffar/${enc(n.id)}`, meta: [formatDate(n.startsAt), n.cancelled ? 'Inställd' : null] };
    case 'Newsletter':
      return { href: `/nyhetsbrev/${enc(n.id)}`, meta: [n.sentAt ? `Skickat ${formatDate(n.sentAt)}` : null] };
    default:
      return { href: null, meta: [] };
  }
}

export function hitItem(hit) {
  const { href, download, meta } = describe(hit);
  const type = typeByKey[hit.type]?.one ?? hit.type;
  const title = markedText(hit.titleHtml);
  return h(
    'li',
    { class: 'hit' },
    h('p', { class: 'hit__type' }, type),
    h('h3', { class: 'hit__title' }, href ? h('a', { href, download: download ?? null, 'data-external': download ? true : null }, title) : title),
    hit.snippet ? h('p', { class: 'hit__snippet' }, markedText(hit.snippet)) : null,
    hit.missingWords?.length ? missingLine(hit.missingWords) : null,
    h('p', { class: 'muted hit__meta' }, [...meta, `Ändrad ${formatDate(hit.updatedAt)}`].filter(Boolean).join(' · ')),
  );
}

/** "Saknar: ~~ord~~" under a hit that holds only some of the words. */
export function missingLine(words) {
  return h('p', { class: 'muted hit__missing' }, 'Saknar: ', words.flatMap((w, i) => [i ? ' ' : null, h('del', null, w)]));
}

/** The notice over results that hold only some of the words: every word typed, the ones the best hit lacks struck out. */
function partialNotice(query, dropped) {
  const words = query.split(/\s+/).filter(Boolean);
  const missing = new Set(dropped.flatMap((d) => d.split(/\s+/)).map((w) => w.toLowerCase()));
  return h(
    'p',
    { class: 'notice notice--info search-partial' },
    'Visar träffar på några av orden: ',
    words.flatMap((w, i) => [i ? ' ' : null, missing.has(w.toLowerCase()) ? h('del', { title: 'Saknas i bästa träffen' }, w) : h('strong', null, w)]),
    '. Inget hade alla orden.',
  );
}

/** The law reference a `lag:` query names, for a link to its page. */
function lawOf(query) {
  const m = /(?:^|\s)lag:(?:"([^"]+)"|(\S+))/i.exec(query);
  return m ? (m[1] ?? m[2]) : null;
}

function operatorsHelp() {
  const row = (code, text) => h('li', null, h('code', null, code), ' – ', text);
  return h(
    'details',
    { class: 'search-help' },
    h('summary', null, 'Så söker du'),
    h(
      'ul',
      null,
      row('"fast avgift"', 'orden i följd, som en fras'),
      row('-slam', 'utan ordet slam'),
      row('tag:"Små avlopp"', 'bara ett tillsynsområde'),
      row('nätverk:avlopp', 'bara ett nätverk (nätverkets kortnamn)'),
      row('typ:dokument', 'bara en typ: tråd, dokument, bilaga, person, träff'),
      row('projekt:sma-avlopp-2026', 'bara ett projekt'),
      row('löst:ja', 'bara besvarade frågor (löst:nej för obesvarade)'),
      row('lag:"MB 26:9"', 'allt som hänvisar till ett lagrum, hur det än är skrivet (26 kap. 9 § miljöbalken)'),
    ),
    h('p', { class: 'muted' }, 'Böjningar och synonymer hittas av sig själva: ”avlopp” hittar ”avloppet”, ”vattenskydd” hittar ”vattenskyddsområdet” och ”enskilda avlopp” hittar Små avlopp. Finns inget med alla orden visas träffar på några av dem.'),
  );
}

export default async function searchPage({ query, setTitle }) {
  let state = readState(query);
  // Facets name networks and projects by slug: their names, for the labels.
  const names = await gql('query SearchNames { networks { slug name } projects(first: 100) { nodes { slug name } } }').catch((err) => {
    if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') throw err;
    return { networks: [], projects: { nodes: [] } };
  });
  const label = {
    typ: (w) => typeByWord[w]?.label ?? w,
    natverk: Object.fromEntries(names.networks.map((n) => [n.slug, n.name])),
    projekt: Object.fromEntries(names.projects.nodes.map((p) => [p.slug, p.name])),
  };
  const labelOf = (param, value) => {
    if (param === 'typ') return label.typ(value);
    return label[param]?.[value] ?? value;
  };

  const headingEl = h('h1', null);
  const status = h('p', { class: 'search-status', role: 'status' });
  const resultsHeading = h('h2', { id: 'traffar', tabindex: '-1', class: 'search-results__heading' }, 'Träffar');
  const results = h('div', { class: 'search-results' });
  const more = h('div', { class: 'search-more' });
  const errorBox = h('div');

  const qInput = h('input', { id: 'sok-q', type: 'search', name: 'q', value: state.q, class: 'field__input', autocomplete: 'off', spellcheck: 'false' });
  const queryForm = h(
    'form',
    { class: 'search-page__form', role: 'search', 'aria-label': 'Sök på sidan' },
    h('label', { for: 'sok-q', class: 'field__label' }, 'Sökord'),
    h('div', { class: 'search-page__row' }, qInput, h('button', { type: 'submit', class: 'button' }, 'Sök')),
  );

  const filterId = newId('filter');
  const fromInput = h('input', { id: `${filterId}-fran`, type: 'date', name: 'fran', class: 'field__input', value: state.from });
  const toInput = h('input', { id: `${filterId}-till`, type: 'date', name: 'till', class: 'field__input', value: state.to });
  const filterForm = h('form', { class: 'search-filters', 'aria-label': 'Filter', novalidate: true });

  function drawFilters(result) {
    const groups = DIMENSIONS.map((d) => {
      const counts = new Map();
      for (const f of result?.facets[d.facet] ?? []) {
        const value = d.param === 'typ' ? typeByKey[f.value]?.word ?? null : f.value;
        if (value) counts.set(value, f.count);
      }
      for (const v of state[d.param]) if (!counts.has(v)) counts.set(v, 0); // a chosen value stays, to be unchosen
      if (counts.size === 0) return null;
      return h(
        'fieldset',
        { class: 'facet' },
        h('legend', { class: 'facet__legend' }, d.legend),
        h(
          'ul',
          { class: 'facet__list' },
          [...counts].map(([value, n]) => {
            const id = newId(`facet-${d.param}`);
            return h(
              'li',
              { class: 'field--check' },
              h('input', { id, type: 'checkbox', class: 'field__check', name: d.param, value, checked: state[d.param].includes(value) }),
              h('label', { for: id }, labelOf(d.param, value), ' ', h('span', { class: 'facet__count' }, `(${n})`)),
            );
          }),
        ),
      );
    });
    const solved = [
      ['', 'Alla'],
      ['ja', 'Besvarade frågor'],
      ['nej', 'Obesvarade frågor'],
    ];
    replace(
      filterForm,
      h('p', { class: 'muted facet__hint' }, 'Träffarna uppdateras när du kryssar i.'),
      groups,
      h(
        'fieldset',
        { class: 'facet' },
        h('legend', { class: 'facet__legend' }, 'Frågor i forumet'),
        solved.map(([value, text]) => {
          const id = newId('facet-lost');
          return h('div', { class: 'field--check' }, h('input', { id, type: 'radio', name: 'lost', value, class: 'field__check', checked: state.solved === value }), h('label', { for: id }, text));
        }),
      ),
      h(
        'fieldset',
        { class: 'facet' },
        h('legend', { class: 'facet__legend' }, 'Ändrad'),
        h('div', { class: 'field' }, h('label', { for: fromInput.id, class: 'field__label' }, 'Från och med'), fromInput),
        h('div', { class: 'field' }, h('label', { for: toInput.id, class: 'field__label' }, 'Till och med'), toInput),
        h('button', { type: 'submit', class: 'button button--secondary button--small' }, 'Använd datum'),
      ),
      hasFilters(state) ? h('p', null, h('button', { type: 'button', class: 'button button--link', onclick: () => run({ ...readState(new URLSearchParams()), q: state.q }, { focus: 'results' }) }, 'Rensa alla filter')) : null,
    );
  }

  function stateFromFilters() {
    const next = { ...state };
    for (const d of DIMENSIONS) next[d.param] = [...filterForm.querySelectorAll(`input[name="${d.param}"]:checked`)].map((el) => el.value);
    next.solved = filterForm.querySelector('input[name="lost"]:checked')?.value ?? '';
    next.from = fromInput.value;
    next.to = toInput.value;
    return next;
  }

  filterForm.addEventListener('change', (event) => {
    if (event.target.type === 'checkbox' || event.target.type === 'radio') run(stateFromFilters(), { focus: 'keep', keepName: event.target.name, keepValue: event.target.value });
  });
  filterForm.addEventListener('submit', (event) => {
    event.preventDefault();
    run(stateFromFilters(), { focus: 'results' });
  });
  queryForm.addEventListener('submit', (event) => {
    event.preventDefault();
    run({ ...state, q: qInput.value.trim() }, { focus: 'results' });
  });

  function titleFor(s, result) {
    if (!s.q && !hasFilters(s)) return 'Sök';
    const base = s.q ? `Sök: ${s.q}` : 'Sök';
    return result ? `${base} (${count(result.totalCount)})` : base;
  }

  function noHits(result) {
    if (result.hint) {
      return h('div', { class: 'empty search-empty', 'data-hint': result.hint.code }, h('p', { class: 'search-empty__title' }, 'Inget att söka på'), h('p', null, result.hint.message));
    }
    const tips = [];
    if (result.didYouMean) {
      tips.push(h('li', null, 'Menade du ', h('a', { href: searchUrl({ ...state, q: result.didYouMean }) }, result.didYouMean), '?'));
    }
    if (hasFilters(state)) tips.push(h('li', null, h('a', { href: searchUrl({ ...readState(new URLSearchParams()), q: state.q }) }, 'Sök utan filter'), '.'));
    tips.push(h('li', null, 'Kontrollera stavningen, eller prova färre eller andra ord.'));
    tips.push(h('li', null, 'Sök på tillsynsområdet, till exempel ”avlopp” i stället för ”fosforfälla”.'));
    return h('div', { class: 'empty search-empty' }, h('p', { class: 'search-empty__title' }, 'Inga träffar'), h('ul', null, tips));
  }

  function drawResult(result, append = false) {
    if (!append) {
      const law = lawOf(state.q);
      replace(
        results,
        law && result.totalCount > 0 ? h('p', null, h('a', { href: `/lag/${encodeURIComponent(law)}` }, `Om lagrummet ${law}`)) : null,
        result.partial && result.totalCount > 0 ? partialNotice(state.q, result.droppedWords) : null,
        result.fuzzy && result.totalCount > 0
          ? h('p', { class: 'notice notice--info' }, 'Inga exakta träffar. Här är träffar för liknande ord', result.didYouMean ? [' (', h('a', { href: searchUrl({ ...state, q: result.didYouMean }) }, result.didYouMean), ')'] : null, '.')
          : null,
        result.totalCount === 0 ? noHits(result) : h('ol', { class: 'hit-list' }, result.hits.map(hitItem)),
      );
    } else {
      results.querySelector('.hit-list')?.append(...result.hits.map(hitItem));
    }
    replace(more);
    if (result.hasNextPage) {
      const button = h('button', { type: 'button', class: 'button button--secondary' }, 'Visa fler');
      button.addEventListener('click', () => loadMore(result.endCursor, button));
      const shown = results.querySelectorAll('.hit').length;
      more.append(h('p', { class: 'muted' }, `Visar ${shown} av ${count(result.totalCount)}.`), button);
    }
  }

  async function loadMore(cursor, button) {
    button.disabled = true;
    const before = results.querySelectorAll('.hit').length;
    try {
      const data = await gql(SEARCH, { query: state.q, filter: apiFilter(state), first: PAGE, after: cursor });
      drawResult(data.search, true);
      const first = results.querySelectorAll('.hit')[before]?.querySelector('a');
      first?.focus();
      status.textContent = `${data.search.hits.length} till visas. ${count(data.search.totalCount)} totalt.`;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
      button.disabled = false;
      replace(errorBox, h('div', { class: 'notice notice--error', role: 'alert' }, err.message ?? 'Något gick fel, försök igen.'));
    }
  }

  let generation = 0;
  /** Runs a search for `next`, updating the address (unless `initial`) and the page. */
  async function run(next, { focus = 'none', initial = false, keepName = null, keepValue = null } = {}) {
    generation += 1;
    const mine = generation;
    state = next;
    qInput.value = state.q;
    const header = document.getElementById('site-search-q');
    if (header) header.value = state.q;
    headingEl.textContent = state.q ? `Sök: ${state.q}` : 'Sök';
    if (!initial) updateUrl(searchUrl(state), { title: titleFor(state, null) });
    replace(errorBox);
    if (!state.q && !hasFilters(state)) {
      status.textContent = '';
      replace(results, h('p', { class: 'muted' }, 'Skriv vad du letar efter i rutan ovan.'));
      replace(more);
      drawFilters(null);
      return;
    }
    results.setAttribute('aria-busy', 'true');
    status.textContent = 'Söker …';
    try {
      const data = await gql(SEARCH, { query: state.q, filter: apiFilter(state), first: PAGE });
      if (mine !== generation) return;
      const result = data.search;
      drawResult(result);
      drawFilters(result);
      status.textContent = result.totalCount === 0 ? 'Inga träffar' : count(result.totalCount);
      if (initial) setTitle(titleFor(state, result));
      else updateUrl(location.pathname + location.search, { replace: true, title: titleFor(state, result) });
      if (focus === 'results') resultsHeading.focus();
      if (focus === 'keep' && keepName) {
        const again = [...filterForm.querySelectorAll(`input[name="${keepName}"]`)].find((el) => el.value === keepValue);
        (again ?? resultsHeading).focus();
      }
    } catch (err) {
      if (mine !== generation) return;
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
      status.textContent = 'Sökningen misslyckades';
      const retry = h('button', { type: 'button', class: 'button' }, 'Försök igen');
      retry.addEventListener('click', () => run(state, { focus: 'results', initial: true }));
      replace(results, h('div', { class: 'notice notice--error', role: 'alert' }, h('p', null, err instanceof ApiError ? err.message : 'Något gick fel, försök igen.'), retry));
      replace(more);
    } finally {
      if (mine === generation) results.removeAttribute('aria-busy');
    }
  }

  await run(state, { initial: true });
  const wide = window.matchMedia?.('(min-width: 48rem)').matches;

  return h(
    'div',
    { class: 'search-page' },
    headingEl,
    queryForm,
    operatorsHelp(),
    h(
      'div',
      { class: 'search-layout' },
      h(
        'details',
        { class: 'search-layout__filters', open: wide || hasFilters(state) },
        h('summary', { class: 'search-layout__summary' }, 'Filtrera träffarna'),
        filterForm,
      ),
      h('section', { class: 'search-layout__results', 'aria-labelledby': 'traffar' }, resultsHeading, status, errorBox, results, more),
    ),
  );
}
