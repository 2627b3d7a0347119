// A real OpenID Connect provider on loopback, for the editor app's tests and a laptop: panva's
// oidc-provider (the protocol, discovery, keys, tokens are all the library's), configured with one
// client and a fixed list of test users. Its sign-in form is the library's development form (any
// password): never expose it beyond 127.0.0.1. docs/editing.md says how to use a real provider.
//
//   node deploy/oidc/provider.mjs            # settings from the environment, defaults below
//   OIDC_PORT=9400 OIDC_REDIRECT_URIS=http://127.0.0.1:8502/edit/oauth2callback node deploy/oidc/provider.mjs
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT || 9400);
const issuer = process.env.OIDC_ISSUER || `http://127.0.0.1:${port}`;
const redirectUris = (process.env.OIDC_REDIRECT_URIS || 'http://127.0.0.1:8502/edit/oauth2callback')
  .split(',').map((uri) => uri.trim()).filter(Boolean);

// The test users: an editor, a second editor, and someone who may sign in but is not an editor.
// Their sign-in name is the account id; the email is what the editor allow-list names.
const USERS = {
  editor: { email: 'editor@example.org', name: '编辑甲 Editor A' },
  editor2: { email: 'editor2@example.org', name: '编辑乙 Editor B' },
  reader: { email: 'reader@example.org', name: '读者 Reader' },
};

const configuration = {
  clients: [{
    client_id: process.env.OIDC_CLIENT_ID || 'qinglian-editor',
    client_secret: process.env.OIDC_CLIENT_SECRET || 'qinglian-editor-test-secret',
    redirect_uris: redirectUris,
    post_logout_redirect_uris: redirectUris.map((uri) => uri.replace(/oauth2callback$/, '')),
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  // An unknown sign-in name is no account: the provider asks again rather than inventing one.
  async findAccount(ctx, id) {
    const user = USERS[id];
    if (!user) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: user.email, email_verified: true, name: user.name };
      },
    };
  },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  scopes: ['openid', 'email', 'profile'],
  // One first-party client: the grant is given at sign-in, without a consent page.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile');
    grant.addOIDCClaims(['email', 'email_verified', 'name']);
    await grant.save();
    return grant;
  },
  pkce: { required: () => false },
  // The ID token carries the scopes' claims (email, name): Streamlit's st.user reads the ID token only.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  cookies: { keys: [process.env.OIDC_COOKIE_KEY || 'qinglian-test-provider-cookie-key'] },
  ttl: { Session: 3600, Interaction: 600, Grant: 3600, IdToken: 3600, AccessToken: 3600, AuthorizationCode: 60 },
};

const provider = new Provider(issuer, configuration);
provider.listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider ready at ${issuer}/.well-known/openid-configuration`);
});
