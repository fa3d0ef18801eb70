//! `surreal start …`: SurrealDB's own entry point, built at the version the
//! panel's client uses.
#![recursion_limit = "1024"]

fn main() -> std::process::ExitCode {
    surrealdb_server::init(surrealdb_server::core::CommunityComposer())
}
