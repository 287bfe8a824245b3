// The development OpenID Connect broker: `oidc-provider` (an OpenID Certified
// implementation) with a tiny login page listing the demo accounts, so `make run` and
// the tests log in through a real broker on another origin, the way DigiD Machtigen
// and eHerkenning reach portals through a broker. Never used in production.
//
// Environment:
//   PORT                        listening port (default 8002)
//   OIDC_BROKER_ISSUER          issuer (default http://127.0.0.1:PORT)
//   OIDC_BROKER_REDIRECT_URIS   comma-separated redirect URIs registered for both clients
//   OIDC_BROKER_CLOCK_SKEW_SECONDS  test only: run the clock this far off (expired tokens)
//   OIDC_BROKER_ID_TOKEN_TTL_SECONDS  ID token lifetime (default 3600)
//   OIDC_BROKER_FAULT           test only: "other-jwks" publishes a different key under the
//                               signing key's kid; "wrong-audience" issues ID tokens for
//                               another client; "replay-nonce" repeats the first login's
//                               nonce in every later ID token
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';

const skew = Number(process.env.OIDC_BROKER_CLOCK_SKEW_SECONDS || 0) * 1000;
if (skew) {
  const realNow = Date.now;
  Date.now = () => realNow() + skew;
}

const { default: Provider } = await import('oidc-provider');
const { accounts, claimNames } = await import('./accounts.js');

const port = Number(process.env.PORT || 8002);
const issuer = process.env.OIDC_BROKER_ISSUER || `http://127.0.0.1:${port}`;
const redirectUris = (
  process.env.OIDC_BROKER_REDIRECT_URIS ||
  'http://localhost:8000/oidc/digid-machtigen/callback/,http://localhost:8000/oidc/eherkenning/callback/'
).split(',');
const fault = process.env.OIDC_BROKER_FAULT || '';

const KID = 'open-loket-dev-broker';
const signingKey = () =>
  ({ ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: KID, use: 'sig', alg: 'RS256' });
const jwk = signingKey();

const client = (id) => ({
  client_id: id,
  client_secret: `dev-secret-${id}`,
  redirect_uris: redirectUris,
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_post',
});

const provider = new Provider(issuer, {
  clients: [client('open-loket-machtigen'), client('open-loket-eherkenning')],
  jwks: { keys: [jwk] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  // Everything Open Loket maps is in the (signed) ID token, as real brokers send it.
  conformIdTokenClaims: false,
  claims: { openid: ['sub', ...claimNames] },
  scopes: ['openid'],
  pkce: { required: () => true },
  ttl: { IdToken: Number(process.env.OIDC_BROKER_ID_TOKEN_TTL_SECONDS || 3600) },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, sub) {
    const account = accounts[sub];
    if (!account) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...account.claims }) };
  },
});

if (fault === 'other-jwks') {
  // The ID token is signed with `jwk`; the key set says the kid is another key.
  const { d, p, q, dp, dq, qi, ...otherPublic } = signingKey();
  provider.use(async (ctx, next) => {
    if (ctx.path === '/jwks') {
      ctx.body = { keys: [otherPublic] };
      return;
    }
    await next();
  });
}
if (fault === 'wrong-audience') {
  const issue = provider.IdToken.prototype.issue;
  provider.IdToken.prototype.issue = function issueForAnotherClient(...args) {
    const real = this.client;
    this.client = new Proxy(real, {
      get: (target, key) => (key === 'clientId' ? 'another-portal' : Reflect.get(target, key, target)),
    });
    return issue.apply(this, args);
  };
}

if (fault === 'replay-nonce') {
  let firstNonce;
  const issue = provider.IdToken.prototype.issue;
  provider.IdToken.prototype.issue = function issueWithFirstNonce(...args) {
    if (this.extra.nonce) {
      firstNonce ??= this.extra.nonce;
      this.extra.nonce = firstNonce;
    }
    return issue.apply(this, args);
  };
}

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

function page(res, html) {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Ontwikkel-broker</title></head><body><main>${html}</main></body></html>`);
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  const clientId = details.params.client_id;
  if (req.method === 'GET') {
    const choices = Object.entries(accounts)
      .filter(([, account]) => account.client === clientId)
      .map(([id, account]) => `<li><button type="submit" name="account" value="${escape(id)}">${escape(account.label)}</button></li>`)
      .join('');
    return page(res, `<h1>Ontwikkel-broker: kies een demo-account</h1>
<form method="post" action="/interaction/${escape(uid)}/login"><ul>${choices}</ul></form>
<form method="post" action="/interaction/${escape(uid)}/abort"><button type="submit">Annuleren</button></form>`);
  }
  if (action === 'abort') {
    return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'End-User aborted interaction' }, { mergeWithLastSubmission: false });
  }
  const accountId = (await readForm(req)).get('account');
  if (!accounts[accountId] || accounts[accountId].client !== clientId) {
    res.writeHead(400);
    return res.end('unknown account');
  }
  const grant = new provider.Grant({ accountId, clientId });
  grant.addOIDCScope('openid');
  grant.addOIDCClaims(['sub', ...claimNames]);
  const grantId = await grant.save();
  return provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
}

const callback = provider.callback();
const server = http.createServer(async (req, res) => {
  const match = /^\/interaction\/([^/]+)(?:\/(login|abort))?$/.exec(new URL(req.url, issuer).pathname);
  if (!match) return callback(req, res);
  try {
    await interaction(req, res, match[1], match[2]);
  } catch (error) {
    res.writeHead(400);
    res.end(String(error.message));
  }
});
server.listen(port, '127.0.0.1', () => {
  console.log(`oidc-broker listening on ${issuer}`);
});
