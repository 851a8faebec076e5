// One organisation (/admin/organisationer/<slug>): its name, address in Samsyn, kind, växel,
// addresses and website (updateOrganisation), and its units.

import { ApiError, gql } from '../../api.js';
import { h, notice, replace } from '../../dom.js';
import { form, selectField, textField } from '../../forms.js';
import { ORGANISATION_KINDS } from '../../format.js';
import { unitsSection } from '../../units.js';
import { adminLayout } from './layout.js';

const FIELDS = 'id slug name kind switchboard visitingAddress postalAddress website';

export default async function organisationPage({ params, navigate, setTitle }) {
  const data = await gql(`query Organisation($id: ID!) { organisation(id: $id) { ${FIELDS} } }`, { id: params.slug }).catch((err) => {
    if (err instanceof ApiError && err.code === 'BAD_INPUT') throw new ApiError('NOT_FOUND', 'Organisationen finns inte.');
    throw err;
  });
  const o = data.organisation;
  if (!o) throw new ApiError('NOT_FOUND', 'Organisationen finns inte.');
  setTitle(o.name);
  const editForm = form({
    label: `Uppgifter om ${o.name}`,
    submitLabel: 'Spara ändringarna',
    children: [
      textField({ name: 'name', label: 'Namn', value: o.name, required: true, maxlength: 200 }),
      textField({ name: 'slug', label: 'Kortnamn i adressen', value: o.slug, required: true, maxlength: 60, hint: 'Små bokstäver, siffror och bindestreck, till exempel eksjo. Används i telefonbokens filter.' }),
      selectField({ name: 'kind', label: 'Typ', value: o.kind, options: Object.entries(ORGANISATION_KINDS).map(([value, label]) => ({ value, label })) }),
      textField({ name: 'switchboard', label: 'Växel', type: 'tel', value: o.switchboard ?? '', hint: 'Till exempel 0381-360 00.' }),
      textField({ name: 'visitingAddress', label: 'Besöksadress', value: o.visitingAddress ?? '' }),
      textField({ name: 'postalAddress', label: 'Postadress', value: o.postalAddress ?? '' }),
      textField({ name: 'website', label: 'Webbplats', type: 'url', value: o.website ?? '', hint: 'Börjar med https://' }),
    ],
    onSubmit: async (v, el) => {
      const r = await gql(`mutation UpdateOrganisation($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { organisation { ${FIELDS} } } }`, {
        input: {
          id: o.id,
          name: v.name,
          slug: v.slug,
          kind: v.kind,
          switchboard: v.switchboard,
          visitingAddress: v.visitingAddress,
          postalAddress: v.postalAddress,
          website: v.website,
        },
      });
      const saved = r.updateOrganisation.organisation;
      if (saved.slug !== o.slug) {
        await navigate(`/admin/organisationer/${encodeURIComponent(saved.slug)}`, { replace: true, flash: `Ändringarna för ${saved.name} är sparade.` });
        return;
      }
      replace(el.querySelector('.form__errors'), notice(`Ändringarna för ${saved.name} är sparade.`, 'success'));
    },
  });
  return adminLayout(
    o.name,
    h('p', { class: 'breadcrumb' }, h('a', { href: '/admin/organisationer' }, 'Alla organisationer')),
    h('section', { class: 'panel', 'aria-labelledby': 'om-organisationen' }, h('h2', { id: 'om-organisationen' }, 'Uppgifter'), editForm),
    await unitsSection(o),
    h('p', null, h('a', { href: `/telefonboken?organisation=${encodeURIComponent(o.slug)}` }, `${o.name} i telefonboken`), ' · ', h('a', { href: `/telefonboken/logg?organisation=${encodeURIComponent(o.slug)}` }, 'Ändringslogg')),
  );
}
