// Redigera användare: name, organisation, role, and whether the account is active.

import { ApiError, gql } from '../../api.js';
import { h } from '../../dom.js';
import { checkboxField, form, selectField, textField } from '../../forms.js';
import { ROLE_OPTIONS } from '../../format.js';
import * as session from '../../session.js';
import { adminLayout, organisationOptions } from './layout.js';

export default async function editUserPage({ params, navigate, setTitle }) {
  const [data, organisations] = await Promise.all([
    gql(
      `query User($id: ID!) { node(id: $id) { ... on User { id displayName email role active organisation { id } } } }`,
      { id: params.id },
    ).catch((err) => {
      // A malformed id in the address is a page that does not exist, not an input error.
      if (err instanceof ApiError && err.code === 'BAD_INPUT') throw new ApiError('NOT_FOUND', err.message);
      throw err;
    }),
    organisationOptions(),
  ]);
  const user = data.node;
  if (!user || !user.displayName) throw new ApiError('NOT_FOUND', 'Användaren finns inte.');
  setTitle(`Redigera ${user.displayName}`);
  const currentOrg = user.organisation?.id ?? '';
  // The API cannot take an organisation away, only change it: offer "none" only when there is none.
  const orgChoices = currentOrg ? organisations.filter((o) => o.value !== '') : organisations;
  const itsMe = session.user()?.id === user.id;

  return adminLayout(
    `Redigera ${user.displayName}`,
    h('p', { class: 'lead' }, `E-postadress: ${user.email ?? '–'}`),
    itsMe ? h('div', { class: 'notice notice--info' }, 'Det här är ditt eget konto: du kan inte ta bort din administratörsroll eller inaktivera dig själv.') : null,
    form({
      label: 'Redigera användare',
      submitLabel: 'Spara ändringar',
      secondary: h('a', { href: '/admin/anvandare', class: 'button button--link' }, 'Avbryt'),
      children: [
        textField({ name: 'displayName', label: 'Namn', value: user.displayName, maxlength: 100, required: true }),
        selectField({ name: 'organisationId', label: 'Organisation', options: orgChoices, value: currentOrg }),
        selectField({ name: 'role', label: 'Roll', options: ROLE_OPTIONS, value: user.role }),
        checkboxField({
          name: 'active',
          label: 'Kontot är aktivt',
          checked: user.active,
          hint: 'En inaktiv användare kan inte logga in. Pågående inloggningar och API-nycklar avslutas direkt.',
        }),
      ],
      onSubmit: async ({ displayName, organisationId, role, active }) => {
        const input = { id: user.id, displayName, role, active };
        if (organisationId && organisationId !== currentOrg) input.organisationId = organisationId;
        const result = await gql(
          'mutation UpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id displayName } }',
          { input },
        );
        await navigate('/admin/anvandare', { flash: `Ändringarna för ${result.updateUser.displayName} är sparade.` });
      },
    }),
  );
}
