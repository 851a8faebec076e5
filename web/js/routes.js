// The page table: one line per page. To add a page, write web/js/pages/<name>.js exporting
// `default async function (ctx)` that returns a DOM node with one <h1>, and add a line here.
//
// access: 'guest'  only when signed out (signed-in users go to the start page)
//         'public' anyone (e.g. accepting an invitation)
//         'user'   signed in; otherwise to /logga-in?till=<this page>
//         'admin'  signed in as administratör
// Paths are Swedish and readable; ':name' is a parameter (ctx.params.name).

export const routes = [
  { path: '/', title: 'Start', access: 'user', page: () => import('./pages/start.js') },
  { path: '/logga-in', title: 'Logga in', access: 'guest', page: () => import('./pages/login.js') },
  { path: '/utloggad', title: 'Utloggad', access: 'public', page: () => import('./pages/logged-out.js') },
  { path: '/inbjudan/:token', title: 'Inbjudan', access: 'public', page: () => import('./pages/invitation.js') },
  { path: '/profil', title: 'Mina uppgifter', access: 'user', page: () => import('./pages/profile.js') },
  { path: '/aviseringar', title: 'Aviseringar', access: 'user', page: () => import('./pages/notifications.js') },
  { path: '/profil/losenord', title: 'Byt lösenord', access: 'user', page: () => import('./pages/password.js') },

  { path: '/forum', title: 'Forum', access: 'user', page: () => import('./pages/forum.js') },
  { path: '/forum/trad/:id', title: 'Tråd', access: 'user', page: () => import('./pages/thread.js') },
  { path: '/forum/:slug', title: 'Nätverk', access: 'user', page: () => import('./pages/network.js') },
  { path: '/forum/:slug/vanliga-fragor', title: 'Vanliga frågor', access: 'user', page: () => import('./pages/network.js') },
  { path: '/forum/:slug/att-moderera', title: 'Att moderera', access: 'user', page: () => import('./pages/network.js') },
  { path: '/forum/:slug/papperskorg', title: 'Papperskorg', access: 'user', page: () => import('./pages/network.js') },
  { path: '/forum/:slug/ny-fraga', title: 'Ställ en fråga', access: 'user', page: () => import('./pages/ask.js') },
  { path: '/handlaggarstod', title: 'Handläggarstöd', access: 'user', page: () => import('./pages/library.js') },
  { path: '/handlaggarstod/projekt/nytt', title: 'Nytt projekt', access: 'user', page: () => import('./pages/project-new.js') },
  { path: '/handlaggarstod/projekt/:slug/redigera', title: 'Redigera projekt', access: 'user', page: () => import('./pages/project-edit.js') },
  { path: '/handlaggarstod/dokument/ny', title: 'Nytt dokument', access: 'user', page: () => import('./pages/document-new.js') },
  { path: '/handlaggarstod/dokument/:id/redigera', title: 'Redigera dokument', access: 'user', page: () => import('./pages/document-edit.js') },
  { path: '/handlaggarstod/att-granska', title: 'Att granska', access: 'user', page: () => import('./pages/review.js') },
  { path: '/handlaggarstod/papperskorg', title: 'Papperskorg', access: 'user', page: () => import('./pages/recycle-bin.js') },
  { path: '/handlaggarstod/projekt/:slug', title: 'Projekt', access: 'user', page: () => import('./pages/project.js') },
  { path: '/handlaggarstod/dokument/:id', title: 'Dokument', access: 'user', page: () => import('./pages/document.js') },
  { path: '/telefonboken', title: 'Telefonboken', access: 'user', page: () => import('./pages/phonebook.js') },
  { path: '/telefonboken/ny', title: 'Lägg till person', access: 'user', page: () => import('./pages/person-new.js') },
  { path: '/telefonboken/import', title: 'Importera till telefonboken', access: 'user', page: () => import('./pages/phonebook-import.js') },
  { path: '/telefonboken/kontroll', title: 'Att kontrollera', access: 'user', page: () => import('./pages/verify.js') },
  { path: '/telefonboken/logg', title: 'Ändringslogg', access: 'user', page: () => import('./pages/audit-log.js') },
  { path: '/telefonboken/enheter', title: 'Enheter', access: 'user', page: () => import('./pages/units.js') },
  { path: '/telefonboken/person/:id', title: 'Person', access: 'user', page: () => import('./pages/person.js') },
  { path: '/traffar', title: 'Träffar', access: 'user', page: () => import('./pages/meetings.js') },
  { path: '/traffar/ny', title: 'Ny träff', access: 'user', page: () => import('./pages/meeting-edit.js') },
  { path: '/traffar/:id/redigera', title: 'Redigera träff', access: 'user', page: () => import('./pages/meeting-edit.js') },
  { path: '/traffar/:id', title: 'Träff', access: 'user', page: () => import('./pages/meeting.js') },
  { path: '/nyhetsbrev', title: 'Nyhetsbrev', access: 'user', page: () => import('./pages/newsletters.js') },
  { path: '/nyhetsbrev/ny', title: 'Skriv nyhetsbrev', access: 'admin', page: () => import('./pages/newsletter-new.js') },
  { path: '/nyhetsbrev/:id', title: 'Nyhetsbrev', access: 'user', page: () => import('./pages/newsletter.js') },
  { path: '/sok', title: 'Sök', access: 'user', page: () => import('./pages/search.js') },
  { path: '/lag/:ref', title: 'Lagrum', access: 'user', page: () => import('./pages/lawref.js') },

  { path: '/admin', title: 'Administration', access: 'admin', page: () => import('./pages/admin/index.js') },
  { path: '/admin/anvandare', title: 'Användare', access: 'admin', page: () => import('./pages/admin/users.js') },
  { path: '/admin/anvandare/ny', title: 'Ny användare', access: 'admin', page: () => import('./pages/admin/user-new.js') },
  { path: '/admin/anvandare/:id', title: 'Redigera användare', access: 'admin', page: () => import('./pages/admin/user-edit.js') },
  { path: '/admin/inbjudningar', title: 'Bjud in', access: 'admin', page: () => import('./pages/admin/invite.js') },
  { path: '/admin/organisationer', title: 'Organisationer', access: 'admin', page: () => import('./pages/admin/organisations.js') },
  { path: '/admin/organisationer/:slug', title: 'Organisation', access: 'admin', page: () => import('./pages/admin/organisation.js') },
  { path: '/admin/natverk', title: 'Nätverk', access: 'admin', page: () => import('./pages/admin/networks.js') },
  { path: '/admin/natverk/:slug', title: 'Nätverk', access: 'admin', page: () => import('./pages/admin/network.js') },
  { path: '/admin/inloggning', title: 'Inloggning', access: 'admin', page: () => import('./pages/admin/sign-in.js') },
  { path: '/admin/inloggning/ny', title: 'Ny inloggning', access: 'admin', page: () => import('./pages/admin/sign-in-edit.js') },
  { path: '/admin/inloggning/:id', title: 'Redigera inloggning', access: 'admin', page: () => import('./pages/admin/sign-in-edit.js') },
  { path: '/admin/taggar', title: 'Tillsynsområden', access: 'admin', page: () => import('./pages/admin/tags.js') },
  { path: '/admin/taggar/:slug', title: 'Redigera tillsynsområde', access: 'admin', page: () => import('./pages/admin/tag-edit.js') },
];

/** The main navigation in the header: [path, label]. */
export const mainNav = [
  ['/forum', 'Forum'],
  ['/handlaggarstod', 'Handläggarstöd'],
  ['/telefonboken', 'Telefonboken'],
  ['/traffar', 'Träffar'],
  ['/nyhetsbrev', 'Nyhetsbrev'],
];

/** The administration sub-navigation. */
export const adminNav = [
  ['/admin/anvandare', 'Användare'],
  ['/admin/inbjudningar', 'Bjud in'],
  ['/admin/organisationer', 'Organisationer'],
  ['/admin/natverk', 'Nätverk'],
  ['/admin/taggar', 'Tillsynsområden'],
  ['/admin/inloggning', 'Inloggning'],
];
