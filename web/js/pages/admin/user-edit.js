// Redigera användare: name, organisation, role, and whether the account is active; and
// erasing the user (eraseUser, GDPR), after a confirmation that says what happens.

import { ApiError, gql } from '../../api.js';
import { h, notice, replace } from '../../dom.js';
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

  const erase = itsMe ? null : eraseSection(user, navigate);
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
    erase,
  );
}

/** "Radera användaren": a button that opens a confirmation saying what erasing does. */
function eraseSection(user, navigate) {
  const area = h('div', null);
  const status = h('div', null);
  const open = h('button', { type: 'button', class: 'button button--danger', 'aria-expanded': 'false', 'aria-controls': 'radera-bekrafta' }, 'Radera användaren …');
  const confirmBox = h('div', { id: 'radera-bekrafta', class: 'notice notice--error erase-confirm', hidden: true });
  function close() {
    confirmBox.hidden = true;
    open.setAttribute('aria-expanded', 'false');
    open.focus();
  }
  open.addEventListener('click', () => {
    const yes = h('button', { type: 'button', class: 'button button--danger' }, `Ja, radera ${user.displayName}`);
    const no = h('button', { type: 'button', class: 'button button--secondary' }, 'Avbryt');
    no.addEventListener('click', close);
    yes.addEventListener('click', async () => {
      yes.disabled = no.disabled = true;
      try {
        const r = await gql('mutation EraseUser($input: EraseUserInput!) { eraseUser(input: $input) { erasedUserId removedPersonId } }', { input: { id: user.id } });
        const person = r.eraseUser.removedPersonId ? ' Posten i telefonboken är borttagen.' : ' Det fanns ingen post i telefonboken.';
        await navigate('/admin/anvandare', {
          flash: `${user.displayName} är raderad. Kontot är avslutat och inläggen visas nu som skrivna av ”Tidigare användare”.${person}`,
        });
      } catch (err) {
        if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
        yes.disabled = no.disabled = false;
        replace(status, notice(err.message, 'error'));
      }
    });
    replace(
      confirmBox,
      h('h3', { id: 'radera-rubrik', tabindex: '-1' }, `Radera ${user.displayName}?`),
      h('p', null, 'Det här händer, och det går inte att ångra:'),
      h(
        'ul',
        null,
        h('li', null, 'Kontot avslutas: namnet blir ”Tidigare användare”, e-postadressen och lösenordet tas bort, och alla inloggningar och API-nycklar slutar gälla direkt.'),
        h('li', null, 'Personens post i telefonboken tas bort, och dess uppgifter tas bort ur ändringsloggen.'),
        h('li', null, 'Trådar och inlägg finns kvar men visas som skrivna av ”Tidigare användare” (pseudonymiserade).'),
      ),
      h('div', { class: 'toolbar-row' }, yes, no),
    );
    confirmBox.hidden = false;
    open.setAttribute('aria-expanded', 'true');
    confirmBox.querySelector('h3').focus();
  });
  confirmBox.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });
  replace(area, open);
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'radera' },
    h('h2', { id: 'radera' }, 'Radera användaren'),
    h('p', null, 'För den som har slutat och vill bli bortglömd (GDPR). Vill du bara stänga kontot? Avmarkera ”Kontot är aktivt” ovan i stället.'),
    status,
    area,
    confirmBox,
  );
}
