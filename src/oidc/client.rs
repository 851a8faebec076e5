//! Talking to identity providers, through `openidconnect`: discovery from the issuer URL,
//! the authorization URL (code flow, PKCE S256, state, nonce; never the implicit flow), the
//! code exchange and ID-token verification (signature against the provider's JWKS, issuer,
//! audience, expiry, nonce). Discovery documents and key sets are cached per issuer; an ID
//! token whose key is not in the cached set makes one fresh fetch of the set, which is how a
//! provider's key rotation is followed. Every call is bounded by `SAMSYN_OIDC_TIMEOUT_SECS`.
//! Nothing here logs a token, a code or a secret.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use openidconnect::{
    core::{
        CoreAuthenticationFlow, CoreClient, CoreIdTokenClaims, CoreIdTokenVerifier,
        CoreJsonWebKeySet, CoreJwsSigningAlgorithm,
    },
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, DiscoveryError, IssuerUrl, Nonce,
    PkceCodeChallenge, PkceCodeVerifier, PostLogoutRedirectUrl, ProviderMetadataWithLogout,
    RedirectUrl, RequestTokenError, Scope, TokenResponse,
};

use crate::oidc::fault::Fault;

/// How long a discovery document is trusted before it is fetched again.
const METADATA_TTL: Duration = Duration::from_secs(3600);

/// What discovery found for one issuer.
#[derive(Clone)]
pub struct Discovered {
    pub metadata: ProviderMetadataWithLogout,
    pub jwks: CoreJsonWebKeySet,
    fetched_at: Instant,
}

/// The verified facts of an ID token that Samsyn uses.
#[derive(Debug, Clone)]
pub struct Identity {
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: Option<bool>,
    pub name: Option<String>,
    /// Entra ID's user principal name, often the e-mail address when `email` is absent.
    pub preferred_username: Option<String>,
}

/// The HTTP client (no redirects: a provider cannot send Samsyn elsewhere) and the cache.
#[derive(Clone)]
pub struct Providers {
    http: reqwest::Client,
    timeout: Duration,
    cache: Arc<Mutex<HashMap<String, Discovered>>>,
}

impl Providers {
    pub fn new(timeout: Duration) -> Providers {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(timeout)
            .connect_timeout(timeout)
            .user_agent("samsyn")
            .build()
            .expect("the HTTP client for identity providers builds");
        Providers {
            http,
            timeout,
            cache: Arc::default(),
        }
    }

    async fn bounded<T>(
        &self,
        f: impl std::future::Future<Output = Result<T, Fault>>,
    ) -> Result<T, Fault> {
        tokio::time::timeout(self.timeout, f)
            .await
            .unwrap_or(Err(Fault::Timeout))
    }

    /// The provider's discovery document and keys, from the cache when fresh.
    pub async fn discover(&self, issuer: &str) -> Result<Discovered, Fault> {
        if let Some(d) = self.cached(issuer) {
            if d.fetched_at.elapsed() < METADATA_TTL {
                return Ok(d);
            }
        }
        let url = IssuerUrl::new(issuer.to_string())
            .map_err(|e| Fault::Internal(format!("issuer URL: {e}")))?;
        let metadata = self
            .bounded(async {
                ProviderMetadataWithLogout::discover_async(url, &self.http)
                    .await
                    .map_err(discovery_fault)
            })
            .await?;
        let d = Discovered {
            jwks: metadata.jwks().clone(),
            metadata,
            fetched_at: Instant::now(),
        };
        self.store(issuer, &d);
        Ok(d)
    }

    fn cached(&self, issuer: &str) -> Option<Discovered> {
        self.cache.lock().ok()?.get(issuer).cloned()
    }

    fn store(&self, issuer: &str, d: &Discovered) {
        if let Ok(mut c) = self.cache.lock() {
            c.insert(issuer.to_string(), d.clone());
        }
    }

    /// Fetches the key set again (after an ID token named a key the cached set lacks).
    async fn refresh_keys(&self, issuer: &str, d: &Discovered) -> Result<Discovered, Fault> {
        let jwks = self
            .bounded(async {
                CoreJsonWebKeySet::fetch_async(d.metadata.jwks_uri(), &self.http)
                    .await
                    .map_err(discovery_fault)
            })
            .await?;
        let mut fresh = d.clone();
        fresh.jwks = jwks;
        self.store(issuer, &fresh);
        Ok(fresh)
    }

    /// Exchanges the code (with the PKCE verifier and the client's credentials) and verifies
    /// the ID token that comes back.
    #[allow(clippy::too_many_arguments)]
    pub async fn finish(
        &self,
        d: &Discovered,
        client_id: &str,
        client_secret: Option<String>,
        redirect_uri: &str,
        code: &str,
        pkce_verifier: &str,
        nonce: &str,
    ) -> Result<Identity, Fault> {
        let client = CoreClient::from_provider_metadata(
            d.metadata.clone(),
            ClientId::new(client_id.to_string()),
            client_secret.map(ClientSecret::new),
        )
        .set_redirect_uri(redirect(redirect_uri)?);
        let request = client
            .exchange_code(AuthorizationCode::new(code.to_string()))
            .map_err(|e| Fault::Unreachable(format!("no token endpoint: {e}")))?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_string()));
        let response = self
            .bounded(async { request.request_async(&self.http).await.map_err(token_fault) })
            .await?;
        let id_token = response
            .id_token()
            .ok_or_else(|| Fault::BadToken("the token response had no ID token".into()))?;
        let issuer = d.metadata.issuer().as_str().to_string();
        let nonce = Nonce::new(nonce.to_string());
        let verify =
            |jwks: &CoreJsonWebKeySet| -> Result<Identity, openidconnect::ClaimsVerificationError> {
                let verifier = verifier(d, client_id, jwks.clone());
                id_token.claims(&verifier, &nonce).map(identity)
            };
        match verify(&d.jwks) {
            Ok(id) => Ok(id),
            // ID tokens come straight from the token endpoint, never from the browser, so
            // one fetch per sign-in is all a forged or rotated key can cost.
            Err(e) if unknown_key(&e) => {
                let fresh = self.refresh_keys(&issuer, d).await?;
                verify(&fresh.jwks).map_err(claims_fault)
            }
            Err(e) => Err(claims_fault(e)),
        }
    }
}

fn redirect(uri: &str) -> Result<RedirectUrl, Fault> {
    RedirectUrl::new(uri.to_string()).map_err(|e| Fault::Internal(format!("redirect URI: {e}")))
}

/// The verifier: only asymmetric algorithms the provider lists (RS256 by default), our
/// client id as audience and no other, the discovered issuer.
fn verifier<'a>(
    d: &Discovered,
    client_id: &str,
    jwks: CoreJsonWebKeySet,
) -> CoreIdTokenVerifier<'a> {
    let listed: Vec<CoreJwsSigningAlgorithm> = d
        .metadata
        .id_token_signing_alg_values_supported()
        .iter()
        .filter(|a| asymmetric(a))
        .cloned()
        .collect();
    let algs = if listed.is_empty() {
        vec![CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256]
    } else {
        listed
    };
    CoreIdTokenVerifier::new_public_client(
        ClientId::new(client_id.to_string()),
        d.metadata.issuer().clone(),
        jwks,
    )
    .set_allowed_algs(algs)
}

fn asymmetric(a: &CoreJwsSigningAlgorithm) -> bool {
    use CoreJwsSigningAlgorithm as A;
    matches!(
        a,
        A::RsaSsaPkcs1V15Sha256
            | A::RsaSsaPkcs1V15Sha384
            | A::RsaSsaPkcs1V15Sha512
            | A::RsaSsaPssSha256
            | A::RsaSsaPssSha384
            | A::RsaSsaPssSha512
            | A::EcdsaP256Sha256
            | A::EcdsaP384Sha384
            | A::EdDsa
    )
}

/// The URL to send the browser to. `state` and `nonce` are the caller's (derived from the
/// browser's binding cookie); the code challenge is S256 of the verifier.
pub fn authorize_url(
    d: &Discovered,
    client_id: &str,
    redirect_uri: &str,
    state: &str,
    nonce: &str,
    pkce_verifier: &str,
) -> Result<String, Fault> {
    let client = CoreClient::from_provider_metadata(
        d.metadata.clone(),
        ClientId::new(client_id.to_string()),
        None,
    )
    .set_redirect_uri(redirect(redirect_uri)?);
    let challenge = PkceCodeChallenge::from_code_verifier_sha256(&PkceCodeVerifier::new(
        pkce_verifier.to_string(),
    ));
    let (state, nonce) = (state.to_string(), nonce.to_string());
    let (url, _, _) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            move || CsrfToken::new(state),
            move || Nonce::new(nonce),
        )
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("profile".into()))
        .set_pkce_challenge(challenge)
        .url();
    Ok(url.to_string())
}

/// The provider's end-session URL (RP-Initiated Logout) with our client id and where to
/// come back to; no ID token in it, as no token ever goes into a URL.
pub fn end_session_url(d: &Discovered, client_id: &str, post_logout: &str) -> Option<String> {
    let endpoint = d
        .metadata
        .additional_metadata()
        .end_session_endpoint
        .clone()?;
    let mut req = openidconnect::LogoutRequest::from(endpoint)
        .set_client_id(ClientId::new(client_id.to_string()));
    if let Ok(back) = PostLogoutRedirectUrl::new(post_logout.to_string()) {
        req = req.set_post_logout_redirect_uri(back);
    }
    Some(req.http_get_url().to_string())
}

fn identity(c: &CoreIdTokenClaims) -> Identity {
    Identity {
        issuer: c.issuer().as_str().to_string(),
        subject: c.subject().as_str().to_string(),
        email: c.email().map(|e| e.as_str().to_string()),
        email_verified: c.email_verified(),
        name: c
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.as_str().to_string()),
        preferred_username: c.preferred_username().map(|u| u.as_str().to_string()),
    }
}

fn unknown_key(e: &openidconnect::ClaimsVerificationError) -> bool {
    use openidconnect::{ClaimsVerificationError as C, SignatureVerificationError as S};
    matches!(
        e,
        C::SignatureVerification(S::NoMatchingKey) | C::SignatureVerification(S::CryptoError(_))
    )
}

fn claims_fault(e: openidconnect::ClaimsVerificationError) -> Fault {
    use openidconnect::ClaimsVerificationError as C;
    match e {
        C::Expired(m) => Fault::TokenExpired(m),
        other => Fault::BadToken(other.to_string()),
    }
}

fn http_fault<E: std::error::Error>(e: &E) -> Fault {
    // The source chain says "timed out" for a reqwest timeout; everything else is "unreachable".
    let mut text = e.to_string();
    let mut src = e.source();
    while let Some(s) = src {
        text.push_str(": ");
        text.push_str(&s.to_string());
        src = s.source();
    }
    if text.contains("timed out") || text.contains("operation timed out") {
        Fault::Timeout
    } else {
        Fault::Unreachable(text)
    }
}

fn discovery_fault<E: std::error::Error + 'static>(e: DiscoveryError<E>) -> Fault {
    match e {
        DiscoveryError::Validation(m) => Fault::WrongIssuer(m),
        DiscoveryError::Request(inner) => http_fault(&inner),
        DiscoveryError::Response(status, _, m) => Fault::Unreachable(format!("HTTP {status}: {m}")),
        other => Fault::Unreachable(other.to_string()),
    }
}

fn token_fault<RE: std::error::Error + 'static, T: openidconnect::ErrorResponse + 'static>(
    e: RequestTokenError<RE, T>,
) -> Fault {
    match e {
        // The provider's own error (invalid_grant, invalid_client): the code or client was
        // refused. Its description names no secret.
        RequestTokenError::ServerResponse(r) => Fault::CodeRefused(r.to_string()),
        RequestTokenError::Request(inner) => http_fault(&inner),
        RequestTokenError::Parse(e, _) => Fault::Unreachable(format!("token response: {e}")),
        RequestTokenError::Other(m) => Fault::Unreachable(m),
    }
}
