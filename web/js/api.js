// The one way the UI talks to the server: POST /graphql with JSON (the server refuses
// cookie-authenticated POSTs that are not JSON), and multipart with the CSRF header for
// uploads. Errors come back as ApiError with the server's stable extensions.code.

export const INTERNAL_MESSAGE = 'Något gick fel, försök igen.';
const NETWORK_MESSAGE = 'Kunde inte nå Samsyn. Kontrollera nätverket och försök igen.';

/** Swedish texts for codes whose server message is not meant for this UI (or is missing). */
const FALLBACK = {
  UNAUTHENTICATED: 'Du måste logga in.',
  FORBIDDEN: 'Du har inte behörighet att göra detta.',
  NOT_FOUND: 'Det du söker finns inte, eller så saknar du behörighet.',
  RATE_LIMITED: 'För många försök. Vänta en stund och försök igen.',
  TOO_LARGE: 'Det du skickade är för stort.',
  INTERNAL: INTERNAL_MESSAGE,
};

export class ApiError extends Error {
  /**
   * @param {string} code BAD_INPUT | UNAUTHENTICATED | FORBIDDEN | NOT_FOUND | CONFLICT |
   *   TOO_LARGE | RATE_LIMITED | INTERNAL | NETWORK
   * @param {string} message Swedish, for the user
   * @param {string|null} field the input field to blame (BAD_INPUT)
   */
  constructor(code, message, field = null) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.field = field;
  }
}

let unauthenticatedHandler = () => {};

/** Called (once per failing request) when the server says the session is gone. */
export function onUnauthenticated(handler) {
  unauthenticatedHandler = handler;
}

function toError(error) {
  const code = error?.extensions?.code;
  if (!code) {
    // A GraphQL validation error means this UI sent a bad query: a bug, not the user's fault.
    console.error('GraphQL error without code:', error?.message);
    return new ApiError('INTERNAL', INTERNAL_MESSAGE);
  }
  let message = error.message;
  if (code === 'INTERNAL' || code === 'RATE_LIMITED' || !message) message = FALLBACK[code] ?? INTERNAL_MESSAGE;
  return new ApiError(code, message, error.extensions.field ?? null);
}

async function send(init) {
  let response;
  try {
    response = await fetch('/graphql', { method: 'POST', credentials: 'same-origin', ...init });
  } catch {
    throw new ApiError('NETWORK', NETWORK_MESSAGE);
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError('INTERNAL', INTERNAL_MESSAGE);
  }
  if (Array.isArray(body.errors) && body.errors.length > 0) {
    const err = toError(body.errors[0]);
    if (err.code === 'UNAUTHENTICATED') unauthenticatedHandler(err);
    throw err;
  }
  return body.data;
}

/**
 * Runs one GraphQL operation and returns its `data`; throws ApiError. `keepalive` lets the
 * request outlive the page (a draft saved as the tab closes).
 */
export function gql(query, variables = {}, { keepalive = false } = {}) {
  return send({
    keepalive,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
}

/**
 * Runs an operation with files (GraphQL multipart request spec). `files` maps a variable
 * path such as "variables.input.file" to a File. The CSRF header proves to the server that
 * this is not a cross-site form post.
 */
export function upload(query, variables, files) {
  const form = new FormData();
  const entries = Object.entries(files);
  form.append('operations', JSON.stringify({ query, variables }));
  form.append('map', JSON.stringify(Object.fromEntries(entries.map(([path], i) => [String(i), [path]]))));
  entries.forEach(([, file], i) => form.append(String(i), file, file.name));
  return send({ headers: { 'x-samsyn-csrf': '1', accept: 'application/json' }, body: form });
}
