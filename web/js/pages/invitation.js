// Inbjudan: the invitee chooses a password with the one-time token from the link and is
// signed in at once.

import { gql } from '../api.js';
import { h } from '../dom.js';
import { form, textField } from '../forms.js';
import * as session from '../session.js';

export default async function invitationPage({ params, navigate }) {
  const signedIn = session.user();
  return h(
    'div',
    { class: 'narrow' },
    h('h1', null, 'Välkommen till Samsyn'),
    h('p', { class: 'lead' }, 'Du har blivit inbjuden. Välj ett lösenord för ditt konto, så loggas du in direkt.'),
    signedIn
      ? h(
          'div',
          { class: 'notice notice--info' },
          `Du är inloggad som ${signedIn.displayName}. Om du fortsätter loggas du in med det nya kontot i stället.`,
        )
      : null,
    form({
      label: 'Välj lösenord',
      submitLabel: 'Skapa mitt konto',
      children: [
        textField({
          name: 'password',
          label: 'Nytt lösenord',
          type: 'password',
          autocomplete: 'new-password',
          hint: 'Minst 10 tecken. En mening du minns fungerar bra.',
          required: true,
        }),
        textField({ name: 'repeat', label: 'Upprepa lösenordet', type: 'password', autocomplete: 'new-password', required: true }),
      ],
      validate: ({ password, repeat }) =>
        password === repeat ? [] : [{ field: 'repeat', message: 'Lösenorden är inte lika.' }],
      onSubmit: async ({ password }) => {
        await gql(
          'mutation AcceptInvitation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { user { id } } }',
          { input: { token: params.token, password } },
        );
        await session.load(); // with the new session cookie
        await navigate('/', { replace: true, flash: 'Ditt konto är klart. Välkommen!' });
      },
    }),
  );
}
