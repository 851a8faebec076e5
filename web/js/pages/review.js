// Att granska (/handlaggarstod/att-granska): the documents I look after (as author, editor
// or the project's responsible; admins all) whose review-by date has passed or comes within
// 30 days, soonest first, with my reminders (14 days before and on the day). "Granskad"
// records who and when and moves the date, 12 months ahead unless another date is chosen.

import { ApiError, gql } from '../api.js';
import { announce, h, notice, replace, srOnly } from '../dom.js';
import { formatDate } from '../format.js';
import { badge } from '../widgets.js';

const FIELDS = 'id title kindLabel reviewBy reviewOverdue viewerCanMarkReviewed reviewedAt reviewedBy { displayName } project { name }';
const DUE = `query ReviewDue { documentsDueForReview(withinDays: 30, first: 100) { edges { node { ${FIELDS} } } }
  reviewReminders(first: 20) { stage reviewBy document { id title } } }`;
const MARK = `mutation MarkReviewed($input: MarkDocumentReviewedInput!) { markDocumentReviewed(input: $input) { document { ${FIELDS} } } }`;

function documentPath(id) {
  return `/handlaggarstod/dokument/${encodeURIComponent(id)}`;
}

/** A year from today, as YYYY-MM-DD (the server's default next date). */
function aYearAhead() {
  const d = new Date();
  d.setFullYear(d.getFullYear() + 1);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(d);
}

export default async function reviewPage() {
  const data = await gql(DUE);
  let docs = data.documentsDueForReview.edges.map((e) => e.node);
  const reminders = data.reviewReminders.filter((r) => r.document);
  const status = h('div', null);
  const list = h('div', null);
  const heading = h('h2', { id: 'att-granska', tabindex: '-1' }, 'Dokument att granska');

  function row(d) {
    const next = h('input', { type: 'date', class: 'field__input', id: `nasta-${d.id}`, name: 'next', value: aYearAhead() });
    const button = h('button', { type: 'button', class: 'button button--small' }, 'Granskad', srOnly(`: ${d.title}`));
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        const r = await gql(MARK, { input: { id: d.id, nextReviewBy: next.value || null } });
        const saved = r.markDocumentReviewed.document;
        docs = docs.filter((x) => x.id !== d.id);
        draw();
        const text = `”${d.title}” är granskad. Nästa granskning ${formatDate(saved.reviewBy)}.`;
        replace(status, notice(text, 'success'));
        announce(text);
        heading.focus();
      } catch (err) {
        if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
        button.disabled = false;
        replace(status, notice(err.message, 'error'));
      }
    });
    return h(
      'li',
      { class: 'thread-item' },
      h('p', { class: 'thread-item__badges' }, d.reviewOverdue ? badge('Försenad', 'warn') : badge('Snart', 'info'), ' ', badge(d.kindLabel, 'kind')),
      h('h3', { class: 'thread-item__title' }, h('a', { href: documentPath(d.id) }, d.title)),
      h(
        'p',
        { class: 'muted thread-item__meta' },
        `Granskas senast ${formatDate(d.reviewBy)}`,
        d.project ? ` · ${d.project.name}` : '',
        d.reviewedAt ? ` · senast granskad ${formatDate(d.reviewedAt)} av ${d.reviewedBy?.displayName ?? 'Tidigare användare'}` : '',
      ),
      d.viewerCanMarkReviewed
        ? h(
            'div',
            { class: 'toolbar-row review-row' },
            h('label', { class: 'field__label', for: `nasta-${d.id}` }, 'Nästa granskning'),
            next,
            button,
          )
        : h('p', { class: 'muted' }, 'Du kan inte markera det här dokumentet som granskat.'),
    );
  }

  function draw() {
    replace(
      list,
      docs.length
        ? h('ul', { class: 'thread-list' }, docs.map(row))
        : h('p', { class: 'empty' }, 'Inget att granska de närmaste 30 dagarna.'),
    );
  }
  draw();

  return h(
    'div',
    null,
    h('p', { class: 'breadcrumb' }, h('a', { href: '/handlaggarstod' }, 'Handläggarstöd')),
    h('h1', null, 'Att granska'),
    h('p', { class: 'lead' }, 'Dokument du ansvarar för vars granskningsdatum har passerat eller infaller inom 30 dagar. Markera dem som granskade när du har gått igenom dem.'),
    reminders.length
      ? h(
          'section',
          { 'aria-labelledby': 'paminnelser' },
          h('h2', { id: 'paminnelser' }, 'Påminnelser'),
          h(
            'ul',
            { class: 'notification-list' },
            reminders.map((r) =>
              h(
                'li',
                { class: 'notification' },
                r.stage === 'DUE' ? 'I dag eller tidigare: ' : 'Om högst 14 dagar: ',
                h('a', { href: documentPath(r.document.id) }, r.document.title),
                h('span', { class: 'muted' }, ` · granskas senast ${formatDate(r.reviewBy)}`),
              ),
            ),
          ),
        )
      : null,
    h('section', { 'aria-labelledby': 'att-granska' }, heading, status, list),
  );
}
