//! The scale-out options as a user meets them without a server: a build
//! without `pg` or `nats` says how to rebuild; a build with them names what
//! it could not reach (never a password). Against real servers they are
//! tested by `.ci/scale-out`.

use std::process::{Command, Output};

fn warlog(args: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_warlog"))
        .args(args)
        .current_dir(dir.path())
        .env_remove("WARLOG_DB")
        .env_remove("WARLOG_NATS")
        .output()
        .unwrap()
}

/// Exit status 2 and a message on stderr containing every `needle`.
fn fails_saying(out: &Output, needles: &[&str]) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    for n in needles {
        assert!(stderr.contains(n), "stderr lacks {n:?}: {stderr}");
    }
}

const URL: &str = "postgres://warlog:s3cret@127.0.0.1:1/nowhere";

#[cfg(not(feature = "pg"))]
#[test]
fn a_postgres_url_says_how_to_rebuild() {
    for args in [&["events", "--db", URL][..], &["run", "-", "--db", URL], &["search", "x", "--db", URL]] {
        let out = warlog(args);
        fails_saying(&out, &["--features pg", "postgres://warlog@127.0.0.1:1/nowhere"]);
        assert!(!String::from_utf8_lossy(&out.stderr).contains("s3cret"));
    }
}

#[cfg(feature = "pg")]
#[test]
fn an_unreachable_postgres_server_is_named_without_its_password() {
    let out = warlog(&["events", "--db", URL]);
    fails_saying(&out, &["cannot connect to PostgreSQL", "postgres://warlog@127.0.0.1:1/nowhere"]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("s3cret"));
}

#[cfg(not(feature = "nats"))]
#[test]
fn the_queue_commands_say_how_to_rebuild() {
    fails_saying(&warlog(&["enqueue", ".", "--nats", "nats://127.0.0.1:1"]), &["--features", "nats"]);
    fails_saying(&warlog(&["worker", "--nats", "nats://127.0.0.1:1"]), &["--features", "nats"]);
}

#[cfg(feature = "nats")]
#[test]
fn an_unreachable_nats_server_is_named() {
    let out = warlog(&["worker", "--nats", "nats://127.0.0.1:1", "--until-empty"]);
    fails_saying(&out, &["cannot connect to NATS at nats://127.0.0.1:1"]);
}

#[test]
fn a_stream_name_is_checked_before_anything_runs() {
    let out = warlog(&["enqueue", ".", "--nats", "nats://127.0.0.1:1", "--stream", "a.b"]);
    fails_saying(&out, &["stream name"]);
}
