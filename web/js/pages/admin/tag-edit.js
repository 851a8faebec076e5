// Redigera tillsynsområde: rename it or replace its synonyms.

import { ApiError, gql } from '../../api.js';
import { h } from '../../dom.js';
import { form, textField, textareaField } from '../../forms.js';
import { adminLayout } from './layout.js';
import { SYNONYM_HINT, parseSynonyms } from './tags.js';

export default async function tagEditPage({ params, navigate, setTitle }) {
  const data = await gql('query Tags { tags { id slug name synonyms } }');
  const tag = data.tags.find((t) => t.slug === params.slug);
  if (!tag) throw new ApiError('NOT_FOUND', 'Tillsynsområdet finns inte.');
  setTitle(`Redigera ${tag.name}`);
  return adminLayout(
    `Redigera ${tag.name}`,
    h('p', { class: 'breadcrumb' }, h('a', { href: '/admin/taggar' }, 'Alla tillsynsområden')),
    form({
      label: `Redigera ${tag.name}`,
      submitLabel: 'Spara ändringar',
      secondary: h('a', { href: '/admin/taggar', class: 'button button--secondary' }, 'Avbryt'),
      children: [
        textField({ name: 'name', label: 'Namn', value: tag.name, required: true, maxlength: 100 }),
        textareaField({ name: 'synonyms', label: 'Synonymer', value: tag.synonyms.join('\n'), rows: 8, hint: SYNONYM_HINT }),
      ],
      onSubmit: async (v) => {
        const r = await gql('mutation UpdateTag($input: UpdateTagInput!) { updateTag(input: $input) { tag { name } } }', {
          input: { id: tag.id, name: v.name, synonyms: parseSynonyms(v.synonyms) },
        });
        await navigate('/admin/taggar', { flash: `Ändringarna för ${r.updateTag.tag.name} är sparade.` });
      },
    }),
  );
}
