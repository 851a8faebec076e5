// Small DOM helpers. Every text goes in as a text node, never as HTML, so data from the
// API cannot inject markup. No inline styles or handlers (the CSP forbids them): classes
// and addEventListener only.

/**
 * Creates an element: h('a', { href: '/profil', class: 'button' }, 'Mina uppgifter').
 * Props starting with "on" become event listeners; `checked` and `selected` set the current
 * and the default state; `true` gives an empty attribute; null/false/undefined are skipped.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'class') {
      el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (key === 'checked') {
      el.defaultChecked = el.checked = Boolean(value); // the default too, so form.reset() keeps it
    } else if (key === 'selected') {
      el.defaultSelected = el.selected = Boolean(value);
    } else if (key === 'value' && tag !== 'input') {
      el.value = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Appends children: nodes, strings, numbers, arrays of those; null and false are skipped. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces all children of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

let uid = 0;
/** A document-unique id with a readable prefix. */
export function newId(prefix = 'id') {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** Text only screen readers read, e.g. to complete a button's name: "Återkalla <span>Intranätet</span>". */
export function srOnly(text) {
  return h('span', { class: 'visually-hidden' }, text);
}

/**
 * Tells screen-reader users about a change without moving focus (the polite live region in
 * index.html). The text is cleared first so the same message is read again.
 */
export function announce(text) {
  const live = document.getElementById('live');
  if (!live) return;
  live.textContent = '';
  window.setTimeout(() => {
    live.textContent = text;
  }, 50);
}

/** A visible message box. kind: info | success | error. Errors are announced at once (role=alert). */
export function notice(text, kind = 'info') {
  const box = h('div', { class: ['notice', `notice--${kind}`], role: kind === 'error' ? 'alert' : null }, text);
  if (kind !== 'error') announce(text);
  return box;
}

/** A heading that can take focus from script (for moving focus after navigation or a change). */
export function focusable(el) {
  el.setAttribute('tabindex', '-1');
  return el;
}

/**
 * Server-rendered, already sanitised HTML (Markdown from the API) as a fragment. It is parsed
 * in an inert document; style attributes (which the CSP would refuse) and anything active are
 * dropped, and links to other sites open as ordinary links.
 */
export function serverHtml(html) {
  const doc = new DOMParser().parseFromString(`<body>${html ?? ''}</body>`, 'text/html');
  for (const el of doc.body.querySelectorAll('script, style, iframe, object, embed, link, meta')) el.remove();
  for (const el of doc.body.querySelectorAll('*')) {
    for (const attr of [...el.attributes]) {
      if (attr.name === 'style' || attr.name.startsWith('on')) el.removeAttribute(attr.name);
    }
    if (el.tagName === 'A') el.setAttribute('data-external', '');
  }
  const fragment = document.createDocumentFragment();
  fragment.append(...[...doc.body.childNodes].map((n) => document.importNode(n, true)));
  return fragment;
}

/**
 * Search highlighting (`titleHtml`, `snippet`): the server escapes the stored text and adds
 * only <mark> around matched words (src/search/highlight.rs). Even so, only text and <mark>
 * elements are kept here, so nothing else the string might hold can become markup.
 */
export function markedText(html) {
  const doc = new DOMParser().parseFromString(`<body>${html ?? ''}</body>`, 'text/html');
  const fragment = document.createDocumentFragment();
  const walk = (from, to) => {
    for (const node of from.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) to.append(document.createTextNode(node.textContent));
      else if (node.nodeType === Node.ELEMENT_NODE && node.tagName === 'MARK') walk(node, to.appendChild(document.createElement('mark')));
      else if (node.nodeType === Node.ELEMENT_NODE) walk(node, to);
    }
  };
  walk(doc.body, fragment);
  return fragment;
}
