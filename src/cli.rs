//! The command line: `serve`, `migrate`, `schema`, `user add`, `import people`, and the
//! operations tools.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::{
    accounts::{users, Role},
    app::{self, App},
    config::{Config, ServeArgs},
    directory::organisations,
};

#[derive(Parser)]
#[command(
    name = "samsyn",
    version,
    about = "Samsyn – Miljösamverkan Jönköpings län"
)]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Start the server (migrations, first admin and demo content included).
    Serve(ServeArgs),
    /// Apply database migrations and exit.
    Migrate,
    /// Print the GraphQL schema (SDL).
    Schema,
    /// Rebuild the search index from the database (stop the server first).
    Reindex,
    /// Make a consistent copy of the live SQLite database (the server may keep running).
    Backup {
        /// The new backup file.
        file: std::path::PathBuf,
    },
    /// Put a backup in place (stop the server first); the search index rebuilds at start.
    Restore {
        /// The backup file.
        file: std::path::PathBuf,
    },
    /// Manage users from the shell.
    #[command(subcommand)]
    User(UserCommand),
    /// Import data from files: the phone book, or the old platform's archives.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Internal: read one attachment's text from stdin in a limited child process (started
    /// by the server, see `library::extraction`).
    #[command(hide = true)]
    ExtractWorker {
        /// The file's kind, as its usual extension (`pdf`, `docx`, …).
        #[arg(long)]
        kind: String,
        #[arg(long)]
        memory_mib: u64,
        #[arg(long)]
        cpu_secs: u64,
        #[arg(long)]
        max_input_bytes: u64,
    },
}

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Import the phone book from CSV (semicolons or commas; UTF-8 or Windows-1252, as Excel
    /// writes it). Checks every row first; writes nothing while a row is invalid.
    People {
        /// The CSV file.
        file: std::path::PathBuf,
        /// Only report what would be created, updated or refused; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Write the valid rows even when some rows are invalid.
        #[arg(long)]
        skip_invalid: bool,
    },
    /// Every file in DIR becomes a published document, with the file as its attachment.
    Documents {
        /// The folder; its files (not sub-folders, not hidden files) are imported.
        dir: std::path::PathBuf,
        /// Slug of the project the documents belong to.
        #[arg(long)]
        project: String,
        /// Kind of every document (checklista, projektplan, projektrapport, vägledning, mall,
        /// informationsmaterial, protokoll); guessed from each file name when absent.
        #[arg(long)]
        kind: Option<String>,
        /// E-mail of the author (an administrator); the first admin when absent.
        #[arg(long)]
        author: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create a user with a role.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// admin | manager | member
        #[arg(long, default_value = "member")]
        role: String,
        /// Organisation slug, e.g. `eksjo` or `lansstyrelsen`.
        #[arg(long)]
        organisation: Option<String>,
        /// Password (or set SAMSYN_NEW_USER_PASSWORD); asked for nothing interactively.
        #[arg(long, env = "SAMSYN_NEW_USER_PASSWORD", hide_env_values = true)]
        password: String,
    },
    /// Give a user a new password (e.g. a lost first admin's): ends the user's sessions.
    ResetPassword {
        /// The user's e-mail address.
        email: String,
        /// The new password (or set SAMSYN_NEW_USER_PASSWORD); generated and printed once
        /// when absent.
        #[arg(long, env = "SAMSYN_NEW_USER_PASSWORD", hide_env_values = true)]
        password: Option<String>,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Command::Schema => {
            print!("{}", crate::graphql::sdl());
            return ExitCode::SUCCESS;
        }
        Command::ExtractWorker {
            kind,
            memory_mib,
            cpu_secs,
            max_input_bytes,
        } => {
            return crate::library::extract::worker::run(
                kind,
                crate::library::extract::worker::WorkerLimits {
                    memory_mib: *memory_mib,
                    cpu_secs: *cpu_secs,
                    max_input_bytes: *max_input_bytes,
                },
            );
        }
        _ => {}
    }
    crate::telemetry::init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("samsyn: kunde inte starta: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("samsyn: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let mut config = cli.config;
    if config.public_url.trim().is_empty() {
        // Links in invitations and e-mails lead where the server listens.
        let bind = match &cli.command {
            Command::Serve(args) => args.bind,
            _ => std::net::SocketAddr::from(([127, 0, 0, 1], 8080)),
        };
        config.public_url = crate::config::public_url_for(bind);
    }
    match cli.command {
        Command::Schema | Command::ExtractWorker { .. } => {
            unreachable!("handled before the runtime starts")
        }
        Command::Serve(args) => {
            let (state, generated) = app::prepare(config.clone()).await?;
            let search = app::start_search(&state).await?;
            if let Some(password) = generated {
                println!();
                println!("  Första administratören har skapats / the first admin was created:");
                println!("    e-post:   {}", config.admin_email);
                println!("    lösenord: {password}");
                println!("  Lösenordet visas bara denna gång. / This password is shown once.");
                println!();
            }
            let app = App::build(state, Some(search), args.bind).await?;
            println!("Samsyn lyssnar på http://{}", app.addr);
            app.run_until(app::shutdown_signal()).await?;
            Ok(())
        }
        Command::Reindex => {
            let (state, _) = app::prepare(Config {
                demo: false,
                ..config
            })
            .await?;
            let dir = state.config.data_dir.join("index");
            let search = crate::search::SearchService::open(&dir)
                .await
                .map_err(|e| {
                    anyhow::anyhow!(
                        "kunde inte öppna sökindexet i {} (kör servern? stoppa den först): {}",
                        dir.display(),
                        e.log_message()
                    )
                })?;
            let bar = indicatif::ProgressBar::new(0);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} Indexerar {pos}/{len} [{bar:40}] {eta}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            let seq = search
                .rebuild(&state.db, |done, total| {
                    bar.set_length(total);
                    bar.set_position(done);
                })
                .await?;
            bar.finish();
            println!(
                "Sökindexet är återuppbyggt: {} poster, ändringslogg t.o.m. {seq}.",
                search.num_docs()
            );
            Ok(())
        }
        Command::Backup { file } => {
            let db = crate::db::Db::connect(
                config.database_url.as_deref(),
                &config.data_dir,
                config.db_max_connections,
            )
            .await?;
            let bytes = crate::db::backup::backup(&db, &file).await?;
            crate::db::backup::integrity_check(&file).await?;
            println!(
                "Säkerhetskopian är skriven till {} ({:.1} MB, integritetskontroll ok).",
                file.display(),
                bytes as f64 / 1e6
            );
            Ok(())
        }
        Command::Restore { file } => {
            let placed = crate::db::backup::restore(&file, &config.data_dir).await?;
            println!(
                "Återställde {} till {}. Sökindexet byggs om när servern startar.",
                file.display(),
                placed.display()
            );
            Ok(())
        }
        Command::Migrate => {
            let db = crate::db::Db::connect(
                config.database_url.as_deref(),
                &config.data_dir,
                config.db_max_connections,
            )
            .await?;
            db.migrate().await?;
            println!("Databasen är uppdaterad.");
            Ok(())
        }
        Command::User(UserCommand::Add {
            email,
            name,
            role,
            organisation,
            password,
        }) => {
            let (state, _) = app::prepare(Config {
                demo: false,
                ..config
            })
            .await?;
            let organisation_id = match organisation {
                Some(slug) => Some(
                    organisations::by_slug(&state.db, &slug)
                        .await?
                        .ok_or_else(|| anyhow::anyhow!("okänd organisation: {slug}"))?
                        .id,
                ),
                None => None,
            };
            let user = users::create(
                &state.db,
                users::NewUser {
                    email,
                    display_name: name,
                    organisation_id,
                    role: Role::parse(&role)?,
                    password: Some(password),
                },
            )
            .await?;
            println!(
                "Skapade {} ({}) med rollen {}.",
                user.display_name,
                user.email,
                user.role.as_str()
            );
            Ok(())
        }
        Command::User(UserCommand::ResetPassword { email, password }) => {
            let db = crate::db::Db::connect(
                config.database_url.as_deref(),
                &config.data_dir,
                config.db_max_connections,
            )
            .await?;
            db.migrate().await?;
            let generated = password.is_none();
            let password = password
                .unwrap_or_else(|| crate::accounts::secrets::new_secret("")[..20].to_string());
            let name = users::reset_password(&db, &email, &password).await?;
            if generated {
                println!("Nytt lösenord för {name} ({email}): {password}");
                println!("Det visas bara nu. Byt det efter inloggningen under Min profil.");
            } else {
                println!("Lösenordet för {name} ({email}) är bytt.");
            }
            println!("Användarens alla sessioner är avslutade.");
            Ok(())
        }
        Command::Import(ImportCommand::People {
            file,
            dry_run,
            skip_invalid,
        }) => {
            let (state, _) = app::prepare(Config {
                demo: false,
                ..config
            })
            .await?;
            import_people(&state, &file, dry_run, skip_invalid).await
        }
        Command::Import(ImportCommand::Documents {
            dir,
            project,
            kind,
            author,
        }) => import_documents(config, dir, project, kind, author).await,
    }
}

/// `samsyn import people FILE.csv`: plans with a progress bar, prints the report, writes
/// unless it is a dry run or rows are invalid.
async fn import_people(
    state: &crate::state::AppState,
    file: &std::path::Path,
    dry_run: bool,
    skip_invalid: bool,
) -> anyhow::Result<()> {
    use crate::directory::import::{self, ImportAction, ImportOptions, Importer, Progress};
    let bytes = std::fs::read(file)
        .map_err(|e| anyhow::anyhow!("kunde inte läsa {}: {e}", file.display()))?;
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg:12} [{bar:40}] {pos}/{len} rader")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let progress_bar = bar.clone();
    let report = import::run(
        &state.db,
        &Importer::command_line(),
        &bytes,
        ImportOptions {
            dry_run,
            skip_invalid,
        },
        &move |p| {
            let (msg, done, total) = match p {
                Progress::Checking { done, total } => ("kontrollerar", done, total),
                Progress::Writing { done, total } => ("importerar", done, total),
            };
            progress_bar.set_message(msg);
            progress_bar.set_length(total as u64);
            progress_bar.set_position(done as u64);
        },
    )
    .await?;
    bar.finish_and_clear();
    println!(
        "{} ({}, avgränsare ”{}”)",
        file.display(),
        report.encoding,
        report.delimiter
    );
    if !report.ignored_columns.is_empty() {
        println!(
            "Okända kolumner hoppades över: {}",
            report.ignored_columns.join(", ")
        );
    }
    for row in &report.rows {
        let mut line = format!(
            "rad {:>4}: {:<10} {}",
            row.line,
            row.action.label(),
            row.name
        );
        if let Some(org) = &row.organisation {
            line.push_str(&format!(" ({org})"));
        }
        if !row.changes.is_empty() {
            line.push_str(&format!(" – ändrar {}", row.changes.join(", ")));
        }
        if let Some(unit) = &row.new_unit {
            line.push_str(&format!(" – ny enhet ”{unit}”"));
        }
        if let (Some(field), Some(reason)) = (&row.field, &row.reason) {
            line.push_str(&format!(" – {field}: {reason}"));
        }
        if row.action != ImportAction::Unchanged {
            println!("{line}");
        }
    }
    let invalid = report.count(ImportAction::Invalid);
    println!(
        "{} nya, {} ändrade, {} oförändrade, {} ogiltiga.",
        report.count(ImportAction::Create),
        report.count(ImportAction::Update),
        report.count(ImportAction::Unchanged),
        invalid
    );
    if report.applied {
        println!("Importen är klar.");
    } else if dry_run {
        println!("Provkörning: inget har sparats.");
    } else {
        anyhow::bail!(
            "inget importerades: {invalid} ogiltiga rader (rätta dem eller använd --skip-invalid)"
        );
    }
    Ok(())
}

/// `samsyn import documents`: a progress bar while files are imported, then a summary of
/// what failed and why. Exits non-zero when any file failed.
async fn import_documents(
    config: Config,
    dir: std::path::PathBuf,
    project: String,
    kind: Option<String>,
    author: Option<String>,
) -> anyhow::Result<()> {
    use crate::library::{import, kinds::DocumentKind};

    let kind = match kind {
        Some(k) => Some(DocumentKind::parse(&k).ok_or_else(|| {
            anyhow::anyhow!(
                "okänd dokumenttyp: {k} (checklista, projektplan, projektrapport, vägledning, \
                 mall, informationsmaterial, protokoll)"
            )
        })?),
        None => None,
    };
    let author = author.unwrap_or_else(|| config.admin_email.clone());
    let (state, _) = app::prepare(Config {
        demo: false,
        ..config
    })
    .await?;
    let db = &state.db;
    let user = users::list(db)
        .await?
        .into_iter()
        .find(|u| u.email.eq_ignore_ascii_case(author.trim()) && u.active && !u.erased)
        .ok_or_else(|| anyhow::anyhow!("ingen aktiv användare med e-post {author}"))?;
    // The shell acts as the author without a session.
    let access =
        crate::accounts::users::unattended_access(db, &user, crate::accounts::Unattended::Shell)
            .await?;
    let project = import::project(db, &project).await?;
    let files = import::files_in(&dir)?;
    let options = import::ImportOptions {
        kind,
        max_bytes: state.config.max_upload_bytes,
    };
    let bar = indicatif::ProgressBar::new(files.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut outcomes = Vec::with_capacity(files.len());
    for path in &files {
        bar.set_message(
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        );
        outcomes.push(import::import_file(db, &access, &project, path, &options).await);
        bar.inc(1);
    }
    bar.finish_and_clear();
    let ok = outcomes.iter().filter(|o| o.result.is_ok()).count();
    println!(
        "Importerade {ok} av {} filer till projektet {}.",
        outcomes.len(),
        project.name
    );
    for o in &outcomes {
        match &o.result {
            Ok(imported) => {
                if let Some(w) = &imported.text_warning {
                    println!("  ! {}: importerad, men {}", o.file_name, w.to_lowercase());
                }
            }
            Err(reason) => println!("  ✗ {}: {reason}", o.file_name),
        }
    }
    let failed = outcomes.len() - ok;
    if failed > 0 {
        anyhow::bail!("{failed} av {} filer kunde inte importeras", outcomes.len());
    }
    Ok(())
}
