// Mina uppgifter: who I am in Samsyn, a link to change my password, the newsletter and
// notification e-mail choices, the tillsynsområden I follow, and my API keys (create READ or WRITE with an optional
// expiry, see the secret once, list, revoke).

import { gql } from '../api.js';
import { announce, h, notice, replace, srOnly } from '../dom.js';
import { form, radioGroup, textField } from '../forms.js';
import { ROLE_LABELS, SCOPE_LABELS, endOfDay, formatDate, formatDateTime, tomorrow } from '../format.js';
import * as session from '../session.js';
import { badge, copyBox, dataTable } from '../widgets.js';

const TOKEN_FIELDS = 'id name scope createdAt expiresAt lastUsedAt revokedAt';

function tokenStatus(t) {
  if (t.revokedAt) return badge('Återkallad', 'off');
  if (t.expiresAt && new Date(t.expiresAt) <= new Date()) return badge('Har gått ut', 'off');
  return badge('Aktiv', 'ok');
}

function aboutMe(me) {
  const row = (term, value) => [h('dt', null, term), h('dd', null, value)];
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'om-mig' },
    h('h2', { id: 'om-mig' }, 'Om mig'),
    h(
      'dl',
      { class: 'facts' },
      row('Namn', me.displayName),
      row('E-postadress', me.email ?? '–'),
      row('Organisation', me.organisation?.name ?? 'Ingen organisation'),
      row('Roll', ROLE_LABELS[me.role] ?? me.role),
    ),
    h('p', { class: 'muted' }, 'Namn, organisation och roll ändras av en administratör.'),
    h('p', null, h('a', { href: '/profil/losenord', class: 'button button--secondary' }, 'Byt lösenord')),
  );
}

function subscription(initial) {
  const box = h('input', { id: 'nyhetsbrev-epost', type: 'checkbox', class: 'field__check', checked: initial });
  const status = h('p', { class: 'muted', 'aria-live': 'polite' });
  box.addEventListener('change', async () => {
    const wanted = box.checked;
    box.disabled = true;
    try {
      const result = await gql(
        'mutation Subscribe($input: NewsletterSubscriptionInput!) { setNewsletterSubscription(input: $input) { email } }',
        { input: { email: wanted } },
      );
      box.checked = result.setNewsletterSubscription.email;
      status.textContent = box.checked ? 'Du får nyhetsbrevet med e-post.' : 'Du får inte längre nyhetsbrevet med e-post.';
    } catch (err) {
      box.checked = !wanted;
      status.textContent = err.message;
    } finally {
      box.disabled = false;
    }
  });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'nyhetsbrev' },
    h('h2', { id: 'nyhetsbrev' }, 'Nyhetsbrev'),
    h('div', { class: 'field field--check' }, box, h('label', { for: 'nyhetsbrev-epost' }, 'Skicka nyhetsbrevet till mig med e-post')),
    status,
    h('p', null, h('a', { href: '/nyhetsbrev' }, 'Läs nyhetsbreven i arkivet')),
  );
}

const DIGEST_OPTIONS = [
  { value: 'IMMEDIATE', label: 'Direkt', hint: 'Ett e-brev inom någon minut när något nytt har hänt.' },
  { value: 'HOURLY', label: 'Varje timme', hint: 'Högst en gång i timmen, när något nytt har hänt.' },
  { value: 'DAILY', label: 'Dagligen', hint: 'En sammanfattning om dagen.' },
  { value: 'WEEKLY', label: 'Veckovis', hint: 'En sammanfattning i veckan.' },
  { value: 'NEVER', label: 'Aldrig', hint: 'Bara här i Samsyn, under Aviseringar.' },
];

/** How often unread notifications come by e-mail (updateNotificationSettings), saved on change. */
function notificationSettings(initial) {
  let current = initial;
  const status = h('p', { class: 'muted', 'aria-live': 'polite' });
  const group = radioGroup({ name: 'digest', legend: 'Skicka olästa aviseringar med e-post', value: initial, options: DIGEST_OPTIONS });
  group.addEventListener('change', async (event) => {
    const wanted = event.target.value;
    const radios = [...group.querySelectorAll('input[type=radio]')];
    radios.forEach((r) => {
      r.disabled = true;
    });
    try {
      const r = await gql('mutation Digest($input: UpdateNotificationSettingsInput!) { updateNotificationSettings(input: $input) { settings { digest } } }', {
        input: { digest: wanted },
      });
      current = r.updateNotificationSettings.settings.digest;
      const label = DIGEST_OPTIONS.find((o) => o.value === current)?.label.toLowerCase();
      status.textContent = current === 'NEVER' ? 'Sparat: du får inga aviseringar med e-post.' : `Sparat: aviseringar med e-post ${label}.`;
    } catch (err) {
      status.textContent = err.message;
    } finally {
      radios.forEach((r) => {
        r.disabled = false;
        r.checked = r.value === current;
      });
    }
  });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'aviseringar-epost' },
    h('h2', { id: 'aviseringar-epost' }, 'Aviseringar med e-post'),
    h('p', null, 'Svar i trådar du bevakar, lösningar, när någon nämner dig och nya anslag samlas i ett mejl – aldrig oftare än du väljer här. ', h('a', { href: '/aviseringar' }, 'Dina aviseringar')),
    group,
    status,
  );
}

/**
 * Bevakade tillsynsområden: one checkbox per tag; a ticked one tells me (in Aviseringar and
 * the e-mail) about every new thread with it, in all networks I can read. Saved on change.
 */
function followedTags(tags) {
  const status = h('p', { class: 'muted', 'aria-live': 'polite' });
  const boxes = tags.map((t) => {
    const id = `bevaka-${t.id}`;
    const box = h('input', { id, type: 'checkbox', class: 'field__check', checked: t.following, value: t.id });
    box.addEventListener('change', async () => {
      const wanted = box.checked;
      box.disabled = true;
      try {
        const r = await gql(`mutation FollowTag($input: FollowInput!) { ${wanted ? 'follow' : 'unfollow'}(input: $input) { following } }`, { input: { id: t.id } });
        box.checked = (wanted ? r.follow : r.unfollow).following;
        status.textContent = box.checked ? `Du bevakar nu ${t.name}.` : `Du bevakar inte längre ${t.name}.`;
      } catch (err) {
        box.checked = !wanted;
        status.textContent = err.message;
      } finally {
        box.disabled = false;
      }
    });
    return h('div', { class: 'field--check' }, box, h('label', { for: id }, t.name));
  });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'bevakade-omraden' },
    h('h2', { id: 'bevakade-omraden' }, 'Bevakade tillsynsområden'),
    h('p', null, 'Få en avisering när någon startar en tråd om ett område du bevakar – i alla nätverk du kan läsa, även de du inte är medlem i.'),
    h('fieldset', { class: 'field field--group' }, h('legend', { class: 'field__label' }, 'Tillsynsområden att bevaka'), tags.length ? boxes : h('p', { class: 'empty' }, 'Det finns inga tillsynsområden än.')),
    status,
  );
}

/** Mina uppgifter, exporterade: everything Samsyn stores about me, downloaded as JSON. */
function myDataExport() {
  const status = h('p', { class: 'muted', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'button button--secondary' }, 'Ladda ner mina uppgifter (JSON)');
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = 'Hämtar …';
    try {
      const data = await gql('query MyData { myData }');
      const blob = new Blob([JSON.stringify(data.myData, null, 2)], { type: 'application/json' });
      const url = URL.createObjectURL(blob);
      const day = new Date().toLocaleDateString('sv-SE');
      const link = h('a', { href: url, download: `samsyn-mina-uppgifter-${day}.json`, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
      status.textContent = 'Filen är nedladdad.';
    } catch (err) {
      status.textContent = err.message;
    } finally {
      button.disabled = false;
    }
  });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'mina-data' },
    h('h2', { id: 'mina-data' }, 'Exportera mina uppgifter'),
    h('p', null, 'Allt Samsyn sparar om dig – konto, inloggningar, API-nycklar, din post i telefonboken, ändringar som rör dig – i en JSON-fil. Lösenord och nycklar finns aldrig med.'),
    button,
    status,
  );
}

export default async function profilePage() {
  const me = session.user();
  const data = await gql(`query MyTokens { apiTokens { ${TOKEN_FIELDS} } newsletterSubscription notificationSettings { digest } tags { id name following } }`);
  let tokens = data.apiTokens;

  const list = h('div', { class: 'token-list' });
  const created = h('div', { class: 'token-created' });

  async function revoke(token, button) {
    if (!window.confirm(`Återkalla API-nyckeln ”${token.name}”? System som använder den slutar fungera direkt.`)) return;
    button.disabled = true;
    try {
      const result = await gql(
        `mutation RevokeApiToken($id: ID!) { revokeApiToken(id: $id) { ${TOKEN_FIELDS} } }`,
        { id: token.id },
      );
      tokens = tokens.map((t) => (t.id === token.id ? result.revokeApiToken : t));
      drawList();
      announce(`API-nyckeln ${token.name} är återkallad.`);
      list.querySelector('caption')?.focus();
    } catch (err) {
      button.disabled = false;
      list.prepend(notice(err.message, 'error'));
    }
  }

  function drawList() {
    replace(
      list,
      dataTable({
        caption: { text: 'Dina API-nycklar', hidden: true },
        empty: 'Du har inga API-nycklar.',
        rows: tokens,
        columns: [
          { label: 'Namn', cell: (t) => t.name },
          { label: 'Behörighet', cell: (t) => SCOPE_LABELS[t.scope] ?? t.scope },
          { label: 'Skapad', cell: (t) => formatDateTime(t.createdAt) },
          { label: 'Går ut', cell: (t) => (t.expiresAt ? formatDate(t.expiresAt) : 'Aldrig') },
          { label: 'Senast använd', cell: (t) => (t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'Aldrig') },
          { label: 'Status', cell: tokenStatus },
          {
            label: 'Åtgärd',
            cell: (t) => {
              if (t.revokedAt) return '–';
              const button = h('button', { type: 'button', class: 'button button--danger button--small' }, 'Återkalla', srOnly(` ${t.name}`));
              button.addEventListener('click', () => revoke(t, button));
              return button;
            },
          },
        ],
      }),
    );
    const caption = list.querySelector('caption');
    if (caption) caption.setAttribute('tabindex', '-1');
  }
  drawList();

  const createForm = form({
    label: 'Skapa API-nyckel',
    submitLabel: 'Skapa API-nyckel',
    children: [
      textField({
        name: 'name',
        label: 'Namn på nyckeln',
        hint: 'Vad den används till, till exempel ”Intranätet” eller ”Skript för tillsynsplanen”.',
        maxlength: 100,
        required: true,
      }),
      radioGroup({
        name: 'scope',
        legend: 'Behörighet',
        value: 'READ',
        options: [
          { value: 'READ', label: 'Läsa', hint: 'Kan hämta det du själv kan se.' },
          { value: 'WRITE', label: 'Läsa och skriva', hint: 'Kan också skriva inlägg och ändra i ditt namn.' },
        ],
      }),
      textField({
        name: 'expiresAt',
        label: 'Går ut (valfritt)',
        type: 'date',
        min: tomorrow(),
        hint: 'Lämna tomt för en nyckel utan slutdatum. Nyckeln slutar gälla vid dagens slut.',
      }),
    ],
    onSubmit: async ({ name, scope, expiresAt }, el) => {
      const result = await gql(
        `mutation CreateApiToken($input: CreateApiTokenInput!) {
           createApiToken(input: $input) { token apiToken { ${TOKEN_FIELDS} } } }`,
        { input: { name, scope, expiresAt: expiresAt ? endOfDay(expiresAt) : null } },
      );
      const { token, apiToken } = result.createApiToken;
      tokens = [apiToken, ...tokens];
      drawList();
      el.reset();
      const box = copyBox({
        heading: `Ny API-nyckel: ${apiToken.name}`,
        label: 'API-nyckel',
        value: token,
        note: 'Kopiera nyckeln nu och spara den på ett säkert ställe. Den visas bara den här gången. Skicka den som ”Authorization: Bearer …” till /graphql.',
        headingLevel: 'h3',
      });
      replace(created, box);
      box.querySelector('h3').focus();
    },
  });

  return h(
    'div',
    null,
    h('h1', null, 'Mina uppgifter'),
    aboutMe(me),
    subscription(data.newsletterSubscription),
    notificationSettings(data.notificationSettings.digest),
    followedTags(data.tags),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'api-nycklar' },
      h('h2', { id: 'api-nycklar' }, 'API-nycklar'),
      h(
        'p',
        null,
        'Med en API-nyckel kan ett annat system – intranätet, diariet eller ett skript – läsa eller skriva i Samsyn i ditt namn. ',
        'Nyckeln ger aldrig mer än du själv får göra.',
      ),
      created,
      h('h3', null, 'Skapa en ny nyckel'),
      createForm,
      h('h3', null, 'Dina nycklar'),
      list,
    ),
    myDataExport(),
  );
}
