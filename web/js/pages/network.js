// One network: its threads (pinned ones first) with filters kept in the address
// (?status=obesvarad&typ=fraga&omrade=<tag>), and its vanliga frågor on a tab of their own
// (/forum/<nätverk>/vanliga-fragor). "Ställ en fråga", bevaka, join and mark all read.
// Moderators also get "Att moderera" (/forum/<nätverk>/att-moderera: reported posts with
// Dölj inlägget / Avfärda and a note, hidden posts, questions unanswered for a week), the
// papperskorg (/forum/<nätverk>/papperskorg: hidden posts with Återställ), "Ta bort från
// vanliga frågor" and "Ny träff".

import { ApiError, gql } from '../api.js';
import { announce, h, notice, replace, srOnly } from '../dom.js';
import { selectField, textareaField } from '../forms.js';
import { KIND_PARAMS, STATUS_PARAMS, THREAD_LIST_FIELDS, askPath, networkPath, threadItem, threadPath } from '../forum.js';
import { formatDate } from '../format.js';
import { badge } from '../widgets.js';

const PAGE = 30;
const NETWORK_FIELDS = 'id slug name description membersOnly myRole memberCount unreadCount following viewerCanModerate openReportCount';

const THREADS = `query NetworkThreads($slug: String!, $filter: ThreadFilterInput, $first: Int, $after: String) {
  network(slug: $slug) { id threads(first: $first, after: $after, filter: $filter) {
    pageInfo { hasNextPage endCursor } nodes { ${THREAD_LIST_FIELDS} } } } }`;

function filterFromQuery(query) {
  const status = query.get('status') ?? '';
  const typ = query.get('typ') ?? '';
  const omrade = (query.get('omrade') ?? '').trim();
  return {
    params: { status: status in STATUS_PARAMS ? status : '', typ: typ in KIND_PARAMS ? typ : '', omrade },
    api: { status: STATUS_PARAMS[status] ?? null, kind: KIND_PARAMS[typ] ?? null, tag: omrade || null },
  };
}

function filterForm(network, params, tags, navigate) {
  const form = h(
    'form',
    { class: 'form search-form', role: 'search', 'aria-label': 'Filtrera trådarna', novalidate: true },
    h(
      'div',
      { class: 'search-form__fields' },
      selectField({
        name: 'status',
        label: 'Status',
        value: params.status,
        options: [
          { value: '', label: 'Alla' },
          { value: 'obesvarad', label: 'Obesvarade frågor' },
          { value: 'besvarad', label: 'Besvarade frågor' },
        ],
      }),
      selectField({
        name: 'typ',
        label: 'Typ',
        value: params.typ,
        options: [
          { value: '', label: 'Alla typer' },
          { value: 'fraga', label: 'Frågor' },
          { value: 'diskussion', label: 'Diskussioner' },
          { value: 'anslag', label: 'Anslag' },
        ],
      }),
      selectField({
        name: 'omrade',
        label: 'Tillsynsområde',
        value: params.omrade,
        options: [{ value: '', label: 'Alla tillsynsområden' }, ...tags.map((t) => ({ value: t.slug, label: t.name }))],
      }),
    ),
    h('div', { class: 'form__actions' }, h('button', { type: 'submit', class: 'button' }, 'Visa'), h('a', { href: networkPath(network.slug), class: 'button button--secondary' }, 'Rensa')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const q = new URLSearchParams();
    for (const key of ['status', 'typ', 'omrade']) {
      const value = form.elements[key].value.trim();
      if (value) q.set(key, value);
    }
    const s = q.toString();
    navigate(`${networkPath(network.slug)}${s ? `?${s}` : ''}`);
  });
  return form;
}

function threadsView(network, first, api, filtered) {
  const pinned = first.nodes.filter((t) => t.pinned);
  const rest = h('ul', { class: 'thread-list' }, first.nodes.filter((t) => !t.pinned).map((t) => threadItem(t)));
  const more = h('div', null);
  let cursor = first.pageInfo.endCursor;

  function moreButton() {
    const button = h('button', { type: 'button', class: 'button button--secondary' }, 'Visa fler trådar');
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        const data = await gql(THREADS, { slug: network.slug, filter: api, first: PAGE, after: cursor });
        const page = data.network.threads;
        const items = page.nodes.map((t) => threadItem(t));
        rest.append(...items);
        cursor = page.pageInfo.endCursor;
        replace(more, page.pageInfo.hasNextPage ? moreButton() : null);
        announce(`${page.nodes.length} trådar till visas.`);
        items[0]?.querySelector('a')?.focus();
      } catch (err) {
        if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
        button.disabled = false;
        replace(more, notice(err.message, 'error'), button);
      }
    });
    return button;
  }
  if (first.pageInfo.hasNextPage) replace(more, moreButton());

  const count = first.nodes.length + (first.pageInfo.hasNextPage ? '+' : '');
  return [
    pinned.length
      ? h(
          'section',
          { class: 'pinned', 'aria-labelledby': 'fast-overst' },
          h('h2', { id: 'fast-overst', class: 'section-heading' }, 'Anslagstavlan'),
          h('ul', { class: 'thread-list' }, pinned.map((t) => threadItem(t))),
        )
      : null,
    h(
      'section',
      { 'aria-labelledby': 'tradar' },
      h('h2', { id: 'tradar', class: 'section-heading' }, `Trådar (${count})`),
      first.nodes.length === 0
        ? h('p', { class: 'empty' }, filtered ? 'Inga trådar matchar filtret.' : 'Här finns inga trådar än. Ställ den första frågan!')
        : rest.childElementCount === 0
          ? h('p', { class: 'empty' }, 'Inga fler trådar än de fästa.')
          : rest,
      more,
    ),
  ];
}

function faqView(network, faq, refresh) {
  if (faq.length === 0) {
    return h('p', { class: 'empty' }, 'Inga frågor har lagts till bland vanliga frågor än. Moderatorerna väljer besvarade frågor som många har nytta av.');
  }
  return h(
    'ul',
    { class: 'faq-list' },
    faq.map((t) =>
      h(
        'li',
        { class: 'faq-item' },
        h('h2', { class: 'faq-item__title' }, h('a', { href: threadPath(t.id) }, t.title)),
        t.faq.reviewOverdue ? h('p', { class: 'thread-item__badges' }, badge('Granskning försenad', 'warn')) : null,
        h('p', null, t.faq.summary),
        h(
          'p',
          { class: 'muted' },
          `Tillagd ${formatDate(t.faq.promotedAt)}`,
          t.faq.reviewedAt ? ` · granskad ${formatDate(t.faq.reviewedAt)}` : '',
          t.faq.reviewBy ? ` · granskas senast ${formatDate(t.faq.reviewBy)}` : '',
          t.tags.length ? ` · ${t.tags.map((x) => x.name).join(', ')}` : '',
        ),
        network.viewerCanModerate ? removeFromFaqButton(t, refresh) : null,
      ),
    ),
  );
}

function removeFromFaqButton(t, refresh) {
  const status = h('div', null);
  const button = h('button', { type: 'button', class: 'button button--secondary button--small' }, 'Ta bort från vanliga frågor', srOnly(`: ${t.title}`));
  button.addEventListener('click', async () => {
    if (!window.confirm(`Ta bort ”${t.title}” från vanliga frågor? Sammanfattningen försvinner; tråden finns kvar.`)) return;
    button.disabled = true;
    try {
      await gql('mutation RemoveFromFaq($input: ThreadInput!) { removeFromFaq(input: $input) { thread { id } } }', { input: { threadId: t.id } });
      await refresh(`”${t.title}” är borttagen från vanliga frågor.`);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
      button.disabled = false;
      replace(status, notice(err.message, 'error'));
    }
  });
  return h('div', null, button, status);
}

/** The recycle bin (papperskorgen): the network's hidden posts, for its moderators. */
function binView(network, hidden, refresh) {
  if (hidden.length === 0) return h('p', { class: 'empty' }, 'Papperskorgen är tom. Dolda och tillbakadragna inlägg hamnar här.');
  return h(
    'ul',
    { class: 'thread-list' },
    hidden.map((p) => {
      const status = h('div', null);
      const who = p.author?.displayName ?? 'Tidigare användare';
      const restore = h('button', { type: 'button', class: 'button button--secondary button--small' }, 'Återställ', srOnly(` ${p.isFirst ? 'frågan' : 'svaret'} från ${who} i ${p.thread.title}`));
      restore.addEventListener('click', async () => {
        restore.disabled = true;
        try {
          await gql('mutation RestorePost($input: PostInput!) { restorePost(input: $input) { post { id } } }', { input: { postId: p.id } });
          await refresh(`${p.isFirst ? 'Frågan' : 'Svaret'} från ${who} är återställt och syns igen i ”${p.thread.title}”.`);
        } catch (err) {
          if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
          restore.disabled = false;
          replace(status, notice(err.message, 'error'));
        }
      });
      const why = p.hiddenReason === 'WITHDRAWN' ? 'Tillbakadraget av författaren' : `Dolt av ${p.hiddenBy?.displayName ?? 'en moderator'}`;
      return h(
        'li',
        { class: 'thread-item' },
        h('p', { class: 'thread-item__badges' }, badge(why, 'off'), ' ', p.isFirst ? badge('Hela tråden', 'warn') : null),
        h('h2', { class: 'thread-item__title' }, h('a', { href: threadPath(p.thread.id) }, p.thread.title)),
        h('p', { class: 'muted thread-item__meta' }, `${p.isFirst ? 'Frågan' : 'Svar'} från ${who} · dolt ${formatDate(p.hiddenAt)}`),
        h('blockquote', { class: 'quote-chip__text' }, p.excerpt),
        p.hiddenNote ? h('p', null, h('strong', null, 'Motivering: '), p.hiddenNote) : null,
        h('div', { class: 'toolbar-row' }, restore),
        status,
      );
    }),
  );
}

const MODERATE = `query NetworkModerate($slug: String!) { network(slug: $slug) { id
  reports(first: 100) { nodes { id reason createdAt reporter { displayName }
    post { id isFirst hidden excerpt(maxChars: 240) author { displayName } } thread { id title } } }
  hiddenPosts(first: 5) { nodes { id isFirst excerpt(maxChars: 240) hiddenAt hiddenReason hiddenBy { displayName } author { displayName } thread { id title } } }
  threads(first: 50, filter: { kind: QUESTION, status: OPEN, olderThanDays: 7 }) { nodes { ${THREAD_LIST_FIELDS} } } } }`;

/** One open report with its note field and the two ways to resolve it. */
function reportItem(r, refresh) {
  const status = h('div', null);
  const who = r.post?.author?.displayName ?? 'Tidigare användare';
  const what = r.post?.isFirst ? 'Frågan' : 'Svaret';
  const note = textareaField({
    name: 'note',
    label: 'Anteckning (valfri)',
    rows: 2,
    maxlength: 1000,
    hint: 'Sparas med anmälan. Döljer du inlägget får författaren den som motivering.',
  });
  const buttons = [
    ['HIDE_POST', 'Dölj inlägget', 'button button--danger button--small', `${what} från ${who} är dolt och anmälan är hanterad.`],
    ['DISMISS', 'Avfärda anmälan', 'button button--secondary button--small', 'Anmälan är avfärdad. Inlägget ligger kvar.'],
  ].map(([action, label, cls, done]) => {
    const button = h('button', { type: 'button', class: cls }, label, srOnly(`: ${what.toLowerCase()} från ${who} i ${r.thread?.title ?? 'tråden'}`));
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await gql('mutation ResolveReport($input: ResolveReportInput!) { resolveReport(input: $input) { report { id resolution } } }', {
          input: { reportId: r.id, action, note: note.querySelector('textarea').value },
        });
        await refresh(done);
      } catch (err) {
        if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
        button.disabled = false;
        replace(status, notice(err.message, 'error'));
      }
    });
    return button;
  });
  return h(
    'li',
    { class: 'thread-item report-item' },
    h('p', { class: 'thread-item__badges' }, badge('Anmält', 'warn'), r.post?.hidden ? [' ', badge('Redan dolt', 'off')] : null),
    h('h3', { class: 'thread-item__title' }, r.thread ? h('a', { href: threadPath(r.thread.id) }, r.thread.title) : 'Tråden är borta'),
    h('p', { class: 'muted thread-item__meta' }, `${what} från ${who} · anmält av ${r.reporter?.displayName ?? 'Tidigare användare'} ${formatDate(r.createdAt)}`),
    r.post ? h('blockquote', { class: 'quote-chip__text' }, r.post.excerpt) : null,
    h('p', null, h('strong', null, 'Skäl: '), r.reason),
    note,
    h('div', { class: 'toolbar-row' }, buttons),
    status,
  );
}

/** "Att moderera": open reports, the latest hidden posts and questions left open for a week. */
function moderateView(network, m, refresh) {
  const reports = m.reports.nodes;
  const hidden = m.hiddenPosts.nodes.filter((p) => p.thread);
  const old = m.threads.nodes;
  const base = networkPath(network.slug);
  return [
    h(
      'section',
      { 'aria-labelledby': 'anmalda' },
      h('h2', { id: 'anmalda', class: 'section-heading' }, `Anmälda inlägg (${reports.length})`),
      reports.length ? h('ul', { class: 'thread-list' }, reports.map((r) => reportItem(r, refresh))) : h('p', { class: 'empty' }, 'Inga anmälningar väntar. När en medlem anmäler ett inlägg hamnar det här, och du får en avisering.'),
    ),
    h(
      'section',
      { 'aria-labelledby': 'dolda' },
      h('h2', { id: 'dolda', class: 'section-heading' }, 'Senast dolda inlägg'),
      hidden.length
        ? h(
            'ul',
            { class: 'thread-list' },
            hidden.map((p) =>
              h(
                'li',
                { class: 'thread-item' },
                h('h3', { class: 'thread-item__title' }, h('a', { href: threadPath(p.thread.id) }, p.thread.title)),
                h('p', { class: 'muted thread-item__meta' }, `${p.isFirst ? 'Frågan' : 'Svar'} från ${p.author?.displayName ?? 'Tidigare användare'} · ${p.hiddenReason === 'WITHDRAWN' ? 'tillbakadraget' : `dolt av ${p.hiddenBy?.displayName ?? 'en moderator'}`} ${formatDate(p.hiddenAt)}`),
              ),
            ),
          )
        : h('p', { class: 'empty' }, 'Inga dolda inlägg.'),
      h('p', null, h('a', { href: `${base}/papperskorg` }, 'Alla dolda inlägg i papperskorgen')),
    ),
    h(
      'section',
      { 'aria-labelledby': 'obesvarade' },
      h('h2', { id: 'obesvarade', class: 'section-heading' }, `Obesvarade frågor äldre än 7 dagar (${old.length}${old.length === 50 ? '+' : ''})`),
      old.length ? h('ul', { class: 'thread-list' }, old.map((t) => threadItem(t))) : h('p', { class: 'empty' }, 'Alla frågor från förra veckan och tidigare har fått ett svar markerat som lösning.'),
    ),
  ];
}

/** Bevaka, join, mark read: the buttons beside the heading. */
function actions(network, refresh) {
  const status = h('div', { class: 'network-actions__status' });
  const buttons = [];
  const run = async (button, query, input, message) => {
    button.disabled = true;
    try {
      await gql(query, { input });
      await refresh(message);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
      button.disabled = false;
      replace(status, notice(err.message, 'error'));
    }
  };
  buttons.push(h('a', { href: askPath(network.slug), class: 'button' }, 'Ställ en fråga'));
  if (network.viewerCanModerate) buttons.push(h('a', { href: `/traffar/ny?natverk=${encodeURIComponent(network.slug)}`, class: 'button button--secondary' }, 'Ny träff'));
  if (!network.myRole && !network.membersOnly) {
    const join = h('button', { type: 'button', class: 'button button--secondary' }, 'Gå med i nätverket');
    join.addEventListener('click', () =>
      run(join, 'mutation Join($input: NetworkInput!) { joinNetwork(input: $input) { role } }', { networkId: network.id }, `Du är nu medlem i ${network.name}.`),
    );
    buttons.push(join);
  }
  const follow = h('button', { type: 'button', class: 'button button--secondary', 'aria-pressed': String(network.following) }, 'Bevaka nätverket');
  follow.addEventListener('click', () => {
    const name = network.following ? 'unfollow' : 'follow';
    run(
      follow,
      `mutation Follow($input: FollowInput!) { ${name}(input: $input) { following } }`,
      { id: network.id },
      network.following ? 'Du bevakar inte längre nätverket.' : 'Du bevakar nätverket och får aviseringar om nya anslag.',
    );
  });
  buttons.push(follow);
  if (network.unreadCount > 0) {
    const read = h('button', { type: 'button', class: 'button button--secondary' }, 'Markera allt som läst');
    read.addEventListener('click', () =>
      run(read, 'mutation MarkNetworkRead($input: NetworkInput!) { markNetworkRead(input: $input) { network { id } } }', { networkId: network.id }, 'Allt i nätverket är markerat som läst.'),
    );
    buttons.push(read);
  }
  return h('div', { class: 'network-actions' }, h('div', { class: 'toolbar__actions' }, buttons), status);
}

export default async function networkPage({ params, query, route, navigate, setTitle, refresh }) {
  const showBin = route.path.endsWith('/papperskorg');
  const showModerate = route.path.endsWith('/att-moderera');
  const showFaq = route.path.endsWith('/vanliga-fragor');
  const { params: filterParams, api } = filterFromQuery(query);
  const filtered = Boolean(api.status || api.kind || api.tag);
  const data = await gql(
    showBin || showModerate
      ? `query NetworkBin($slug: String!) { network(slug: $slug) { ${NETWORK_FIELDS} } }`
      : showFaq
      ? `query NetworkFaq($slug: String!) { network(slug: $slug) { ${NETWORK_FIELDS}
           faq(first: 100) { nodes { id title tags { name } faq { summary promotedAt reviewBy reviewOverdue reviewedAt } } } } }`
      : `query Network($slug: String!, $filter: ThreadFilterInput, $first: Int) { network(slug: $slug) { ${NETWORK_FIELDS}
           threads(first: $first, filter: $filter) { pageInfo { hasNextPage endCursor } nodes { ${THREAD_LIST_FIELDS} } } }
           tags { name slug } }`,
    showFaq || showBin || showModerate ? { slug: params.slug } : { slug: params.slug, filter: api, first: PAGE },
  ).catch((err) => {
    // A tag that does not exist (an old or edited address) is a filter problem, not a page error.
    if (err instanceof ApiError && err.code === 'BAD_INPUT' && !showFaq && !showBin && !showModerate) return { filterError: err };
    throw err;
  });
  let network = data.network;
  let filterError = null;
  let tags = data.tags ?? [];
  if (data.filterError) {
    filterError = data.filterError;
    const plain = await gql(`query Network($slug: String!) { network(slug: $slug) { ${NETWORK_FIELDS} } tags { name slug } }`, { slug: params.slug });
    network = plain.network && { ...plain.network, threads: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } } };
    tags = plain.tags;
  }
  if (!network) throw new ApiError('NOT_FOUND', 'Nätverket finns inte, eller så är det bara för medlemmar.');
  let hidden = [];
  if (showBin) {
    if (!network.viewerCanModerate) throw new ApiError('FORBIDDEN', 'Papperskorgen visas bara för nätverkets moderatorer.');
    const bin = await gql(
      `query NetworkHiddenPosts($slug: String!) { network(slug: $slug) { hiddenPosts(first: 100) { nodes {
         id isFirst excerpt(maxChars: 240) hiddenAt hiddenReason hiddenNote hiddenBy { displayName } author { displayName } thread { id title } } } } }`,
      { slug: params.slug },
    );
    hidden = bin.network.hiddenPosts.nodes.filter((p) => p.thread);
  }
  let moderate = null;
  if (showModerate) {
    if (!network.viewerCanModerate) throw new ApiError('FORBIDDEN', 'Att moderera visas bara för nätverkets moderatorer.');
    moderate = (await gql(MODERATE, { slug: params.slug })).network;
  }
  const heading = showModerate ? `Att moderera i ${network.name}` : showBin ? `Papperskorg i ${network.name}` : showFaq ? `Vanliga frågor i ${network.name}` : network.name;
  setTitle(showModerate ? `Att moderera – ${network.name}` : showBin ? `Papperskorg – ${network.name}` : showFaq ? `Vanliga frågor – ${network.name}` : network.name);

  const base = networkPath(network.slug);
  const message = sessionStorage.getItem('samsyn:network-flash');
  sessionStorage.removeItem('samsyn:network-flash');
  const refreshWith = async (text) => {
    sessionStorage.setItem('samsyn:network-flash', text);
    await refresh();
  };

  return h(
    'div',
    null,
    h('p', { class: 'breadcrumb' }, h('a', { href: '/forum' }, 'Forum')),
    h('h1', null, heading),
    message ? notice(message, 'success') : null,
    network.description ? h('p', { class: 'lead' }, network.description) : null,
    h(
      'p',
      { class: 'network-card__badges' },
      network.membersOnly ? badge('Endast medlemmar', 'off') : badge('Öppet', 'info'),
      ' ',
      network.myRole ? badge(network.myRole === 'MODERATOR' ? 'Du är moderator' : 'Du är medlem', 'ok') : null,
      ' ',
      network.unreadCount > 0 ? badge(`${network.unreadCount} ${network.unreadCount === 1 ? 'oläst tråd' : 'olästa trådar'}`, 'new') : null,
    ),
    actions(network, refreshWith),
    h(
      'nav',
      { class: 'sub-nav', 'aria-label': `Delar av ${network.name}` },
      h(
        'ul',
        null,
        h('li', null, h('a', { href: base, 'aria-current': showFaq || showBin || showModerate ? null : 'page' }, 'Trådar')),
        h('li', null, h('a', { href: `${base}/vanliga-fragor`, 'aria-current': showFaq ? 'page' : null }, 'Vanliga frågor')),
        network.viewerCanModerate
          ? h(
              'li',
              null,
              h(
                'a',
                { href: `${base}/att-moderera`, 'aria-current': showModerate ? 'page' : null },
                'Att moderera',
                network.openReportCount ? [' ', badge(`${network.openReportCount}`, 'new'), srOnly(network.openReportCount === 1 ? ' anmälan' : ' anmälningar')] : null,
              ),
            )
          : null,
        network.viewerCanModerate ? h('li', null, h('a', { href: `${base}/papperskorg`, 'aria-current': showBin ? 'page' : null }, 'Papperskorg')) : null,
      ),
    ),
    showModerate
      ? moderateView(network, moderate, refreshWith)
      : showBin
      ? binView(network, hidden, refreshWith)
      : showFaq
      ? faqView(network, network.faq.nodes, refreshWith)
      : [
          filterForm(network, filterParams, tags, navigate),
          filterError ? notice(filterError.message, 'error') : null,
          threadsView(network, network.threads, api, filtered),
        ],
  );
}
