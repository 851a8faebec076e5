// An organisation's units (förvaltningar, enheter, avdelningar) to add, rename and remove —
// for admins and the organisation's own managers (the server decides). Used by Enheter
// (/telefonboken/enheter) and an organisation's admin page.

import { ApiError, gql } from './api.js';
import { h, newId, notice, replace, srOnly } from './dom.js';
import { form, selectField, textField } from './forms.js';

export const UNIT_KINDS = [
  { value: 'FORVALTNING', label: 'Förvaltning' },
  { value: 'ENHET', label: 'Enhet' },
  { value: 'AVDELNING', label: 'Avdelning' },
];
const KIND_LABEL = Object.fromEntries(UNIT_KINDS.map((k) => [k.value, k.label]));
const UNIT_FIELDS = 'id name kind';

/** The units of `organisation` ({ id, name }) as a section with its own heading (h2). */
export async function unitsSection(organisation) {
  const data = await gql(`query Units($organisation: ID!) { units(organisation: $organisation) { ${UNIT_FIELDS} } }`, { organisation: organisation.id });
  let units = data.units;
  const status = h('div', null);
  const list = h('div', null);
  const heading = h('h2', { id: 'enheter', tabindex: '-1' }, `Enheter i ${organisation.name}`);

  const sorted = () => [...units].sort((a, b) => a.name.localeCompare(b.name, 'sv'));

  function said(text, focusId = null) {
    replace(status, notice(text, 'success'));
    (focusId ? document.getElementById(focusId) : heading)?.focus();
  }

  function unitItem(u) {
    const rowId = newId('enhet');
    const remove = h('button', { type: 'button', class: 'button button--danger button--small' }, 'Ta bort', srOnly(` ${u.name}`));
    remove.addEventListener('click', async () => {
      if (!window.confirm(`Ta bort ${u.name}? Personer som hör till enheten står sedan utan enhet i telefonboken.`)) return;
      remove.disabled = true;
      try {
        await gql('mutation DeleteUnit($input: UnitIdInput!) { deleteUnit(input: $input) { deletedUnitId } }', { input: { id: u.id } });
        units = units.filter((x) => x.id !== u.id);
        draw();
        said(`${u.name} är borttagen.`);
      } catch (err) {
        if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
        remove.disabled = false;
        replace(status, notice(err.message, 'error'));
      }
    });
    const edit = form({
      label: `Ändra ${u.name}`,
      submitLabel: 'Spara',
      secondary: remove,
      children: [
        h(
          'div',
          { class: 'search-form__fields' },
          textField({ name: 'name', label: 'Namn', value: u.name, required: true, maxlength: 200 }),
          selectField({ name: 'kind', label: 'Typ', value: u.kind, options: UNIT_KINDS }),
        ),
      ],
      onSubmit: async ({ name, kind }) => {
        const r = await gql(`mutation UpdateUnit($input: UpdateUnitInput!) { updateUnit(input: $input) { unit { ${UNIT_FIELDS} } } }`, { input: { id: u.id, name, kind } });
        const saved = r.updateUnit.unit;
        units = units.map((x) => (x.id === u.id ? saved : x));
        draw();
        said(saved.name === u.name ? `${saved.name} är sparad.` : `${u.name} heter nu ${saved.name}.`, `${rowId}-rubrik`);
      },
    });
    return h(
      'li',
      { class: 'unit-item', id: rowId },
      h('h3', { class: 'unit-item__name', id: `${rowId}-rubrik`, tabindex: '-1' }, u.name, h('span', { class: 'muted' }, ` (${KIND_LABEL[u.kind] ?? u.kind})`)),
      edit,
    );
  }

  function draw() {
    replace(
      list,
      units.length === 0
        ? h('p', { class: 'empty' }, 'Organisationen har inga enheter i telefonboken än.')
        : h('ul', { class: 'unit-list' }, sorted().map(unitItem)),
    );
  }
  draw();

  const createForm = form({
    label: 'Ny enhet',
    submitLabel: 'Lägg till enheten',
    children: [
      h(
        'div',
        { class: 'search-form__fields' },
        textField({ name: 'name', label: 'Namn', required: true, maxlength: 200, hint: 'Till exempel ”Miljö- och hälsoskyddsförvaltningen”.' }),
        selectField({ name: 'kind', label: 'Typ', value: 'ENHET', options: UNIT_KINDS }),
      ),
    ],
    onSubmit: async ({ name, kind }, el) => {
      const r = await gql(`mutation CreateUnit($input: CreateUnitInput!) { createUnit(input: $input) { unit { ${UNIT_FIELDS} } } }`, {
        input: { organisationId: organisation.id, name, kind },
      });
      units = [...units, r.createUnit.unit];
      el.reset();
      draw();
      said(`${r.createUnit.unit.name} är tillagd.`);
    },
  });

  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'enheter' },
    heading,
    h('p', { class: 'muted' }, 'Enheten visas vid personerna i telefonboken. Byter en enhet namn följer personerna med.'),
    status,
    list,
    h('h3', null, 'Ny enhet'),
    createForm,
  );
}
