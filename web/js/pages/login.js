// Logga in: e-mail and password; then back to the page the user came from (?till=).

import { gql } from '../api.js';
import { h } from '../dom.js';
import { form, textField } from '../forms.js';
import { safePath } from '../router.js';
import * as session from '../session.js';

export default async function loginPage({ query, navigate }) {
  const returnTo = safePath(query.get('till'));
  return h(
    'div',
    { class: 'narrow' },
    h('h1', null, 'Logga in'),
    h(
      'p',
      { class: 'lead' },
      'Samsyn är forum, handläggarstöd och telefonbok för miljö- och hälsoskyddsinspektörerna i Jönköpings län.',
    ),
    returnTo !== '/' ? h('p', null, 'Logga in för att se sidan du försökte öppna.') : null,
    form({
      label: 'Logga in',
      submitLabel: 'Logga in',
      children: [
        textField({ name: 'email', label: 'E-postadress', type: 'email', autocomplete: 'username', required: true }),
        textField({ name: 'password', label: 'Lösenord', type: 'password', autocomplete: 'current-password', required: true }),
      ],
      onSubmit: async ({ email, password }) => {
        await gql('mutation Login($input: LoginInput!) { login(input: $input) { user { id } } }', {
          input: { email, password },
        });
        // Ask again with the new cookie: fields only the user may see (e-mail) were hidden
        // while the login itself ran without a session.
        await session.load();
        await navigate(returnTo, { replace: true });
      },
    }),
    h(
      'div',
      { class: 'aside' },
      h('h2', null, 'Inget konto?'),
      h(
        'p',
        null,
        'Konton skapas av utvecklingsledaren på Kommunal utveckling. Har du fått en inbjudan, öppna länken i den för att välja lösenord. Har du glömt lösenordet, kontakta en administratör.',
      ),
    ),
  );
}
