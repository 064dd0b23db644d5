//! `warlog serve`: the HTTP API and the web page over the store, until
//! Ctrl-C (the server itself is `warlog-server`).

use std::net::SocketAddr;
use std::path::Path;

use warlog_server::Server;

use crate::Outcome;

pub fn serve(addr: SocketAddr, db: &Path) -> anyhow::Result<Outcome> {
    let server = Server::bind(addr, db)?;
    let counts = server.counts();
    eprintln!(
        "warlog serve: {} ({} events, {} claims, {} pages) on http://{}/ — Ctrl-C to stop",
        super::shown_db(db),
        counts.events,
        counts.claims,
        counts.documents,
        server.local_addr()
    );
    if !addr.ip().is_loopback() {
        eprintln!("warlog serve: listening on {}: anyone who can reach this machine can read the store", addr.ip());
    }
    server.run()?;
    Ok(Outcome::Done)
}
