// Forum: the networks I can see (open ones, and the members-only ones I belong to), with my
// membership, unread threads, and joining or leaving where the API allows it.

import { ApiError, gql } from '../api.js';
import { announce, h, notice, replace } from '../dom.js';
import { networkPath } from '../forum.js';
import { badge } from '../widgets.js';

const NETWORK_FIELDS = 'id slug name description membersOnly myRole memberCount unreadCount following viewerCanModerate';

function roleText(n) {
  if (n.myRole === 'MODERATOR') return badge('Du är moderator', 'ok');
  if (n.myRole === 'MEMBER') return badge('Du är medlem', 'ok');
  return null;
}

function networkCard(initial) {
  let n = initial;
  const li = h('li', { class: 'network-card' });
  const status = h('div', { class: 'network-card__status' });

  async function act(button, mutation) {
    if (mutation === 'leaveNetwork' && n.membersOnly && !window.confirm(`Lämna ${n.name}? Nätverket är bara för medlemmar, så du ser det inte längre efteråt.`)) return;
    button.disabled = true;
    try {
      if (mutation === 'joinNetwork') {
        const data = await gql(`mutation Join($input: NetworkInput!) { joinNetwork(input: $input) { network { ${NETWORK_FIELDS} } } }`, { input: { networkId: n.id } });
        n = data.joinNetwork.network;
        draw();
        replace(status, notice(`Du är nu medlem i ${n.name} och bevakar nätverket.`, 'success'));
      } else {
        await gql('mutation Leave($input: NetworkInput!) { leaveNetwork(input: $input) { networkId } }', { input: { networkId: n.id } });
        if (n.membersOnly) {
          const text = `Du har lämnat ${n.name}.`;
          replace(li, h('p', { class: 'network-card__gone' }, text));
          announce(text);
          return;
        }
        n = { ...n, myRole: null, following: false, memberCount: Math.max(0, n.memberCount - 1) };
        draw();
        replace(status, notice(`Du har lämnat ${n.name}.`, 'success'));
      }
      li.querySelector('.network-card__action')?.focus();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return;
      button.disabled = false;
      replace(status, notice(err.message, 'error'));
    }
  }

  function draw() {
    let action = null;
    if (n.myRole) {
      // A moderator stays: leaving would leave the network without its moderator by mistake.
      if (n.myRole === 'MEMBER') {
        action = h('button', { type: 'button', class: 'button button--secondary button--small network-card__action' }, 'Lämna ', h('span', { class: 'visually-hidden' }, n.name));
        action.addEventListener('click', () => act(action, 'leaveNetwork'));
      }
    } else if (!n.membersOnly) {
      action = h('button', { type: 'button', class: 'button button--small network-card__action' }, 'Gå med i ', n.name);
      action.addEventListener('click', () => act(action, 'joinNetwork'));
    }
    const facts = [
      n.membersOnly ? 'Bara för medlemmar' : 'Öppet för alla inloggade',
      `${n.memberCount} ${n.memberCount === 1 ? 'medlem' : 'medlemmar'}`,
      n.following ? 'Du bevakar nätverket' : null,
    ].filter(Boolean);
    replace(
      li,
      h('h3', { class: 'network-card__name' }, h('a', { href: networkPath(n.slug) }, n.name)),
      h(
        'p',
        { class: 'network-card__badges' },
        n.membersOnly ? badge('Endast medlemmar', 'off') : badge('Öppet', 'info'),
        ' ',
        roleText(n),
        ' ',
        n.unreadCount > 0 ? badge(`${n.unreadCount} ${n.unreadCount === 1 ? 'oläst tråd' : 'olästa trådar'}`, 'new') : null,
      ),
      n.description ? h('p', { class: 'network-card__text' }, n.description) : null,
      h('p', { class: 'muted' }, facts.join(' · ')),
      action ? h('p', { class: 'network-card__actions' }, action) : null,
      status,
    );
  }
  draw();
  return li;
}

export default async function forumPage() {
  const data = await gql(`query Networks { networks { ${NETWORK_FIELDS} } }`);
  const mine = data.networks.filter((n) => n.myRole);
  const others = data.networks.filter((n) => !n.myRole);
  const list = (items, empty) => (items.length ? h('ul', { class: 'network-list' }, items.map(networkCard)) : h('p', { class: 'empty' }, empty));
  return h(
    'div',
    null,
    h('h1', null, 'Forum'),
    h(
      'p',
      { class: 'lead' },
      'Frågor och svar i nätverken. ',
      h('a', { href: '/sok' }, 'Sök bland tidigare svar'),
      ' innan du frågar – kanske har någon redan löst samma sak.',
    ),
    h('section', { 'aria-labelledby': 'mina-natverk' }, h('h2', { id: 'mina-natverk', class: 'section-heading' }, 'Mina nätverk'), list(mine, 'Du är inte medlem i något nätverk än. Gå med i ett öppet nätverk nedan.')),
    h('section', { 'aria-labelledby': 'andra-natverk' }, h('h2', { id: 'andra-natverk', class: 'section-heading' }, 'Andra nätverk'), list(others, 'Det finns inga fler nätverk som du kan se.')),
  );
}
