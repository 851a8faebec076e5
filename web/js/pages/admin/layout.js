// What the administration pages share: the sub-navigation and the organisation choices.

import { gql } from '../../api.js';
import { h } from '../../dom.js';
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
