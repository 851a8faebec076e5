//! The one application error type and its table of stable client-facing codes.
//!
//! Every failure a client can see is an `AppError`; its `code()` goes into GraphQL
//! `extensions.code` and its message is written for a Swedish user. Internal details
//! (SQL, paths, panics) are logged with the request id and replaced by a generic message.

use std::fmt;

/// Stable, machine-readable error codes: other tools rely on these strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    BadInput,
    Unauthenticated,
    Forbidden,
    NotFound,
    Conflict,
    TooLarge,
    RateLimited,
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::BadInput => "BAD_INPUT",
            ErrorCode::Unauthenticated => "UNAUTHENTICATED",
            ErrorCode::Forbidden => "FORBIDDEN",
            ErrorCode::NotFound => "NOT_FOUND",
            ErrorCode::Conflict => "CONFLICT",
            ErrorCode::TooLarge => "TOO_LARGE",
            ErrorCode::RateLimited => "RATE_LIMITED",
            ErrorCode::Internal => "INTERNAL",
        }
    }

    /// The HTTP status used where an error is answered outside GraphQL (files, exports).
    pub fn http_status(self) -> u16 {
        match self {
            ErrorCode::BadInput => 400,
            ErrorCode::Unauthenticated => 401,
            ErrorCode::Forbidden => 403,
            ErrorCode::NotFound => 404,
            ErrorCode::Conflict => 409,
            ErrorCode::TooLarge => 413,
            ErrorCode::RateLimited => 429,
            ErrorCode::Internal => 500,
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The application error. It deliberately does not implement `Display`, so it can only reach
/// a GraphQL client through the explicit conversion below (code + public message), never
/// through async-graphql's blanket `From<T: Display>` that would print internals.
#[derive(Debug)]
pub enum AppError {
    /// Invalid input; `field` names the input field when one is to blame.
    BadInput {
        field: Option<String>,
        message: String,
    },
    Unauthenticated,
    Forbidden(String),
    NotFound(String),
    Conflict(String),
    TooLarge(String),
    RateLimited,
    /// Never shown to clients: the message is logged and replaced.
    Internal(String),
}

pub type AppResult<T> = Result<T, AppError>;

/// The message clients see for every internal error.
pub const INTERNAL_MESSAGE: &str = "Något gick fel. Försök igen.";

impl AppError {
    pub fn bad_input(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::BadInput {
            field: Some(field.into()),
            message: message.into(),
        }
    }

    pub fn bad(message: impl Into<String>) -> Self {
        AppError::BadInput {
            field: None,
            message: message.into(),
        }
    }

    pub fn forbidden() -> Self {
        AppError::Forbidden("Du har inte behörighet att göra detta.".into())
    }

    pub fn not_found(what: &str) -> Self {
        AppError::NotFound(format!("{what} finns inte eller så saknar du behörighet."))
    }

    pub fn internal(e: impl fmt::Display) -> Self {
        AppError::Internal(e.to_string())
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            AppError::BadInput { .. } => ErrorCode::BadInput,
            AppError::Unauthenticated => ErrorCode::Unauthenticated,
            AppError::Forbidden(_) => ErrorCode::Forbidden,
            AppError::NotFound(_) => ErrorCode::NotFound,
            AppError::Conflict(_) => ErrorCode::Conflict,
            AppError::TooLarge(_) => ErrorCode::TooLarge,
            AppError::RateLimited => ErrorCode::RateLimited,
            AppError::Internal(_) => ErrorCode::Internal,
        }
    }

    /// The message a client may see.
    pub fn public_message(&self) -> String {
        match self {
            AppError::BadInput { message, .. } => message.clone(),
            AppError::Unauthenticated => "Du måste logga in.".into(),
            AppError::Forbidden(m)
            | AppError::NotFound(m)
            | AppError::Conflict(m)
            | AppError::TooLarge(m) => m.clone(),
            AppError::RateLimited => "För många försök. Vänta en stund och försök igen.".into(),
            AppError::Internal(_) => INTERNAL_MESSAGE.to_string(),
        }
    }

    /// The full description, for logs and the command line only.
    pub fn log_message(&self) -> String {
        match self {
            AppError::Internal(m) => format!("internal: {m}"),
            other => format!("{}: {}", other.code(), other.public_message()),
        }
    }

    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::BadInput { field, .. } => field.as_deref(),
            _ => None,
        }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &e {
            if db.is_unique_violation() {
                return AppError::Conflict("Det finns redan en post med samma värde.".into());
            }
            if db.is_foreign_key_violation() {
                return AppError::bad("Hänvisningen pekar på något som inte finns.");
            }
        }
        if let sqlx::Error::RowNotFound = e {
            return AppError::NotFound("Hittades inte.".into());
        }
        AppError::Internal(format!("database: {e}"))
    }
}

impl From<sqlx::migrate::MigrateError> for AppError {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        AppError::Internal(format!("migrate: {e}"))
    }
}

impl From<tokio::task::JoinError> for AppError {
    fn from(e: tokio::task::JoinError) -> Self {
        AppError::Internal(format!("blocking task: {e}"))
    }
}

/// Maps a unique violation to a CONFLICT with a specific message; other errors as usual.
pub fn conflict_on_unique(e: sqlx::Error, message: &str) -> AppError {
    if let sqlx::Error::Database(db) = &e {
        if db.is_unique_violation() {
            return AppError::Conflict(message.to_string());
        }
    }
    e.into()
}

impl From<AppError> for async_graphql::Error {
    fn from(e: AppError) -> Self {
        use async_graphql::ErrorExtensions;
        if let AppError::Internal(detail) = &e {
            tracing::error!(error = %detail, "internal error");
        }
        let code = e.code().as_str();
        let field = e.field().map(str::to_string);
        async_graphql::Error::new(e.public_message()).extend_with(|_, ext| {
            ext.set("code", code);
            if let Some(f) = &field {
                ext.set("field", f.as_str());
            }
        })
    }
}

impl From<AppError> for anyhow::Error {
    fn from(e: AppError) -> Self {
        anyhow::anyhow!(e.log_message())
    }
}
