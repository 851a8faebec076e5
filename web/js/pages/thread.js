// One thread (/forum/trad/<id>): the question, the accepted answer repeated at the top and
// marked in place, the replies, and a reply form with "Citera", "Förhandsgranska" and
// attachments. New posts arrive live (threadEvents over the WebSocket) and are announced
// politely; the thread is marked read when it is opened and as new posts are seen.

import { ApiError, gql } from '../api.js';
import { announce, h, notice, replace } from '../dom.js';
import { filePicker, markdownBox } from '../composer.js';
import { POST_FIELDS, networkPath, threadBadges, uploadFailures, uploadFiles } from '../forum.js';
import { autosave } from '../drafts.js';
import { excerpt, formatDateTime } from '../format.js';
import { subscribe } from '../live.js';
import { postAnchor, postArticle } from '../posts.js';
import { form } from '../forms.js';
import { moderationPanel, postAction } from '../moderation.js';
import * as session from '../session.js';

const PAGE = 100;
const THREAD_FIELDS = `id title kind status pinned locked hidden network { id slug name } author { displayName }
  tags { name slug } faq { summary promotedAt reviewBy } acceptedAnswer { id } replyCount following
  viewerCanReply viewerCanAccept viewerCanModerate updatedAt`;

const EVENTS = `subscription ThreadEvents($threadId: ID!) { threadEvents(threadId: $threadId) {
  kind post { ${POST_FIELDS} } thread { ${THREAD_FIELDS} } } }`;

export default async function threadPage({ params, setTitle }) {
  const data = await gql(
    `query Thread($id: ID!, $first: Int) { thread(id: $id) { ${THREAD_FIELDS} myDraft { body updatedAt }
       posts(first: $first) { pageInfo { hasNextPage endCursor } nodes { ${POST_FIELDS} } } } }`,
    { id: params.id, first: PAGE },
  ).catch((err) => {
    // A garbled id in the address (/forum/trad/skräp) is a page that does not exist.
    if (err instanceof ApiError && err.code === 'BAD_INPUT') throw new ApiError('NOT_FOUND', 'Tråden finns inte.');
    throw err;
  });
  if (!data.thread) throw new ApiError('NOT_FOUND', 'Tråden finns inte, eller så saknar du behörighet att läsa den.');
  let thread = data.thread;
  const posts = new Map(thread.posts.nodes.map((p) => [p.id, p]));
  let cursor = thread.posts.pageInfo.endCursor;
  let hasMore = thread.posts.pageInfo.hasNextPage;
  setTitle(thread.title);

  const root = h('div', { class: 'thread-page' });
  const header = h('div', null);
  const actionsBox = h('div', { class: 'thread-actions' });
  const questionBox = h('div', null);
  const acceptedBox = h('div', null);
  const repliesBox = h('section', { 'aria-labelledby': 'svar-rubrik' });
  const liveStatus = h('p', { class: 'live-status muted' });
  const replyBox = h('section', { class: 'panel reply', 'aria-labelledby': 'svara-rubrik' });
  let quotePostId = null;

  const ordered = () => [...posts.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));

  // ---- header and thread actions --------------------------------------------------------

  let headerKey = '';
  function drawHeader() {
    const key = JSON.stringify([thread.title, thread.kind, thread.status, thread.pinned, thread.locked, thread.hidden, thread.tags, thread.faq, thread.network]);
    if (key === headerKey) return;
    headerKey = key;
    replace(
      header,
      h('p', { class: 'breadcrumb' }, h('a', { href: networkPath(thread.network.slug) }, thread.network.name)),
      h('h1', null, thread.title),
      h(
        'p',
        { class: 'thread-item__badges' },
        threadBadges(thread).flatMap((b) => [b, ' ']),
        thread.tags.length ? [h('span', { class: 'visually-hidden' }, 'Tillsynsområden: '), thread.tags.map((t) => h('span', { class: 'tag' }, t.name))] : null,
      ),
      thread.hidden ? h('div', { class: 'notice notice--info' }, 'Tråden är dold: frågan ligger i nätverkets papperskorg och tråden syns bara för moderatorer.') : null,
      thread.faq ? h('div', { class: 'notice notice--info' }, h('p', { class: 'notice__title' }, 'Vanlig fråga'), h('p', null, thread.faq.summary)) : null,
    );
  }

  function drawActions() {
    const status = h('div', null);
    const follow = h('button', { type: 'button', class: 'button button--secondary button--small', 'aria-pressed': String(thread.following) }, 'Bevaka tråden');
    follow.addEventListener('click', async () => {
      follow.disabled = true;
      const name = thread.following ? 'unfollow' : 'follow';
      try {
        const r = await gql(`mutation Follow($input: FollowInput!) { ${name}(input: $input) { following } }`, { input: { id: thread.id } });
        thread = { ...thread, following: r[name].following };
        drawActions();
        actionsBox.querySelector('button')?.focus();
        announce(thread.following ? 'Du bevakar tråden och får aviseringar om nya svar.' : 'Du bevakar inte längre tråden.');
      } catch (err) {
        if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
        follow.disabled = false;
        replace(status, notice(err.message, 'error'));
      }
    });
    replace(
      actionsBox,
      h('div', { class: 'toolbar__actions' }, follow, thread.viewerCanReply ? h('a', { href: '#svara-rubrik', class: 'button button--small', 'data-external': true, onclick: jumpToReply }, 'Svara') : null,
        thread.viewerCanModerate ? h('a', { href: '#moderera-rubrik', class: 'button button--secondary button--small', 'data-external': true, onclick: jumpToModeration }, 'Moderera') : null),
      h('p', { class: 'muted thread-actions__hint' }, thread.following ? 'Du får en avisering när någon svarar.' : 'Bevaka tråden för att få en avisering när någon svarar.'),
      status,
    );
  }

  function jumpToModeration(event) {
    event.preventDefault();
    const target = document.getElementById('moderera-rubrik');
    target?.scrollIntoView({ block: 'start' });
    target?.focus();
  }

  function jumpToReply(event) {
    event.preventDefault();
    replyBox.querySelector('textarea')?.focus();
  }

  // ---- posts ----------------------------------------------------------------------------

  const callbacks = {
    onQuote: (post) => setQuote(post),
    onAccept: async (post, accept) => {
      const r = await gql(
        'mutation Accept($input: AcceptAnswerInput!) { acceptAnswer(input: $input) { thread { status acceptedAnswer { id } } } }',
        { input: { threadId: thread.id, postId: accept ? post.id : null } },
      );
      applyAccepted(r.acceptAnswer.thread);
      const text = accept ? `Svaret från ${post.author?.displayName ?? 'Tidigare användare'} är markerat som lösning.` : 'Markeringen som lösning är borttagen.';
      announce(text);
      const target = accept ? acceptedBox.querySelector('h2') : document.getElementById(`${postAnchor(post)}-rubrik`);
      target?.focus();
    },
    onModerate: async (post, action, extra = {}) => {
      const who = post.author?.displayName ?? 'Tidigare användare';
      const what = post.isFirst ? (thread.kind === 'QUESTION' ? 'frågan' : 'inlägget') : `svaret från ${who}`;
      // Hiding asks in its own form (with the reason for the author); withdrawing here.
      const question = {
        hide: null,
        withdraw: `Dra tillbaka ditt inlägg? Det döljs för alla utom nätverkets moderatorer, som kan återställa det.`,
        restore: null,
      }[action];
      if (question && !window.confirm(question)) return false;
      const name = { hide: 'hidePost', restore: 'restorePost', withdraw: 'withdrawPost' }[action];
      const saved = await postAction(name, post.id, POST_FIELDS, extra);
      // Someone who may not see hidden posts (the author withdrawing) no longer gets it.
      if (saved.hidden && !saved.viewerCanHide) posts.delete(saved.id);
      else posts.set(saved.id, saved);
      drawPosts();
      if (post.isFirst || post.isAccepted) await reload(); // the thread is hidden, or open again
      const text = {
        hide: `${what[0].toUpperCase()}${what.slice(1)} är dolt och ligger i nätverkets papperskorg. ${who} har fått en avisering${extra.reason ? ' med din motivering' : ''}.`,
        restore: `${what[0].toUpperCase()}${what.slice(1)} är återställt och syns igen.`,
        withdraw: 'Ditt inlägg är tillbakadraget.',
      }[action];
      const article = document.getElementById(postAnchor(saved));
      if (article) {
        article.querySelector('.post__status')?.append(notice(text, 'success'));
        document.getElementById(`${postAnchor(saved)}-rubrik`)?.focus();
      } else {
        replace(repliesStatus, notice(text, 'success'));
        repliesHeading.focus();
      }
      return true;
    },
    onSaved: (saved, warning) => {
      posts.set(saved.id, saved);
      drawPosts();
      const text = warning ? `Ändringen är sparad. ${warning}` : 'Ändringen är sparad.';
      const article = document.getElementById(postAnchor(saved));
      article?.querySelector('.post__status')?.append(notice(text, warning ? 'error' : 'success'));
      document.getElementById(`${postAnchor(saved)}-rubrik`)?.focus();
    },
  };

  function applyAccepted(t) {
    thread = { ...thread, status: t.status, acceptedAnswer: t.acceptedAnswer };
    for (const [id, p] of posts) {
      const accepted = t.acceptedAnswer?.id === id;
      if (p.isAccepted !== accepted) posts.set(id, { ...p, isAccepted: accepted });
    }
    drawHeader();
    drawPosts();
  }

  // Posts are drawn once and kept: a live event touches only the posts it changed, so an
  // open editor, typed text and focus elsewhere on the page survive it.
  const rendered = new Map(); // key → { post, rights, el }
  const rights = () => [thread.kind, thread.viewerCanReply, thread.viewerCanAccept, thread.viewerCanModerate].join();
  function articleFor(post, copy) {
    const key = copy ? `${post.id}:losning` : post.id;
    const cached = rendered.get(key);
    if (cached && cached.post === post && cached.rights === rights()) return cached.el;
    const el = postArticle(post, { thread, ...callbacks, copy });
    rendered.set(key, { post, rights: rights(), el });
    return el;
  }

  /** Makes `container`'s children exactly `els`, moving or adding only what differs. */
  function sync(container, els) {
    els.forEach((el, i) => {
      const at = container.children[i];
      if (at !== el) container.insertBefore(el, at ?? null);
    });
    while (container.children.length > els.length) container.lastElementChild.remove();
  }

  const questionSection = h('section', { 'aria-label': thread.kind === 'QUESTION' ? 'Frågan' : 'Inlägget' });
  const repliesHeading = h('h2', { id: 'svar-rubrik', class: 'section-heading', tabindex: '-1' });
  const repliesStatus = h('div', null);
  const replyList = h('div', { class: 'post-list' });
  const repliesEmpty = h('p', { class: 'empty' }, thread.kind === 'QUESTION' ? 'Ingen har svarat än.' : 'Inga svar än.');
  const moreBox = h('div', null);
  replace(questionBox, questionSection);
  replace(repliesBox, repliesHeading, repliesStatus, replyList, repliesEmpty, moreBox);
  let acceptedEl = null;

  function drawPosts() {
    const all = ordered();
    const first = all.find((p) => p.isFirst);
    const replies = all.filter((p) => !p.isFirst);
    sync(questionSection, first ? [articleFor(first, false)] : []);
    const accepted = replies.find((p) => p.isAccepted);
    const copy = accepted ? articleFor(accepted, true) : null;
    if (copy !== acceptedEl) {
      acceptedEl = copy;
      replace(
        acceptedBox,
        copy
          ? h(
              'section',
              { class: 'accepted', 'aria-labelledby': 'losning-rubrik' },
              h('h2', { id: 'losning-rubrik', class: 'accepted__heading', tabindex: '-1' }, '✓ Markerat som lösning'),
              copy,
              h('p', null, h('a', { href: `#${postAnchor(accepted)}`, 'data-external': true }, 'Visa svaret på sin plats i tråden')),
            )
          : null,
      );
    }
    repliesHeading.textContent = replies.length === 1 ? '1 svar' : `${replies.length} svar`;
    sync(replyList, replies.map((p) => articleFor(p, false)));
    replyList.hidden = replies.length === 0;
    repliesEmpty.hidden = replies.length > 0;
    if (Boolean(moreBox.firstChild) !== hasMore) replace(moreBox, hasMore ? moreButton() : null);
    const keep = new Set(all.flatMap((p) => [p.id, `${p.id}:losning`]));
    for (const key of rendered.keys()) if (!keep.has(key)) rendered.delete(key);
  }

  function moreButton() {
    const button = h('button', { type: 'button', class: 'button button--secondary' }, 'Visa fler svar');
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        const r = await gql(`query More($id: ID!, $first: Int, $after: String) { thread(id: $id) { posts(first: $first, after: $after) { pageInfo { hasNextPage endCursor } nodes { ${POST_FIELDS} } } } }`, {
          id: thread.id,
          first: PAGE,
          after: cursor,
        });
        const page = r.thread.posts;
        for (const p of page.nodes) posts.set(p.id, p);
        cursor = page.pageInfo.endCursor;
        hasMore = page.pageInfo.hasNextPage;
        button.disabled = false;
        drawPosts();
        announce(`${page.nodes.length} svar till visas.`);
        if (page.nodes[0]) document.getElementById(`${postAnchor(page.nodes[0])}-rubrik`)?.focus();
      } catch (err) {
        if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
        button.disabled = false;
        button.after(notice(err.message, 'error'));
        return;
      }
    });
    return button;
  }

  // ---- reply form -----------------------------------------------------------------------

  const quoteArea = h('div', { class: 'reply__quote' });
  const box = markdownBox({ label: 'Ditt svar', rows: 7, quotePostId: () => quotePostId, previewHeading: 'h3' });
  const files = filePicker();
  const replyStatus = h('div', null);
  // A reply left unsent (here or on another device) comes back, and is kept while written.
  let savedDraft = thread.myDraft;
  const draft = autosave({
    place: { threadId: thread.id },
    read: () => ({ title: '', body: box.textarea.value }),
    owner: root,
  });
  box.textarea.addEventListener('input', () => draft.changed());

  function setQuote(post) {
    quotePostId = post?.id ?? null;
    if (!post) {
      replace(quoteArea);
      return;
    }
    const name = post.author?.displayName ?? 'Tidigare användare';
    const remove = h('button', { type: 'button', class: 'button button--link button--small' }, 'Ta bort citatet');
    remove.addEventListener('click', () => {
      setQuote(null);
      box.textarea.focus();
      announce('Citatet är borttaget.');
    });
    replace(
      quoteArea,
      h(
        'div',
        { class: 'quote-chip' },
        h('p', { class: 'quote-chip__title' }, `Du citerar ${name}:`),
        h('blockquote', { class: 'quote-chip__text' }, excerpt(post.body, 240)),
        remove,
      ),
    );
    box.textarea.focus();
    announce(`Citatet från ${name} ligger överst i ditt svar.`);
  }

  function drawReply() {
    if (!thread.viewerCanReply) {
      replace(replyBox, h('h2', { id: 'svara-rubrik' }, 'Svara'), h('p', null, 'Tråden är låst och tar inte emot fler svar.'));
      return;
    }
    const replyForm = form({
      label: 'Skriv ett svar',
      submitLabel: 'Skicka svaret',
      secondary: box.previewButton,
      children: [quoteArea, box.field, files.el],
      onSubmit: async (_values, formEl) => {
        replace(replyStatus);
        const r = await gql(`mutation Reply($input: CreatePostInput!) { createPost(input: $input) { post { ${POST_FIELDS} } } }`, {
          input: { threadId: thread.id, body: formEl.elements.body.value, quotePostId },
        });
        const post = r.createPost.post;
        const { uploaded, failed } = await uploadFiles(post.id, files.files());
        if (uploaded.length) post.attachments = [...post.attachments, ...uploaded].sort((a, b) => a.fileName.localeCompare(b.fileName, 'sv'));
        posts.set(post.id, post);
        formEl.elements.body.value = '';
        draft.reset({ title: '', body: '' });
        files.clear();
        setQuote(null);
        box.clearPreview();
        drawPosts();
        const text = failed.length ? `Ditt svar är publicerat. ${uploadFailures(failed)}` : 'Ditt svar är publicerat.';
        replace(replyStatus, notice(text, failed.length ? 'error' : 'success'));
        document.getElementById(`${postAnchor(post)}-rubrik`)?.focus();
      },
    });
    if (savedDraft && !box.textarea.value) {
      box.textarea.value = savedDraft.body;
      draft.reset({ title: '', body: savedDraft.body });
      replace(replyStatus, notice(`Ditt osända svar från ${formatDateTime(savedDraft.updatedAt)} är återställt.`, 'info'));
    }
    savedDraft = null;
    replace(replyBox, h('h2', { id: 'svara-rubrik', tabindex: '-1' }, 'Svara'), replyStatus, replyForm, box.preview);
  }

  // ---- live events and read state -------------------------------------------------------

  // Opening the thread marks it read at once (a thread opened and left within a second is
  // read); one opened in a background tab is marked when the tab is shown. New replies
  // arriving live are marked a second later, in one call for a burst of them.
  let readTimer = null;
  let readWhenShown = false;
  function sendRead() {
    if (!root.isConnected) return;
    gql('mutation Read($input: ThreadInput!) { markThreadRead(input: $input) { thread { id } } }', { input: { threadId: thread.id } }).catch(() => {
      // Read state is a convenience; the page works without it.
    });
  }
  function markRead({ now = false } = {}) {
    window.clearTimeout(readTimer);
    if (document.visibilityState !== 'visible') {
      // One listener however many replies arrive while the tab is hidden.
      if (readWhenShown) return;
      readWhenShown = true;
      const onShow = () => {
        if (document.visibilityState !== 'visible') return;
        document.removeEventListener('visibilitychange', onShow);
        readWhenShown = false;
        sendRead();
      };
      document.addEventListener('visibilitychange', onShow);
      return;
    }
    // "now" still waits for the router to put the page in the document.
    readTimer = window.setTimeout(sendRead, now ? 0 : 1000);
  }

  function applyThread(t) {
    // An answer about an earlier change can arrive after a newer one of my own: keep the newer.
    if (t.updatedAt && t.updatedAt < thread.updatedAt) return;
    const changed = t.locked !== undefined && (t.locked !== thread.locked || t.viewerCanReply !== thread.viewerCanReply);
    thread = { ...thread, ...t };
    drawHeader();
    moderation.draw(false);
    if (changed) drawReply();
  }

  // The thread an event carries is not trusted for what is loaded in batches (tags, network):
  // a subscription may answer those from what it loaded for an earlier event. So a change of
  // the thread itself (title, tags, fäst, lås, flytt, vanliga frågor) asks for the thread again.
  let refreshTimer = null;
  function refreshThread() {
    window.clearTimeout(refreshTimer);
    refreshTimer = window.setTimeout(async () => {
      try {
        const r = await gql(`query ThreadHeader($id: ID!) { thread(id: $id) { ${THREAD_FIELDS} } }`, { id: thread.id });
        if (r.thread && root.isConnected) applyThread(r.thread);
      } catch {
        // The next event or a reload shows it.
      }
    }, 100);
  }

  function onEvent({ threadEvents: e }) {
    if (e.kind === 'THREAD_UPDATED') refreshThread();
    else if (e.thread) {
      const { status, locked, viewerCanReply, viewerCanAccept, replyCount, updatedAt } = e.thread;
      applyThread({ status, locked, viewerCanReply, viewerCanAccept, replyCount, updatedAt });
    }
    switch (e.kind) {
      case 'POST_CREATED': {
        if (!e.post || posts.has(e.post.id)) return; // my own reply is already shown
        posts.set(e.post.id, e.post);
        drawPosts();
        document.getElementById(postAnchor(e.post))?.classList.add('post--new');
        // My own reply (from another tab, or its event beating the mutation's answer) is no news.
        if (e.post.author?.displayName !== session.user()?.displayName) {
          announce(`Nytt svar från ${e.post.author?.displayName ?? 'Tidigare användare'}.`);
        }
        markRead();
        break;
      }
      case 'POST_EDITED':
      case 'POST_RESTORED':
        if (e.post) {
          const shown = posts.get(e.post.id);
          // My own edit is already shown (with its "sparad" message, which should stay).
          if (shown && shown.editedAt === e.post.editedAt && shown.body === e.post.body && shown.hidden === e.post.hidden) break;
          // Keep files uploaded after the event was sent, which the event may not carry yet.
          const before = posts.get(e.post.id);
          if (before && before.attachments.length > e.post.attachments.length) e.post.attachments = before.attachments;
          posts.set(e.post.id, e.post);
          drawPosts();
        }
        break;
      case 'POST_HIDDEN':
        // Moderators get the hidden post; others get none and do not know which it was.
        if (e.post) {
          // My own hiding is already shown (with its message, which should stay).
          const shown = posts.get(e.post.id);
          if (shown && shown.hidden === e.post.hidden && shown.hiddenReason === e.post.hiddenReason) break;
          posts.set(e.post.id, e.post);
          drawPosts();
        } else reload();
        break;
      case 'ANSWER_ACCEPTED':
        if (e.thread) {
          applyAccepted(e.thread);
          announce(e.thread.acceptedAnswer ? 'Ett svar har markerats som lösning.' : 'Markeringen som lösning är borttagen.');
        }
        break;
      default:
        drawPosts();
    }
  }

  async function reload() {
    // After a dropped connection or a post hidden from us: the first page again.
    try {
      const r = await gql(
        `query Again($id: ID!, $first: Int) { thread(id: $id) { ${THREAD_FIELDS} posts(first: $first) { pageInfo { hasNextPage endCursor } nodes { ${POST_FIELDS} } } } }`,
        { id: thread.id, first: PAGE },
      );
      if (!r.thread) return;
      thread = { ...thread, ...r.thread };
      posts.clear();
      for (const p of r.thread.posts.nodes) posts.set(p.id, p);
      cursor = r.thread.posts.pageInfo.endCursor;
      hasMore = r.thread.posts.pageInfo.hasNextPage;
      drawHeader();
      drawPosts();
      moderation.draw(false);
    } catch {
      // The next event or a reload of the page will show it.
    }
  }

  const LIVE_TEXT = {
    live: 'Nya svar visas här direkt.',
    connecting: 'Ansluter för att visa nya svar direkt …',
    offline: 'Nya svar visas inte direkt just nu. Ladda om sidan för att se dem.',
  };

  const moderation = moderationPanel({
    fields: THREAD_FIELDS,
    getThread: () => thread,
    onChanged: (t) => {
      const replyChanged = t.locked !== thread.locked || t.viewerCanReply !== thread.viewerCanReply;
      const rightsChanged = t.viewerCanModerate !== thread.viewerCanModerate;
      thread = { ...thread, ...t };
      drawHeader();
      drawPosts();
      if (rightsChanged) drawActions();
      if (replyChanged) drawReply();
    },
  });

  drawHeader();
  drawActions();
  drawPosts();
  drawReply();
  moderation.draw();
  replace(root, header, actionsBox, questionBox, acceptedBox, repliesBox, liveStatus, replyBox, moderation.el);
  subscribe(EVENTS, { threadId: thread.id }, root, {
    next: onEvent,
    status: (s) => {
      liveStatus.textContent = LIVE_TEXT[s];
      liveStatus.dataset.live = s;
    },
    reconnected: reload,
  });
  markRead({ now: true });
  return root;
}
