// What the administration pages share: the sub-navigation, the organisation choices and the
// networks a new user starts in.

import { gql } from '../../api.js';
import { h, newId } from '../../dom.js';
import { adminNav } from '../../routes.js';
import { subNav } from '../../widgets.js';

/** An administration page: its <h1>, the Administration sub-navigation, then the content. */
export function adminLayout(heading, ...content) {
  return h('div', { class: 'admin' }, h('h1', null, heading), subNav('Administration', adminNav), content);
}

/** The organisations as select options, municipalities first (the server's order). */
export async function organisationOptions({ allowNone = true } = {}) {
  const data = await gql('query Organisations { organisations { id name } }');
  const options = data.organisations.map((o) => ({ value: o.id, label: o.name }));
  return allowNone ? [{ value: '', label: 'Ingen organisation' }, ...options] : options;
}

/**
 * The networks a new user joins, as checkboxes (the ones marked "join by default" ticked):
 * `{ field, chosen(values) }`, where `chosen` turns the form's values into the ids to send.
 */
export async function startNetworkChoices() {
  const data = await gql('query StartNetworks { networks { id name membersOnly joinByDefault } }');
  const hintId = newId('f-networks-hint');
  const field = h(
    'fieldset',
    { class: 'field field--group', 'data-fields': 'networkIds', 'aria-describedby': hintId },
    h('legend', { class: 'field__label' }, 'Nätverk att gå med i'),
    h(
      'p',
      { id: hintId, class: 'field__hint' },
      'Personen blir medlem och får nya frågor i de nätverk du väljer. Förvalda är de nätverk som är markerade för nya användare.',
    ),
    h('p', { class: 'field__error', hidden: true }),
    data.networks.map((n) => {
      const id = newId('f-network');
      return h(
        'div',
        { class: 'field--check' },
        h('input', { id, type: 'checkbox', name: `network:${n.id}`, class: 'field__check', checked: n.joinByDefault }),
        h('label', { for: id }, n.membersOnly ? `${n.name} (slutet)` : n.name),
      );
    }),
  );
  const chosen = (values) => data.networks.filter((n) => values[`network:${n.id}`]).map((n) => n.id);
  return { field, chosen };
}
