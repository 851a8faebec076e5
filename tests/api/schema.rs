//! The checked-in SDL must be what `samsyn schema` prints.

#[test]
fn schema_file_is_up_to_date() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/schema.graphql");
    let current = samsyn::graphql::sdl();
    if std::env::var("SAMSYN_UPDATE_SCHEMA").as_deref() == Ok("1") {
        std::fs::write(path, &current).unwrap();
    }
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        on_disk == current,
        "schema/schema.graphql is stale: run `cargo run -- schema > schema/schema.graphql` \
         (or SAMSYN_UPDATE_SCHEMA=1 cargo test schema)"
    );
}

#[test]
fn schema_command_prints_the_checked_in_file() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_samsyn"))
        .arg("schema")
        .output()
        .expect("run samsyn schema");
    assert!(out.status.success());
    let printed = String::from_utf8(out.stdout).unwrap();
    assert_eq!(printed, samsyn::graphql::sdl());
    assert!(printed.contains("type Query"));
}
