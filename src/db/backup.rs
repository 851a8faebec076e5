//! Backup and restore of the SQLite database. A backup is a consistent copy made with
//! `VACUUM INTO` while the server keeps writing; a restore puts a checked copy in place and
//! removes the search index, which then rebuilds itself from the database at the next start.
//! PostgreSQL installations use pg_dump/pg_restore (see the README): files live in the
//! database, so nothing else needs saving.

use std::path::{Path, PathBuf};

use sqlx::Row;

use crate::{
    db::{Backend, Db},
    error::{AppError, AppResult},
};

/// Writes a consistent copy of the live database to `target` (which must not exist).
pub async fn backup(db: &Db, target: &Path) -> AppResult<u64> {
    if db.backend != Backend::Sqlite {
        return Err(AppError::bad(
            "Säkerhetskopiering med samsyn backup gäller SQLite. Använd pg_dump för PostgreSQL.",
        ));
    }
    if target.exists() {
        return Err(AppError::bad_input(
            "file",
            format!("{} finns redan; välj ett nytt filnamn.", target.display()),
        ));
    }
    let target_str = target
        .to_str()
        .ok_or_else(|| AppError::bad_input("file", "Filnamnet måste vara giltig UTF-8."))?;
    // VACUUM INTO reads one snapshot (a read transaction), so concurrent writers go on.
    sqlx::query("VACUUM INTO $1")
        .bind(target_str)
        .execute(&db.pool)
        .await?;
    let size = std::fs::metadata(target)
        .map_err(|e| AppError::internal(format!("backup file: {e}")))?
        .len();
    Ok(size)
}

/// Runs `PRAGMA integrity_check` on a database file; Ok when it answers "ok".
pub async fn integrity_check(file: &Path) -> AppResult<()> {
    use sqlx::Connection;
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(file)
        .read_only(true);
    let mut conn = sqlx::SqliteConnection::connect_with(&options).await?;
    let row = sqlx::query("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await?;
    let answer: String = row.try_get(0)?;
    conn.close().await?;
    if answer == "ok" {
        Ok(())
    } else {
        Err(AppError::bad(format!(
            "Säkerhetskopian är skadad: {answer}"
        )))
    }
}

/// Puts the backup `source` in place as the database of `data_dir` (the server must be
/// stopped). The previous database, if any, is kept beside it with a `.before-restore` suffix.
pub async fn restore(source: &Path, data_dir: &Path) -> AppResult<PathBuf> {
    if !source.is_file() {
        return Err(AppError::bad_input(
            "file",
            format!("{} finns inte.", source.display()),
        ));
    }
    integrity_check(source).await?;
    let io = |e: std::io::Error| AppError::internal(format!("restore: {e}"));
    std::fs::create_dir_all(data_dir).map_err(io)?;
    let db_file = data_dir.join("samsyn.db");
    if db_file.exists() {
        let keep = data_dir.join("samsyn.db.before-restore");
        std::fs::rename(&db_file, &keep).map_err(io)?;
    }
    for suffix in ["-wal", "-shm"] {
        let f = data_dir.join(format!("samsyn.db{suffix}"));
        if f.exists() {
            std::fs::remove_file(&f).map_err(io)?;
        }
    }
    let tmp = data_dir.join("samsyn.db.restoring");
    std::fs::copy(source, &tmp).map_err(io)?;
    std::fs::File::open(&tmp)
        .and_then(|f| f.sync_all())
        .map_err(io)?;
    std::fs::rename(&tmp, &db_file).map_err(io)?;
    let index = data_dir.join("index");
    if index.exists() {
        std::fs::remove_dir_all(&index).map_err(io)?;
    }
    Ok(db_file)
}
