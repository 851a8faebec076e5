// A forum post as an article: author, time, "Redigerad" (opens the version history), the
// sanitised Markdown, its attachments and its actions (citera, redigera, markera som lösning,
// dölj/återställ for moderators, dra tillbaka for the author, anmäl for everyone else).
// The edit form lives here too. The thread page owns the state and passes callbacks in.

import { ApiError, gql } from './api.js';
import { announce, h, notice, replace } from './dom.js';
import { form, textareaField } from './forms.js';
import { filePicker, markdownBox } from './composer.js';
import { POST_FIELDS, pathOf, postHtml, timeEl, uploadFailures, uploadFiles } from './forum.js';
import { formatDateTime } from './format.js';
import { fileSize } from './library.js';
import * as session from './session.js';
import { badge } from './widgets.js';

/** The element id of a post's article (for links such as "Visa i tråden"). */
export function postAnchor(post) {
  return `inlagg-${post.id}`;
}

function authorName(post) {
  return post.author?.displayName ?? 'Tidigare användare';
}

function attachmentList(post) {
  if (!post.attachments?.length) return null;
  return h(
    'div',
    { class: 'post__files' },
    h('p', { class: 'post__files-label' }, 'Bilagor'),
    h(
      'ul',
      { class: 'plain-list' },
      post.attachments.map((a) => h('li', null, h('a', { href: pathOf(a.url), download: a.fileName }, a.fileName), h('span', { class: 'muted' }, ` (${fileSize(a.size)})`))),
    ),
  );
}

async function loadHistory(post, panel) {
  replace(panel, h('p', { class: 'loading' }, 'Hämtar versionshistoriken …'));
  try {
    const data = await gql(
      `query PostRevisions($postId: ID!) { postRevisions(postId: $postId) {
         id bodyHtml writtenAt writtenBy { displayName } replacedAt replacedBy { displayName } } }`,
      { postId: post.id },
    );
    const revisions = data.postRevisions;
    replace(
      panel,
      h('h4', { class: 'history__heading', tabindex: '-1' }, 'Versionshistorik'),
      h(
        'ol',
        { class: 'history__list' },
        revisions.map((r, i) =>
          h(
            'li',
            { class: 'history__item' },
            h(
              'p',
              { class: 'history__meta' },
              h('strong', null, `Version ${i + 1}`),
              `, skriven ${formatDateTime(r.writtenAt)}${r.writtenBy ? ` av ${r.writtenBy.displayName}` : ''}; ersatt ${formatDateTime(r.replacedAt)}${r.replacedBy ? ` av ${r.replacedBy.displayName}` : ''}`,
            ),
            h('div', { class: 'prose history__body' }, postHtml(r.bodyHtml)),
          ),
        ),
        h(
          'li',
          { class: 'history__item history__item--current' },
          h('p', { class: 'history__meta' }, h('strong', null, `Version ${revisions.length + 1} (nuvarande)`), `, ändrad ${formatDateTime(post.editedAt)}${post.editedBy ? ` av ${post.editedBy.displayName}` : ''}`),
        ),
      ),
    );
    panel.querySelector('.history__heading').focus();
  } catch (err) {
    if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
    replace(panel, notice(err.message, 'error'));
  }
}

/**
 * A post as an <article>. options: { thread, headingPrefix, onQuote(post), onAccept(post,
 * accept), onSaved(post), onModerate(post, 'hide' | 'restore' | 'withdraw', { reason }) → true
 * when done, copy } — `copy` for the accepted answer repeated at the top
 * (its ids differ so the page keeps unique ids).
 */
export function postArticle(post, { thread, onQuote, onAccept, onSaved, onModerate = null, copy = false }) {
  const suffix = copy ? '-losning' : '';
  const headingId = `${postAnchor(post)}-rubrik${suffix}`;
  const historyId = `${postAnchor(post)}-historik${suffix}`;
  const role = post.isFirst ? (thread.kind === 'QUESTION' ? 'Frågan' : 'Inlägget') : 'Svar';
  const body = h('div', { class: 'prose post__body' }, postHtml(post.bodyHtml));
  const history = h('div', { class: 'history', id: historyId, hidden: true });
  const status = h('div', { class: 'post__status' });

  let edited = null;
  if (post.editedAt) {
    edited = h('button', { type: 'button', class: 'button button--link post__edited', 'aria-expanded': 'false', 'aria-controls': historyId }, `Redigerad ${formatDateTime(post.editedAt)}`);
    edited.addEventListener('click', () => {
      const open = edited.getAttribute('aria-expanded') !== 'true';
      edited.setAttribute('aria-expanded', String(open));
      history.hidden = !open;
      if (open) loadHistory(post, history);
    });
  }

  const actions = [];
  if (!copy && onQuote && thread.viewerCanReply && !post.hidden) {
    const quote = h('button', { type: 'button', class: 'button button--secondary button--small' }, 'Citera', h('span', { class: 'visually-hidden' }, ` ${authorName(post)}`));
    quote.addEventListener('click', () => onQuote(post));
    actions.push(quote);
  }
  if (!copy && post.viewerCanEdit) {
    const edit = h('button', { type: 'button', class: 'button button--secondary button--small' }, 'Redigera', h('span', { class: 'visually-hidden' }, post.isFirst ? ' frågan' : ` svaret från ${authorName(post)}`));
    edit.addEventListener('click', () => openEditor());
    actions.push(edit);
  }
  if (thread.kind === 'QUESTION' && thread.viewerCanAccept && !post.isFirst && !post.hidden && onAccept) {
    const accept = h(
      'button',
      { type: 'button', class: post.isAccepted ? 'button button--secondary button--small' : 'button button--small' },
      post.isAccepted ? 'Ta bort markeringen som lösning' : 'Markera som lösning',
      h('span', { class: 'visually-hidden' }, ` (svaret från ${authorName(post)})`),
    );
    accept.addEventListener('click', async () => {
      accept.disabled = true;
      try {
        await onAccept(post, !post.isAccepted);
      } catch (err) {
        if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
        accept.disabled = false;
        replace(status, notice(err.message, 'error'));
      }
    });
    actions.push(accept);
  }

  if (!copy && onModerate) {
    const me = session.user()?.id;
    const own = Boolean(me) && post.author?.id === me;
    const moderation = [];
    if (post.hidden && post.viewerCanHide) moderation.push(['restore', 'Återställ', 'button button--secondary button--small']);
    if (!post.hidden && post.viewerCanHide && !own) moderation.push(['hide', 'Dölj', 'button button--danger button--small']);
    if (!post.hidden && own) moderation.push(['withdraw', 'Dra tillbaka', 'button button--danger button--small']);
    for (const [action, label, cls] of moderation) {
      const button = h('button', { type: 'button', class: cls, 'data-action': action }, label, h('span', { class: 'visually-hidden' }, post.isFirst ? ` ${role.toLowerCase()}` : ` svaret från ${authorName(post)}`));
      button.addEventListener('click', async () => {
        if (action === 'hide') {
          openHide();
          return;
        }
        button.disabled = true;
        try {
          const done = await onModerate(post, action);
          if (!done) button.disabled = false;
        } catch (err) {
          if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
          button.disabled = false;
          replace(status, notice(err.message, 'error'));
        }
      });
      actions.push(button);
    }
  }

  if (!copy && post.viewerCanReport) {
    const report = h('button', { type: 'button', class: 'button button--link button--small', 'data-action': 'report' }, 'Anmäl', h('span', { class: 'visually-hidden' }, post.isFirst ? ` ${role.toLowerCase()}` : ` svaret från ${authorName(post)}`));
    report.addEventListener('click', () => openReport());
    actions.push(report);
  }

  const hiddenText = post.hiddenReason === 'WITHDRAWN' ? 'Tillbakadraget av författaren' : `Dolt av ${post.hiddenBy ? post.hiddenBy.displayName : 'moderator'}`;
  const article = h(
    'article',
    {
      class: ['post', post.isFirst ? 'post--first' : null, post.isAccepted ? 'post--accepted' : null, post.hidden ? 'post--hidden' : null],
      id: copy ? null : postAnchor(post),
      'aria-labelledby': headingId,
      dataset: { postId: post.id },
    },
    h(
      'header',
      { class: 'post__header' },
      h('h3', { class: 'post__author', id: headingId, tabindex: '-1' }, h('span', { class: 'visually-hidden' }, `${role} från `), authorName(post)),
      h(
        'p',
        { class: 'post__meta' },
        post.author?.organisation ? h('span', null, post.author.organisation.name) : null,
        timeEl(post.createdAt),
        edited,
      ),
      post.isAccepted ? h('p', { class: 'post__badges' }, badge('✓ Markerat som lösning', 'ok')) : null,
      post.hidden ? h('p', { class: 'post__badges' }, badge(hiddenText, 'off'), ' ', h('span', { class: 'muted' }, 'Syns bara för moderatorer.')) : null,
      post.hidden && post.hiddenNote ? h('p', { class: 'muted post__hidden-note' }, `Motivering: ${post.hiddenNote}`) : null,
    ),
    body,
    attachmentList(post),
    history,
    actions.length ? h('div', { class: 'post__actions' }, actions) : null,
    status,
  );

  function openEditor() {
    const box = markdownBox({ label: 'Inläggets text', value: post.body, rows: 8, previewHeading: 'h4' });
    const files = filePicker({ label: 'Lägg till bilagor', buttonLabel: 'Bifoga filer …' });
    const cancel = h('button', { type: 'button', class: 'button button--link' }, 'Avbryt');
    const editor = form({
      label: `Redigera inlägget från ${authorName(post)}`,
      submitLabel: 'Spara ändringen',
      secondary: [box.previewButton, cancel],
      children: [box.field, files.el],
      onSubmit: async (_values, formEl) => {
        const data = await gql(`mutation EditPost($input: EditPostInput!) { editPost(input: $input) { post { ${POST_FIELDS} } } }`, {
          input: { postId: post.id, body: formEl.elements.body.value },
        });
        const saved = data.editPost.post;
        const { uploaded, failed } = await uploadFiles(saved.id, files.files());
        if (uploaded.length) saved.attachments = [...saved.attachments, ...uploaded].sort((a, b) => a.fileName.localeCompare(b.fileName, 'sv'));
        onSaved(saved, failed.length ? uploadFailures(failed) : null);
      },
    });
    const wrap = h('div', { class: 'post__editor' }, editor, box.preview);
    cancel.addEventListener('click', () => {
      wrap.replaceWith(body);
      article.querySelector('.post__actions')?.removeAttribute('hidden');
      article.querySelector(`#${headingId}`).focus();
    });
    body.replaceWith(wrap);
    article.querySelector('.post__actions')?.setAttribute('hidden', '');
    box.textarea.focus();
    announce('Redigerar inlägget.');
  }

  /** "Dölj" (moderators): says what happens and asks for the reason the author is told. */
  function openHide() {
    const cancel = h('button', { type: 'button', class: 'button button--link' }, 'Avbryt');
    const close = () => {
      wrap.remove();
      article.querySelector('.post__actions')?.removeAttribute('hidden');
      article.querySelector(`#${headingId}`).focus();
    };
    const who = authorName(post);
    const hideForm = form({
      label: `Dölj inlägget från ${who}`,
      submitLabel: 'Dölj inlägget',
      secondary: [cancel],
      children: [
        h(
          'p',
          null,
          `Inlägget flyttas till nätverkets papperskorg och syns bara för moderatorer, som kan återställa det.${post.isFirst ? ' Hela tråden döljs då.' : ''} ${who} får en avisering om att inlägget är dolt, med din motivering.`,
        ),
        textareaField({
          name: 'reason',
          label: `Motivering till ${who} (valfri)`,
          rows: 3,
          maxlength: 1000,
          hint: 'Till exempel vad som bör ändras. Högst 1000 tecken.',
        }),
      ],
      onSubmit: async ({ reason }) => {
        const done = await onModerate(post, 'hide', { reason });
        if (!done) close();
      },
    });
    const wrap = h('div', { class: 'post__editor post__hide' }, h('h4', null, 'Dölj inlägget'), hideForm);
    cancel.addEventListener('click', () => close());
    article.querySelector('.post__actions')?.before(wrap);
    article.querySelector('.post__actions')?.setAttribute('hidden', '');
    wrap.querySelector('textarea').focus();
  }

  /** "Anmäl": the reason goes to the network's moderators; the post stays as it is. */
  function openReport() {
    const cancel = h('button', { type: 'button', class: 'button button--link' }, 'Avbryt');
    const close = (text) => {
      wrap.remove();
      article.querySelector('.post__actions')?.removeAttribute('hidden');
      if (text) replace(status, notice(text, 'success'));
      article.querySelector(`#${headingId}`).focus();
    };
    const reportForm = form({
      label: `Anmäl inlägget från ${authorName(post)}`,
      submitLabel: 'Skicka anmälan',
      secondary: [cancel],
      children: [
        textareaField({
          name: 'reason',
          label: 'Varför anmäler du inlägget?',
          required: true,
          rows: 3,
          maxlength: 1000,
          hint: 'Bara nätverkets moderatorer ser anmälan och vem som gjorde den. 3–1000 tecken.',
        }),
      ],
      validate: ({ reason }) => (reason.trim().length < 3 ? [{ field: 'reason', message: 'Skriv minst 3 tecken om varför.' }] : []),
      onSubmit: async ({ reason }) => {
        await gql('mutation ReportPost($input: ReportPostInput!) { reportPost(input: $input) { post { id } } }', { input: { postId: post.id, reason } });
        close('Tack! Nätverkets moderatorer har fått din anmälan.');
        announce('Anmälan är skickad till moderatorerna.');
      },
    });
    const wrap = h('div', { class: 'post__editor post__report' }, h('h4', null, 'Anmäl till moderatorerna'), reportForm);
    cancel.addEventListener('click', () => close(null));
    article.querySelector('.post__actions')?.before(wrap);
    article.querySelector('.post__actions')?.setAttribute('hidden', '');
    wrap.querySelector('textarea').focus();
  }

  return article;
}
