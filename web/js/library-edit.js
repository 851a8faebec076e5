// Handläggarstöd editing: the document and project forms, the tillsynsområden pick list and
// what the forms need to know about the caller (which networks they moderate). The server
// decides every permission; these only avoid offering what would be refused.

import { gql, upload } from './api.js';
import { h, newId } from './dom.js';
import { checkboxField, form, selectField, textField, textareaField } from './forms.js';
import { KIND_OPTIONS } from './library.js';
import * as session from './session.js';

/** What the editing forms choose from: networks (with my right to moderate), projects, tags. */
export async function loadChoices() {
  const data = await gql(`query EditChoices {
    networks { id slug name viewerCanModerate }
    projects(first: 100) { nodes { id slug name viewerCanEdit } }
    tags { id name synonyms } }`);
  const isAdmin = session.isAdmin();
  return {
    isAdmin,
    networks: data.networks,
    moderated: data.networks.filter((n) => isAdmin || n.viewerCanModerate),
    projects: data.projects.nodes,
    tags: data.tags,
  };
}

/** May the caller publish somewhere (admins, and moderators of at least one network)? */
export function canPublishSomewhere(choices) {
  return choices.isAdmin || choices.moderated.length > 0;
}

/**
 * The tillsynsområden as a pick list of checkboxes (named "tag", value = tag name), in a
 * fieldset the server's "tags" errors attach to.
 */
export function tagPicker(tags, chosen = []) {
  const picked = new Set(chosen.map((t) => t.toLocaleLowerCase('sv')));
  const errorId = newId('f-tags-error');
  return h(
    'fieldset',
    { class: 'field field--group', 'data-fields': 'tags tag' },
    h('legend', { class: 'field__label' }, 'Tillsynsområden'),
    h('p', { id: errorId, class: 'field__error', hidden: true }),
    tags.length
      ? h(
          'ul',
          { class: 'tag-picker' },
          tags.map((t) => {
            const id = newId('f-tag');
            return h(
              'li',
              { class: 'field--check' },
              h('input', { id, type: 'checkbox', name: 'tag', value: t.name, class: 'field__check', checked: picked.has(t.name.toLocaleLowerCase('sv')) }),
              h('label', { for: id }, t.name),
            );
          }),
        )
      : h('p', { class: 'muted' }, 'Inga tillsynsområden finns än. En administratör lägger till dem under Administration.'),
  );
}

function checkedValues(formEl, name) {
  return [...formEl.querySelectorAll(`input[name="${name}"]:checked`)].map((el) => el.value);
}

/** A file picker with a Swedish button (see .file-picker in app.css). */
export function filePicker({ name, label, buttonText, multiple = false }) {
  const id = newId(`f-${name}`);
  const input = h('input', { id, type: 'file', name, multiple, class: 'file-picker__input' });
  const chosen = h('span', { class: 'file-picker__name', id: `${id}-name` }, 'Ingen fil vald');
  input.setAttribute('aria-describedby', `${id}-name`);
  input.addEventListener('change', () => {
    const files = [...(input.files ?? [])];
    chosen.textContent = files.length ? files.map((f) => f.name).join(', ') : 'Ingen fil vald';
  });
  const el = h(
    'div',
    { class: 'field file-picker', 'data-fields': name },
    h('p', { class: 'field__label', 'aria-hidden': 'true' }, label),
    h('p', { class: 'field__error', hidden: true, id: `${id}-error` }),
    input,
    h('label', { for: id, class: 'button button--secondary file-picker__button' }, buttonText),
    chosen,
  );
  return { el, input };
}

const ATTACHMENT = 'id fileName size version';

/** Uploads one file to a document (or as a new version of an attachment). */
export async function uploadAttachment(ownerId, file, replaces = null) {
  const data = await upload(
    `mutation Upload($input: UploadAttachmentInput!) { uploadAttachment(input: $input) { attachment { ${ATTACHMENT} } } }`,
    { input: { ownerId, file: null, replaces } },
    { 'variables.input.file': file },
  );
  return data.uploadAttachment.attachment;
}

/**
 * The document form, for a new document (`doc` null) or an edit. `onSaved(document,
 * { failedUploads })` runs after the save (and, for a new one, after its files are uploaded).
 */
export function documentForm({ choices, doc = null, presetProject = '', onSaved }) {
  const editing = Boolean(doc);
  const projectValue = doc?.project?.id ?? choices.projects.find((p) => p.slug === presetProject)?.id ?? '';
  const networkValue = doc?.network?.id ?? '';
  const projectOptions = [{ value: '', label: 'Inget projekt' }, ...choices.projects.map((p) => ({ value: p.id, label: p.name }))];
  const networkOptions = [{ value: '', label: 'Inget nätverk' }, ...choices.networks.map((n) => ({ value: n.id, label: n.name }))];
  const files = editing ? null : filePicker({ name: 'files', label: 'Bilagor (valfritt)', buttonText: 'Välj filer …', multiple: true });

  return form({
    label: editing ? 'Redigera dokument' : 'Nytt dokument',
    submitLabel: editing ? 'Spara ändringar' : 'Spara dokumentet',
    secondary: h('a', { href: editing ? `/handlaggarstod/dokument/${encodeURIComponent(doc.id)}` : '/handlaggarstod', class: 'button button--secondary' }, 'Avbryt'),
    children: [
      textField({ name: 'title', label: 'Titel', value: doc?.title ?? '', required: true, maxlength: 200 }),
      textareaField({ name: 'summary', label: 'Sammanfattning', value: doc?.summary ?? '', rows: 3, hint: 'En eller två meningar som visas i listor och sökträffar.' }),
      textareaField({
        name: 'body',
        label: 'Text',
        value: doc?.body ?? '',
        rows: 14,
        hint: 'Markdown: ## Rubrik, **fet**, - punktlista, [länktext](https://…).',
      }),
      selectField({ name: 'kind', label: 'Typ', value: doc?.kind ?? 'CHECKLISTA', options: KIND_OPTIONS }),
      selectField({ name: 'projectId', label: 'Projekt', value: projectValue, options: projectOptions, hint: 'Ange ett projekt, ett nätverk eller båda.' }),
      selectField({ name: 'networkId', label: 'Nätverk', value: networkValue, options: networkOptions }),
      tagPicker(choices.tags, doc?.tags ?? []),
      textField({ name: 'reviewBy', label: 'Granskas senast (valfritt)', type: 'date', value: doc?.reviewBy ?? '' }),
      files?.el,
      !editing && canPublishSomewhere(choices)
        ? checkboxField({ name: 'publish', label: 'Publicera direkt', hint: 'Annars sparas dokumentet som utkast som bara du och redaktörerna ser.' })
        : null,
    ],
    validate: (v) => (v.projectId || v.networkId ? [] : [{ field: 'projectId', message: 'Ange ett projekt, ett nätverk eller båda.' }]),
    onSubmit: async (v, el) => {
      const input = {
        title: v.title,
        summary: v.summary,
        body: el.elements.body.value, // Markdown: leading spaces can matter
        kind: v.kind,
        projectId: v.projectId || null,
        networkId: v.networkId || null,
        tags: checkedValues(el, 'tag'),
        reviewBy: v.reviewBy || null,
      };
      const fields = 'id title status';
      if (editing) {
        const data = await gql(
          `mutation UpdateDocument($input: UpdateDocumentInput!) { updateDocument(input: $input) { document { ${fields} version } } }`,
          { input: { id: doc.id, ...input } },
        );
        await onSaved(data.updateDocument.document, { failedUploads: [] });
        return;
      }
      const data = await gql(
        `mutation CreateDocument($input: CreateDocumentInput!) { createDocument(input: $input) { document { ${fields} } } }`,
        { input: { ...input, publish: Boolean(v.publish) } },
      );
      const created = data.createDocument.document;
      const failedUploads = [];
      for (const file of files.input.files ?? []) {
        try {
          await uploadAttachment(created.id, file);
        } catch (err) {
          failedUploads.push(`${file.name}: ${err.message}`);
        }
      }
      await onSaved(created, { failedUploads });
    },
  });
}

export const PROJECT_STATUS_OPTIONS = [
  { value: 'PLANNED', label: 'Planerat' },
  { value: 'ONGOING', label: 'Pågående' },
  { value: 'FINISHED', label: 'Avslutat' },
];

/** The project form, for a new project (`project` null) or an edit. */
export function projectForm({ choices, project = null, onSaved }) {
  const editing = Boolean(project);
  const linked = new Set((project?.networks ?? []).map((n) => n.id));
  // Admins link any network; moderators their own (and keep links they cannot change).
  const offered = choices.isAdmin ? choices.networks : choices.networks.filter((n) => n.viewerCanModerate || linked.has(n.id));
  const networks = h(
    'fieldset',
    { class: 'field field--group', 'data-fields': 'networkIds' },
    h('legend', { class: 'field__label' }, 'Nätverk'),
    choices.isAdmin ? null : h('p', { class: 'field__hint' }, 'Som moderator länkar du projektet till minst ett av dina nätverk.'),
    h('p', { class: 'field__error', hidden: true, id: newId('f-networks-error') }),
    offered.length
      ? h(
          'ul',
          { class: 'tag-picker' },
          offered.map((n) => {
            const id = newId('f-network');
            return h(
              'li',
              { class: 'field--check' },
              h('input', { id, type: 'checkbox', name: 'network', value: n.id, class: 'field__check', checked: linked.has(n.id) }),
              h('label', { for: id }, n.name),
            );
          }),
        )
      : h('p', { class: 'muted' }, 'Inga nätverk finns än.'),
  );
  const statusOptions = editing ? PROJECT_STATUS_OPTIONS : [{ value: '', label: 'Efter perioden (automatiskt)' }, ...PROJECT_STATUS_OPTIONS];
  return form({
    label: editing ? 'Redigera projekt' : 'Nytt projekt',
    submitLabel: editing ? 'Spara ändringar' : 'Skapa projektet',
    secondary: h('a', { href: editing ? `/handlaggarstod/projekt/${encodeURIComponent(project.slug)}` : '/handlaggarstod', class: 'button button--secondary' }, 'Avbryt'),
    children: [
      textField({ name: 'name', label: 'Namn', value: project?.name ?? '', required: true, maxlength: 200 }),
      textField({
        name: 'slug',
        label: editing ? 'Kortnamn i adressen' : 'Kortnamn i adressen (valfritt)',
        value: project?.slug ?? '',
        hint: 'Små bokstäver, siffror och bindestreck, till exempel sma-avlopp-2026. Görs av namnet om du lämnar det tomt.',
        maxlength: 100,
        required: editing,
      }),
      textareaField({ name: 'description', label: 'Beskrivning', value: project?.description ?? '', rows: 4 }),
      textareaField({ name: 'goal', label: 'Mål', value: project?.goal ?? '', rows: 3 }),
      textField({ name: 'parties', label: 'Samverkande parter', value: project?.parties ?? '' }),
      textField({ name: 'periodFrom', label: 'Period från (valfritt)', type: 'date', value: project?.periodFrom ?? '' }),
      textField({ name: 'periodTo', label: 'Period till (valfritt)', type: 'date', value: project?.periodTo ?? '' }),
      selectField({ name: 'status', label: 'Status', value: project?.status ?? '', options: statusOptions }),
      textField({
        name: 'responsibleText',
        label: 'Ansvarig',
        value: project?.responsibleText ?? '',
        hint: project?.responsibleUser
          ? `Nu: ${project.responsibleUser.displayName}. Lämna tomt för att behålla.`
          : 'Namn och organisation, till exempel ”Anna Andersson, Eksjö kommun”.',
      }),
      networks,
    ],
    onSubmit: async (v, el) => {
      const input = {
        name: v.name,
        slug: v.slug || null,
        description: v.description,
        goal: v.goal,
        parties: v.parties,
        periodFrom: v.periodFrom || null,
        periodTo: v.periodTo || null,
        status: v.status || null,
        responsibleText: v.responsibleText || null,
        networkIds: checkedValues(el, 'network'),
      };
      const fields = 'id slug name';
      if (editing) {
        const data = await gql(`mutation UpdateProject($input: UpdateProjectInput!) { updateProject(input: $input) { project { ${fields} } } }`, {
          input: { id: project.id, ...input },
        });
        await onSaved(data.updateProject.project);
      } else {
        const data = await gql(`mutation CreateProject($input: CreateProjectInput!) { createProject(input: $input) { project { ${fields} } } }`, { input });
        await onSaved(data.createProject.project);
      }
    },
  });
}
