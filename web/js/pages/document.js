// One handläggarstöd document: the text, its attachments to download (with their earlier
// versions), and the earlier versions of the text. Those who may change it also get
// Redigera, Publicera, Flytta till papperskorgen / Återställ, uploads (new files and new
// versions) and the attachments in the recycle bin.

import { ApiError, gql } from '../api.js';
import { h, notice, replace, serverHtml, srOnly } from '../dom.js';
import { formatDate, formatDateTime } from '../format.js';
import { cap, documentPath, fileSize } from '../library.js';
import { filePicker, uploadAttachment } from '../library-edit.js';
import { currentPath } from '../router.js';
import { badge, dataTable } from '../widgets.js';

function pathOf(url) {
  try {
    const u = new URL(url, location.href);
    return u.origin === location.origin ? u.pathname + u.search : url;
  } catch {
    return url;
  }
}

/**
 * The document's text as a fragment: a first heading that only repeats the title is left out
 * (the page's <h1> is the title), other <h1>s become <h2>, and a list whose items all start
 * with a box (☐ ☑ ☒) is a checklist, shown without bullets.
 */
function documentBody(html, title) {
  const fragment = serverHtml(html);
  const same = (a, b) => a.replace(/\s+/g, ' ').trim().toLocaleLowerCase('sv') === b.replace(/\s+/g, ' ').trim().toLocaleLowerCase('sv');
  const first = fragment.firstElementChild;
  if (first && /^H[1-6]$/.test(first.tagName) && same(first.textContent, title)) first.remove();
  for (const heading of fragment.querySelectorAll('h1')) {
    const h2 = document.createElement('h2');
    h2.append(...heading.childNodes);
    heading.replaceWith(h2);
  }
  for (const list of fragment.querySelectorAll('ul')) {
    const items = [...list.children].filter((el) => el.tagName === 'LI');
    if (items.length && items.every((li) => /^\s*[☐☑☒]/.test(li.textContent))) list.classList.add('checklist');
  }
  return fragment;
}

/** Runs a mutation, then `after` (which shows the page again with a message), or the error. */
async function act(after, errorBox, button, run) {
  button.disabled = true;
  try {
    await run();
    await after();
  } catch (err) {
    if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
    button.disabled = false;
    replace(errorBox, notice(err.message, 'error'));
    errorBox.firstChild?.setAttribute('tabindex', '-1');
    errorBox.firstChild?.focus();
  }
}

const MUTATE = (name) => `mutation ${name}($input: DocumentIdInput!) { ${name}(input: $input) { document { id status } } }`;

function editorTools(d, navigate, errorBox) {
  const again = (flash) => () => navigate(currentPath(), { replace: true, flash });
  const tools = [];
  if (d.status === 'ARCHIVED') {
    const restore = h('button', { type: 'button', class: 'button' }, 'Återställ dokumentet');
    restore.addEventListener('click', () =>
      act(again(`”${d.title}” är återställt.`), errorBox, restore, () => gql(MUTATE('restoreDocument'), { input: { id: d.id } })),
    );
    return h(
      'section',
      { class: 'panel status-panel', 'aria-label': 'Papperskorgen' },
      h('p', { class: 'panel__title' }, 'Dokumentet ligger i papperskorgen.'),
      h('p', null, 'Det syns inte för andra förrän det återställs. ', h('a', { href: '/handlaggarstod/papperskorg' }, 'Till papperskorgen')),
      restore,
    );
  }
  if (d.viewerCanEdit) tools.push(h('a', { href: `${documentPath(d)}/redigera`, class: 'button' }, 'Redigera'));
  if (d.status === 'DRAFT' && d.viewerCanPublish) {
    const publish = h('button', { type: 'button', class: 'button' }, 'Publicera');
    publish.addEventListener('click', () =>
      act(again(`”${d.title}” är publicerat.`), errorBox, publish, () => gql(MUTATE('publishDocument'), { input: { id: d.id } })),
    );
    tools.push(publish);
  }
  const trash = h('button', { type: 'button', class: 'button button--danger' }, 'Flytta till papperskorgen');
  trash.addEventListener('click', () => {
    if (!window.confirm(`Flytta ”${d.title}” till papperskorgen? Det går att återställa därifrån.`)) return;
    act(
      () => navigate('/handlaggarstod/papperskorg', { flash: `”${d.title}” ligger nu i papperskorgen.` }),
      errorBox,
      trash,
      () => gql(MUTATE('archiveDocument'), { input: { id: d.id } }),
    );
  });
  if (d.viewerCanEdit) tools.push(trash);
  return h('div', { class: 'toolbar-row', role: 'group', 'aria-label': 'Ändra dokumentet' }, tools);
}

/** Upload a new attachment or a new version of one. */
function uploadForm(d, navigate, errorBox) {
  const picker = filePicker({ name: 'file', label: 'Fil', buttonText: 'Välj fil …' });
  const target = h(
    'select',
    { id: 'bilaga-som', name: 'replaces', class: 'field__input' },
    h('option', { value: '' }, 'Ny bilaga'),
    d.attachments.map((a) => h('option', { value: a.id }, `Ny version av ${a.fileName}`)),
  );
  const submit = h('button', { type: 'submit', class: 'button' }, 'Ladda upp');
  const el = h(
    'form',
    { class: 'form', 'aria-label': 'Ladda upp bilaga', novalidate: true },
    h('h3', null, 'Ladda upp'),
    picker.el,
    d.attachments.length ? h('div', { class: 'field' }, h('label', { for: 'bilaga-som', class: 'field__label' }, 'Laddas upp som'), target) : null,
    h('div', { class: 'form__actions' }, submit),
  );
  el.addEventListener('submit', (event) => {
    event.preventDefault();
    const file = picker.input.files?.[0];
    if (!file) {
      replace(errorBox, notice('Välj en fil att ladda upp.', 'error'));
      picker.input.focus();
      return;
    }
    const replaces = d.attachments.length ? target.value || null : null;
    act(
      () => navigate(currentPath(), { replace: true, flash: `${file.name} är uppladdad.` }),
      errorBox,
      submit,
      () => uploadAttachment(d.id, file, replaces),
    );
  });
  return el;
}

export default async function documentPage({ params, setTitle, navigate }) {
  const data = await gql(
    `query Document($id: ID!) { document(id: $id) {
       id title summary bodyHtml kindLabel status statusLabel reviewBy reviewOverdue version publishedAt updatedAt tags
       viewerCanEdit viewerCanPublish archivedAt
       project { slug name } network { name } author { displayName }
       attachments { id fileName size url version createdAt versions { id version size url createdAt } }
       deletedAttachments { id fileName size deletedAt }
       versions { version title replacedAt replacedBy { displayName } bodyHtml } } }`,
    { id: params.id },
  );
  const d = data.document;
  if (!d) throw new ApiError('NOT_FOUND', 'Dokumentet finns inte.');
  setTitle(d.title);
  const editor = d.viewerCanEdit || d.viewerCanPublish;
  const canChangeFiles = d.viewerCanEdit && d.status !== 'ARCHIVED';
  const errorBox = h('div', { class: 'document-errors' });
  const again = (flash) => () => navigate(currentPath(), { replace: true, flash });
  const attachmentAction = (a, mutation, label, kind, flash) => {
    const button = h('button', { type: 'button', class: `button button--${kind} button--small` }, label, srOnly(` ${a.fileName}`));
    button.addEventListener('click', () =>
      act(again(flash), errorBox, button, () =>
        gql(`mutation ${mutation}($input: AttachmentIdInput!) { ${mutation}(input: $input) { attachment { id } } }`, { input: { id: a.id } }),
      ),
    );
    return button;
  };
  const row = (term, value) => (value ? [h('dt', null, term), h('dd', null, value)] : null);
  return h(
    'div',
    null,
    h('p', { class: 'breadcrumb' }, h('a', { href: '/handlaggarstod' }, 'Handläggarstöd')),
    h('h1', null, d.title),
    d.summary ? h('p', { class: 'lead' }, d.summary) : null,
    errorBox,
    editor ? editorTools(d, navigate, errorBox) : null,
    h(
      'dl',
      { class: 'facts' },
      row('Typ', cap(d.kindLabel)),
      row('Status', d.status === 'PUBLISHED' ? cap(d.statusLabel) : badge(cap(d.statusLabel), 'warn')),
      row('Projekt', d.project ? h('a', { href: `/handlaggarstod/projekt/${encodeURIComponent(d.project.slug)}` }, d.project.name) : null),
      row('Nätverk', d.network?.name),
      row('Tillsynsområden', d.tags.join(', ')),
      row('Författare', d.author?.displayName),
      row('Publicerad', d.publishedAt ? formatDate(d.publishedAt) : null),
      row('Version', `${d.version}, ändrad ${formatDateTime(d.updatedAt)}`),
      row('Granskas senast', d.reviewBy ? [formatDate(d.reviewBy), d.reviewOverdue ? [' ', badge('Granskning försenad', 'warn')] : null] : null),
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'bilagor' },
      h('h2', { id: 'bilagor' }, `Bilagor (${d.attachments.length})`),
      dataTable({
        caption: { text: 'Bilagor', hidden: true },
        empty: 'Dokumentet har inga bilagor.',
        rows: d.attachments,
        columns: [
          { label: 'Fil', class: 'cell--wrap', cell: (a) => h('a', { href: pathOf(a.url), download: a.fileName }, a.fileName) },
          { label: 'Storlek', cell: (a) => fileSize(a.size) },
          { label: 'Uppladdad', cell: (a) => formatDate(a.createdAt) },
          {
            label: 'Versioner',
            cell: (a) =>
              a.versions.length > 1
                ? h(
                    'ul',
                    { class: 'plain-list' },
                    a.versions.map((v) =>
                      h('li', null, h('a', { href: pathOf(v.url), download: a.fileName }, `Version ${v.version}`), ` (${formatDate(v.createdAt)}, ${fileSize(v.size)})`),
                    ),
                  )
                : `Version ${a.version}`,
          },
          ...(canChangeFiles
            ? [{ label: 'Åtgärd', cell: (a) => attachmentAction(a, 'deleteAttachment', 'Ta bort', 'danger', `${a.fileName} ligger nu i papperskorgen.`) }]
            : []),
        ],
      }),
      canChangeFiles ? uploadForm(d, navigate, errorBox) : null,
      canChangeFiles && d.deletedAttachments.length
        ? [
            h('h3', null, 'Borttagna bilagor'),
            dataTable({
              caption: { text: 'Bilagor i papperskorgen', hidden: true },
              empty: '',
              rows: d.deletedAttachments,
              columns: [
                { label: 'Fil', class: 'cell--wrap', cell: (a) => a.fileName },
                { label: 'Borttagen', cell: (a) => formatDateTime(a.deletedAt) },
                { label: 'Åtgärd', cell: (a) => attachmentAction(a, 'restoreAttachment', 'Återställ', 'secondary', `${a.fileName} är återställd.`) },
              ],
            }),
          ]
        : null,
    ),
    h('article', { class: 'prose', 'aria-label': 'Dokumentets text' }, documentBody(d.bodyHtml, d.title)),
    d.versions.length
      ? h(
          'section',
          { class: 'panel', 'aria-labelledby': 'tidigare-versioner' },
          h('h2', { id: 'tidigare-versioner' }, 'Tidigare versioner'),
          d.versions.map((v) =>
            h(
              'details',
              { class: 'version' },
              h('summary', null, `Version ${v.version}: ${v.title} (ersatt ${formatDateTime(v.replacedAt)}${v.replacedBy ? ` av ${v.replacedBy.displayName}` : ''})`),
              h('div', { class: 'prose' }, documentBody(v.bodyHtml, v.title)),
            ),
          ),
        )
      : null,
  );
}
