// A real OpenID Connect provider for the sign-in tests: `oidc-provider` (the certified
// provider for Node.js) on 127.0.0.1, port 0, with one confidential client for Samsyn and a
// few accounts. Started by tests/api/oidc.rs; prints `listening <issuer>` once it serves.
//
// Environment:
//   REDIRECT_URI       Samsyn's callback (registered for the client)
//   POST_LOGOUT_URI    where the provider's end-session may send the user back
//   CLIENT_ID, CLIENT_SECRET
//   CLOCK_SKEW_SECONDS the provider's clock runs this many seconds behind (negative: ahead),
//                      so its ID tokens are already expired when Samsyn receives them
//
// The login page is oidc-provider's own development login (any password; the account must
// exist below). Consent is given for the registered client, as a tenant does for its apps.
//
// What a test changes while it runs, through POST /__test/<what> on the same port:
//   rotate   the provider signs with a new key and publishes only that one (key rotation)
//   foreign  the provider signs with a key it does not publish (a forged token)
//   slow?ms  the token endpoint answers only after `ms` milliseconds
//   normal   back to the first key, no delay

import http from 'node:http';
import { generateKeyPair, exportJWK } from 'jose';
import Provider from 'oidc-provider';

const skew = Number(process.env.CLOCK_SKEW_SECONDS ?? 0) * 1000;
if (skew) {
  const realNow = Date.now;
  Date.now = () => realNow() - skew;
}

const ACCOUNTS = {
  anna: { email: 'anna.lind@eksjo.se', email_verified: true, name: 'Anna Lind' },
  bo: { email: 'bo.ek@eksjo.se', email_verified: true, name: 'Bo Ek' },
  // A verified address outside the domains Samsyn accepts from this provider.
  mallory: { email: 'mallory@example.org', email_verified: true, name: 'Mallory Utomstående' },
  // The provider says it has not verified this address.
  unverified: { email: 'ny.person@eksjo.se', email_verified: false, name: 'Ny Person' },
  // The same address as a user made in Samsyn before (linked by e-mail on first sign-in).
  cecilia: { email: 'cecilia.berg@eksjo.se', email_verified: true, name: 'Cecilia Berg' },
  // An account a Samsyn admin has deactivated.
  david: { email: 'david.holm@eksjo.se', email_verified: true, name: 'David Holm' },
};

async function signingKey(kid) {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
}

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

function makeProvider(keys) {
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: process.env.CLIENT_ID ?? 'samsyn',
        client_secret: process.env.CLIENT_SECRET ?? 'samsyn-test-secret',
        redirect_uris: [process.env.REDIRECT_URI ?? 'http://127.0.0.1/auth/oidc/callback'],
        post_logout_redirect_uris: [process.env.POST_LOGOUT_URI ?? 'http://127.0.0.1/utloggad'],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys },
    cookies: { keys: ['samsyn-oidc-test-cookies'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // Claims requested by scope go into the ID token too (as Entra ID does with `email`).
    conformIdTokenClaims: false,
    ttl: { IdToken: 300, AccessToken: 300, AuthorizationCode: 60, Session: 3600, Interaction: 3600, Grant: 3600 },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    async findAccount(ctx, id) {
      const account = ACCOUNTS[id];
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account }) };
    },
    // The tenant has consented for its users: no consent page for the registered client.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  return provider;
}

const first = await signingKey('key-1');
const published = makeProvider([first]);
let current = published;
let jwksFrom = published;
let tokenDelay = 0;

async function control(path, url) {
  switch (path) {
    case '/__test/rotate': {
      current = makeProvider([await signingKey(`key-${Date.now()}`)]);
      jwksFrom = current;
      break;
    }
    case '/__test/foreign': {
      // Signs with a key of the same id as the published one, and publishes none of it.
      current = makeProvider([await signingKey('key-1')]);
      jwksFrom = published;
      break;
    }
    case '/__test/slow':
      tokenDelay = Number(url.searchParams.get('ms') ?? 5000);
      break;
    case '/__test/normal':
      current = published;
      jwksFrom = published;
      tokenDelay = 0;
      break;
    default:
      return false;
  }
  return true;
}

server.on('request', async (req, res) => {
  const url = new URL(req.url, issuer);
  if (req.method === 'POST' && url.pathname.startsWith('/__test/')) {
    const done = await control(url.pathname, url);
    res.writeHead(done ? 204 : 404).end();
    return;
  }
  if (url.pathname === '/token' && tokenDelay > 0) {
    await new Promise((r) => setTimeout(r, tokenDelay));
  }
  const target = url.pathname === '/jwks' ? jwksFrom : current;
  target.callback()(req, res);
});

process.stdout.write(`listening ${issuer}\n`);
// The test that started us closes stdin when it is done (or dies): then we go too.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
