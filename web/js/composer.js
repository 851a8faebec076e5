// Writing a post: a Markdown box, "Förhandsgranska" rendered by the server (previewPost, the
// same sanitiser and quoting as a saved post) and a Swedish file picker for attachments.
// Used by the reply form, the edit form and the ask page.

import { ApiError, gql } from './api.js';
import { h, newId, replace } from './dom.js';
import { textareaField } from './forms.js';
import { postHtml } from './forum.js';
import { fileSize } from './library.js';

const PREVIEW = 'query PreviewPost($body: String!, $quotePostId: ID) { previewPost(body: $body, quotePostId: $quotePostId) }';

export const MARKDOWN_HINT = 'Markdown: **fet**, *kursiv*, - punktlista, > citat, [länktext](https://…). Skriv @namn för att nämna en kollega.';

/** A file picker for several files, with a Swedish button and the chosen names below it. */
export function filePicker({ label = 'Bilagor', buttonLabel = 'Bifoga filer …' } = {}) {
  const id = newId('post-files');
  const names = h('span', { class: 'file-picker__name', id: `${id}-name` }, 'Inga filer valda');
  const input = h('input', { id, type: 'file', name: 'files', multiple: true, class: 'file-picker__input', 'aria-describedby': `${id}-name` });
  const show = () => {
    const files = [...(input.files ?? [])];
    names.textContent = files.length ? files.map((f) => `${f.name} (${fileSize(f.size)})`).join(', ') : 'Inga filer valda';
  };
  input.addEventListener('change', show);
  const el = h(
    'div',
    { class: 'field file-picker' },
    h('p', { class: 'field__label', 'aria-hidden': 'true' }, label),
    input,
    h('label', { for: id, class: 'button button--secondary button--small file-picker__button' }, buttonLabel),
    names,
  );
  return {
    el,
    files: () => [...(input.files ?? [])],
    clear: () => {
      input.value = '';
      show();
    },
  };
}

/**
 * The Markdown box with its preview. `quotePostId()` gives the post being quoted (or null)
 * so the preview shows the quote as the saved post will. Returns { field, previewButton,
 * preview, clearPreview }: put `previewButton` among the form's actions and `preview` after
 * the form.
 */
export function markdownBox({ name = 'body', label, value = '', rows = 8, required = true, quotePostId = () => null, previewHeading = 'h3' }) {
  const field = textareaField({ name, label, value, required, rows, hint: MARKDOWN_HINT });
  const textarea = field.querySelector('textarea');
  const preview = h('div', { class: 'post-preview', hidden: true });
  const headingId = newId('forhandsvisning');
  const previewButton = h('button', { type: 'button', class: 'button button--secondary' }, 'Förhandsgranska');
  previewButton.addEventListener('click', async () => {
    preview.hidden = false;
    if (!textarea.value.trim()) {
      replace(preview, h('p', { class: 'notice notice--error', role: 'alert' }, 'Skriv något först, så visas hur det kommer att se ut.'));
      return;
    }
    previewButton.disabled = true;
    try {
      const data = await gql(PREVIEW, { body: textarea.value, quotePostId: quotePostId() });
      replace(
        preview,
        h(previewHeading, { id: headingId, class: 'post-preview__heading', tabindex: '-1' }, 'Förhandsvisning'),
        h('p', { class: 'muted' }, 'Så här kommer inlägget att se ut. Det är inte publicerat än.'),
        h('div', { class: 'prose post__body post-preview__body' }, postHtml(data.previewPost)),
      );
      preview.querySelector(`#${headingId}`).focus();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
      replace(preview, h('p', { class: 'notice notice--error', role: 'alert' }, err.message));
    } finally {
      previewButton.disabled = false;
    }
  });
  return {
    field,
    textarea,
    previewButton,
    preview,
    clearPreview: () => {
      replace(preview);
      preview.hidden = true;
    },
  };
}
