//! `warlog serve`: an HTTP API over the store and a web page — a map of the
//! events, a day-by-day timeline, and the claims behind each event, each
//! linked to its sentence highlighted in its page. The only crate that
//! knows HTTP; it reads through `warlog-store` like the query commands and
//! never writes.
//!
//! * [`api`] — the JSON routes under `/api` (shapes of
//!   ../shared/spec/CLI.md, through `warlog_model::wire`);
//! * [`assets`] — the page's files, embedded in the binary (no network, no
//!   CDN at run time);
//! * [`security`] — the headers (a strict Content-Security-Policy, nosniff)
//!   and the loopback host check; page text is untrusted and never runs;
//! * [`error`] — every error mapped once to a code and a status;
//! * [`filter`] — event filters as written by people, shared with the
//!   command line's `--since`, `--near`, `--type`, ...;
//! * `state` — a small pool of store connections used from blocking threads.
//!
//! ```no_run
//! let server = warlog_server::Server::bind("127.0.0.1:8080".parse().unwrap(), "warlog.db".as_ref()).unwrap();
//! println!("http://{}/", server.local_addr());
//! server.run().unwrap(); // until Ctrl-C
//! ```

pub mod api;
pub mod assets;
pub mod error;
pub mod filter;
pub mod security;
mod state;

use std::future::Future;
use std::net::SocketAddr;
use std::path::Path;

use axum::Router;
use axum::http::{Method, Uri};
use warlog_store::{Counts, Store};

pub use error::{ApiError, ServeError};
use state::{AppState, Shared};

/// The whole application: API, page and headers, over the store at `db`
/// (a SQLite file, which must exist, or a database URL). `loopback_only` refuses requests for other hosts.
pub fn app(db: &Path, loopback_only: bool) -> Result<Router, ServeError> {
    let store = open(db)?;
    Ok(router(AppState::new(db.to_path_buf(), store, loopback_only)))
}

fn open(db: &Path) -> Result<Store, ServeError> {
    if !db.is_file() && !db.to_str().is_some_and(warlog_store::is_url) {
        return Err(ServeError::NoStore { path: db.display().to_string() });
    }
    Ok(Store::open(db)?)
}

fn router(state: Shared) -> Router {
    Router::new()
        .merge(api::routes())
        .merge(assets::routes())
        .fallback(|uri: Uri| async move { ApiError::RouteNotFound(uri.path().to_string()) })
        .method_not_allowed_fallback(|method: Method| async move { ApiError::MethodNotAllowed(method.to_string()) })
        .layer(axum::middleware::from_fn_with_state(state.clone(), security::guard))
        .with_state(state)
}

/// A server bound to its address, not yet serving.
pub struct Server {
    listener: std::net::TcpListener,
    app: Router,
    addr: SocketAddr,
    counts: Counts,
}

impl Server {
    /// Opens the store at `db` (which must exist) and listens on `addr`
    /// (port 0 picks a free port; see [`Server::local_addr`]).
    pub fn bind(addr: SocketAddr, db: &Path) -> Result<Server, ServeError> {
        let store = open(db)?;
        let counts = store.counts()?;
        let app = router(AppState::new(db.to_path_buf(), store, addr.ip().is_loopback()));
        let listener = std::net::TcpListener::bind(addr).map_err(|source| ServeError::Bind { addr, source })?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        Ok(Server { listener, app, addr, counts })
    }

    /// The address it listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// What the store held when the server started.
    pub fn counts(&self) -> Counts {
        self.counts
    }

    /// Serves until Ctrl-C, then finishes the requests under way.
    pub fn run(self) -> Result<(), ServeError> {
        self.run_until(async {
            // If the handler cannot be installed, serve until killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
    }

    /// Serves until `shutdown` completes (on its own runtime: call from a
    /// thread that is not already inside one).
    pub fn run_until(self, shutdown: impl Future<Output = ()> + Send + 'static) -> Result<(), ServeError> {
        let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(self.listener)?;
            axum::serve(listener, self.app).with_graceful_shutdown(shutdown).await?;
            Ok(())
        })
    }
}
