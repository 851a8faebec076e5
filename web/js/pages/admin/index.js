// Administration: the way into each administrative task.

import { h } from '../../dom.js';
import { adminLayout } from './layout.js';

function card(href, title, text) {
  return h('li', { class: 'card' }, h('a', { href, class: 'card__link' }, title), h('p', { class: 'card__text' }, text));
}

export default async function adminIndexPage() {
  return adminLayout(
    'Administration',
    h(
      'ul',
      { class: 'cards' },
      card('/admin/anvandare', 'Användare', 'Skapa konton, ändra roll och organisation, inaktivera den som slutat.'),
      card('/admin/inbjudningar', 'Bjud in', 'Skicka en länk där en ny kollega själv väljer lösenord.'),
      card('/admin/organisationer', 'Organisationer', 'Länets kommuner, Länsstyrelsen och Kommunal utveckling: uppgifter och enheter.'),
      card('/telefonboken/kontroll', 'Att kontrollera', 'Poster i telefonboken som inte har kontrollerats på ett år.'),
      card('/telefonboken/logg', 'Ändringslogg', 'Vem ändrade vad i telefonboken och när, med före och efter.'),
      card('/admin/natverk', 'Nätverk', 'Skapa nätverk, öppna eller bara för medlemmar; medlemmar och moderatorer.'),
      card('/admin/inloggning', 'Inloggning', 'Låt en kommun logga in med sin egen Microsoft 365-inloggning (OpenID Connect).'),
      card('/admin/taggar', 'Tillsynsområden', 'Taggarna på trådar och dokument, med synonymer som sökningen förstår.'),
    ),
  );
}
