//! Access to the store from async handlers. A [`Store`] is `Send` but not
//! `Sync` (one SQLite connection), so each query takes a connection from a
//! small pool — opening one when none is idle — and runs on tokio's blocking
//! threads; the connection goes back to the pool afterwards. SQLite in WAL
//! mode lets these readers run beside a `warlog run` that is writing.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use warlog_store::Store;

use crate::error::ApiError;

/// Idle connections kept open.
const IDLE: usize = 4;

/// What every handler shares.
pub struct AppState {
    db: PathBuf,
    idle: Mutex<Vec<Store>>,
    /// Listening on a loopback address: only requests for a loopback host
    /// are answered (so that a web page elsewhere cannot reach this one by
    /// DNS rebinding).
    pub loopback_only: bool,
}

pub type Shared = Arc<AppState>;

impl AppState {
    pub fn new(db: PathBuf, first: Store, loopback_only: bool) -> Shared {
        Arc::new(AppState { db, idle: Mutex::new(vec![first]), loopback_only })
    }

    fn take(&self) -> Result<Store, ApiError> {
        let idle = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
        match idle {
            Some(store) => Ok(store),
            None => Ok(Store::open(&self.db)?),
        }
    }

    fn give_back(&self, store: Store) {
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        if idle.len() < IDLE {
            idle.push(store);
        }
    }
}

/// Runs `f` with a store connection on a blocking thread.
pub async fn with_store<T, F>(state: &Shared, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
{
    let state = Arc::clone(state);
    tokio::task::spawn_blocking(move || {
        let store = state.take()?;
        let out = f(&store);
        state.give_back(store);
        out
    })
    .await
    .map_err(|e| ApiError::Internal(format!("a store query did not finish: {e}")))?
}
