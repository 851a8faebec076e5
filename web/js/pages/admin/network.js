// One network: its name, purpose and whether it is open; its members and moderators (add,
// change role, remove).

import { ApiError, gql } from '../../api.js';
import { announce, h, notice, replace, srOnly } from '../../dom.js';
import { checkboxField, form, textField, textareaField } from '../../forms.js';
import { dataTable } from '../../widgets.js';
import { adminLayout } from './layout.js';

const ROLE_NAMES = { MEMBER: 'Medlem', MODERATOR: 'Moderator' };
const MEMBERS = 'members(first: 100) { nodes { role joinedAt user { id displayName organisation { name } } } }';

export default async function networkPage({ params, setTitle }) {
  const [data, usersData] = await Promise.all([
    gql(`query AdminNetwork($slug: String!) { network(slug: $slug) { id slug name description membersOnly joinByDefault memberCount ${MEMBERS} } }`, { slug: params.slug }),
    gql('query Users { users { id displayName active organisation { name } } }'),
  ]);
  const network = data.network;
  if (!network) throw new ApiError('NOT_FOUND', 'Nätverket finns inte.');
  setTitle(network.name);
  let members = network.members.nodes.filter((m) => m.user);
  const users = usersData.users.filter((u) => u.active).sort((a, b) => a.displayName.localeCompare(b.displayName, 'sv'));

  const status = h('div');
  const list = h('div');
  const addArea = h('div');

  async function setRole(userId, role, message, button) {
    if (button) button.disabled = true;
    try {
      await gql(
        `mutation SetMember($input: SetNetworkMemberInput!) { setNetworkMember(input: $input) { network { id ${MEMBERS} } } }`,
        { input: { networkId: network.id, userId, role } },
      ).then((r) => {
        members = r.setNetworkMember.network.members.nodes.filter((m) => m.user);
      });
      draw();
      replace(status, notice(message, 'success'));
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return false;
      if (button) button.disabled = false;
      replace(status, notice(err.message, 'error'));
      return false;
    }
  }

  function draw() {
    replace(
      list,
      h('p', { class: 'muted' }, members.length === 1 ? '1 medlem.' : `${members.length} medlemmar.`),
      dataTable({
        caption: { text: 'Medlemmar', hidden: true },
        empty: 'Nätverket har inga medlemmar än.',
        rows: members,
        columns: [
          { label: 'Namn', cell: (m) => m.user.displayName },
          { label: 'Organisation', cell: (m) => m.user.organisation?.name ?? '–' },
          { label: 'Roll', cell: (m) => ROLE_NAMES[m.role] ?? m.role },
          {
            label: 'Åtgärd',
            cell: (m) => {
              const other = m.role === 'MODERATOR' ? 'MEMBER' : 'MODERATOR';
              const change = h('button', { type: 'button', class: 'button button--secondary button--small' }, other === 'MODERATOR' ? 'Gör till moderator' : 'Gör till medlem', srOnly(` ${m.user.displayName}`));
              change.addEventListener('click', () => setRole(m.user.id, other, `${m.user.displayName} är nu ${ROLE_NAMES[other].toLowerCase()}.`, change));
              const remove = h('button', { type: 'button', class: 'button button--danger button--small' }, 'Ta bort', srOnly(` ${m.user.displayName}`));
              remove.addEventListener('click', () => {
                if (!window.confirm(`Ta bort ${m.user.displayName} ur ${network.name}?`)) return;
                setRole(m.user.id, null, `${m.user.displayName} är borttagen ur nätverket.`, remove);
              });
              return h('div', { class: 'toolbar-row' }, change, remove);
            },
          },
        ],
      }),
    );
    drawAdd();
  }

  function drawAdd() {
    const inNetwork = new Set(members.map((m) => m.user.id));
    const candidates = users.filter((u) => !inNetwork.has(u.id));
    if (candidates.length === 0) {
      replace(addArea, h('p', { class: 'muted' }, 'Alla användare är redan medlemmar.'));
      return;
    }
    const userSelect = h(
      'select',
      { id: 'ny-medlem', name: 'userId', class: 'field__input' },
      candidates.map((u) => h('option', { value: u.id }, u.organisation ? `${u.displayName} (${u.organisation.name})` : u.displayName)),
    );
    const roleSelect = h(
      'select',
      { id: 'ny-medlem-roll', name: 'role', class: 'field__input' },
      h('option', { value: 'MEMBER' }, 'Medlem'),
      h('option', { value: 'MODERATOR' }, 'Moderator'),
    );
    const submit = h('button', { type: 'submit', class: 'button' }, 'Lägg till');
    const el = h(
      'form',
      { class: 'form member-add', 'aria-label': 'Lägg till medlem', novalidate: true },
      h('div', { class: 'field' }, h('label', { for: 'ny-medlem', class: 'field__label' }, 'Användare'), userSelect),
      h('div', { class: 'field' }, h('label', { for: 'ny-medlem-roll', class: 'field__label' }, 'Roll'), roleSelect),
      h('div', { class: 'field' }, submit),
    );
    el.addEventListener('submit', async (event) => {
      event.preventDefault();
      const user = candidates.find((u) => u.id === userSelect.value);
      const role = roleSelect.value;
      submit.disabled = true;
      const ok = await setRole(user.id, role, `${user.displayName} är tillagd som ${ROLE_NAMES[role].toLowerCase()}.`, null);
      if (ok) {
        announce(`${user.displayName} är tillagd.`);
        document.getElementById('medlemmar')?.focus();
      } else submit.disabled = false;
    });
    replace(addArea, el);
  }
  draw();

  const editForm = form({
    label: 'Om nätverket',
    submitLabel: 'Spara ändringar',
    children: [
      textField({ name: 'name', label: 'Namn', value: network.name, required: true, maxlength: 100 }),
      textareaField({ name: 'description', label: 'Syfte', value: network.description, rows: 3 }),
      checkboxField({ name: 'membersOnly', label: 'Bara för medlemmar', checked: network.membersOnly, hint: 'Bara medlemmar (och administratörer) ser nätverket och dess trådar.' }),
      checkboxField({
        name: 'joinByDefault',
        label: 'Förvalt för nya användare',
        checked: network.joinByDefault,
        hint: 'När du skapar eller bjuder in en användare är nätverket förbockat.',
      }),
    ],
    onSubmit: async (v, el) => {
      const r = await gql('mutation UpdateNetwork($input: UpdateNetworkInput!) { updateNetwork(input: $input) { network { name membersOnly joinByDefault } } }', {
        input: { id: network.id, name: v.name, description: v.description, membersOnly: v.membersOnly, joinByDefault: v.joinByDefault },
      });
      const saved = r.updateNetwork.network;
      const box = notice(`Ändringarna för ${saved.name} är sparade.`, 'success');
      replace(el.querySelector('.form__errors'), box);
    },
  });

  return adminLayout(
    network.name,
    h('p', { class: 'breadcrumb' }, h('a', { href: '/admin/natverk' }, 'Alla nätverk')),
    h('section', { class: 'panel', 'aria-labelledby': 'om-natverket' }, h('h2', { id: 'om-natverket' }, 'Om nätverket'), editForm),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'medlemmar' },
      h('h2', { id: 'medlemmar', tabindex: '-1' }, 'Medlemmar och moderatorer'),
      h('p', { class: 'muted' }, 'Moderatorer hanterar medlemmar, fäster och låser trådar, döljer inlägg och publicerar nätverkets dokument.'),
      status,
      list,
      h('h3', null, 'Lägg till medlem'),
      addArea,
    ),
  );
}
