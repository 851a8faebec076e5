// One person in the phone book: contact details, areas and roles, when the entry was last
// checked; the organisation's managers and admins edit and verify it here, the person linked
// to the entry changes their own phone numbers. The server decides (FORBIDDEN is shown).

import { ApiError, gql } from '../api.js';
import { announce, h, notice, replace } from '../dom.js';
import { formatDate, formatDateTime } from '../format.js';
import { PERSON_FIELDS, PERSON_ROLE_LABELS, loadOrganisations, mailLink, personForm, phoneLink } from '../people.js';
import * as session from '../session.js';

function facts(p) {
  const row = (term, value) => [h('dt', null, term), h('dd', null, value ?? '–')];
  return h(
    'dl',
    { class: 'facts' },
    row('Befattning', p.title || '–'),
    row('Organisation', h('a', { href: `/telefonboken?organisation=${encodeURIComponent(p.organisation.slug)}` }, p.organisation.name)),
    row('Enhet', p.unit?.name),
    row('Direktnummer', phoneLink(p.directPhone, 'direkt')),
    row('Mobilnummer', phoneLink(p.mobilePhone, 'mobil')),
    row('E-postadress', mailLink(p.email)),
    row('Ansvarsområden', p.areas.length ? p.areas.join(', ') : '–'),
    row('Roller', p.roles.length ? p.roles.map((r) => PERSON_ROLE_LABELS[r] ?? r).join(', ') : '–'),
    row('Senast kontrollerad', p.lastVerifiedAt ? formatDate(p.lastVerifiedAt) : 'Aldrig'),
  );
}

export default async function personPage({ params, setTitle, navigate }) {
  const data = await gql(`query Person($id: ID!) { person(id: $id) { ${PERSON_FIELDS} updatedAt } }`, { id: params.id });
  let person = data.person;
  if (!person) throw new ApiError('NOT_FOUND', 'Personen finns inte.');
  setTitle(person.name);
  const me = session.user();

  const details = h('div', null);
  const status = h('div', null);
  const heading = h('h1', null, person.name);
  function draw() {
    heading.textContent = person.name;
    replace(
      details,
      person.verificationDue && person.canEdit ? notice('Uppgifterna har inte kontrollerats på länge. Stämmer de?', 'info') : null,
      facts(person),
      h('p', { class: 'muted' }, `Senast ändrad ${formatDateTime(person.updatedAt)}.`),
    );
  }
  draw();

  let editSection = null;
  if (person.canEdit || person.canEditPhones) {
    const organisations = person.canEdit && me.role === 'ADMIN' ? await loadOrganisations() : null;
    const editForm = personForm({
      person,
      phonesOnly: !person.canEdit,
      organisations,
      onSaved: async (saved) => {
        person = { ...saved, updatedAt: new Date().toISOString() };
        draw();
        replace(status, notice(`Ändringarna för ${saved.name} är sparade.`, 'success'));
        status.querySelector('.notice')?.setAttribute('tabindex', '-1');
        status.querySelector('.notice')?.focus();
      },
    });
    const verify = person.canEdit
      ? h('button', { type: 'button', class: 'button button--secondary' }, 'Markera som kontrollerad')
      : null;
    verify?.addEventListener('click', async () => {
      verify.disabled = true;
      try {
        const result = await gql(`mutation Verify($input: PersonIdInput!) { verifyPerson(input: $input) { person { ${PERSON_FIELDS} updatedAt } } }`, {
          input: { id: person.id },
        });
        person = result.verifyPerson.person;
        draw();
        replace(status, notice('Uppgifterna är markerade som kontrollerade i dag.', 'success'));
      } catch (err) {
        replace(status, notice(err.message, 'error'));
      } finally {
        verify.disabled = false;
      }
    });
    const remove = person.canEdit ? h('button', { type: 'button', class: 'button button--danger' }, 'Ta bort ur telefonboken') : null;
    remove?.addEventListener('click', async () => {
      if (!window.confirm(`Ta bort ${person.name} ur telefonboken?`)) return;
      try {
        await gql('mutation DeletePerson($input: PersonIdInput!) { deletePerson(input: $input) { deletedPersonId } }', { input: { id: person.id } });
        navigate('/telefonboken', { flash: `${person.name} är borttagen ur telefonboken.` });
      } catch (err) {
        replace(status, notice(err.message, 'error'));
      }
    });
    editSection = h(
      'section',
      { class: 'panel', 'aria-labelledby': 'andra-person' },
      h('h2', { id: 'andra-person' }, person.canEdit ? 'Ändra uppgifterna' : 'Ändra dina telefonnummer'),
      person.canEdit ? null : h('p', { class: 'muted' }, 'Övriga uppgifter ändras av din chef eller en administratör.'),
      editForm,
      verify || remove ? h('div', { class: 'form__actions' }, verify, remove) : null,
    );
  } else {
    editSection = h(
      'p',
      { class: 'muted' },
      `Uppgifterna ändras av ${person.organisation.name}s chefer eller av en administratör. Hittar du ett fel? Hör av dig till dem.`,
    );
  }

  announce(person.name);
  return h(
    'div',
    null,
    h('p', { class: 'breadcrumb' }, h('a', { href: '/telefonboken' }, 'Telefonboken')),
    heading,
    status,
    h(
      'section',
      { class: 'panel', 'aria-label': 'Kontaktuppgifter' },
      details,
      h(
        'p',
        null,
        h(
          'a',
          { href: `/directory/people/${encodeURIComponent(person.id)}/kontaktkort.vcf`, class: 'button button--secondary button--small', download: true },
          'Ladda ned kontaktkort (vCard)',
        ),
      ),
    ),
    editSection,
  );
}
