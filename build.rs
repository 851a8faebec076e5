//! Rebuilds the crate when a migration is added or changed: `sqlx::migrate!` embeds the
//! `migrations/` folders at compile time, and cargo does not watch them on its own (a new
//! migration file would otherwise be left out of an incremental build).

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
