// A section whose API is still being built: it says what will be here, and shows no
// made-up content. Replace a route's `page` in routes.js when the real page exists.

import { h } from '../dom.js';

const SECTIONS = {
  '/forum': {
    heading: 'Forum',
    text: 'Här kommer du att kunna ställa frågor i dina nätverk, svara kollegor och hitta tidigare svar – med markerade lösningar och vanliga frågor.',
  },
};

export default async function comingPage({ route }) {
  const section = SECTIONS[route.path];
  return h(
    'div',
    null,
    h('h1', null, section.heading),
    h('div', { class: 'panel panel--coming' }, h('p', { class: 'panel__title' }, 'Den här delen är på väg.'), h('p', null, section.text)),
    h('p', null, h('a', { href: '/' }, 'Till startsidan')),
  );
}
