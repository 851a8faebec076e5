// Browser tests of what the people who run the collaboration do in the web UI (#16): a
// network's moderator moderates a thread (fäst, lås, flytta, byt rubrik, tillsynsområden och
// typ, dölj med motivering till författaren, vanliga frågor med granskningsdatum, granskad i
// "Att granska"), handles a report in "Att
// moderera" and plans a meeting (skapa med fel vid fältet, ändra, koppla protokoll, ställ in);
// a manager keeps the phone book (kontrollera, ändringslogg, enheter); an admin edits an
// organisation, erases a user and marks a document reviewed ("Att granska"); a member reports
// a post, withdraws one, chooses the digest and sees the unread count in the header; and the
// rough edges of the start page, unknown addresses, Telefonboken, the header search box and
// documents.
//
// Started by tests/api/browser.rs against a fresh server without demo content and with
// SAMSYN_VERIFY_MONTHS=0 (every phone-book entry is due for checking at once); by hand:
//   SAMSYN_DEMO=false SAMSYN_VERIFY_MONTHS=0 samsyn serve …
//   BASE_URL=http://127.0.0.1:8080 ADMIN_EMAIL=… ADMIN_PASSWORD=… node coordinators.mjs
// Every new page is checked with axe-core (WCAG 2.1 A and AA) at desktop and 390 px, for
// sideways scrolling at 375 px and for console errors, and photographed into SCREENSHOT_DIR
// (coord-*.png); the runner and the page check are lib.mjs's, shared with run.mjs. Exits
// non-zero on any failure. It is one file of some 650 lines because it is one story told in
// order: each role's steps work on what the earlier ones made (the thread, the meeting, the
// people), and splitting it would mean passing that state between files.

import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import {
  Abort,
  DESKTOP,
  TIMEOUT,
  assert,
  checkPage,
  configure,
  expectText,
  expectUrl,
  focusedIsHeading,
  heading,
  log,
  results,
  step,
  summarise,
  watchConsole,
} from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

const BASE_URL = (process.env.BASE_URL ?? '').replace(/\/$/, '');
const ADMIN_EMAIL = process.env.ADMIN_EMAIL;
const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD;
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? path.resolve(here, '../../target/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!BASE_URL || !ADMIN_EMAIL || !ADMIN_PASSWORD) {
  console.error('BASE_URL, ADMIN_EMAIL and ADMIN_PASSWORD must be set');
  process.exit(2);
}

async function expectNoText(locator, unexpected) {
  const text = (await locator.first().innerText()).trim();
  assert(!text.includes(unexpected), `did not expect "${unexpected}" in "${text.slice(0, 400)}"`);
}

/** Console errors fail the run (lib.mjs); confirmations are accepted and their text kept. */
function watch(page, label) {
  const dialogs = [];
  watchConsole(page, label);
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    dialog.accept();
  });
  return dialogs;
}

/** GraphQL with a context's cookies (the same session as its pages). */
async function api(context, query, variables = {}) {
  const response = await context.request.post(`${BASE_URL}/graphql`, { data: { query, variables } });
  const body = await response.json();
  return body;
}

async function must(context, query, variables, pick) {
  const r = await api(context, query, variables);
  const value = pick(r.data ?? {});
  assert(value !== undefined && value !== null && !r.errors, `${query.slice(0, 60)}…: ${JSON.stringify(r.errors ?? r)}`);
  return value;
}

async function loginUi(page, email, password, till = '/') {
  await page.goto(`${BASE_URL}/logga-in${till === '/' ? '' : `?till=${encodeURIComponent(till)}`}`);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL((url) => url.pathname + url.search === till, { timeout: TIMEOUT });
  await page.waitForFunction(() => !document.querySelector('main')?.hasAttribute('aria-busy'), null, { timeout: TIMEOUT });
}

// ---- the run ----------------------------------------------------------------------------

await mkdir(SCREENSHOT_DIR, { recursive: true });
configure({ dir: SCREENSHOT_DIR, prefix: 'coord-' });
const profileDir = await mkdtemp(path.join(tmpdir(), 'samsyn-chromium-'));
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  env: { ...process.env, HOME: profileDir, XDG_CONFIG_HOME: profileDir, XDG_CACHE_HOME: profileDir },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
log(`# Chromium ${browser.version()} against ${BASE_URL} (coordinators)`);

const contextOptions = { viewport: DESKTOP, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' };
const year = new Date().getFullYear() + 1;
const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
const suffix = Date.now().toString(36).slice(-4);
/** The day `days` (and `years`) from today in Swedish time, as YYYY-MM-DD (date inputs). */
function dayIn(days, years = 0) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  d.setFullYear(d.getFullYear() + years);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(d);
}

const password = 'Samverkan-lösenord-123';
const people = {
  maja: { name: 'Maja Moderator', email: `maja.moderator.${suffix}@jonkoping.se`, org: 'jonkoping', role: 'MEMBER' },
  erik: { name: 'Erik Eriksson', email: `erik.eriksson.${suffix}@eksjo.se`, org: 'eksjo', role: 'MEMBER' },
  karin: { name: 'Karin Chef', email: `karin.chef.${suffix}@eksjo.se`, org: 'eksjo', role: 'MANAGER' },
  sven: { name: 'Sven Slutat', email: `sven.slutat.${suffix}@eksjo.se`, org: 'eksjo', role: 'MEMBER' },
};
const netA = { name: `Massor och avfall ${suffix}`, slug: `massor-${suffix}` };
const netB = { name: `Förorenade områden ${suffix}`, slug: `fororenade-${suffix}` };
const tags = { massor: `Masshantering ${suffix}`, mifo: `MIFO ${suffix}` };
const question = 'Får schaktmassor läggas på åkermark?';
const newTitle = 'Schaktmassor på åkermark – anmälan eller inte?';
const docTitle = `Protokoll nätverksträff massor ${suffix}`;
let threadId = '';
let threadPath = '';
let svenId = '';

try {
  const admin = await browser.newContext(contextOptions);
  const adminPage = await admin.newPage();
  const adminDialogs = watch(adminPage, 'admin');
  const contexts = {};

  await step('setup: networks, tags, a moderator, a member, a manager, a question with answers, people and a document, through the API', async () => {
    await loginUi(adminPage, ADMIN_EMAIL, ADMIN_PASSWORD);
    for (const name of Object.values(tags)) {
      await must(admin, 'mutation ($input: CreateTagInput!) { createTag(input: $input) { tag { id } } }', { input: { name, synonyms: [] } }, (d) => d.createTag?.tag?.id);
    }
    const createNet = 'mutation ($input: CreateNetworkInput!) { createNetwork(input: $input) { network { id } } }';
    netA.id = await must(admin, createNet, { input: { name: netA.name, slug: netA.slug, description: 'Schaktmassor, anläggningsändamål och återvinning av avfall.' } }, (d) => d.createNetwork?.network?.id);
    netB.id = await must(admin, createNet, { input: { name: netB.name, slug: netB.slug, description: 'MIFO, efterbehandling och ansvarsutredning.' } }, (d) => d.createNetwork?.network?.id);
    const orgs = (await api(admin, '{ organisations { id slug } }')).data.organisations;
    for (const p of Object.values(people)) {
      const org = orgs.find((o) => o.slug === p.org);
      p.id = await must(admin, 'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }', {
        input: { email: p.email, displayName: p.name, organisationId: org.id, role: p.role, password },
      }, (d) => d.createUser?.id);
    }
    svenId = people.sven.id;
    const setMember = 'mutation ($input: SetNetworkMemberInput!) { setNetworkMember(input: $input) { network { id } } }';
    for (const [net, user, role] of [[netA, people.maja, 'MODERATOR'], [netB, people.maja, 'MODERATOR'], [netA, people.erik, 'MEMBER'], [netA, people.sven, 'MEMBER']]) {
      await must(admin, setMember, { input: { networkId: net.id, userId: user.id, role } }, (d) => d.setNetworkMember?.network?.id);
    }
    for (const key of ['maja', 'erik', 'sven', 'karin']) {
      contexts[key] = await browser.newContext(contextOptions);
      await must(contexts[key], 'mutation ($input: LoginInput!) { login(input: $input) { user { id } } }', { input: { email: people[key].email, password } }, (d) => d.login?.user?.id);
    }
    const created = await must(contexts.erik, 'mutation ($input: CreateThreadInput!) { createThread(input: $input) { thread { id } } }', {
      input: { networkId: netA.id, kind: 'QUESTION', title: question, body: 'En lantbrukare vill ta emot schaktmassor från ett vägbygge. Krävs anmälan?', tags: [tags.massor] },
    }, (d) => d.createThread?.thread?.id);
    threadId = created;
    threadPath = `/forum/trad/${encodeURIComponent(threadId)}`;
    const reply = 'mutation ($input: CreatePostInput!) { createPost(input: $input) { post { id } } }';
    const answer = await must(contexts.maja, reply, { input: { threadId, body: 'Ja, oftast: återvinning av avfall för anläggningsändamål, 29 kap. 35 § MPF.' } }, (d) => d.createPost?.post?.id);
    await must(contexts.erik, 'mutation ($input: AcceptAnswerInput!) { acceptAnswer(input: $input) { thread { status } } }', { input: { threadId, postId: answer } }, (d) => d.acceptAnswer?.thread?.status);
    await must(contexts.sven, reply, { input: { threadId, body: 'Vi i Eksjö gör likadant.' } }, (d) => d.createPost?.post?.id);
    await must(contexts.erik, reply, { input: { threadId, body: 'Köp billiga massor hos min svåger, ring 070-000 00 00!' } }, (d) => d.createPost?.post?.id);
    await must(contexts.erik, reply, { input: { threadId, body: 'Tack, då skickar vi ett föreläggande direkt.' } }, (d) => d.createPost?.post?.id);
    const upsert = 'mutation ($input: UpsertPersonInput!) { upsertPerson(input: $input) { person { id } } }';
    for (const input of [
      { name: 'Anna Ek', title: 'Miljöinspektör', organisationId: 'eksjo', email: `anna.ek.${suffix}@eksjo.se` },
      { name: 'Bo Ek', title: 'Miljöinspektör', organisationId: 'eksjo' },
      { name: 'Cecilia Ek', title: 'Hälsoskyddsinspektör', organisationId: 'eksjo' },
      { name: people.sven.name, title: 'Miljöinspektör', organisationId: 'eksjo', email: people.sven.email, userId: people.sven.id },
    ]) {
      await must(admin, upsert, { input }, (d) => d.upsertPerson?.person?.id);
    }
    await must(admin, 'mutation ($input: CreateDocumentInput!) { createDocument(input: $input) { document { id } } }', {
      input: {
        title: docTitle,
        summary: 'Minnesanteckningar från nätverksträffen.',
        body: `# ${docTitle}\n\n## Att göra\n\n- ☐ Skicka ut vägledningen om massor\n- ☐ Boka nästa träff\n`,
        kind: 'PROTOKOLL',
        networkId: netA.id,
        publish: true,
      },
    }, (d) => d.createDocument?.document?.id);
  });

  // ---- the moderator -------------------------------------------------------------------
  const maja = contexts.maja;
  const majaPage = await maja.newPage();
  const majaDialogs = watch(majaPage, 'moderator');

  await step('moderator: the thread page offers "Moderera"; pin and unpin, with the badge and the live region', async () => {
    await majaPage.goto(`${BASE_URL}${threadPath}`);
    await heading(majaPage, question);
    await majaPage.getByRole('link', { name: 'Moderera' }).click();
    const panel = majaPage.getByRole('region', { name: 'Moderera tråden' });
    assert(await majaPage.locator('#moderera-rubrik').evaluate((el) => el === document.activeElement), '"Moderera" moves focus to the panel');
    await panel.getByRole('button', { name: 'Fäst tråden' }).click();
    await expectText(panel.locator('.notice--success'), 'Tråden är fäst');
    await expectText(majaPage.locator('main .thread-item__badges').first(), 'Fäst');
    await expectText(majaPage.locator('#live'), 'Tråden är fäst');
    await checkPage(majaPage, 'trad-moderera');
    await panel.getByRole('button', { name: 'Lossa tråden' }).click();
    await expectText(panel.locator('.notice--success'), 'inte längre fäst');
    await panel.getByRole('button', { name: 'Fäst tråden' }).click();
    await expectText(panel.locator('.notice--success'), 'Tråden är fäst');
  });

  await step('moderator: lock the thread (after a confirmation); the member cannot reply; then unlock', async () => {
    const panel = majaPage.getByRole('region', { name: 'Moderera tråden' });
    await panel.getByRole('button', { name: 'Lås tråden' }).click();
    await expectText(panel.locator('.notice--success'), 'Tråden är låst');
    assert(majaDialogs.some((m) => m.startsWith('Låsa tråden?')), 'locking asks first');
    await expectText(majaPage.locator('main .thread-item__badges').first(), 'Låst');
    const erikPage = await contexts.erik.newPage();
    watch(erikPage, 'member');
    await erikPage.goto(`${BASE_URL}${threadPath}`);
    await heading(erikPage, question);
    await expectText(erikPage.getByRole('region', { name: 'Svara' }), 'Tråden är låst');
    assert((await erikPage.getByRole('region', { name: 'Moderera tråden' }).count()) === 0, 'a member gets no moderation panel');
    await erikPage.close();
    await panel.getByRole('button', { name: 'Lås upp tråden' }).click();
    await expectText(panel.locator('.notice--success'), 'upplåst');
  });

  await step('moderator: change the title and tillsynsområden', async () => {
    const panel = majaPage.getByRole('region', { name: 'Moderera tråden' });
    await panel.getByLabel('Rubrik', { exact: true }).fill(newTitle);
    await panel.getByLabel(tags.mifo, { exact: true }).check();
    await panel.getByRole('button', { name: 'Spara rubrik och tillsynsområden' }).click();
    await expectText(panel.locator('.notice--success'), 'Rubriken och tillsynsområdena är sparade.');
    await expectText(majaPage.locator('main h1'), newTitle);
    await expectText(majaPage.locator('main .thread-item__badges').first(), tags.mifo);
  });

  await step('moderator: hide a post with a reason for the author; the author no longer sees it but is told why', async () => {
    const spam = majaPage.locator('.post-list .post', { hasText: 'billiga massor' });
    await spam.getByRole('button', { name: /^Dölj/ }).click();
    const reason = spam.getByLabel(`Motivering till ${people.erik.name} (valfri)`);
    assert(await reason.evaluate((el) => el === document.activeElement), 'the reason field gets focus');
    await expectText(spam.locator('.post__hide'), 'papperskorg');
    await expectText(spam.locator('.post__hide'), `${people.erik.name} får en avisering`);
    await reason.fill('Forumet är inte till för reklam.');
    await checkPage(majaPage, 'trad-dolj');
    await spam.getByRole('button', { name: 'Dölj inlägget' }).click();
    await expectText(spam.locator('.post__status .notice--success'), 'är dolt');
    await expectText(spam.locator('.post__status .notice--success'), 'med din motivering');
    await expectText(spam.locator('.post__badges'), `Dolt av ${people.maja.name}`);
    await expectText(spam.locator('.post__hidden-note'), 'Motivering: Forumet är inte till för reklam.');
    const erikPage = await contexts.erik.newPage();
    watch(erikPage, 'member');
    await erikPage.goto(`${BASE_URL}${threadPath}`);
    await heading(erikPage, newTitle);
    await expectText(erikPage.locator('.post-list'), 'föreläggande');
    await expectNoText(erikPage.locator('.post-list'), 'billiga massor');
    await erikPage.goto(`${BASE_URL}/aviseringar`);
    await heading(erikPage, 'Aviseringar');
    await expectText(erikPage.locator('.notification-list'), 'En moderator dolde ditt inlägg i');
    await expectText(erikPage.locator('.notification-list'), 'Motivering: Forumet är inte till för reklam.');
    await erikPage.close();
  });

  await step('moderator: the network\'s papperskorg lists the hidden post and restores it', async () => {
    await majaPage.goto(`${BASE_URL}/forum/${netA.slug}/papperskorg`);
    await heading(majaPage, `Papperskorg i ${netA.name}`);
    const item = majaPage.locator('main .thread-item', { hasText: 'billiga massor' });
    await expectText(item, `Dolt av ${people.maja.name}`);
    await checkPage(majaPage, 'natverk-papperskorg');
    await item.getByRole('button', { name: /^Återställ/ }).click();
    await heading(majaPage, `Papperskorg i ${netA.name}`);
    await expectText(majaPage.locator('main .notice--success'), 'är återställt');
    await expectText(majaPage.locator('main .empty'), 'Papperskorgen är tom');
    // Hidden again for the rest of the run.
    await majaPage.goto(`${BASE_URL}${threadPath}`);
    await heading(majaPage, newTitle);
    const again = majaPage.locator('.post-list .post', { hasText: 'billiga massor' });
    await again.getByRole('button', { name: /^Dölj/ }).click();
    await again.getByRole('button', { name: 'Dölj inlägget' }).click();
    await expectText(again.locator('.post__badges'), 'Dolt av');
  });

  await step('member: report a post with a reason; only the moderator sees it, in "Att moderera", and dismisses it with a note', async () => {
    const svenPage = await contexts.sven.newPage();
    watch(svenPage, 'member');
    await svenPage.goto(`${BASE_URL}${threadPath}`);
    await heading(svenPage, newTitle);
    const post = svenPage.locator('.post-list .post', { hasText: 'föreläggande direkt' });
    await post.getByRole('button', { name: /^Anmäl/ }).click();
    const reason = post.getByLabel('Varför anmäler du inlägget?');
    assert(await reason.evaluate((el) => el === document.activeElement), 'the reason field gets focus');
    await post.getByRole('button', { name: 'Skicka anmälan' }).click();
    await expectText(post.locator('.form__errors'), 'Fyll i');
    await reason.fill('Föreläggande utan kommunicering först.');
    await checkPage(svenPage, 'trad-anmal');
    await post.getByRole('button', { name: 'Skicka anmälan' }).click();
    await expectText(post.locator('.post__status .notice--success'), 'moderatorer har fått din anmälan');
    await svenPage.goto(`${BASE_URL}/forum/${netA.slug}/att-moderera`);
    await expectText(svenPage.locator('main'), 'Att moderera visas bara för nätverkets moderatorer');
    await svenPage.close();

    await majaPage.goto(`${BASE_URL}/aviseringar`);
    await expectText(majaPage.locator('main .notification-list'), `${people.sven.name} anmälde ett inlägg i`);
    await expectText(majaPage.locator('main .notification-list'), 'Skäl: Föreläggande utan kommunicering först.');
    await majaPage.goto(`${BASE_URL}/forum/${netA.slug}`);
    await heading(majaPage, netA.name);
    const tab = majaPage.locator('main .sub-nav a', { hasText: 'Att moderera' });
    await expectText(tab, '1');
    await tab.click();
    await heading(majaPage, `Att moderera i ${netA.name}`);
    const item = majaPage.locator('main .report-item', { hasText: 'Föreläggande utan kommunicering' });
    await expectText(item, `anmält av ${people.sven.name}`);
    await expectText(majaPage.locator('main'), 'Obesvarade frågor äldre än 7 dagar');
    await expectText(majaPage.getByRole('region', { name: 'Senast dolda inlägg' }), `dolt av ${people.maja.name}`);
    await checkPage(majaPage, 'att-moderera');
    await item.getByLabel('Anteckning (valfri)').fill('Ett föreläggande kan vara rätt här.');
    await item.getByRole('button', { name: /^Avfärda anmälan/ }).click();
    await heading(majaPage, `Att moderera i ${netA.name}`);
    await expectText(majaPage.locator('main .notice--success'), 'Anmälan är avfärdad');
    await expectText(majaPage.locator('main .empty').first(), 'Inga anmälningar väntar');
    await majaPage.goto(`${BASE_URL}${threadPath}`);
    await heading(majaPage, newTitle);
  });

  await step('moderator: change a discussion into a question in the moderation panel', async () => {
    const other = await must(contexts.erik, 'mutation ($input: CreateThreadInput!) { createThread(input: $input) { thread { id } } }', {
      input: { networkId: netA.id, kind: 'DISCUSSION', title: 'Krossat betongavfall på gårdsplanen', body: 'Hur ser ni på krossad betong som underlag?' },
    }, (d) => d.createThread?.thread?.id);
    await majaPage.goto(`${BASE_URL}/forum/trad/${encodeURIComponent(other)}`);
    await heading(majaPage, 'Krossat betongavfall på gårdsplanen');
    const panel = majaPage.getByRole('region', { name: 'Moderera tråden' });
    await expectText(majaPage.locator('main .thread-item__badges').first(), 'Diskussion');
    await panel.getByLabel('Trådens typ').selectOption('QUESTION');
    await panel.getByRole('button', { name: 'Byt typ' }).click();
    await expectText(panel.locator('.notice--success'), 'Tråden är nu en fråga.');
    await expectText(majaPage.locator('main .thread-item__badges').first(), 'Fråga');
    await majaPage.goto(`${BASE_URL}${threadPath}`);
    await heading(majaPage, newTitle);
  });

  await step('moderator: move the thread to another network after a confirmation', async () => {
    const panel = majaPage.getByRole('region', { name: 'Moderera tråden' });
    await panel.getByLabel('Nytt nätverk').selectOption({ label: netB.name });
    await panel.getByRole('button', { name: 'Flytta tråden' }).click();
    await expectText(panel.locator('.notice--success'), `Tråden är flyttad till ${netB.name}.`);
    assert(majaDialogs.some((m) => m.startsWith(`Flytta tråden till ${netB.name}?`)), 'moving asks first');
    await expectText(majaPage.locator('main .breadcrumb'), netB.name);
    await majaPage.goto(`${BASE_URL}/forum/${netB.slug}`);
    await heading(majaPage, netB.name);
    await expectText(majaPage.getByRole('region', { name: 'Anslagstavlan' }), newTitle);
  });

  await step('moderator: a too short FAQ summary is named at its field; then the question is in Vanliga frågor', async () => {
    await majaPage.goto(`${BASE_URL}${threadPath}`);
    await heading(majaPage, newTitle);
    const panel = majaPage.getByRole('region', { name: 'Moderera tråden' });
    await panel.getByLabel('Sammanfattning av svaret').fill('Ja.');
    await panel.getByRole('button', { name: 'Lägg till bland vanliga frågor' }).click();
    await expectText(panel.locator('.field--invalid .field__error'), 'minst 10 tecken');
    assert((await panel.getByLabel('Sammanfattning av svaret').getAttribute('aria-invalid')) === 'true', 'the field is marked invalid');
    await panel.getByLabel('Sammanfattning av svaret').fill('Oftast krävs en anmälan om återvinning av avfall för anläggningsändamål.');
    // The review-by date is checked at its field too, then set 20 days ahead (due soon).
    await panel.getByLabel('Granskas senast').fill(dayIn(-1));
    await panel.getByRole('button', { name: 'Lägg till bland vanliga frågor' }).click();
    await expectText(panel.locator('.field--invalid .field__error'), 'efter i dag');
    await panel.getByLabel('Granskas senast').fill(dayIn(20));
    await panel.getByRole('button', { name: 'Lägg till bland vanliga frågor' }).click();
    await expectText(panel.locator('.notice--success'), 'tillagd bland vanliga frågor');
    await expectText(panel, 'granskas senast');
    await expectText(majaPage.locator('main .notice--info'), 'Vanlig fråga');
    await majaPage.goto(`${BASE_URL}/forum/${netB.slug}/vanliga-fragor`);
    await heading(majaPage, `Vanliga frågor i ${netB.name}`);
    await expectText(majaPage.locator('.faq-list'), newTitle);
    await expectText(majaPage.locator('.faq-list'), 'anläggningsändamål');
    await expectText(majaPage.locator('.faq-list'), 'granskas senast');
    await checkPage(majaPage, 'vanliga-fragor-moderator');
  });

  await step('moderator: the FAQ entry due within 30 days is in "Att granska"; "Granskad" moves it a year on', async () => {
    await majaPage.goto(`${BASE_URL}/`);
    await heading(majaPage, /^Välkommen/);
    await majaPage.getByRole('link', { name: /^Att granska \(\d+\)/ }).click();
    await expectUrl(majaPage, '/handlaggarstod/att-granska');
    await heading(majaPage, 'Att granska');
    const section = majaPage.getByRole('region', { name: 'Vanliga frågor att granska' });
    const item = section.locator('.thread-item', { hasText: newTitle });
    await expectText(item, 'Snart');
    await expectText(item, netB.name);
    await checkPage(majaPage, 'att-granska-vanliga-fragor');
    assert((await item.getByLabel('Nästa granskning').inputValue()) === dayIn(0, 1), 'the next date is a year ahead by default');
    await item.getByRole('button', { name: /^Granskad/ }).click();
    await expectText(section.locator('.notice--success'), `”${newTitle}” är granskad. Nästa granskning`);
    await expectText(section, 'Inga vanliga frågor att granska');
    await majaPage.reload();
    await heading(majaPage, 'Att granska');
    await expectNoText(majaPage.locator('main'), newTitle);
    await majaPage.goto(`${BASE_URL}/forum/${netB.slug}/vanliga-fragor`);
    await heading(majaPage, `Vanliga frågor i ${netB.name}`);
    await expectText(majaPage.locator('.faq-list'), 'granskad');
  });

  // ---- the member ------------------------------------------------------------------------
  const erik = contexts.erik;
  const erikPage = await erik.newPage();
  const erikDialogs = watch(erikPage, 'member');

  await step('member: the header shows unread notifications; Aviseringar marks them read and the count goes', async () => {
    await erikPage.goto(`${BASE_URL}/`);
    await heading(erikPage, `Välkommen, ${people.erik.name}`);
    const count = erikPage.locator('.site-account__notifications .site-account__count');
    await expectText(count, /^\d+/);
    await expectText(count, 'olästa aviseringar');
    await erikPage.locator('.site-account__notifications').click();
    await expectUrl(erikPage, '/aviseringar');
    await heading(erikPage, 'Aviseringar');
    await focusedIsHeading(erikPage);
    await expectText(erikPage.locator('.notification-list'), `${people.maja.name} svarade i`);
    await checkPage(erikPage, 'aviseringar');
    await erikPage.getByRole('button', { name: 'Markera alla som lästa' }).click();
    await expectText(erikPage.locator('main .notice--success'), 'Alla aviseringar är markerade som lästa.');
    await erikPage.waitForFunction(() => document.querySelector('.site-account__notifications .site-account__count')?.hidden === true, null, { timeout: TIMEOUT });
  });

  await step('member: withdraw my own reply after a confirmation; it is gone and the live region says so', async () => {
    await erikPage.goto(`${BASE_URL}${threadPath}`);
    await heading(erikPage, newTitle);
    const mine = erikPage.locator('.post-list .post', { hasText: 'föreläggande direkt' });
    assert((await erikPage.locator('.post-list .post', { hasText: 'Vi i Eksjö' }).getByRole('button', { name: /^Dra tillbaka/ }).count()) === 0, 'no "Dra tillbaka" on others\' posts');
    await mine.getByRole('button', { name: /^Dra tillbaka/ }).click();
    assert(erikDialogs.some((m) => m.startsWith('Dra tillbaka ditt inlägg?')), 'withdrawing asks first');
    await expectText(erikPage.locator('#live'), 'Ditt inlägg är tillbakadraget.');
    await erikPage.waitForFunction(() => ![...document.querySelectorAll('.post-list .post')].some((p) => p.textContent.includes('föreläggande direkt')), null, { timeout: TIMEOUT });
  });

  await step('member: the e-mail digest is chosen in the profile and survives a reload', async () => {
    await erikPage.goto(`${BASE_URL}/profil`);
    await heading(erikPage, 'Mina uppgifter');
    const section = erikPage.getByRole('region', { name: 'Aviseringar med e-post' });
    assert(await section.getByLabel('Dagligen').isChecked(), 'daily is the default');
    await section.getByLabel('Aldrig').check();
    await expectText(section.locator('[aria-live]'), 'Sparat: du får inga aviseringar med e-post.');
    await checkPage(erikPage, 'profil-aviseringar');
    await erikPage.reload();
    await heading(erikPage, 'Mina uppgifter');
    assert(await erikPage.getByRole('region', { name: 'Aviseringar med e-post' }).getByLabel('Aldrig').isChecked(), 'the choice is kept');
  });

  await step('member: follow a tillsynsområde in the profile; a new thread about it, in a network he is not in, reaches Aviseringar', async () => {
    await erikPage.goto(`${BASE_URL}/profil`);
    await heading(erikPage, 'Mina uppgifter');
    const section = erikPage.getByRole('region', { name: 'Bevakade tillsynsområden' });
    await section.getByLabel(tags.mifo, { exact: true }).check();
    await expectText(section.locator('[aria-live]'), `Du bevakar nu ${tags.mifo}.`);
    await checkPage(erikPage, 'profil-bevakade-omraden');
    await erikPage.reload();
    await heading(erikPage, 'Mina uppgifter');
    const kept = erikPage.getByRole('region', { name: 'Bevakade tillsynsområden' }).getByLabel(tags.mifo, { exact: true });
    assert(await kept.isChecked(), 'the follow survives a reload');
    const title = `Ansvarsutredning för en nedlagd plantskola ${suffix}`;
    const mifoThread = await must(maja, 'mutation ($input: CreateThreadInput!) { createThread(input: $input) { thread { id } } }', {
      input: { networkId: netB.id, kind: 'QUESTION', title, body: 'Vem är ansvarig för föroreningarna när verksamheten upphörde på 1970-talet?', tags: [tags.mifo] },
    }, (d) => d.createThread?.thread?.id);
    await erikPage.goto(`${BASE_URL}/aviseringar`);
    await heading(erikPage, 'Aviseringar');
    await expectText(erikPage.locator('.notification-list li', { hasText: title }), `${people.maja.name} startade en tråd om ${tags.mifo}:`);
    await expectText(erikPage.locator('.site-account__notifications .site-account__count'), /^1\D.*oläst avisering/s);
    // Opened from the notification and left at once, the thread counts as read all the same.
    const unread = async () => (await api(erik, 'query ($id: ID!) { thread(id: $id) { unreadCount } }', { id: mifoThread })).data.thread.unreadCount;
    assert((await unread()) === 1, 'the new thread is unread before it is opened');
    await erikPage.locator('.notification-list li', { hasText: title }).getByRole('link', { name: title }).click();
    await heading(erikPage, title);
    await erikPage.goBack();
    await heading(erikPage, 'Aviseringar');
    let left = await unread();
    for (let i = 0; i < 30 && left !== 0; i++) {
      await erikPage.waitForTimeout(100);
      left = await unread();
    }
    assert(left === 0, `a thread opened and left within a second is read: ${left} unread`);
  });

  await step('member: an unsent reply is kept as a draft and comes back on another device; sending it removes it', async () => {
    await erikPage.goto(`${BASE_URL}${threadPath}`);
    await heading(erikPage, newTitle);
    const draftText = 'Vi brukar begära in en provtagningsplan först.';
    await erikPage.getByLabel('Ditt svar').fill(draftText);
    // Leaving the page inside the app saves it (so would closing the tab, or 3 s of quiet).
    await erikPage.getByRole('link', { name: 'Forum', exact: true }).first().click();
    await heading(erikPage, 'Forum');
    const other = await browser.newContext(contextOptions);
    await must(other, 'mutation ($input: LoginInput!) { login(input: $input) { user { id } } }', { input: { email: people.erik.email, password } }, (d) => d.login?.user?.id);
    const phone = await other.newPage();
    watch(phone, 'member on another device');
    let restored = '';
    for (let i = 0; i < 20 && restored !== draftText; i++) {
      await phone.goto(`${BASE_URL}${threadPath}`);
      await heading(phone, newTitle);
      restored = await phone.getByLabel('Ditt svar').inputValue();
      if (restored !== draftText) await phone.waitForTimeout(500);
    }
    assert(restored === draftText, `the draft came back: ${JSON.stringify(restored)}`);
    await expectText(phone.getByRole('region', { name: 'Svara' }), 'Ditt osända svar');
    await checkPage(phone, 'trad-utkast');
    await phone.getByRole('button', { name: 'Skicka svaret' }).click();
    await expectText(phone.getByRole('region', { name: 'Svara' }), 'Ditt svar är publicerat.');
    await phone.goto(`${BASE_URL}${threadPath}`);
    await heading(phone, newTitle);
    assert((await phone.getByLabel('Ditt svar').inputValue()) === '', 'the draft is gone once sent');
    await other.close();
  });

  await step('member: the coordinators\' pages say in Swedish that they are not for a member', async () => {
    for (const [address, text] of [
      ['/telefonboken/kontroll', 'chefer och administratörer'],
      ['/telefonboken/logg', 'chefer och administratörer'],
      ['/telefonboken/enheter', 'chefer och administratörer'],
      ['/traffar/ny', 'moderatorer'],
      [`/forum/${netA.slug}/papperskorg`, 'moderatorer'],
      ['/admin/organisationer/eksjo', 'administratörer'],
    ]) {
      await erikPage.goto(`${BASE_URL}${address}`);
      await heading(erikPage, 'Du har inte behörighet');
      await expectText(erikPage.locator('main'), text);
    }
    await checkPage(erikPage, 'ingen-behorighet');
  });

  // ---- meetings ---------------------------------------------------------------------------
  let meetingPath = '';
  await step('organiser: a new meeting from the network page; the server\'s error is shown at its field', async () => {
    await majaPage.goto(`${BASE_URL}/forum/${netA.slug}`);
    await heading(majaPage, netA.name);
    await majaPage.getByRole('link', { name: 'Ny träff' }).click();
    await expectUrl(majaPage, `/traffar/ny?natverk=${netA.slug}`);
    await heading(majaPage, 'Ny träff');
    await focusedIsHeading(majaPage);
    assert((await majaPage.getByLabel('Vems träff').locator('option:checked').innerText()) === netA.name, 'the network is chosen from the address');
    await majaPage.getByLabel('Rubrik', { exact: true }).fill('Nätverksträff massor i maj');
    await majaPage.getByLabel('Beskrivning').fill('**Program:** lägesbild, vägledningen om massor, fika.');
    await majaPage.getByLabel('Börjar', { exact: true }).fill(`${year}-05-12T09:00`);
    await majaPage.getByLabel('Slutar', { exact: true }).fill(`${year}-05-12T08:00`);
    await majaPage.getByLabel('Plats', { exact: true }).fill('Stadshuset, Vetlanda');
    await majaPage.getByRole('button', { name: 'Skapa träffen' }).click();
    const ends = majaPage.getByLabel('Slutar', { exact: true });
    await majaPage.waitForFunction(() => document.querySelector('input[name=endsAt]')?.getAttribute('aria-invalid') === 'true', null, { timeout: TIMEOUT });
    await expectText(majaPage.locator('.field--invalid .field__error'), 'Träffen måste sluta efter att den börjar.');
    assert(await ends.evaluate((el) => el === document.activeElement), 'focus goes to the field in error');
    await checkPage(majaPage, 'ny-traff-fel');
    await ends.fill(`${year}-05-12T15:30`);
    await majaPage.getByLabel('Antal platser (valfritt)').fill('40');
    await majaPage.getByRole('button', { name: 'Skapa träffen' }).click();
    await heading(majaPage, 'Nätverksträff massor i maj');
    await expectText(majaPage.locator('main .notice--success'), 'är skapad');
    meetingPath = new URL(majaPage.url()).pathname;
    assert(/^\/traffar\/[\w-]+$/.test(meetingPath), `a readable meeting address: ${meetingPath}`);
    await expectText(majaPage.locator('.facts'), 'kl. 09:00–15:30');
    await expectText(majaPage.locator('.facts'), netA.name);
  });

  await step('organiser: edit the meeting; the address survives a reload', async () => {
    await majaPage.getByRole('region', { name: 'För arrangören' }).getByRole('link', { name: 'Redigera träffen' }).click();
    await expectUrl(majaPage, `${meetingPath}/redigera`);
    await heading(majaPage, 'Redigera Nätverksträff massor i maj');
    await majaPage.reload();
    await heading(majaPage, 'Redigera Nätverksträff massor i maj');
    assert((await majaPage.getByLabel('Börjar', { exact: true }).inputValue()) === `${year}-05-12T09:00`, 'the start is filled in in Swedish time');
    await checkPage(majaPage, 'redigera-traff');
    // A member has registered; the new time and place reach him.
    const meetingId = decodeURIComponent(meetingPath.split('/')[2]);
    await must(erik, 'mutation ($input: MeetingRegistrationInput!) { registerForMeeting(input: $input) { status } }', { input: { meetingId } }, (d) => d.registerForMeeting?.status);
    await majaPage.getByLabel('Börjar', { exact: true }).fill(`${year}-05-12T10:00`);
    await majaPage.getByLabel('Plats', { exact: true }).fill('Rådhuset, Eksjö');
    await majaPage.getByRole('button', { name: 'Spara ändringarna' }).click();
    await heading(majaPage, 'Nätverksträff massor i maj');
    await expectText(majaPage.locator('main .notice--success'), 'Ändringarna är sparade.');
    await expectText(majaPage.locator('.facts'), 'Rådhuset, Eksjö');
    await expectText(majaPage.locator('.facts'), 'kl. 10:00–15:30');
  });

  await step('registrant: the changed time and place of his meeting are in Aviseringar', async () => {
    await erikPage.goto(`${BASE_URL}/aviseringar`);
    await heading(erikPage, 'Aviseringar');
    const told = erikPage.getByRole('region', { name: 'Om dina träffar' });
    await expectText(told, 'Träffen ”Nätverksträff massor i maj” har ändrats.');
    await expectText(told, 'Ny tid:');
    await expectText(told, 'kl. 10:00–15:30');
    await expectText(told, 'Rådhuset, Eksjö');
    await checkPage(erikPage, 'aviseringar-traffar');
    await told.getByRole('link', { name: 'Till träffen' }).first().click();
    await expectUrl(erikPage, meetingPath);
    await heading(erikPage, 'Nätverksträff massor i maj');
  });

  await step('organiser: link the minutes from handläggarstöd, see the participants list and CSV, unlink', async () => {
    const docs = majaPage.getByRole('region', { name: 'Protokoll och presentationer' });
    await expectText(docs, 'Inga dokument är kopplade');
    // The picker's search box finds documents by words of their title.
    await docs.getByLabel('Sök på rubrik').fill(`finnsinte${suffix}`);
    await expectText(docs.locator('#sok-dokument-hint'), `Inget dokument har ”finnsinte${suffix}” i rubriken.`);
    await docs.getByLabel('Sök på rubrik').fill(`massor ${suffix}`);
    await expectText(docs.locator('#sok-dokument-hint'), `1 dokument med ”massor ${suffix}” i rubriken.`);
    await docs.getByLabel('Dokument ur handläggarstödet').selectOption({ label: `${docTitle} (protokoll)` });
    await docs.getByRole('button', { name: 'Koppla till träffen' }).click();
    await expectText(docs.locator('.notice--success'), 'är kopplat till träffen');
    await expectText(docs.locator('.meeting-documents'), docTitle);
    await checkPage(majaPage, 'traff-arrangor');
    const csv = await majaPage.getByRole('link', { name: 'Deltagarna som CSV' }).getAttribute('href');
    assert(/^\/meetings\/[^/]+\/participants\.csv$/.test(csv), `the CSV link: ${csv}`);
    const file = await majaPage.request.get(`${BASE_URL}${csv}`);
    assert(file.ok(), `the participants CSV downloads (${file.status()})`);
    await majaPage.getByRole('link', { name: 'Deltagarlistan', exact: true }).click();
    assert(await majaPage.locator('#deltagare').evaluate((el) => el === document.activeElement), '"Deltagarlistan" moves focus to the list');
    // A member reads the linked minutes from the meeting page.
    const erikMeeting = await erik.newPage();
    watch(erikMeeting, 'member');
    await erikMeeting.goto(`${BASE_URL}${meetingPath}`);
    await heading(erikMeeting, 'Nätverksträff massor i maj');
    await expectText(erikMeeting.getByRole('region', { name: 'Protokoll och presentationer' }), docTitle);
    assert((await erikMeeting.getByRole('region', { name: 'För arrangören' }).count()) === 0, 'a member gets no organiser tools');
    await erikMeeting.close();
    await docs.getByRole('button', { name: /^Ta bort kopplingen/ }).click();
    await expectText(docs.locator('.notice--success'), 'inte längre kopplat');
  });

  await step('organiser: cancel the meeting after a confirmation', async () => {
    await majaPage.getByRole('button', { name: 'Ställ in träffen' }).click();
    assert(majaDialogs.some((m) => m.startsWith('Ställa in Nätverksträff massor i maj?')), 'cancelling asks first');
    await expectText(majaPage.getByRole('region', { name: 'För arrangören' }).locator('.notice--success'), 'Träffen är inställd.');
    await expectText(majaPage.locator('main .notice--error'), 'Träffen är inställd.');
    assert((await majaPage.getByRole('button', { name: 'Ställ in träffen' }).count()) === 0, 'a cancelled meeting cannot be cancelled again');
  });

  // ---- the manager -----------------------------------------------------------------------
  const karin = contexts.karin;
  const karinPage = await karin.newPage();
  const karinDialogs = watch(karinPage, 'manager');

  await step('manager: the start page does not say "inget oläst" above unread networks', async () => {
    await karinPage.goto(`${BASE_URL}/`);
    await heading(karinPage, `Välkommen, ${people.karin.name}`);
    const forum = karinPage.getByRole('region', { name: 'I dina nätverk' });
    await expectText(forum, 'Oläst i nätverk du inte är med i');
    await expectNoText(forum, 'Inget oläst');
    await checkPage(karinPage, 'start-utan-natverk');
  });

  await step('manager: Telefonboken has "Vem handlägger …?" above the list and the manager\'s own links', async () => {
    await karinPage.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Telefonboken' }).click();
    await heading(karinPage, 'Telefonboken');
    const before = await karinPage.evaluate(() => {
      const who = document.getElementById('vem-handlagger');
      const list = document.getElementById('resultat');
      return Boolean(who && list && who.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    assert(before, '"Vem handlägger …?" comes before the people');
    await karinPage.getByRole('navigation', { name: 'Telefonboken' }).getByRole('link', { name: 'Att kontrollera' }).click();
    await expectUrl(karinPage, '/telefonboken/kontroll');
  });

  await step('manager: verify one due entry with "Kontrollerad", then all the others', async () => {
    await heading(karinPage, 'Att kontrollera');
    await focusedIsHeading(karinPage);
    const table = karinPage.locator('main table');
    for (const name of ['Anna Ek', 'Bo Ek', 'Cecilia Ek', people.sven.name]) await expectText(table, name);
    await checkPage(karinPage, 'att-kontrollera');
    // By keyboard: Enter on the row's button; focus goes on to the next row's button.
    await karinPage.getByRole('button', { name: 'Kontrollerad Anna Ek' }).focus();
    await karinPage.keyboard.press('Enter');
    await expectText(karinPage.locator('tr', { hasText: 'Anna Ek' }), 'Kontrollerad i dag');
    const focused = await karinPage.evaluate(() => document.activeElement?.textContent);
    assert(focused === 'Kontrollerad Bo Ek', `focus moves to the next row: ${focused}`);
    await expectText(karinPage.locator('#live'), 'Anna Ek är markerad som kontrollerad i dag.');
    await karinPage.getByRole('button', { name: /^Alla \d+ är kontrollerade$/ }).click();
    assert(karinDialogs.some((m) => m.startsWith('Markera alla')), 'all at once asks first');
    await expectText(karinPage.locator('main .notice--success'), 'poster är markerade som kontrollerade i dag');
    assert((await karinPage.locator('main table button', { hasText: 'Kontrollerad' }).count()) === 0, 'no row is left to verify');
    // The server runs with SAMSYN_VERIFY_MONTHS=0 (so new entries are due at once), which
    // also makes them due again right away: after a reload they show who checked them today.
    await karinPage.reload();
    await heading(karinPage, 'Att kontrollera');
    await expectText(karinPage.locator('tr', { hasText: 'Cecilia Ek' }), `av ${people.karin.name}`);
  });

  await step('manager: the audit log shows who did what, before and after, and filters by what and when in the address', async () => {
    // A change of title by the manager, to be shown side by side.
    const bo = (await api(karin, '{ people(filter: { text: "Bo Ek" }) { nodes { id } } }')).data.people.nodes[0].id;
    await must(karin, 'mutation ($input: UpsertPersonInput!) { upsertPerson(input: $input) { person { id } } }', { input: { id: bo, title: 'Miljö- och hälsoskyddsinspektör' } }, (d) => d.upsertPerson?.person?.id);
    await karinPage.getByRole('navigation', { name: 'Telefonboken' }).getByRole('link', { name: 'Ändringslogg' }).click();
    await heading(karinPage, 'Ändringslogg');
    const log = karinPage.locator('.audit-list');
    await expectText(log, `Kontrollerad: person`);
    await expectText(log, `av ${people.karin.name}`);
    await karinPage.getByLabel('Vad').selectOption('PERSON');
    await karinPage.getByLabel('Från och med').fill(today);
    await karinPage.getByLabel('Till och med').fill(today);
    await karinPage.getByRole('button', { name: 'Visa' }).click();
    await expectUrl(karinPage, `/telefonboken/logg?vad=PERSON&fran=${today}&till=${today}`);
    await karinPage.reload();
    await heading(karinPage, 'Ändringslogg');
    assert((await karinPage.getByLabel('Vad').inputValue()) === 'PERSON', 'the filter survives a reload');
    const changed = karinPage.locator('.audit-entry', { hasText: 'Ändrad: person Bo Ek' });
    await expectText(changed, `av ${people.karin.name}`);
    const row = changed.locator('table tr', { hasText: 'Befattning' });
    assert((await row.locator('td').allInnerTexts()).join(' | ') === 'Miljöinspektör | Miljö- och hälsoskyddsinspektör', 'before and after side by side');
    await expectText(changed.locator('summary'), 'Oförändrade fält');
    const created = karinPage.locator('.audit-entry', { hasText: 'Skapad: person Bo Ek' });
    await expectText(created, `av`);
    await expectText(created.locator('table'), 'Miljöinspektör');
    await expectText(created.locator('table'), 'Fanns inte');
    await checkPage(karinPage, 'andringslogg');
    await created.getByRole('link', { name: 'Bara ändringar av Bo Ek' }).click();
    await heading(karinPage, 'Ändringslogg');
    await expectText(karinPage.locator('main form'), 'Visar bara ändringar av Bo Ek.');
    assert((await karinPage.getByLabel('Om vem').inputValue()) === 'Bo Ek', 'the person is named in the filter');
    const names = await karinPage.locator('.audit-entry__title').allInnerTexts();
    assert(names.length >= 2 && names.every((n) => n.includes('Bo Ek')), `only Bo Ek's rows: ${names.join(' | ')}`);
    // "Om vem" by name: an unknown name is named at the field, a known one filters.
    await karinPage.getByLabel('Om vem').fill('Doris Okänd');
    await karinPage.getByRole('button', { name: 'Visa' }).click();
    await expectText(karinPage.locator('.field--invalid .field__error'), 'Ingen i telefonboken heter ”Doris Okänd”.');
    await karinPage.getByLabel('Om vem').fill('Cecilia Ek');
    await karinPage.getByRole('button', { name: 'Visa' }).click();
    await expectText(karinPage.locator('main form'), 'Visar bara ändringar av Cecilia Ek.');
    const cecilia = await karinPage.locator('.audit-entry__title').allInnerTexts();
    assert(cecilia.length >= 2 && cecilia.every((n) => n.includes('Cecilia Ek')), `only Cecilia Ek's rows: ${cecilia.join(' | ')}`);
    // Who: one row's "Bara ändringar gjorda av" keeps that user's changes only.
    await karinPage.goto(`${BASE_URL}/telefonboken/logg`);
    await heading(karinPage, 'Ändringslogg');
    await karinPage.getByRole('link', { name: `Bara ändringar gjorda av ${people.karin.name}` }).first().click();
    await heading(karinPage, 'Ändringslogg');
    await karinPage.waitForURL((url) => url.pathname === '/telefonboken/logg' && url.searchParams.get('av') === people.karin.id, { timeout: TIMEOUT });
    await expectText(karinPage.locator('main form'), `Visar bara ändringar gjorda av ${people.karin.name}.`);
    const bylines = await karinPage.locator('.audit-entry').allInnerTexts();
    assert(bylines.length >= 2 && bylines.every((t) => t.includes(`av ${people.karin.name}`)), `only Karin's changes: ${bylines.length}`);
    await karinPage.reload();
    await expectText(karinPage.locator('main form'), `Visar bara ändringar gjorda av ${people.karin.name}.`);
    await karinPage.getByRole('link', { name: 'Visa allas ändringar' }).click();
    await karinPage.waitForURL((url) => url.pathname === '/telefonboken/logg' && !url.searchParams.get('av'), { timeout: TIMEOUT });
    await karinPage.goto(`${BASE_URL}/telefonboken/logg?vad=UNIT&fran=2001-01-01&till=2001-01-02`);
    await heading(karinPage, 'Ändringslogg');
    await expectText(karinPage.locator('main .empty'), 'Inga ändringar matchar filtret.');
  });

  await step('manager: a person\'s page downloads that one person\'s contact card (vCard)', async () => {
    const anna = (await api(karin, '{ people(filter: { text: "Anna Ek" }) { nodes { id } } }')).data.people.nodes[0].id;
    await karinPage.goto(`${BASE_URL}/telefonboken/person/${encodeURIComponent(anna)}`);
    await heading(karinPage, 'Anna Ek');
    const link = karinPage.getByRole('link', { name: 'Ladda ned kontaktkort (vCard)' });
    const href = await link.getAttribute('href');
    assert(href === `/directory/people/${encodeURIComponent(anna)}/kontaktkort.vcf`, `the card's address: ${href}`);
    const [download] = await Promise.all([karinPage.waitForEvent('download', { timeout: TIMEOUT }), link.click()]);
    const file = await download.path();
    const { readFile } = await import('node:fs/promises');
    const card = await readFile(file, 'utf8');
    assert(card.startsWith('BEGIN:VCARD') && card.includes('FN:Anna Ek') && card.includes(`anna.ek.${suffix}@eksjo.se`), `one person's card: ${card.slice(0, 300)}`);
    assert((card.match(/BEGIN:VCARD/g) ?? []).length === 1, 'exactly one card');
    await checkPage(karinPage, 'person-kontaktkort');
  });

  await step('manager: create, rename and remove a unit of her organisation', async () => {
    await karinPage.goto(`${BASE_URL}/telefonboken/enheter`);
    await heading(karinPage, 'Enheter');
    const section = karinPage.getByRole('region', { name: /^Enheter i Eksjö/ });
    const create = section.getByRole('form', { name: 'Ny enhet' });
    await create.getByLabel('Namn').fill('Miljökontoret');
    await create.getByRole('button', { name: 'Lägg till enheten' }).click();
    await expectText(section.locator('.notice--success'), 'Miljökontoret är tillagd.');
    await checkPage(karinPage, 'enheter');
    const edit = section.getByRole('form', { name: 'Ändra Miljökontoret' });
    await edit.getByLabel('Namn').fill('Miljö- och hälsoskyddskontoret');
    await edit.getByLabel('Typ').selectOption('FORVALTNING');
    await edit.getByRole('button', { name: 'Spara' }).click();
    await expectText(section.locator('.notice--success'), 'Miljökontoret heter nu Miljö- och hälsoskyddskontoret.');
    await expectText(section.locator('.unit-list'), 'Förvaltning');
    await karinPage.reload();
    await heading(karinPage, 'Enheter');
    const renamed = karinPage.getByRole('form', { name: 'Ändra Miljö- och hälsoskyddskontoret' });
    await renamed.getByRole('button', { name: /^Ta bort/ }).click();
    assert(karinDialogs.some((m) => m.startsWith('Ta bort Miljö- och hälsoskyddskontoret?')), 'removing asks first');
    await expectText(karinPage.locator('main .notice--success'), 'är borttagen');
    await expectText(karinPage.locator('main .empty'), 'inga enheter');
  });

  await step('manager: the header search box forgets the query on other pages', async () => {
    await karinPage.getByLabel('Sök i Samsyn').fill('schaktmassor');
    await karinPage.getByLabel('Sök i Samsyn').press('Enter');
    await expectUrl(karinPage, '/sok?q=schaktmassor');
    await heading(karinPage, 'Sök');
    assert((await karinPage.getByLabel('Sök i Samsyn').inputValue()) === 'schaktmassor', 'the search page shows its query');
    await karinPage.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Forum' }).click();
    await heading(karinPage, 'Forum');
    assert((await karinPage.getByLabel('Sök i Samsyn').inputValue()) === '', 'the box is empty on an unrelated page');
    await karinPage.goBack();
    await heading(karinPage, 'Sök');
    assert((await karinPage.getByLabel('Sök i Samsyn').inputValue()) === 'schaktmassor', 'and back on the search page it shows the query again');
  });

  // ---- the admin ---------------------------------------------------------------------------
  await step('admin: an organisation\'s details are edited on its own page', async () => {
    await adminPage.goto(`${BASE_URL}/admin/organisationer`);
    await heading(adminPage, 'Organisationer');
    await adminPage.getByRole('link', { name: 'Eksjö kommun' }).click();
    await expectUrl(adminPage, '/admin/organisationer/eksjo');
    await heading(adminPage, 'Eksjö kommun');
    await adminPage.getByLabel('Växel').fill('0381-360 00');
    await adminPage.getByLabel('Besöksadress').fill('Stadshuset, Eksjö');
    await adminPage.getByRole('button', { name: 'Spara ändringarna' }).click();
    await expectText(adminPage.locator('main .notice--success'), 'Ändringarna för Eksjö kommun är sparade.');
    await adminPage.reload();
    await heading(adminPage, 'Eksjö kommun');
    assert((await adminPage.getByLabel('Besöksadress').inputValue()) === 'Stadshuset, Eksjö', 'saved');
    await checkPage(adminPage, 'admin-organisation');
  });

  const nora = { name: 'Nora Nyanställd', email: `nora.ny.${suffix}@eksjo.se` };
  const olle = { name: 'Olle Ordinarie', email: `olle.ordinarie.${suffix}@eksjo.se` };
  await step('admin: a network marked "Förvalt för nya användare" is ticked for a new user, who starts as its member', async () => {
    await adminPage.goto(`${BASE_URL}/admin/natverk/${netB.slug}`);
    await heading(adminPage, netB.name);
    await adminPage.getByLabel('Förvalt för nya användare').check();
    await adminPage.getByRole('button', { name: 'Spara ändringar' }).click();
    await expectText(adminPage.locator('main .notice--success'), `Ändringarna för ${netB.name} är sparade.`);
    await adminPage.goto(`${BASE_URL}/admin/anvandare/ny`);
    await heading(adminPage, 'Ny användare');
    const choices = adminPage.getByRole('group', { name: 'Nätverk att gå med i' });
    assert(await choices.getByLabel(netB.name, { exact: true }).isChecked(), 'the default network is ticked');
    assert(!(await choices.getByLabel(netA.name, { exact: true }).isChecked()), 'the others are not');
    await checkPage(adminPage, 'admin-ny-anvandare');
    const create = async (p, tick) => {
      await adminPage.goto(`${BASE_URL}/admin/anvandare/ny`);
      await heading(adminPage, 'Ny användare');
      await adminPage.getByLabel('Namn', { exact: true }).fill(p.name);
      await adminPage.getByLabel('E-postadress').fill(p.email);
      await adminPage.getByLabel('Organisation').selectOption({ label: 'Eksjö kommun' });
      await adminPage.getByLabel('Lösenord').fill(password);
      await tick(adminPage.getByRole('group', { name: 'Nätverk att gå med i' }));
      await adminPage.getByRole('button', { name: 'Skapa användare' }).click();
      await expectUrl(adminPage, '/admin/anvandare');
      await expectText(adminPage.locator('main .notice--success'), `Användaren ${p.name} har skapats.`);
    };
    await create(olle, async () => {});
    const olleContext = await browser.newContext(contextOptions);
    await must(olleContext, 'mutation ($input: LoginInput!) { login(input: $input) { user { id } } }', { input: { email: olle.email, password } }, (d) => d.login?.user?.id);
    const mine = (await api(olleContext, '{ networks { slug myRole } }')).data.networks.filter((n) => n.myRole).map((n) => n.slug);
    assert(mine.length === 1 && mine[0] === netB.slug, `Olle starts in the default network: ${mine.join(', ')}`);
    await olleContext.close();
    // Nora gets no network: her start page offers the open ones.
    await create(nora, async (group) => {
      for (const box of await group.getByRole('checkbox').all()) await box.uncheck();
    });
  });

  await step('new user: with no network, the start page offers the open networks and joining one works', async () => {
    const noraContext = await browser.newContext(contextOptions);
    const noraPage = await noraContext.newPage();
    watch(noraPage, 'new user');
    await loginUi(noraPage, nora.email, password);
    await heading(noraPage, `Välkommen, ${nora.name}`);
    const join = noraPage.getByRole('region', { name: 'Gå med i ett nätverk' });
    await expectText(join, 'Du är inte medlem i något nätverk än.');
    await checkPage(noraPage, 'start-ga-med');
    await join.getByRole('button', { name: `Gå med i ${netA.name}` }).click();
    await expectText(join, `Du är nu medlem i ${netA.name} och får nya frågor därifrån.`);
    const mine = (await api(noraContext, '{ networks { slug myRole } }')).data.networks.filter((n) => n.myRole).map((n) => n.slug);
    assert(mine.length === 1 && mine[0] === netA.slug, `Nora is a member of what she joined: ${mine.join(', ')}`);
    await noraPage.reload();
    await heading(noraPage, `Välkommen, ${nora.name}`);
    assert((await noraPage.getByRole('region', { name: 'Gå med i ett nätverk' }).count()) === 0, 'a member of a network is not asked again');
    await noraContext.close();
  });

  await step('admin: a meeting of the whole collaboration, from Träffar', async () => {
    await adminPage.goto(`${BASE_URL}/traffar`);
    await heading(adminPage, 'Träffar');
    await adminPage.getByRole('link', { name: 'Ny träff' }).click();
    await heading(adminPage, 'Ny träff');
    assert((await adminPage.getByLabel('Vems träff').locator('option:checked').innerText()) === 'Hela samverkan', 'an admin starts with the whole collaboration');
    await adminPage.getByLabel('Rubrik', { exact: true }).fill(`Miljöhandläggarträffen hösten ${year}`);
    await adminPage.getByLabel('Börjar', { exact: true }).fill(`${year}-10-07T08:30`);
    await adminPage.getByLabel('Slutar', { exact: true }).fill(`${year}-10-07T16:00`);
    await adminPage.getByLabel('Länk till digitalt möte (valfritt)').fill('https://teams.example.se/mote/123');
    await adminPage.getByLabel('Sista anmälningsdag (valfritt)').fill(`${year}-09-23T23:59`);
    await adminPage.getByRole('button', { name: 'Skapa träffen' }).click();
    await heading(adminPage, `Miljöhandläggarträffen hösten ${year}`);
    await expectText(adminPage.locator('.facts'), 'Hela samverkan');
    await expectText(adminPage.locator('.facts'), 'Länk till mötet');
  });

  await step('admin: erase a user after a confirmation that says what happens; the posts show "Tidigare användare"', async () => {
    await adminPage.goto(`${BASE_URL}/admin/anvandare/${encodeURIComponent(svenId)}`);
    await heading(adminPage, `Redigera ${people.sven.name}`);
    await adminPage.getByRole('button', { name: 'Radera användaren …' }).click();
    const confirm = adminPage.locator('#radera-bekrafta');
    await expectText(confirm, 'Tidigare användare');
    await expectText(confirm, 'post i telefonboken tas bort');
    assert(await adminPage.locator('#radera-rubrik').evaluate((el) => el === document.activeElement), 'focus moves to the confirmation');
    await checkPage(adminPage, 'radera-anvandare');
    await confirm.getByRole('button', { name: `Ja, radera ${people.sven.name}` }).click();
    await expectUrl(adminPage, '/admin/anvandare');
    await expectText(adminPage.locator('main .notice--success'), `${people.sven.name} är raderad.`);
    await expectText(adminPage.locator('main .notice--success'), 'Posten i telefonboken är borttagen.');
    await adminPage.goto(`${BASE_URL}${threadPath}`);
    await heading(adminPage, newTitle);
    await expectText(adminPage.locator('.post-list .post', { hasText: 'Vi i Eksjö' }), 'Tidigare användare');
    const gone = await api(admin, 'query ($f: PersonFilterInput) { people(filter: $f) { totalCount } }', { f: { text: people.sven.name } });
    assert(gone.data?.people?.totalCount === 0, `the phone-book entry is gone: ${JSON.stringify(gone)}`);
  });

  // ---- rough edges -------------------------------------------------------------------------
  await step('author: the start page leads to "Att granska"; marking a document reviewed moves its date', async () => {
    const overdue = new Date(Date.now() - 3 * 86_400_000);
    const reviewBy = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(overdue);
    const reviewTitle = `Checklista massor ${suffix}`;
    await must(admin, 'mutation ($input: CreateDocumentInput!) { createDocument(input: $input) { document { id } } }', {
      input: { title: reviewTitle, kind: 'CHECKLISTA', networkId: netA.id, publish: true, reviewBy, body: '- [ ] Provtagning' },
    }, (d) => d.createDocument?.document?.id);
    await adminPage.goto(`${BASE_URL}/`);
    await heading(adminPage, /^Välkommen/);
    await adminPage.getByRole('link', { name: /^Att granska \(\d+\)/ }).click();
    await expectUrl(adminPage, '/handlaggarstod/att-granska');
    await heading(adminPage, 'Att granska');
    const item = adminPage.locator('main .thread-item', { hasText: reviewTitle });
    await expectText(item, 'Försenad');
    await checkPage(adminPage, 'att-granska');
    await item.getByLabel('Nästa granskning').fill(`${year}-03-31`);
    await item.getByRole('button', { name: /^Granskad/ }).click();
    await expectText(adminPage.locator('main .notice--success'), `”${reviewTitle}” är granskad. Nästa granskning`);
    await expectNoText(adminPage.locator('main'), 'Försenad');
  });

  await step('a garbled thread address shows "Sidan finns inte"', async () => {
    await adminPage.goto(`${BASE_URL}/forum/trad/skr%C3%A4p`);
    await heading(adminPage, 'Sidan finns inte');
    assert((await adminPage.getByRole('button', { name: 'Försök igen' }).count()) === 0, 'no "Försök igen" for an address that leads nowhere');
    await adminPage.goto(`${BASE_URL}/traffar/skr%C3%A4p`);
    await heading(adminPage, 'Sidan finns inte');
  });

  await step('a document does not repeat its title as a heading, and a checklist has one marker per item', async () => {
    await adminPage.goto(`${BASE_URL}/handlaggarstod`);
    await heading(adminPage, 'Handläggarstöd');
    await adminPage.getByRole('link', { name: docTitle }).click();
    await heading(adminPage, docTitle);
    const titles = await adminPage.locator('main h1, main h2, main h3').allInnerTexts();
    assert(titles.filter((t) => t.trim() === docTitle).length === 1, `the title once: ${titles.join(' | ')}`);
    const markers = await adminPage.locator('article.prose li').first().evaluate((li) => ({
      list: getComputedStyle(li.parentElement).listStyleType,
      text: li.textContent.trim(),
    }));
    assert(markers.list === 'none' && markers.text.startsWith('☐'), `a ☐ item without a bullet: ${JSON.stringify(markers)}`);
    await checkPage(adminPage, 'dokument-checklista');
  });

  for (const c of Object.values(contexts)) await c.close();
  await admin.close();
} catch (err) {
  if (!(err instanceof Abort)) {
    results.failed += 1;
    log(`not ok - unexpected error\n    ${err?.stack ?? err}`);
  }
} finally {
  await browser.close();
  await rm(profileDir, { recursive: true, force: true });
}

const done = summarise('coordinators');
log(`# screenshots in ${SCREENSHOT_DIR} (coord-*.png)`);
process.exit(done());
