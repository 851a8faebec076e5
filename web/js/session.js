// Who is signed in. The session itself is an HttpOnly cookie the script never sees; this
// module only remembers the `me` answer and tells listeners (the header) when it changes.

import { gql } from './api.js';

export const ME_FIELDS = 'id displayName email role organisation { id name }';

let current = null;
const listeners = new Set();

/** The signed-in user ({ id, displayName, email, role, organisation }) or null. */
export function user() {
  return current;
}

export function isAdmin() {
  return current?.role === 'ADMIN';
}

export function set(u) {
  current = u ?? null;
  for (const listener of listeners) listener(current);
}

export function clear() {
  set(null);
}

/** Asks the server who we are (null when not signed in). */
export async function load() {
  const data = await gql(`query Me { me { ${ME_FIELDS} } }`);
  set(data.me);
  return current;
}

export function onChange(listener) {
  listeners.add(listener);
}

let signedOutFrom = null;

/**
 * Ends the session on the server. When it was opened through an organisation's identity
 * provider, remembers that provider (and its own sign-out link) for the "Utloggad" page.
 */
export async function logout() {
  let via = null;
  try {
    via = (await gql('query MySignIn { mySignIn { provider { organisationName } endSessionUrl } }')).mySignIn;
  } catch {
    // Signing out of Samsyn matters more than the provider's link.
  }
  await gql('mutation Logout { logout }');
  signedOutFrom = via;
  clear();
  return via;
}

/** The provider the last sign-out came from ({ provider, endSessionUrl }), once. */
export function takeSignedOutFrom() {
  const via = signedOutFrom;
  signedOutFrom = null;
  return via;
}
