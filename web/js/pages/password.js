// Byt lösenord: the current one, then the new one twice. The server ends my other sessions.

import { gql } from '../api.js';
import { h, notice, replace } from '../dom.js';
import { form, textField } from '../forms.js';

export default async function passwordPage() {
  const page = h('div', { class: 'narrow' });
  const heading = h('h1', null, 'Byt lösenord');
  const body = h('div');
  const passwordForm = form({
    label: 'Byt lösenord',
    submitLabel: 'Byt lösenord',
    secondary: h('a', { href: '/profil', class: 'button button--link' }, 'Avbryt'),
    children: [
      textField({
        name: 'currentPassword',
        label: 'Nuvarande lösenord',
        type: 'password',
        autocomplete: 'current-password',
        required: true,
      }),
      textField({
        name: 'newPassword',
        serverFields: ['password'],
        label: 'Nytt lösenord',
        type: 'password',
        autocomplete: 'new-password',
        hint: 'Minst 10 tecken.',
        required: true,
      }),
      textField({ name: 'repeat', label: 'Upprepa det nya lösenordet', type: 'password', autocomplete: 'new-password', required: true }),
    ],
    validate: ({ newPassword, repeat }) =>
      newPassword === repeat ? [] : [{ field: 'repeat', message: 'Lösenorden är inte lika.' }],
    onSubmit: async ({ currentPassword, newPassword }) => {
      await gql('mutation ChangePassword($input: ChangePasswordInput!) { changePassword(input: $input) }', {
        input: { currentPassword, newPassword },
      });
      replace(
        body,
        notice('Lösenordet är bytt. Du är utloggad på dina andra enheter och i andra webbläsare.', 'success'),
        h('p', null, h('a', { href: '/profil' }, 'Tillbaka till Mina uppgifter')),
      );
      heading.focus();
    },
  });
  body.append(
    h('p', { class: 'lead' }, 'När du byter lösenord loggas du ut överallt utom här.'),
    passwordForm,
  );
  page.append(heading, body);
  return page;
}
