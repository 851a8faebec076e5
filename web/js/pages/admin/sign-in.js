// Inloggning: the organisations' own identity providers (Microsoft Entra ID and others that
// speak OpenID Connect). One provider per organisation; its people then get a "Logga in
// med …" button on the login page.

import { gql } from '../../api.js';
import { h } from '../../dom.js';
import { dataTable } from '../../widgets.js';
import { adminLayout } from './layout.js';

export const PROVIDER_FIELDS = `id organisationId organisationName issuer clientId clientSecretSource clientSecretEnv
  emailDomains enabled localPasswords fromSettingsFile redirectUri postLogoutRedirectUri linkedUsers`;

export default async function signInPage() {
  const data = await gql(`query OidcProviders { oidcProviders { ${PROVIDER_FIELDS} } }`);
  const providers = data.oidcProviders;
  return adminLayout(
    'Inloggning',
    h(
      'p',
      { class: 'lead' },
      'Låt en organisation logga in med sin egen inloggning (Microsoft 365 / Entra ID eller annan OpenID Connect-leverantör). Lösenordsinloggningen finns kvar för alla andra.',
    ),
    h('p', null, h('a', { href: '/admin/inloggning/ny', class: 'button' }, 'Lägg till inloggning för en organisation')),
    dataTable({
      caption: { text: 'Inloggningsleverantörer', hidden: true },
      empty: 'Ingen organisation har egen inloggning än.',
      rows: providers,
      columns: [
        {
          label: 'Organisation',
          cell: (p) => (p.fromSettingsFile ? p.organisationName : h('a', { href: `/admin/inloggning/${encodeURIComponent(p.id)}` }, p.organisationName)),
        },
        { label: 'E-postdomäner', cell: (p) => p.emailDomains.join(', ') },
        { label: 'Status', cell: (p) => (p.enabled ? 'På' : 'Av') },
        { label: 'Lösenord', cell: (p) => (p.localPasswords ? 'Tillåts' : 'Bara egen inloggning') },
        { label: 'Användare', cell: (p) => String(p.linkedUsers) },
        { label: 'Källa', cell: (p) => (p.fromSettingsFile ? 'Inställningsfil' : 'Här') },
      ],
    }),
    providers.length
      ? h('p', { class: 'muted' }, `Omdirigerings-URI att registrera hos leverantören: ${providers[0].redirectUri}`)
      : null,
  );
}
