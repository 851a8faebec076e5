// Pieces several pages share: a copy-once secret box, responsive tables, sub-navigation.

import { announce, h, newId } from './dom.js';

async function copyText(input) {
  try {
    await navigator.clipboard.writeText(input.value);
    return true;
  } catch {
    // Without the clipboard API (plain http on another host): select the text for Ctrl+C.
    input.focus();
    input.select();
    return document.execCommand?.('copy') ?? false;
  }
}

/**
 * A value to copy (an API key, an invitation link): a read-only box with a "Kopiera" button
 * and a note. The heading takes focus so keyboard and screen-reader users land on it.
 */
export function copyBox({ heading, label, value, note, headingLevel = 'h2' }) {
  const id = newId('copy');
  // A textarea, so a long key or link wraps and can be read whole on a phone.
  const input = h('textarea', { id, class: 'field__input copy-box__value', readonly: true, rows: 2, value, spellcheck: 'false' });
  const status = h('span', { class: 'copy-box__status' });
  const button = h('button', { type: 'button', class: 'button button--secondary' }, 'Kopiera');
  button.addEventListener('click', async () => {
    const ok = await copyText(input);
    const text = ok ? 'Kopierad!' : 'Markera texten och kopiera med Ctrl+C.';
    status.textContent = text;
    announce(text);
  });
  input.addEventListener('focus', () => input.select());
  const title = h(headingLevel, { id: `${id}-heading`, class: 'copy-box__heading', tabindex: '-1' }, heading);
  return h(
    'section',
    { class: 'copy-box', 'aria-labelledby': `${id}-heading` },
    title,
    h('p', { class: 'copy-box__note' }, note),
    h('label', { for: id, class: 'field__label' }, label),
    h('div', { class: 'copy-box__row' }, input, button),
    status,
  );
}

/**
 * A table that turns into one card per row on a phone (each cell shows its column name).
 * columns: [{ label, cell: (row) => node|string, class? }]
 */
export function dataTable({ caption, columns, rows, empty }) {
  if (rows.length === 0) return h('p', { class: 'empty' }, empty);
  return h(
    'table',
    { class: 'table' },
    h('caption', { class: caption.hidden ? 'visually-hidden' : 'table__caption' }, caption.text),
    h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col', class: c.class }, c.label)))),
    h(
      'tbody',
      null,
      rows.map((row) =>
        h(
          'tr',
          null,
          columns.map((c, i) =>
            h(i === 0 ? 'th' : 'td', { scope: i === 0 ? 'row' : null, 'data-label': c.label, class: c.class }, c.cell(row)),
          ),
        ),
      ),
    ),
  );
}

/** A small navigation bar inside a section (e.g. Administration's pages). */
export function subNav(label, links) {
  const here = location.pathname;
  return h(
    'nav',
    { class: 'sub-nav', 'aria-label': label },
    h(
      'ul',
      null,
      links.map(([path, text]) =>
        h(
          'li',
          null,
          h(
            'a',
            {
              href: path,
              'aria-current': here === path ? 'page' : here.startsWith(`${path}/`) ? 'true' : null,
            },
            text,
          ),
        ),
      ),
    ),
  );
}

/** A status tag such as "Aktiv" / "Inaktiv". kind: ok | off | warn */
export function badge(text, kind = 'ok') {
  return h('span', { class: ['badge', `badge--${kind}`] }, text);
}
