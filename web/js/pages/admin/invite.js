// Bjud in: creates a one-time link where the invitee chooses a password. The link is shown
// once, to copy into an e-mail.

import { gql } from '../../api.js';
import { h, replace } from '../../dom.js';
import { form, selectField, textField } from '../../forms.js';
import { ROLE_OPTIONS } from '../../format.js';
import { copyBox } from '../../widgets.js';
import { adminLayout, organisationOptions, startNetworkChoices } from './layout.js';

export default async function invitePage() {
  const [organisations, networks] = await Promise.all([organisationOptions(), startNetworkChoices()]);
  const result = h('div', { class: 'invite-result' });
  const inviteForm = form({
    label: 'Bjud in',
    submitLabel: 'Skapa inbjudan',
    children: [
      textField({ name: 'displayName', label: 'Namn', autocomplete: 'off', maxlength: 100, required: true }),
      textField({ name: 'email', label: 'E-postadress', type: 'email', autocomplete: 'off', required: true }),
      selectField({ name: 'organisationId', label: 'Organisation', options: organisations }),
      selectField({ name: 'role', label: 'Roll', options: ROLE_OPTIONS, value: 'MEMBER' }),
      networks.field,
    ],
    onSubmit: async (values, el) => {
      const { displayName, email, organisationId, role } = values;
      const networkIds = networks.chosen(values);
      const data = await gql(
        'mutation InviteUser($input: InviteUserInput!) { inviteUser(input: $input) { url } }',
        { input: { displayName, email, organisationId: organisationId || null, role, networkIds } },
      );
      el.reset();
      const box = copyBox({
        heading: `Inbjudan till ${displayName} är skapad`,
        label: 'Inbjudningslänk',
        value: data.inviteUser.url,
        note: `Skicka länken till ${email}. Den fungerar en gång och gäller i 14 dagar. Den visas bara nu.`,
      });
      replace(result, box);
      box.querySelector('h2').focus();
    },
  });
  return adminLayout(
    'Bjud in',
    h('p', { class: 'lead' }, 'Den du bjuder in får en länk för att välja sitt lösenord och loggas sedan in direkt.'),
    result,
    inviteForm,
  );
}
