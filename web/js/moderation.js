// The moderators' panel on a thread page (/forum/trad/<id>): fäst, lås, flytta to another
// network, change the title, tillsynsområden and kind (fråga, diskussion, anslag), and put an answered question in the
// network's vanliga frågor with a summary and a review-by date (or take it out again). The server decides every
// right (viewerCanModerate only decides whether the panel is offered); each result is shown
// in the panel and read out through the live region.

import { ApiError, gql } from './api.js';
import { h, notice, replace } from './dom.js';
import { aYearAhead, formatDate, tomorrow } from './format.js';
import { form, selectField, textField, textareaField } from './forms.js';
import { tagPicker } from './library-edit.js';

/** The thread mutations of the panel; `fields` is the thread page's selection. */
function mutation(name, inputType, fields) {
  return `mutation ${name[0].toUpperCase()}${name.slice(1)}($input: ${inputType}!) { ${name}(input: $input) { thread { ${fields} } } }`;
}

/** The networks a thread can move to and the tillsynsområden, asked for once per thread page. */
function choiceLoader() {
  let choices = null;
  return () => {
    choices ??= gql('query ModerationChoices { networks { id slug name } tags { id name } }').catch((err) => {
      choices = null;
      throw err;
    });
    return choices;
  };
}

/**
 * The panel. `getThread()` gives the thread as the page knows it; `onChanged(thread, text)`
 * is called with the thread the server returned and the message that was announced.
 * Returns { el, draw } — `draw()` after the thread changed some other way (a live event).
 */
export function moderationPanel({ fields, getThread, onChanged }) {
  const loadChoices = choiceLoader();
  const el = h('section', { class: 'panel moderation', 'aria-labelledby': 'moderera-rubrik' });
  const status = h('div', { class: 'moderation__status' });

  function done(thread, text, focusTarget) {
    onChanged(thread, text);
    draw();
    replace(status, notice(text, 'success'));
    (focusTarget?.() ?? el.querySelector('#moderera-rubrik'))?.focus();
  }

  function failed(err, button) {
    if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
    if (button) button.disabled = false;
    replace(status, notice(err.message, 'error'));
  }

  async function run(button, name, inputType, input, text) {
    button.disabled = true;
    try {
      const r = await gql(mutation(name, inputType, fields), { input });
      const thread = r[name].thread;
      done(thread, typeof text === 'function' ? text(thread) : text, () => el.querySelector(`[data-action="${button.dataset.action}"]`));
    } catch (err) {
      failed(err, button);
    }
  }

  function toggles(t) {
    const pin = h('button', { type: 'button', class: 'button button--secondary', 'data-action': 'pin' }, t.pinned ? 'Lossa tråden' : 'Fäst tråden');
    pin.addEventListener('click', () =>
      run(pin, 'pinThread', 'PinThreadInput', { threadId: t.id, pinned: !t.pinned }, t.pinned ? 'Tråden är inte längre fäst.' : 'Tråden är fäst överst i nätverket.'),
    );
    const lock = h('button', { type: 'button', class: 'button button--secondary', 'data-action': 'lock' }, t.locked ? 'Lås upp tråden' : 'Lås tråden');
    lock.addEventListener('click', () => {
      if (!t.locked && !window.confirm('Låsa tråden? Ingen utom nätverkets moderatorer kan svara i den förrän den låses upp.')) return;
      run(lock, 'lockThread', 'LockThreadInput', { threadId: t.id, locked: !t.locked }, t.locked ? 'Tråden är upplåst och tar emot svar igen.' : 'Tråden är låst. Bara moderatorer kan svara.');
    });
    return h(
      'div',
      { class: 'moderation__group' },
      h('h3', null, 'Fäst och lås'),
      h('p', { class: 'muted' }, `${t.pinned ? 'Tråden är fäst överst i nätverket' : 'Tråden är inte fäst'}. ${t.locked ? 'Den är låst för nya svar.' : 'Den tar emot svar.'}`),
      h('div', { class: 'toolbar-row' }, pin, lock),
    );
  }

  function moveForm(t, networks) {
    const others = networks.filter((n) => n.id !== t.network.id);
    if (others.length === 0) return h('div', { class: 'moderation__group' }, h('h3', null, 'Flytta'), h('p', { class: 'muted' }, 'Det finns inget annat nätverk att flytta tråden till.'));
    return h(
      'div',
      { class: 'moderation__group' },
      h('h3', null, 'Flytta till ett annat nätverk'),
      form({
        label: 'Flytta tråden',
        submitLabel: 'Flytta tråden',
        children: [
          selectField({
            name: 'networkId',
            label: 'Nytt nätverk',
            required: true,
            options: [{ value: '', label: 'Välj nätverk' }, ...others.map((n) => ({ value: n.id, label: n.name }))],
          }),
        ],
        onSubmit: async ({ networkId }) => {
          const target = others.find((n) => n.id === networkId);
          if (!window.confirm(`Flytta tråden till ${target.name}? Den syns sedan för dem som läser ${target.name}.`)) return;
          const r = await gql(mutation('moveThread', 'MoveThreadInput', fields), { input: { threadId: t.id, networkId } });
          done(r.moveThread.thread, `Tråden är flyttad till ${r.moveThread.thread.network.name}.`);
        },
      }),
    );
  }

  function retagForm(t, tags) {
    return h(
      'div',
      { class: 'moderation__group' },
      h('h3', null, 'Rubrik och tillsynsområden'),
      form({
        label: 'Ändra rubrik och tillsynsområden',
        submitLabel: 'Spara rubrik och tillsynsområden',
        children: [textField({ name: 'title', label: 'Rubrik', value: t.title, required: true, maxlength: 200 }), tagPicker(tags, t.tags.map((x) => x.name))],
        onSubmit: async ({ title }, formEl) => {
          const chosen = [...formEl.querySelectorAll('input[name="tag"]:checked')].map((x) => x.value);
          const r = await gql(mutation('updateThread', 'UpdateThreadInput', fields), { input: { threadId: t.id, title, tags: chosen } });
          done(r.updateThread.thread, 'Rubriken och tillsynsområdena är sparade.');
        },
      }),
    );
  }

  function kindForm(t) {
    const labels = { QUESTION: 'fråga', DISCUSSION: 'diskussion', ANNOUNCEMENT: 'anslag' };
    return h(
      'div',
      { class: 'moderation__group' },
      h('h3', null, 'Typ'),
      form({
        label: 'Byt typ på tråden',
        submitLabel: 'Byt typ',
        children: [
          selectField({
            name: 'kind',
            label: 'Trådens typ',
            value: t.kind,
            options: [
              { value: 'QUESTION', label: 'Fråga' },
              { value: 'DISCUSSION', label: 'Diskussion' },
              { value: 'ANNOUNCEMENT', label: 'Anslag' },
            ],
            hint: t.kind === 'QUESTION' ? 'Blir frågan en diskussion eller ett anslag försvinner markeringen som lösning och platsen bland vanliga frågor.' : null,
          }),
        ],
        onSubmit: async ({ kind }) => {
          if (kind === t.kind) return;
          if (t.kind === 'QUESTION' && (t.status === 'ANSWERED' || t.faq) && !window.confirm(`Göra frågan till ${labels[kind]}? Markeringen som lösning${t.faq ? ' och platsen bland vanliga frågor' : ''} tas bort.`)) return;
          const r = await gql(mutation('updateThread', 'UpdateThreadInput', fields), { input: { threadId: t.id, kind } });
          done(r.updateThread.thread, `Tråden är nu ${labels[kind] === 'anslag' ? 'ett anslag' : `en ${labels[kind]}`}.`);
        },
      }),
    );
  }

  function faqPart(t) {
    const heading = h('h3', null, 'Vanliga frågor');
    if (t.kind !== 'QUESTION') return null;
    if (t.faq) {
      const remove = h('button', { type: 'button', class: 'button button--danger', 'data-action': 'unfaq' }, 'Ta bort från vanliga frågor');
      remove.addEventListener('click', () => {
        if (!window.confirm('Ta bort frågan från nätverkets vanliga frågor? Sammanfattningen försvinner; tråden finns kvar.')) return;
        run(remove, 'removeFromFaq', 'ThreadInput', { threadId: t.id }, 'Frågan är borttagen från vanliga frågor.');
      });
      return h(
        'div',
        { class: 'moderation__group' },
        heading,
        h('p', null, 'Frågan finns bland nätverkets vanliga frågor', t.faq.reviewBy ? ` och granskas senast ${formatDate(t.faq.reviewBy)}.` : '.'),
        summaryForm(t, 'Spara sammanfattningen', 'Sammanfattningen är sparad.'),
        h('div', { class: 'toolbar-row' }, remove),
      );
    }
    if (t.status !== 'ANSWERED') {
      return h('div', { class: 'moderation__group' }, heading, h('p', { class: 'muted' }, 'När ett svar är markerat som lösning kan frågan läggas till bland vanliga frågor.'));
    }
    return h('div', { class: 'moderation__group' }, heading, summaryForm(t, 'Lägg till bland vanliga frågor', 'Frågan är tillagd bland vanliga frågor.'));
  }

  function summaryForm(t, submitLabel, text) {
    return form({
      label: submitLabel,
      submitLabel,
      children: [
        textareaField({
          name: 'summary',
          label: 'Sammanfattning av svaret',
          value: t.faq?.summary ?? '',
          required: true,
          rows: 4,
          maxlength: 1000,
          hint: 'Visas överst i tråden och bland vanliga frågor. 10–1000 tecken.',
        }),
        textField({
          name: 'reviewBy',
          label: 'Granskas senast',
          type: 'date',
          value: t.faq?.reviewBy ?? aYearAhead(),
          min: tomorrow(),
          required: true,
          hint: 'Då visas frågan under Att granska för nätverkets moderatorer, så att svaret hålls aktuellt.',
        }),
      ],
      validate: ({ summary, reviewBy }) => [
        ...(summary.length < 10 ? [{ field: 'summary', message: 'Skriv en sammanfattning på minst 10 tecken.' }] : []),
        ...(reviewBy && reviewBy < tomorrow() ? [{ field: 'reviewBy', message: 'Välj ett datum efter i dag.' }] : []),
      ],
      onSubmit: async ({ summary, reviewBy }) => {
        const r = await gql(mutation('promoteToFaq', 'PromoteToFaqInput', fields), { input: { threadId: t.id, summary, reviewBy: reviewBy || null } });
        done(r.promoteToFaq.thread, text);
      },
    });
  }

  let drawn = '';
  async function draw(force = true) {
    const t = getThread();
    const key = JSON.stringify([t.pinned, t.locked, t.network.id, t.title, t.tags, t.faq, t.status, t.kind, t.viewerCanModerate]);
    if (!force && key === drawn) return;
    drawn = key;
    if (!t.viewerCanModerate) {
      replace(el);
      el.hidden = true;
      return;
    }
    el.hidden = false;
    const body = h('div', { class: 'moderation__body' }, h('p', { class: 'loading' }, 'Hämtar nätverk och tillsynsområden …'));
    replace(
      el,
      h('h2', { id: 'moderera-rubrik', tabindex: '-1' }, 'Moderera tråden'),
      h('p', { class: 'muted' }, 'Du ser det här för att du är moderator för nätverket.'),
      status,
      body,
    );
    try {
      const c = await loadChoices();
      replace(body, toggles(t), moveForm(t, c.networks), retagForm(t, c.tags), kindForm(t), faqPart(t));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
      replace(body, notice(err.message, 'error'));
    }
  }

  return { el, draw };
}

/**
 * Runs a post mutation (hidePost, restorePost, withdrawPost) and returns the post; `extra`
 * adds to the input (hidePost's `reason`).
 */
export async function postAction(name, postId, postFields, extra = {}) {
  const inputType = name === 'hidePost' ? 'HidePostInput' : 'PostInput';
  const r = await gql(`mutation ${name[0].toUpperCase()}${name.slice(1)}($input: ${inputType}!) { ${name}(input: $input) { post { ${postFields} } } }`, {
    input: { postId, ...extra },
  });
  return r[name].post;
}
