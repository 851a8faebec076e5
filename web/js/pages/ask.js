// Ställ en fråga (/forum/<nätverk>/ny-fraga): title, type, text with a server preview,
// tillsynsområden and attachments. While the title is typed, questions like it are shown
// (similarQuestions, debounced), so an inspector finds an earlier answer before asking. The
// unsent question is kept on the server as a draft (drafts.js) and comes back on any device.

import { ApiError, gql } from '../api.js';
import { append, h, newId, notice, replace, serverHtml } from '../dom.js';
import { autosave } from '../drafts.js';
import { formatDateTime } from '../format.js';
import { form, radioGroup, textField } from '../forms.js';
import { filePicker, markdownBox } from '../composer.js';
import { networkPath, threadPath, uploadFailures, uploadFiles } from '../forum.js';

const DEBOUNCE_MS = 350;
const MIN_CHARS = 4;

const SIMILAR = `query Similar($title: String!) { similarQuestions(title: $title, first: 5) {
  id titleHtml snippet missingWords node { ... on Thread { id status network { name } } } } }`;

/** The "Liknande frågor" box under the title: a polite live region with links. */
function similarBox(input) {
  const list = h('div', { class: 'similar__list' });
  const box = h(
    'section',
    { class: 'similar', 'aria-labelledby': 'liknande-fragor', hidden: true },
    h('h2', { id: 'liknande-fragor', class: 'similar__heading' }, 'Liknande frågor som redan finns'),
    h('p', { class: 'muted similar__hint' }, 'Kanske är din fråga redan besvarad. Länkarna öppnas i en ny flik, så det du skrivit finns kvar här.'),
    list,
  );
  // The count is told politely; the links themselves are not read out on every keystroke.
  const live = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  let timer = null;
  let asked = '';
  let seq = 0;

  async function look() {
    const title = input.value.trim();
    if (title === asked) return;
    asked = title;
    if (title.length < MIN_CHARS) {
      box.hidden = true;
      replace(list);
      return;
    }
    seq += 1;
    const mine = seq;
    try {
      const data = await gql(SIMILAR, { title });
      if (mine !== seq) return; // a newer title is on its way
      const hits = data.similarQuestions.filter((hit) => hit.node);
      if (hits.length === 0) {
        box.hidden = true;
        replace(list);
        live.textContent = '';
        return;
      }
      const partial = hits.some((hit) => hit.missingWords.length > 0);
      replace(
        list,
        partial ? h('p', { class: 'muted similar__partial' }, 'Visar träffar på några av orden.') : null,
        h(
          'ul',
          { class: 'similar__items' },
          hits.map((hit) =>
            h(
              'li',
              null,
              h('a', { href: threadPath(hit.node.id), target: '_blank', rel: 'noopener' }, serverHtml(hit.titleHtml)),
              ' ',
              h('span', { class: 'muted' }, `(${hit.node.network.name}${hit.node.status === 'ANSWERED' ? ', besvarad' : ''})`),
              hit.missingWords.length ? [' ', h('span', { class: 'muted' }, 'saknar ', hit.missingWords.flatMap((w, i) => [i ? ' ' : null, h('del', null, w)]))] : null,
            ),
          ),
        ),
      );
      box.hidden = false;
      live.textContent = `${hits.length} liknande ${hits.length === 1 ? 'fråga' : 'frågor'} finns redan.`;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
      // The hints are a help, not a must: asking still works without them.
      box.hidden = true;
    }
  }
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(look, DEBOUNCE_MS);
  });
  return h('div', null, box, live);
}

function tagPicker(tags) {
  if (tags.length === 0) return null;
  return h(
    'fieldset',
    { class: 'field field--group tag-picker', 'data-fields': 'tags' },
    h('legend', { class: 'field__label' }, 'Tillsynsområden (valfritt)'),
    h('p', { class: 'field__error', hidden: true, id: newId('tags-error') }),
    h(
      'ul',
      { class: 'tag-picker__list' },
      tags.map((t) => {
        const id = newId('tag');
        return h('li', { class: 'field--check' }, h('input', { id, type: 'checkbox', name: 'tag', value: t.slug, class: 'field__check' }), h('label', { for: id }, t.name));
      }),
    ),
  );
}

export default async function askPage({ params, navigate, setTitle }) {
  const data = await gql('query Ask($slug: String!) { network(slug: $slug) { id slug name viewerCanModerate myDraft { title body updatedAt } } tags { id name slug } }', { slug: params.slug });
  const network = data.network;
  if (!network) throw new ApiError('NOT_FOUND', 'Nätverket finns inte, eller så är det bara för medlemmar.');
  setTitle(`Ställ en fråga – ${network.name}`);

  const title = textField({ name: 'title', label: 'Rubrik', required: true, maxlength: 200, autocomplete: 'off', hint: 'En kort fråga, t.ex. ”Hur ofta ska fosforfällan bytas?”' });
  const titleInput = title.querySelector('input');
  const kinds = [
    { value: 'QUESTION', label: 'Fråga', hint: 'Någon kan markera ett svar som lösning.' },
    { value: 'DISCUSSION', label: 'Diskussion', hint: 'För erfarenhetsutbyte utan ett rätt svar.' },
  ];
  if (network.viewerCanModerate) kinds.push({ value: 'ANNOUNCEMENT', label: 'Anslag', hint: 'Visas på nätverkets anslagstavla (moderatorer).' });
  const text = markdownBox({ label: 'Din fråga', rows: 10, previewHeading: 'h2' });
  const files = filePicker();

  // A question left unsent (here or on another device) comes back, and is kept while written.
  const root = h('div', null);
  const restored = network.myDraft;
  if (restored) {
    titleInput.value = restored.title;
    text.textarea.value = restored.body;
  }
  const draft = autosave({
    place: { networkId: network.id },
    read: () => ({ title: titleInput.value, body: text.textarea.value }),
    owner: root,
  });
  titleInput.addEventListener('input', () => draft.changed());
  text.textarea.addEventListener('input', () => draft.changed());

  const el = form({
    label: `Ställ en fråga i ${network.name}`,
    submitLabel: 'Publicera',
    secondary: text.previewButton,
    children: [
      title,
      similarBox(titleInput),
      radioGroup({ name: 'kind', legend: 'Typ', options: kinds, value: 'QUESTION' }),
      text.field,
      tagPicker(data.tags),
      files.el,
    ],
    onSubmit: async (values, formEl) => {
      const tags = [...formEl.querySelectorAll('input[name=tag]:checked')].map((c) => c.value);
      const created = await gql('mutation Ask($input: CreateThreadInput!) { createThread(input: $input) { thread { id title } post { id } } }', {
        input: { networkId: network.id, kind: values.kind ?? 'QUESTION', title: values.title, body: formEl.elements.body.value, tags },
      });
      const { thread, post } = created.createThread;
      draft.reset({ title: '', body: '' });
      const { failed } = await uploadFiles(post.id, files.files());
      const flash = failed.length ? `”${thread.title}” är publicerad. ${uploadFailures(failed)}` : `”${thread.title}” är publicerad.`;
      navigate(threadPath(thread.id), { flash });
    },
  });

  append(root, [
    h('p', { class: 'breadcrumb' }, h('a', { href: networkPath(network.slug) }, network.name)),
    h('h1', null, `Ställ en fråga i ${network.name}`),
    restored ? notice(`Din osända fråga från ${formatDateTime(restored.updatedAt)} är återställd.`, 'info') : null,
    h('p', { class: 'lead' }, 'Beskriv vad du vill veta och vad du redan vet. Ju tydligare fråga, desto bättre svar – och desto lättare för nästa kollega att hitta den.'),
    h('div', { class: 'compose' }, el, text.preview),
  ]);
  return root;
}
