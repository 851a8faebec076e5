// Ny användare: an account with a password the admin chooses (to let the person choose it
// themselves, invite them instead).

import { gql } from '../../api.js';
import { h } from '../../dom.js';
import { form, selectField, textField } from '../../forms.js';
import { ROLE_OPTIONS } from '../../format.js';
import { adminLayout, organisationOptions, startNetworkChoices } from './layout.js';

export default async function newUserPage({ navigate }) {
  const [organisations, networks] = await Promise.all([organisationOptions(), startNetworkChoices()]);
  return adminLayout(
    'Ny användare',
    h(
      'p',
      { class: 'lead' },
      'Vill du att personen väljer lösenord själv? ',
      h('a', { href: '/admin/inbjudningar' }, 'Bjud in personen'),
      ' i stället.',
    ),
    form({
      label: 'Ny användare',
      submitLabel: 'Skapa användare',
      secondary: h('a', { href: '/admin/anvandare', class: 'button button--link' }, 'Avbryt'),
      children: [
        textField({ name: 'displayName', label: 'Namn', autocomplete: 'off', maxlength: 100, required: true }),
        textField({ name: 'email', label: 'E-postadress', type: 'email', autocomplete: 'off', required: true }),
        selectField({ name: 'organisationId', label: 'Organisation', options: organisations }),
        selectField({ name: 'role', label: 'Roll', options: ROLE_OPTIONS, value: 'MEMBER' }),
        textField({
          name: 'password',
          label: 'Lösenord',
          type: 'password',
          autocomplete: 'new-password',
          hint: 'Minst 10 tecken. Lämna det till personen på ett säkert sätt.',
          required: true,
        }),
        networks.field,
      ],
      onSubmit: async (values) => {
        const { displayName, email, organisationId, role, password } = values;
        const networkIds = networks.chosen(values);
        const data = await gql(
          'mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { id displayName } }',
          { input: { displayName, email, organisationId: organisationId || null, role, password, networkIds } },
        );
        await navigate('/admin/anvandare', { flash: `Användaren ${data.createUser.displayName} har skapats.` });
      },
    }),
  );
}
