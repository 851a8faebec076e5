// Tillsynsområden: the tags threads, documents and people carry, with the synonyms search
// treats as the tag ("enskilda avlopp" finds Små avlopp), and a form for a new one.

import { gql } from '../../api.js';
import { h } from '../../dom.js';
import { form, textField, textareaField } from '../../forms.js';
import { dataTable } from '../../widgets.js';
import { adminLayout } from './layout.js';

/** Synonyms as typed: one a line, or separated by commas or semicolons. */
export function parseSynonyms(text) {
  const seen = new Set();
  return text
    .split(/[\n,;]/)
    .map((s) => s.trim())
    .filter((s) => s && !seen.has(s.toLocaleLowerCase('sv')) && seen.add(s.toLocaleLowerCase('sv')));
}

export const SYNONYM_HINT = 'Ett ord eller uttryck per rad (eller med kommatecken emellan). Sökningen behandlar dem som tillsynsområdet.';

export default async function tagsPage({ navigate }) {
  const data = await gql('query Tags { tags { id slug name synonyms } }');
  const createForm = form({
    label: 'Nytt tillsynsområde',
    submitLabel: 'Lägg till',
    children: [
      textField({ name: 'name', label: 'Namn', required: true, maxlength: 100 }),
      textareaField({ name: 'synonyms', label: 'Synonymer', rows: 4, hint: SYNONYM_HINT }),
    ],
    onSubmit: async (v) => {
      const r = await gql('mutation CreateTag($input: CreateTagInput!) { createTag(input: $input) { tag { name } } }', {
        input: { name: v.name, synonyms: parseSynonyms(v.synonyms) },
      });
      await navigate('/admin/taggar', { flash: `Tillsynsområdet ${r.createTag.tag.name} är tillagt.` });
    },
  });
  return adminLayout(
    'Tillsynsområden',
    h('p', { class: 'muted' }, `${data.tags.length} tillsynsområden. De används som taggar på trådar, dokument och i telefonboken.`),
    dataTable({
      caption: { text: 'Tillsynsområden', hidden: true },
      empty: 'Inga tillsynsområden än.',
      rows: data.tags,
      columns: [
        { label: 'Namn', cell: (t) => h('a', { href: `/admin/taggar/${encodeURIComponent(t.slug)}` }, t.name) },
        { label: 'Synonymer', class: 'cell--wrap', cell: (t) => (t.synonyms.length ? t.synonyms.join(', ') : '–') },
      ],
    }),
    h('section', { class: 'panel', 'aria-labelledby': 'nytt-omrade' }, h('h2', { id: 'nytt-omrade' }, 'Nytt tillsynsområde'), createForm),
  );
}
