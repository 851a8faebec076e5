// Utloggad: after signing out of a session that came through an organisation's identity
// provider, the way to sign out there too; also where the provider's sign-out returns to.

import { h } from '../dom.js';
import * as session from '../session.js';

export default async function loggedOutPage() {
  const via = session.takeSignedOutFrom();
  const org = via?.provider?.organisationName;
  return h(
    'div',
    { class: 'narrow' },
    h('h1', null, 'Du är utloggad från Samsyn'),
    org && via.endSessionUrl
      ? [
          h(
            'p',
            { class: 'lead' },
            `Du loggade in med ${org}. Där är du fortfarande inloggad, så nästa inloggning i Samsyn går utan lösenord. Sitter du vid en delad dator, logga ut där också.`,
          ),
          h('p', null, h('a', { href: via.endSessionUrl, class: 'button', 'data-external': true, 'data-end-session': true }, `Logga ut från ${org} också`)),
        ]
      : h('p', { class: 'lead' }, 'Stäng webbläsaren om du sitter vid en delad dator.'),
    h('p', null, h('a', { href: '/logga-in' }, 'Logga in igen')),
  );
}
