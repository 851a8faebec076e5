// The forum's shared pieces: Swedish words for thread kinds and states, addresses, a thread
// as a list item, a post's HTML with its headings moved below the page's own, and uploads
// of a post's attachments.

import { upload } from './api.js';
import { h, serverHtml } from './dom.js';
import { formatDate, formatDateTime } from './format.js';
import { badge } from './widgets.js';

export const KIND_LABELS = { QUESTION: 'Fråga', DISCUSSION: 'Diskussion', ANNOUNCEMENT: 'Anslag' };

/** The address words of the thread filters, and the API values they stand for. */
export const KIND_PARAMS = { fraga: 'QUESTION', diskussion: 'DISCUSSION', anslag: 'ANNOUNCEMENT' };
export const STATUS_PARAMS = { obesvarad: 'OPEN', besvarad: 'ANSWERED' };

export const THREAD_LIST_FIELDS = `id kind title status pinned locked hidden replyCount unreadCount lastActivityAt createdAt
  author { displayName } tags { name slug } network { slug name }`;

export const POST_FIELDS = `id body bodyHtml isFirst isAccepted hidden hiddenReason createdAt editedAt
  editedBy { displayName } author { id displayName organisation { name } } viewerCanEdit viewerCanHide viewerCanReport
  hiddenBy { displayName } hiddenNote
  attachments { id fileName size url }`;

export function networkPath(slug) {
  return `/forum/${encodeURIComponent(slug)}`;
}

export function threadPath(id) {
  return `/forum/trad/${encodeURIComponent(id)}`;
}

export function askPath(slug) {
  return `${networkPath(slug)}/ny-fraga`;
}

/** A same-site download address as a path (the API gives absolute ones). */
export function pathOf(url) {
  try {
    const u = new URL(url, location.href);
    return u.origin === location.origin ? u.pathname + u.search : url;
  } catch {
    return url;
  }
}

export function statusBadge(t) {
  if (t.kind !== 'QUESTION' || !t.status) return null;
  return t.status === 'ANSWERED' ? badge('Besvarad', 'ok') : badge('Obesvarad', 'warn');
}

/** The badges of a thread: fäst, kind, besvarad/obesvarad, låst, dold (moderators see those). */
export function threadBadges(t) {
  return [
    t.pinned ? badge('Fäst', 'info') : null,
    badge(KIND_LABELS[t.kind] ?? t.kind, 'kind'),
    statusBadge(t),
    t.locked ? badge('Låst', 'off') : null,
    t.hidden ? badge('Dold', 'off') : null,
  ].filter(Boolean);
}

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

/** One thread in a list. `showNetwork` for lists that mix networks (the start page). */
export function threadItem(t, { showNetwork = false, headingLevel = 'h3' } = {}) {
  const meta = [
    t.author ? `${t.kind === 'QUESTION' ? 'Frågat' : 'Skrivet'} av ${t.author.displayName}` : null,
    plural(t.replyCount, 'svar', 'svar'),
    `senast aktiv ${formatDate(t.lastActivityAt)}`,
    showNetwork ? t.network.name : null,
  ].filter(Boolean);
  return h(
    'li',
    { class: ['thread-item', t.pinned ? 'thread-item--pinned' : null, t.unreadCount > 0 ? 'thread-item--unread' : null] },
    h('p', { class: 'thread-item__badges' }, threadBadges(t).flatMap((b) => [b, ' ']), t.unreadCount > 0 ? badge(plural(t.unreadCount, 'oläst', 'olästa'), 'new') : null),
    h(headingLevel, { class: 'thread-item__title' }, h('a', { href: threadPath(t.id) }, t.title)),
    h('p', { class: 'muted thread-item__meta' }, meta.join(' · ')),
    t.tags.length ? h('p', { class: 'tag-list' }, h('span', { class: 'visually-hidden' }, 'Tillsynsområden: '), t.tags.map((tag) => h('span', { class: 'tag' }, tag.name))) : null,
  );
}

/**
 * A post's sanitised HTML. The page's own headings go down to h3 (the post's author line),
 * so headings written in a post start at h4.
 */
export function postHtml(html) {
  const fragment = serverHtml(html);
  for (const heading of fragment.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    const level = Math.min(Number(heading.tagName[1]) + 3, 6);
    const moved = document.createElement(`h${level}`);
    moved.append(...heading.childNodes);
    heading.replaceWith(moved);
  }
  return fragment;
}

export function timeEl(iso, text = formatDateTime(iso)) {
  return h('time', { datetime: iso }, text);
}

const UPLOAD = 'mutation UploadPostFile($input: UploadAttachmentInput!) { uploadAttachment(input: $input) { attachment { id fileName size url } } }';

/**
 * Uploads files to a post, one after another. Returns { uploaded: [attachment], failed:
 * [{ name, message }] } so one refused file does not lose the others.
 */
export async function uploadFiles(postId, files) {
  const uploaded = [];
  const failed = [];
  for (const file of files) {
    try {
      const data = await upload(UPLOAD, { input: { ownerId: postId, file: null } }, { 'variables.input.file': file });
      uploaded.push(data.uploadAttachment.attachment);
    } catch (err) {
      failed.push({ name: file.name, message: err.message });
    }
  }
  return { uploaded, failed };
}

/** "Filen x.pdf kunde inte laddas upp: …" for each failed upload. */
export function uploadFailures(failed) {
  return failed.map((f) => `Filen ${f.name} kunde inte laddas upp: ${f.message}`).join(' ');
}
