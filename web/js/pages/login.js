// Logga in: "Logga in med <organisation>" for organisations with their own identity
// provider (a full-page visit to /auth/oidc/…), and e-mail and password for everyone else;
// then back to the page the user came from (?till=).

import { gql } from '../api.js';
import { h } from '../dom.js';
import { form, textField } from '../forms.js';
import { safePath } from '../router.js';
import * as session from '../session.js';

function providerButtons(providers, returnTo) {
  if (!providers.length) return null;
  const till = returnTo !== '/' ? `?till=${encodeURIComponent(returnTo)}` : '';
  return h(
    'section',
    { class: 'sign-in-providers', 'aria-labelledby': 'med-organisation' },
    h('h2', { id: 'med-organisation' }, 'Med din organisations inloggning'),
    h(
      'ul',
      { class: 'sign-in-providers__list' },
      providers.map((p) =>
        h('li', null, h('a', { href: `${p.startUrl}${till}`, class: 'button button--secondary sign-in-providers__button', 'data-external': true }, p.label)),
      ),
    ),
    h('h2', null, 'Med e-post och lösenord'),
  );
}

export default async function loginPage({ query, navigate }) {
  const returnTo = safePath(query.get('till'));
  let providers = [];
  try {
    providers = (await gql('query LoginProviders { loginProviders { label startUrl } }')).loginProviders;
  } catch {
    // Password sign-in works without the list.
  }
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
    providerButtons(providers, returnTo),
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
      providers.length
        ? h('p', null, 'Finns din organisation bland knapparna ovan behöver du inget eget konto: logga in med den, så skapas kontot första gången.')
        : null,
    ),
  );
}
