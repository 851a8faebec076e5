// Ny / redigera inloggning: issuer, client id, where the client secret is, the e-mail
// domains the provider speaks for, and whether the organisation may still use passwords.
// The secret is write-only: the server never sends it back.

import { ApiError, gql } from '../../api.js';
import { h } from '../../dom.js';
import { checkboxField, form, selectField, textField } from '../../forms.js';
import { adminLayout, organisationOptions } from './layout.js';
import { PROVIDER_FIELDS } from './sign-in.js';

function domains(text) {
  return text.split(/[\s,;]+/).map((d) => d.trim()).filter(Boolean);
}

export default async function editSignInPage({ params, navigate, setTitle }) {
  const isNew = !params.id;
  let provider = null;
  if (!isNew) {
    const data = await gql(`query OidcProviders { oidcProviders { ${PROVIDER_FIELDS} } }`);
    provider = data.oidcProviders.find((p) => p.id === params.id);
    if (!provider || provider.fromSettingsFile) throw new ApiError('NOT_FOUND', 'Inloggningen finns inte.');
    setTitle(`Inloggning för ${provider.organisationName}`);
  }
  const organisations = isNew ? await organisationOptions({ allowNone: false }) : [];
  const heading = isNew ? 'Ny inloggning för en organisation' : `Inloggning för ${provider.organisationName}`;
  const secretHint =
    provider?.clientSecretSource === 'STORED'
      ? 'En hemlighet är sparad (krypterad). Lämna fältet tomt för att behålla den.'
      : 'Klienthemligheten (värdet, inte id:t) från appregistreringen. Den sparas krypterad och visas aldrig igen.';

  const children = [
    isNew ? selectField({ name: 'organisationId', label: 'Organisation', options: organisations, required: true }) : null,
    textField({
      name: 'issuer',
      label: 'Utfärdare (issuer)',
      type: 'url',
      value: provider?.issuer ?? '',
      required: true,
      hint: 'För Entra ID: https://login.microsoftonline.com/<katalog-id>/v2.0',
    }),
    textField({ name: 'clientId', label: 'Klient-id (program-id)', value: provider?.clientId ?? '', required: true }),
    textField({ name: 'clientSecret', label: 'Klienthemlighet', type: 'password', autocomplete: 'new-password', hint: secretHint }),
    textField({
      name: 'clientSecretEnv',
      label: 'Eller: miljövariabel med hemligheten',
      value: provider?.clientSecretEnv ?? '',
      hint: 'Namnet på en miljövariabel på servern som börjar med SAMSYN_OIDC_, om hemligheten inte ska sparas i databasen.',
    }),
    textField({
      name: 'emailDomains',
      label: 'E-postdomäner',
      value: provider?.emailDomains.join(', ') ?? '',
      required: true,
      hint: 'Adresser i de här domänerna loggar in via leverantören, t.ex. eksjo.se. Skilj flera med komma.',
    }),
    checkboxField({ name: 'enabled', label: 'Visa knappen på inloggningssidan', checked: provider?.enabled ?? true }),
    checkboxField({
      name: 'localPasswords',
      label: 'Organisationens användare får också logga in med lösenord',
      checked: provider?.localPasswords ?? true,
      hint: 'Utan bock måste organisationens användare (utom administratörer) logga in via leverantören.',
    }),
  ];

  return adminLayout(
    heading,
    provider
      ? h('p', { class: 'muted' }, `Omdirigerings-URI: ${provider.redirectUri}. Utloggning: ${provider.postLogoutRedirectUri}.`)
      : h('p', { class: 'muted' }, 'Registrera Samsyn som webbapp hos leverantören först; README beskriver hur det görs i Entra ID.'),
    form({
      label: heading,
      submitLabel: isNew ? 'Lägg till' : 'Spara ändringar',
      secondary: h('a', { href: '/admin/inloggning', class: 'button button--link' }, 'Avbryt'),
      children,
      onSubmit: async (v) => {
        const common = {
          issuer: v.issuer,
          clientId: v.clientId,
          emailDomains: domains(v.emailDomains),
          enabled: v.enabled,
          localPasswords: v.localPasswords,
        };
        if (v.clientSecret) common.clientSecret = v.clientSecret;
        if (v.clientSecretEnv) common.clientSecretEnv = v.clientSecretEnv;
        if (isNew) {
          const result = await gql(
            'mutation CreateOidcProvider($input: CreateOidcProviderInput!) { createOidcProvider(input: $input) { provider { organisationName } } }',
            { input: { organisationId: v.organisationId, ...common } },
          );
          await navigate('/admin/inloggning', { flash: `Inloggning för ${result.createOidcProvider.provider.organisationName} är tillagd.` });
        } else {
          if (!v.clientSecretEnv && provider.clientSecretSource === 'ENVIRONMENT' && !v.clientSecret) common.clearClientSecret = true;
          const result = await gql(
            'mutation UpdateOidcProvider($input: UpdateOidcProviderInput!) { updateOidcProvider(input: $input) { provider { organisationName } } }',
            { input: { id: provider.id, ...common } },
          );
          await navigate('/admin/inloggning', { flash: `Ändringarna för ${result.updateOidcProvider.provider.organisationName} är sparade.` });
        }
      },
    }),
  );
}
