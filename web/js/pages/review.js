// Att granska (/handlaggarstod/att-granska): the documents I look after (as author, editor
// or the project's responsible; admins all) whose review-by date has passed or comes within
// 30 days, soonest first, with my reminders (14 days before and on the day), and below them
// the vanliga frågor of the networks I moderate that are due the same way. "Granskad"
// records who and when and moves the date, 12 months ahead unless another date is chosen.

import { ApiError, gql } from '../api.js';
import { announce, h, notice, replace, srOnly } from '../dom.js';
import { threadPath } from '../forum.js';
import { aYearAhead, formatDate } from '../format.js';
import { badge } from '../widgets.js';

const FIELDS = 'id title kindLabel reviewBy reviewOverdue viewerCanMarkReviewed reviewedAt reviewedBy { displayName } project { name }';
const DUE = `query ReviewDue { documentsDueForReview(withinDays: 30, first: 100) { edges { node { ${FIELDS} } } }
  reviewReminders(first: 20) { stage reviewBy document { id title } } }`;
const FAQ_FIELDS = 'id title network { name } faq { reviewBy reviewOverdue reviewedAt reviewedBy { displayName } }';
const FAQ_DUE = `query FaqDue { faqDueForReview(withinDays: 30, first: 100) { edges { node { ${FAQ_FIELDS} } } } }`;
const MARK_FAQ = `mutation MarkFaqReviewed($input: MarkFaqReviewedInput!) { markFaqReviewed(input: $input) { thread { ${FAQ_FIELDS} } } }`;
const MARK = `mutation MarkReviewed($input: MarkDocumentReviewedInput!) { markDocumentReviewed(input: $input) { document { ${FIELDS} } } }`;

function documentPath(id) {
  return `/handlaggarstod/dokument/${encodeURIComponent(id)}`;
}

/**
 * One list of things to review, each with "Nästa granskning" and "Granskad". `item(x)`
 * describes an entry: { key, title, href, badges, meta, canMark, cannotMark, mark(next) }
 * where `mark` resolves to the saved review-by date.
 */
function reviewList({ id, title, items, empty, item }) {
  let left = items;
  const status = h('div', null);
  const list = h('div', null);
  const heading = h('h2', { id, tabindex: '-1' }, title);

  function row(x) {
    const d = item(x);
    const next = h('input', { type: 'date', class: 'field__input', id: `nasta-${d.key}`, name: 'next', value: aYearAhead() });
    const button = h('button', { type: 'button', class: 'button button--small' }, 'Granskad', srOnly(`: ${d.title}`));
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        const reviewBy = await d.mark(next.value || null);
        left = left.filter((y) => y !== x);
        draw();
        const text = `”${d.title}” är granskad. Nästa granskning ${formatDate(reviewBy)}.`;
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
      h('p', { class: 'thread-item__badges' }, ...d.badges),
      h('h3', { class: 'thread-item__title' }, h('a', { href: d.href }, d.title)),
      h('p', { class: 'muted thread-item__meta' }, ...d.meta),
      d.canMark
        ? h(
            'div',
            { class: 'toolbar-row review-row' },
            h('label', { class: 'field__label', for: `nasta-${d.key}` }, 'Nästa granskning'),
            next,
            button,
          )
        : h('p', { class: 'muted' }, d.cannotMark),
    );
  }

  function draw() {
    replace(list, left.length ? h('ul', { class: 'thread-list' }, left.map(row)) : h('p', { class: 'empty' }, empty));
  }
  draw();
  return h('section', { 'aria-labelledby': id }, heading, status, list);
}

function reviewed(at, by) {
  return at ? ` · senast granskad ${formatDate(at)} av ${by?.displayName ?? 'Tidigare användare'}` : '';
}

export default async function reviewPage() {
  const [data, faqData] = await Promise.all([gql(DUE), gql(FAQ_DUE)]);
  const docs = data.documentsDueForReview.edges.map((e) => e.node);
  const faq = faqData.faqDueForReview.edges.map((e) => e.node);
  const reminders = data.reviewReminders.filter((r) => r.document);

  const documents = reviewList({
    id: 'att-granska',
    title: 'Dokument att granska',
    items: docs,
    empty: 'Inget att granska de närmaste 30 dagarna.',
    item: (d) => ({
      key: d.id,
      title: d.title,
      href: documentPath(d.id),
      badges: [d.reviewOverdue ? badge('Försenad', 'warn') : badge('Snart', 'info'), ' ', badge(d.kindLabel, 'kind')],
      meta: [`Granskas senast ${formatDate(d.reviewBy)}`, d.project ? ` · ${d.project.name}` : '', reviewed(d.reviewedAt, d.reviewedBy)],
      canMark: d.viewerCanMarkReviewed,
      cannotMark: 'Du kan inte markera det här dokumentet som granskat.',
      mark: async (next) => (await gql(MARK, { input: { id: d.id, nextReviewBy: next } })).markDocumentReviewed.document.reviewBy,
    }),
  });

  // Only moderators (and admins) have FAQ entries to review; members see no empty section.
  const questions = faq.length
    ? reviewList({
        id: 'vanliga-fragor-att-granska',
        title: 'Vanliga frågor att granska',
        items: faq,
        empty: 'Inga vanliga frågor att granska de närmaste 30 dagarna.',
        item: (t) => ({
          key: t.id,
          title: t.title,
          href: threadPath(t.id),
          badges: [t.faq.reviewOverdue ? badge('Försenad', 'warn') : badge('Snart', 'info'), ' ', badge('Vanlig fråga', 'kind')],
          meta: [`Granskas senast ${formatDate(t.faq.reviewBy)}`, ` · ${t.network.name}`, reviewed(t.faq.reviewedAt, t.faq.reviewedBy)],
          canMark: true,
          mark: async (next) => (await gql(MARK_FAQ, { input: { threadId: t.id, nextReviewBy: next } })).markFaqReviewed.thread.faq.reviewBy,
        }),
      })
    : null;

  return h(
    'div',
    null,
    h('p', { class: 'breadcrumb' }, h('a', { href: '/handlaggarstod' }, 'Handläggarstöd')),
    h('h1', null, 'Att granska'),
    h('p', { class: 'lead' }, 'Dokument du ansvarar för, och vanliga frågor i nätverk du modererar, vars granskningsdatum har passerat eller infaller inom 30 dagar. Markera dem som granskade när du har gått igenom dem.'),
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
    documents,
    questions,
  );
}
