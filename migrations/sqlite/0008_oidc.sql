-- Sign-in with an organisation's own identity provider (OpenID Connect, issue #19).
--
-- `oidc_providers`: one per organisation at most. The client secret is either sealed with
-- the server's secret key (`client_secret_sealed`, see src/accounts/sealed.rs) or named as
-- an environment variable (`client_secret_env`), never stored in clear. `email_domains` is
-- a comma-separated list of lower-case domains the provider speaks for. `local_passwords`
-- 0 means the organisation's members (not admins) must sign in through the provider.
-- `source` is 'api' (made in the UI or API) or 'file' (the settings file, which wins).
--
-- `oidc_identities`: the link from a provider's subject (`iss` + `sub`) to a user, made
-- at the first sign-in; later sign-ins find the user by it, never by e-mail again.
--
-- `oidc_logins`: sign-ins under way (at most 10 minutes). Only hashes are kept: of the
-- `state` sent to the provider and of the browser's binding cookie; the PKCE verifier and
-- the nonce are derived from that cookie, so the database alone cannot finish a sign-in.
--
-- `oidc_sessions`: which provider a session came from, for its end-session link.

CREATE TABLE oidc_providers (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    organisation_id INTEGER NOT NULL UNIQUE REFERENCES organisations(id) ON DELETE CASCADE,
    issuer TEXT NOT NULL,
    client_id TEXT NOT NULL,
    client_secret_sealed TEXT,
    client_secret_env TEXT,
    email_domains TEXT NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 1,
    local_passwords INTEGER NOT NULL DEFAULT 1,
    source TEXT NOT NULL DEFAULT 'api' CHECK (source IN ('api', 'file')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE oidc_identities (
    id INTEGER PRIMARY KEY,
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    last_login_at INTEGER NOT NULL,
    UNIQUE (issuer, subject)
);
CREATE INDEX oidc_identities_user ON oidc_identities(user_id);

CREATE TABLE oidc_logins (
    id INTEGER PRIMARY KEY,
    state_hash TEXT NOT NULL UNIQUE,
    browser_hash TEXT NOT NULL,
    provider_id INTEGER NOT NULL REFERENCES oidc_providers(id) ON DELETE CASCADE,
    return_to TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX oidc_logins_expires ON oidc_logins(expires_at);

CREATE TABLE oidc_sessions (
    session_id INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
    provider_id INTEGER NOT NULL REFERENCES oidc_providers(id) ON DELETE CASCADE
);
