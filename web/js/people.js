// Telefonboken's shared pieces: the fields a page asks for, a person as a card, phone and
// e-mail links, the role names, and the form that creates or edits a person.

import { gql } from './api.js';
import { h } from './dom.js';
import { checkboxField, form, selectField, textField } from './forms.js';

export const PERSON_FIELDS = `id name title email areas roles canEdit canEditPhones verificationDue lastVerifiedAt
  organisation { id slug name } unit { id name }
  directPhone { display uri } mobilePhone { display uri }`;

export const PERSON_ROLE_LABELS = {
  KONTAKTPERSON: 'Kontaktperson',
  STYRGRUPP: 'Styrgruppen',
  BEREDNINGSGRUPP: 'Beredningsgruppen',
  SAMORDNARE: 'Samordnare',
};

export function personPath(p) {
  return `/telefonboken/person/${encodeURIComponent(p.id)}`;
}

/** A tel: link showing the number the Swedish way, with what it is for screen readers. */
export function phoneLink(phone, kind) {
  if (!phone) return null;
  return h('a', { href: phone.uri, 'data-external': true, class: 'contact-link' }, phone.display, h('span', { class: 'visually-hidden' }, ` (${kind})`));
}

export function mailLink(email) {
  if (!email) return null;
  return h('a', { href: `mailto:${email}`, 'data-external': true, class: 'contact-link cell--wrap' }, email);
}

/** One person in a result list. headingLevel: the level below the list's heading. */
export function personCard(p, headingLevel = 'h3') {
  const contact = [
    p.directPhone ? h('li', null, h('span', { class: 'muted' }, 'Telefon: '), phoneLink(p.directPhone, 'direkt')) : null,
    p.mobilePhone ? h('li', null, h('span', { class: 'muted' }, 'Mobil: '), phoneLink(p.mobilePhone, 'mobil')) : null,
    p.email ? h('li', null, h('span', { class: 'muted' }, 'E-post: '), mailLink(p.email)) : null,
  ].filter(Boolean);
  return h(
    'li',
    { class: 'person-card' },
    h(headingLevel, { class: 'person-card__name' }, h('a', { href: personPath(p) }, p.name)),
    p.title ? h('p', { class: 'person-card__title' }, p.title) : null,
    h('p', { class: 'person-card__org' }, [p.organisation.name, p.unit?.name].filter(Boolean).join(', ')),
    p.areas.length ? h('p', { class: 'person-card__areas' }, h('span', { class: 'muted' }, 'Ansvarar för: '), p.areas.join(', ')) : null,
    p.roles.length ? h('p', { class: 'person-card__roles' }, p.roles.map((r) => PERSON_ROLE_LABELS[r] ?? r).join(', ')) : null,
    contact.length ? h('ul', { class: 'person-card__contact' }, contact) : h('p', { class: 'muted' }, 'Inga kontaktuppgifter.'),
  );
}

export function personList(people, headingLevel = 'h3') {
  return h('ul', { class: 'person-list' }, people.map((p) => personCard(p, headingLevel)));
}

/** The organisations for a select, sorted the Swedish way. */
export async function loadOrganisations() {
  const data = await gql('query Organisations { organisations { id slug name } }');
  return [...data.organisations].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

/**
 * The form that creates (person null) or changes a person. `phonesOnly`: the person linked to
 * the entry may change only the phone numbers. `organisations` null: the organisation is fixed.
 */
export function personForm({ person = null, phonesOnly = false, organisations = null, fixedOrganisation = null, onSaved }) {
  const children = [];
  if (!phonesOnly) {
    children.push(
      textField({ name: 'name', label: 'Namn', value: person?.name ?? '', required: true, autocomplete: 'off', maxlength: 200 }),
      textField({ name: 'title', label: 'Befattning', value: person?.title ?? '', maxlength: 200 }),
    );
    if (organisations) {
      children.push(
        selectField({
          name: 'organisationId',
          label: 'Organisation',
          required: true,
          value: person?.organisation.id ?? fixedOrganisation?.id ?? '',
          options: [{ value: '', label: 'Välj organisation' }, ...organisations.map((o) => ({ value: o.id, label: o.name }))],
        }),
      );
    }
  }
  children.push(
    textField({ name: 'directPhone', label: 'Direktnummer', type: 'tel', value: person?.directPhone?.display ?? '', hint: 'Till exempel 036-10 52 31.', autocomplete: 'off' }),
    textField({ name: 'mobilePhone', label: 'Mobilnummer', type: 'tel', value: person?.mobilePhone?.display ?? '', autocomplete: 'off' }),
  );
  if (!phonesOnly) {
    children.push(
      textField({ name: 'email', label: 'E-postadress', type: 'email', value: person?.email ?? '', autocomplete: 'off' }),
      textField({
        name: 'areas',
        label: 'Ansvarsområden',
        value: (person?.areas ?? []).join('; '),
        hint: 'Tillsynsområden åtskilda med semikolon, till exempel ”Små avlopp; Livsmedel”.',
      }),
      h(
        'fieldset',
        { class: 'field field--group', 'data-fields': 'roles' },
        h('legend', { class: 'field__label' }, 'Roller i samverkan'),
        h('p', { class: 'field__error', hidden: true }),
        Object.entries(PERSON_ROLE_LABELS).map(([value, label]) =>
          checkboxField({ name: `role-${value}`, label, checked: person?.roles.includes(value) ?? false }),
        ),
      ),
    );
  }
  return form({
    label: person ? `Ändra ${person.name}` : 'Ny person',
    submitLabel: person ? 'Spara ändringar' : 'Lägg till person',
    children,
    onSubmit: async (values) => {
      const input = {
        directPhone: values.directPhone || null,
        mobilePhone: values.mobilePhone || null,
      };
      if (person) input.id = person.id;
      if (!phonesOnly) {
        Object.assign(input, {
          name: values.name,
          title: values.title,
          email: values.email || null,
          areas: values.areas.split(/[;|]/).map((a) => a.trim()).filter(Boolean),
          roles: Object.keys(PERSON_ROLE_LABELS).filter((r) => values[`role-${r}`]),
        });
        if (organisations) input.organisationId = values.organisationId;
        else if (!person && fixedOrganisation) input.organisationId = fixedOrganisation.id;
      }
      const data = await gql(
        `mutation UpsertPerson($input: UpsertPersonInput!) { upsertPerson(input: $input) { person { ${PERSON_FIELDS} } } }`,
        { input },
      );
      await onSaved(data.upsertPerson.person);
    },
  });
}

/** May the signed-in user keep (part of) the phone book: managers and admins. */
export function canManagePhoneBook(user) {
  return user?.role === 'ADMIN' || user?.role === 'MANAGER';
}

/** The phone book's own sub-navigation for managers and admins. */
export function phoneBookNav(user) {
  if (!canManagePhoneBook(user)) return null;
  const links = [
    ['/telefonboken', 'Sök'],
    ['/telefonboken/kontroll', 'Att kontrollera'],
    ['/telefonboken/logg', 'Ändringslogg'],
    ['/telefonboken/enheter', 'Enheter'],
  ];
  // Exact matches only: "Sök" is not the current page on /telefonboken/kontroll.
  return h(
    'nav',
    { class: 'sub-nav', 'aria-label': 'Telefonboken' },
    h('ul', null, links.map(([path, text]) => h('li', null, h('a', { href: path, 'aria-current': location.pathname === path ? 'page' : null }, text)))),
  );
}
