// Swedish words for API values, and dates in Swedish time.

export const ROLE_LABELS = {
  ADMIN: 'Administratör',
  MANAGER: 'Chef',
  MEMBER: 'Handläggare',
};

export const ROLE_OPTIONS = [
  { value: 'MEMBER', label: 'Handläggare' },
  { value: 'MANAGER', label: 'Chef (redigerar sin organisations del av telefonboken)' },
  { value: 'ADMIN', label: 'Administratör' },
];

export const ORGANISATION_KINDS = {
  kommun: 'Kommun',
  lansstyrelse: 'Länsstyrelse',
  region: 'Region',
  other: 'Annan',
};

export const SCOPE_LABELS = {
  READ: 'Läsa',
  WRITE: 'Läsa och skriva',
};

const dateTime = new Intl.DateTimeFormat('sv-SE', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/Stockholm',
});
const dateOnly = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'medium', timeZone: 'Europe/Stockholm' });

/** "3 mars 2026 14:05", or "–" for no date. */
export function formatDateTime(iso) {
  return iso ? dateTime.format(new Date(iso)) : '–';
}

/** "3 mars 2026", or "–" for no date. */
export function formatDate(iso) {
  return iso ? dateOnly.format(new Date(iso)) : '–';
}

/** The end of a local calendar day ("2026-03-03" from a date input) as an RFC 3339 instant. */
export function endOfDay(yyyyMmDd) {
  return new Date(`${yyyyMmDd}T23:59:59`).toISOString();
}

/** Tomorrow as "YYYY-MM-DD" in local time (the earliest expiry a date input should offer). */
export function tomorrow() {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A year from today in Swedish time, as YYYY-MM-DD (the server's default next review date). */
export function aYearAhead() {
  const d = new Date();
  d.setFullYear(d.getFullYear() + 1);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(d);
}

/**
 * The start of a plain text for a list: Markdown heading underlines ("-----", "=====") and
 * line breaks dropped, cut at a word near `max` characters.
 */
export function excerpt(text, max = 200) {
  const flat = (text ?? '')
    .split('\n')
    .filter((line) => !/^\s*[-=]{3,}\s*$/.test(line))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).trim()} …`;
}
