// Handläggarstöd's shared pieces: kind names, file sizes, a document as a list item.

import { h } from './dom.js';
import { formatDate } from './format.js';
import { badge } from './widgets.js';

export const KIND_OPTIONS = [
  { value: 'CHECKLISTA', label: 'Checklista' },
  { value: 'PROJEKTPLAN', label: 'Projektplan' },
  { value: 'PROJEKTRAPPORT', label: 'Projektrapport' },
  { value: 'VAGLEDNING', label: 'Vägledning' },
  { value: 'MALL', label: 'Mall' },
  { value: 'INFORMATIONSMATERIAL', label: 'Informationsmaterial' },
  { value: 'PROTOKOLL', label: 'Protokoll' },
];

export const DOCUMENT_LIST_FIELDS = `id title summary kind kindLabel status statusLabel reviewOverdue publishedAt updatedAt tags
  project { slug name } network { slug name }`;

/** "checklista" → "Checklista" (the API's labels are lower case, for use inside sentences). */
export function cap(text) {
  return text ? text[0].toLocaleUpperCase('sv') + text.slice(1) : text;
}

export function documentPath(d) {
  return `/handlaggarstod/dokument/${encodeURIComponent(d.id)}`;
}

const bytes = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });

/** "2,4 MB" */
export function fileSize(size) {
  if (size < 1024) return `${size} byte`;
  if (size < 1024 * 1024) return `${bytes.format(size / 1024)} kB`;
  return `${bytes.format(size / 1024 / 1024)} MB`;
}

export function documentItem(d) {
  return h(
    'li',
    { class: 'doc-item' },
    h('p', { class: 'doc-item__kind' }, d.kindLabel, d.status !== 'PUBLISHED' ? [' ', badge(cap(d.statusLabel), 'warn')] : null),
    h('h3', { class: 'doc-item__title' }, h('a', { href: documentPath(d) }, d.title)),
    d.summary ? h('p', null, d.summary) : null,
    h(
      'p',
      { class: 'muted' },
      [d.project?.name, d.network?.name, d.tags.join(', ') || null, d.publishedAt ? `Publicerad ${formatDate(d.publishedAt)}` : `Ändrad ${formatDate(d.updatedAt)}`]
        .filter(Boolean)
        .join(' · '),
    ),
  );
}
