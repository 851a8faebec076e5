// Importera CSV (managers and admins): paste or choose a file, see what each row would do
// (create, update, unchanged, invalid with the reason), then import.

import { ApiError, gql, upload } from '../api.js';
import { announce, h, newId, notice, replace } from '../dom.js';
import { checkboxField, textareaField } from '../forms.js';
import { badge, dataTable } from '../widgets.js';

const ACTIONS = {
  CREATE: ['Läggs till', 'ok'],
  UPDATE: ['Ändras', 'warn'],
  UNCHANGED: ['Oförändrad', 'off'],
  INVALID: ['Fel', 'error'],
};

const PAYLOAD = `dryRun applied encoding delimiter ignoredColumns created updated unchanged invalid
  rows { line action name organisation field reason changes newUnit }`;

function run(input, file) {
  const query = `mutation ImportPeople($input: ImportPeopleInput!) { importPeople(input: $input) { ${PAYLOAD} } }`;
  if (file) return upload(query, { input: { ...input, file: null } }, { 'variables.input.file': file }).then((d) => d.importPeople);
  return gql(query, { input }).then((d) => d.importPeople);
}

function report(r) {
  const verb = r.applied ? 'Importen är klar' : r.dryRun ? 'Så här skulle importen bli' : 'Inget importerades';
  return [
    h('h2', { id: 'rapport', tabindex: '-1' }, verb),
    h(
      'ul',
      { class: 'import-summary' },
      h('li', null, `${r.created} läggs till`),
      h('li', null, `${r.updated} ändras`),
      h('li', null, `${r.unchanged} ${r.unchanged === 1 ? 'oförändrad' : 'oförändrade'}`),
      h('li', null, `${r.invalid} med fel`),
    ),
    h('p', { class: 'muted' }, `Teckenkodning ${r.encoding}, avgränsare ”${r.delimiter}”.`),
    r.ignoredColumns.length ? h('p', null, `Kolumner som inte känns igen och hoppas över: ${r.ignoredColumns.join(', ')}.`) : null,
    dataTable({
      caption: { text: 'Rad för rad', hidden: false },
      empty: 'Filen innehåller inga rader.',
      rows: r.rows,
      columns: [
        { label: 'Rad', cell: (row) => String(row.line) },
        { label: 'Namn', cell: (row) => row.name || '–' },
        { label: 'Organisation', cell: (row) => row.organisation ?? '–' },
        { label: 'Resultat', cell: (row) => badge(...(ACTIONS[row.action] ?? [row.action, 'off'])) },
        {
          label: 'Detaljer',
          class: 'cell--wrap',
          cell: (row) => {
            if (row.action === 'INVALID') return row.reason ?? 'Ogiltig rad.';
            const parts = [];
            if (row.changes.length) parts.push(`Ändras: ${row.changes.join(', ')}`);
            if (row.newUnit) parts.push(`Ny enhet: ${row.newUnit}`);
            return parts.join('. ') || '–';
          },
        },
      ],
    }),
  ];
}

export default async function importPage() {
  const fileId = newId('csv-file');
  // The browser's own file button speaks the browser's language; this one speaks Swedish.
  const fileInput = h('input', { id: fileId, type: 'file', name: 'file', accept: '.csv,text/csv', class: 'file-picker__input' });
  const fileName = h('span', { class: 'file-picker__name', id: `${fileId}-name` }, 'Ingen fil vald');
  fileInput.setAttribute('aria-describedby', `${fileId}-name`);
  fileInput.addEventListener('change', () => {
    fileName.textContent = fileInput.files?.[0]?.name ?? 'Ingen fil vald';
  });
  const textArea = textareaField({
    name: 'csv',
    label: 'Eller klistra in CSV',
    rows: 6,
    hint: 'Första raden är rubriker: Namn; Befattning; Organisation; Enhet; Telefon; Mobil; E-post; Ansvarsområden; Roller.',
  });
  const skip = checkboxField({ name: 'skipInvalid', label: 'Importera de giltiga raderna även om några rader har fel' });
  const out = h('div', { class: 'import-report' });
  const status = h('div', null);
  const check = h('button', { type: 'submit', class: 'button' }, 'Förhandsgranska');
  const apply = h('button', { type: 'button', class: 'button', hidden: true }, 'Importera');

  const el = h(
    'form',
    { class: 'form', novalidate: true, 'aria-label': 'Importera personer' },
    h(
      'div',
      { class: 'field file-picker' },
      h('p', { class: 'field__label', 'aria-hidden': 'true' }, 'CSV-fil'),
      fileInput,
      h('label', { for: fileId, class: 'button button--secondary file-picker__button' }, 'Välj CSV-fil …'),
      fileName,
    ),
    textArea,
    skip,
    h('div', { class: 'form__actions' }, check, apply),
  );

  function source() {
    const file = fileInput.files?.[0] ?? null;
    const csv = el.elements.csv.value;
    return { file, csv: file ? null : csv };
  }

  async function go(dryRun) {
    const { file, csv } = source();
    if (!file && !csv.trim()) {
      replace(status, notice('Välj en fil eller klistra in CSV-text.', 'error'));
      return;
    }
    check.disabled = apply.disabled = true;
    replace(status);
    try {
      const r = await run({ csv, dryRun, skipInvalid: el.elements.skipInvalid.checked }, file);
      replace(out, report(r));
      apply.hidden = !(r.dryRun && r.created + r.updated > 0 && (r.invalid === 0 || el.elements.skipInvalid.checked));
      if (r.dryRun && r.invalid > 0 && !el.elements.skipInvalid.checked) {
        status.append(notice('Några rader har fel. Rätta filen, eller kryssa i att de giltiga raderna ska importeras ändå.', 'info'));
      }
      if (r.applied) {
        apply.hidden = true;
        status.append(notice(`Klart: ${r.created} tillagda och ${r.updated} ändrade.`, 'success'));
      }
      out.querySelector('h2')?.focus();
      announce(`${r.created} läggs till, ${r.updated} ändras, ${r.unchanged} oförändrade, ${r.invalid} med fel.`);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
      replace(status, notice(err.message, 'error'));
    } finally {
      check.disabled = apply.disabled = false;
    }
  }

  el.addEventListener('submit', (event) => {
    event.preventDefault();
    go(true);
  });
  apply.addEventListener('click', () => go(false));
  el.addEventListener('change', () => {
    apply.hidden = true; // a new file or text needs a new check first
  });

  return h(
    'div',
    null,
    h('p', { class: 'breadcrumb' }, h('a', { href: '/telefonboken' }, 'Telefonboken')),
    h('h1', null, 'Importera till telefonboken'),
    h(
      'p',
      null,
      'Först visas vad som skulle hända med varje rad – inget sparas förrän du väljer Importera. ',
      'Chefer importerar bara till sin egen organisation. Filer från Excel (semikolon, Windows-1252) fungerar.',
    ),
    h('section', { class: 'panel', 'aria-label': 'Fil att importera' }, el, status),
    out,
  );
}
