// The admins' newsletter editor: title and Markdown, a preview of the e-mail (subject, the
// HTML part without its inline styles, and the plain-text part), save as draft.

import { gql } from './api.js';
import { h, replace, serverHtml } from './dom.js';
import { form, textField, textareaField } from './forms.js';

/** The e-mail's HTML as a fragment: the body of the document, without styles. */
function emailBody(html) {
  // The e-mail's own style attributes go before parsing: the CSP refuses them even in a
  // parsed, never-shown document. The server escapes quotes in text, so only attributes match.
  const unstyled = html.replace(/\sstyle\s*=\s*("[^"]*"|'[^']*')/gi, '');
  const doc = new DOMParser().parseFromString(unstyled, 'text/html');
  // The page has one h1 and the preview sits under an h2: the e-mail's headings move down two.
  for (const heading of doc.body.querySelectorAll('h1, h2, h3, h4')) {
    const level = Math.min(Number(heading.tagName[1]) + 2, 6);
    const moved = doc.createElement(`h${level}`);
    moved.append(...heading.childNodes);
    heading.replaceWith(moved);
  }
  return serverHtml(doc.body.innerHTML);
}

export function newsletterEditor({ issue = null, onSaved }) {
  const preview = h('div', { class: 'newsletter-preview', 'aria-live': 'polite' });
  const previewButton = h('button', { type: 'button', class: 'button button--secondary' }, 'Förhandsgranska');
  const el = form({
    label: issue ? 'Ändra utkastet' : 'Nytt nyhetsbrev',
    submitLabel: 'Spara utkast',
    secondary: previewButton,
    children: [
      textField({ name: 'title', label: 'Rubrik', value: issue?.title ?? '', required: true, maxlength: 200 }),
      textareaField({
        name: 'body',
        label: 'Text',
        value: issue?.body ?? '',
        required: true,
        rows: 14,
        hint: 'Markdown: **fet**, *kursiv*, ## Mellanrubrik, - punktlista, [länktext](https://…).',
      }),
    ],
    onSubmit: async ({ title, body }) => {
      const data = issue
        ? await gql('mutation Update($input: UpdateNewsletterInput!) { updateNewsletter(input: $input) { newsletter { id title } } }', {
            input: { id: issue.id, title, body },
          })
        : await gql('mutation Create($input: NewsletterTextInput!) { createNewsletter(input: $input) { newsletter { id title } } }', {
            input: { title, body },
          });
      await onSaved((data.updateNewsletter ?? data.createNewsletter).newsletter);
    },
  });
  previewButton.addEventListener('click', async () => {
    const title = el.elements.title.value.trim();
    const body = el.elements.body.value;
    if (!title || !body.trim()) {
      replace(preview, h('p', { class: 'notice notice--error', role: 'alert' }, 'Skriv rubrik och text först.'));
      return;
    }
    previewButton.disabled = true;
    try {
      const data = await gql('query Preview($input: NewsletterTextInput!) { previewNewsletter(input: $input) { subject html text } }', {
        input: { title, body },
      });
      const p = data.previewNewsletter;
      replace(
        preview,
        h('h2', { id: 'forhandsvisning', tabindex: '-1' }, 'Förhandsvisning'),
        h('p', null, h('strong', null, 'Ämnesrad: '), p.subject),
        h('div', { class: 'newsletter-preview__mail prose' }, emailBody(p.html)),
        h('details', null, h('summary', null, 'Textversionen (för e-postprogram utan HTML)'), h('pre', { class: 'newsletter-preview__text' }, p.text)),
      );
      preview.querySelector('h2').focus();
    } catch (err) {
      replace(preview, h('p', { class: 'notice notice--error', role: 'alert' }, err.message));
    } finally {
      previewButton.disabled = false;
    }
  });
  return h('div', null, el, preview);
}
