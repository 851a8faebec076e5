// Att kontrollera (/telefonboken/kontroll): the phone-book entries not checked for a year
// (SAMSYN_VERIFY_MONTHS), never-checked ones first — the manager's own organisation, or all
// of them for admins. "Kontrollerad" stamps one row (verifyPerson); "Alla är kontrollerade"
// stamps every row shown, one after another, and says how it went.

import { ApiError, gql } from '../api.js';
import { announce, h, notice, replace, srOnly } from '../dom.js';
import { formatDate } from '../format.js';
import { canManagePhoneBook, personPath, phoneBookNav } from '../people.js';
import * as session from '../session.js';
import { dataTable } from '../widgets.js';

const PAGE = 100;
const FIELDS = 'id name title organisation { name } unit { name } lastVerifiedAt lastVerifiedBy { displayName }';
const DUE = `query Due($first: Int, $after: String) { peopleDueForVerification(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } nodes { ${FIELDS} } } }`;
const VERIFY = `mutation Verify($input: PersonIdInput!) { verifyPerson(input: $input) { person { ${FIELDS} } } }`;

export default async function verifyPage() {
  const me = session.user();
  if (!canManagePhoneBook(me)) throw new ApiError('FORBIDDEN', 'Listan är till för chefer och administratörer.');
  const data = await gql(DUE, { first: PAGE });
  let rows = data.peopleDueForVerification.nodes.map((p) => ({ ...p, done: false }));
  let total = data.peopleDueForVerification.totalCount;
  let cursor = data.peopleDueForVerification.pageInfo.endCursor;
  let hasMore = data.peopleDueForVerification.pageInfo.hasNextPage;

  const status = h('div', null);
  const list = h('div', null);
  const summary = h('p', { class: 'muted' });
  const heading = h('h2', { id: 'att-kontrollera', tabindex: '-1' }, 'Poster att kontrollera');

  async function verify(p) {
    const r = await gql(VERIFY, { input: { id: p.id } });
    rows = rows.map((x) => (x.id === p.id ? { ...r.verifyPerson.person, done: true } : x));
  }

  function left() {
    return rows.filter((r) => !r.done);
  }

  function draw() {
    const open = left();
    const doneCount = rows.length - open.length;
    summary.textContent = total === 0
      ? ''
      : `${total - doneCount} av ${total} ${total === 1 ? 'post' : 'poster'} återstår${doneCount ? ` (${doneCount} kontrollerade nu)` : ''}.`;
    const all = h('button', { type: 'button', class: 'button' }, `Alla ${open.length} är kontrollerade`);
    all.addEventListener('click', async () => {
      if (!window.confirm(`Markera alla ${open.length} poster i listan som kontrollerade i dag? Gör det bara om du har gått igenom uppgifterna.`)) return;
      all.disabled = true;
      const failures = [];
      for (const p of open) {
        try {
          await verify(p);
        } catch (err) {
          if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
          failures.push(`${p.name}: ${err.message}`);
        }
      }
      draw();
      const ok = open.length - failures.length;
      replace(
        status,
        failures.length
          ? notice(`${ok} markerade som kontrollerade. Det gick inte för: ${failures.join('; ')}`, 'error')
          : notice(`Alla ${ok} poster är markerade som kontrollerade i dag.`, 'success'),
      );
      heading.focus();
    });
    replace(
      list,
      rows.length === 0
        ? h('p', { class: 'empty' }, 'Alla poster är kontrollerade det senaste året. Bra jobbat!')
        : [
            open.length > 1 ? h('div', { class: 'toolbar-row' }, all) : null,
            dataTable({
              caption: { text: 'Poster att kontrollera', hidden: true },
              empty: '',
              rows,
              columns: [
                { label: 'Namn', cell: (p) => h('a', { href: personPath(p) }, p.name) },
                { label: 'Befattning', cell: (p) => p.title || '–' },
                { label: 'Organisation', cell: (p) => [p.organisation.name, p.unit?.name].filter(Boolean).join(', ') },
                {
                  label: 'Senast kontrollerad',
                  cell: (p) => (p.lastVerifiedAt ? `${formatDate(p.lastVerifiedAt)}${p.lastVerifiedBy ? ` av ${p.lastVerifiedBy.displayName}` : ''}` : 'Aldrig'),
                },
                {
                  label: 'Åtgärd',
                  cell: (p) => {
                    if (p.done) return h('span', { class: 'badge badge--ok' }, '✓ Kontrollerad i dag');
                    const button = h('button', { type: 'button', class: 'button button--secondary button--small', 'data-person': p.id }, 'Kontrollerad', srOnly(` ${p.name}`));
                    button.addEventListener('click', async () => {
                      button.disabled = true;
                      try {
                        await verify(p);
                        draw();
                        announce(`${p.name} är markerad som kontrollerad i dag.`);
                        // Focus to the next row's button, or the heading when none is left.
                        const next = list.querySelector('button[data-person]');
                        (next ?? heading).focus();
                      } catch (err) {
                        if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
                        button.disabled = false;
                        replace(status, notice(`${p.name}: ${err.message}`, 'error'));
                      }
                    });
                    return button;
                  },
                },
              ],
            }),
            hasMore ? moreButton() : null,
          ],
    );
  }

  function moreButton() {
    const button = h('button', { type: 'button', class: 'button button--secondary' }, 'Visa fler');
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        const r = await gql(DUE, { first: PAGE, after: cursor });
        const page = r.peopleDueForVerification;
        rows = [...rows, ...page.nodes.filter((p) => !rows.some((x) => x.id === p.id)).map((p) => ({ ...p, done: false }))];
        cursor = page.pageInfo.endCursor;
        hasMore = page.pageInfo.hasNextPage;
        total = Math.max(total, rows.length);
        draw();
        announce(`${page.nodes.length} poster till visas.`);
      } catch (err) {
        if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
        button.disabled = false;
        replace(status, notice(err.message, 'error'));
      }
    });
    return h('p', null, button);
  }

  draw();
  const whose = me.role === 'ADMIN' ? 'alla organisationer' : me.organisation?.name ?? 'din organisation';
  return h(
    'div',
    null,
    h('p', { class: 'breadcrumb' }, h('a', { href: '/telefonboken' }, 'Telefonboken')),
    h('h1', null, 'Att kontrollera'),
    phoneBookNav(me),
    h(
      'p',
      { class: 'lead' },
      `Poster i telefonboken som inte har kontrollerats på ett år, för ${whose}. Öppna posten och rätta det som är fel, eller markera den som kontrollerad om allt stämmer.`,
    ),
    status,
    h('section', { 'aria-labelledby': 'att-kontrollera' }, heading, summary, list),
  );
}
