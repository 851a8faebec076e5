// Drafts (utkast) of a reply or a new question, kept on the server while they are written:
// saved 3 seconds after typing stops, when the tab is hidden or closed (a keepalive request
// that outlives the page) and when the page is left inside the app. Posting deletes the
// draft on the server; `reset` tells this module so it does not save the emptied form.

import { gql } from './api.js';

const SAVE = 'mutation SaveDraft($input: SaveDraftInput!) { saveDraft(input: $input) { draft { updatedAt } } }';
const IDLE_MS = 3000;

/**
 * Starts saving. `place` is { threadId } or { networkId }; `read()` gives { title, body }
 * as the form holds them now; `owner` is the page's root (saving stops once it has left the
 * page, after one last save). Returns { changed, reset(values) }: call `changed()` on input.
 */
export function autosave({ place, read, owner, onSaved = () => {} }) {
  let last = JSON.stringify(read());
  let timer = null;

  function save(keepalive = false) {
    clearTimeout(timer);
    const values = read();
    const key = JSON.stringify(values);
    if (key === last) return;
    last = key;
    gql(SAVE, { input: { ...place, ...values } }, { keepalive })
      .then((r) => onSaved(r.saveDraft.draft))
      .catch(() => {
        last = null; // try again at the next change or when the page is left
      });
  }

  const onHidden = () => {
    if (document.visibilityState === 'hidden') save(true);
  };
  const onPageHide = () => save(true);
  document.addEventListener('visibilitychange', onHidden);
  window.addEventListener('pagehide', onPageHide);
  const watcher = setInterval(() => {
    if (owner.isConnected) return;
    clearInterval(watcher);
    document.removeEventListener('visibilitychange', onHidden);
    window.removeEventListener('pagehide', onPageHide);
    save(true);
  }, 1000);

  return {
    changed() {
      clearTimeout(timer);
      timer = setTimeout(() => save(), IDLE_MS);
    },
    reset(values) {
      clearTimeout(timer);
      last = JSON.stringify(values);
    },
  };
}
