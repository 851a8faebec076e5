//! Building the running app: database, migrations, first admin, schema and HTTP server.
//! `App::build` binds the listener first, so tests can ask for port 0 and learn the port.

use std::{future::Future, net::SocketAddr, sync::Arc, time::Duration};

use poem::{
    listener::{Acceptor, AcceptorExt, Listener, TcpListener},
    Server,
};

use crate::{
    accounts::{users, Role},
    config::Config,
    db::Db,
    directory::organisations,
    error::AppResult,
    search::SearchService,
    state::AppState,
};

/// Connects, migrates and loads the data every installation has. Returns the state and,
/// when a first admin was created with a generated password, that password.
pub async fn prepare(config: Config) -> AppResult<(AppState, Option<String>)> {
    crate::metrics::install();
    crate::accounts::password::warm_up();
    crate::db::configure_sqlite_cache(config.db_cache_kib);
    crate::search::index::configure_writer(config.index_writer_mib);
    let db = Db::connect(
        config.database_url.as_deref(),
        &config.data_dir,
        config.db_max_connections,
    )
    .await?;
    db.migrate().await?;
    organisations::ensure_defaults(&db).await?;
    crate::oidc::settings_file::apply(&db, &config).await?;
    let is_new = users::count(&db).await? == 0;
    let generated = ensure_first_admin(&db, &config).await?;
    let mailer = crate::mail::Mailer::from_config(&config);
    // Before anything (the demo content, resumed extractions) starts reading attachments.
    crate::library::extraction::configure(&config);
    let oidc = crate::oidc::Providers::new(config.oidc_timeout());
    let auth = crate::accounts::AuthCache::new(config.auth_cache_entries);
    let state = AppState {
        db,
        auth,
        config: Arc::new(config),
        mailer,
        events: crate::events::EventBus::new(),
        oidc,
    };
    if is_new && state.config.demo {
        crate::demo::load(&state).await?;
    }
    // Attachments whose text a stopped server had not read yet.
    crate::library::extraction::resume_pending(&state.db).await?;
    Ok((state, generated))
}

async fn ensure_first_admin(db: &Db, config: &Config) -> AppResult<Option<String>> {
    if users::count(db).await? > 0 {
        return Ok(None);
    }
    let (password, generated) = match &config.admin_password {
        Some(p) if !p.0.is_empty() => (p.0.clone(), false),
        _ => (
            crate::accounts::secrets::new_secret("")[..20].to_string(),
            true,
        ),
    };
    let org = organisations::by_slug(db, "kommunal-utveckling").await?;
    users::create(
        db,
        users::NewUser {
            email: config.admin_email.clone(),
            display_name: "Administratör".into(),
            organisation_id: org.map(|o| o.id),
            role: Role::Admin,
            password: Some(password.clone()),
        },
    )
    .await?;
    tracing::info!(email = %config.admin_email, "created the first admin");
    Ok(generated.then_some(password))
}

/// Opens the search index in the data folder and starts the indexer that follows the
/// change log (rebuilding first when the index is new or of an older version).
pub async fn start_search(state: &AppState) -> AppResult<Arc<SearchService>> {
    let search = SearchService::open(&state.config.data_dir.join("index")).await?;
    tokio::spawn(search.clone().follow(state.db.clone()));
    Ok(search)
}

/// A bound, not yet serving, application.
pub struct App {
    pub state: AppState,
    /// The search index; only the serving process opens it (CLI tools leave it alone and
    /// the server's indexer picks up their changes from the change log).
    pub search: Option<Arc<SearchService>>,
    pub addr: SocketAddr,
    acceptor: poem::listener::BoxAcceptor,
}

impl App {
    pub async fn build(
        state: AppState,
        search: Option<Arc<SearchService>>,
        bind: SocketAddr,
    ) -> std::io::Result<App> {
        let acceptor = TcpListener::bind(bind).into_acceptor().await?;
        let addr = acceptor
            .local_addr()
            .first()
            .and_then(|a| a.as_socket_addr().copied())
            .unwrap_or(bind);
        Ok(App {
            state,
            search,
            addr,
            acceptor: acceptor.boxed(),
        })
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Serves until `shutdown` resolves, then drains open requests (at most 10 s).
    pub async fn run_until(self, shutdown: impl Future<Output = ()> + Send) -> std::io::Result<()> {
        let schema = crate::graphql::build(Some(self.state.clone()), self.search.clone());
        let routes = crate::http::routes(self.state.clone(), self.search.clone(), schema);
        // The e-mail sender lives as long as the server; unsent mail waits in the database.
        let sender = tokio::spawn(crate::meetings::delivery::run(self.state.clone()));
        let digest = crate::forum::digest::spawn(self.state.clone());
        // Review reminders ("Att granska"): idempotent, so every node may run it.
        let reminders = crate::library::reviews::spawn(self.state.clone());
        // Removes stored files no attachment references any more, after the grace period.
        let collector = crate::library::blobs::spawn_collector(self.state.clone());
        // Other nodes on the same PostgreSQL wake our indexer and feed our subscribers.
        let _bridge = crate::cluster::spawn(&self.state);
        let served = Server::new_with_acceptor(self.acceptor)
            .run_with_graceful_shutdown(routes, shutdown, Some(Duration::from_secs(10)))
            .await;
        sender.abort();
        collector.abort();
        reminders.abort();
        if let Some(task) = digest {
            task.abort();
        }
        served
    }
}

/// Resolves on SIGINT or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down");
}
