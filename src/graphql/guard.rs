//! One gate in front of every operation, whatever transport brought it: the nesting and
//! breadth limits are checked before the parser runs; mutations are refused over GET and for
//! READ tokens before any resolver runs; every error leaves with an `extensions.code` and a
//! Swedish message; each operation is counted in the metrics.

use std::{sync::Arc, time::Instant};

use async_graphql::{
    extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery, NextRequest},
    parser::types::{ExecutableDocument, OperationType},
    Response, ServerError, ServerResult, Variables,
};

use crate::{
    accounts::Access,
    error::{AppError, ErrorCode},
    graphql::{limits, messages},
};

/// Marks a request that came over HTTP GET (mutations are refused).
pub struct ViaGet;

/// The refusal of a mutation sent with GET (the HTTP layer answers it with 405).
pub const MUTATION_VIA_GET: &str = "Ändringar (mutations) måste skickas med POST.";

pub struct Guard;

impl ExtensionFactory for Guard {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(GuardExtension::default())
    }
}

#[derive(Default)]
struct GuardExtension {
    operation: std::sync::Mutex<Option<String>>,
}

fn coded(message: &str, code: ErrorCode) -> ServerError {
    let mut e = ServerError::new(message, None);
    let mut ext = async_graphql::ErrorExtensionValues::default();
    ext.set("code", code.as_str());
    e.extensions = Some(ext);
    e
}

fn app_error(e: AppError) -> ServerError {
    coded(&e.public_message(), e.code())
}

#[async_graphql::async_trait::async_trait]
impl Extension for GuardExtension {
    async fn request(&self, ctx: &ExtensionContext<'_>, next: NextRequest<'_>) -> Response {
        let started = Instant::now();
        let mut resp = next.run(ctx).await;
        for e in &mut resp.errors {
            let has_code = e
                .extensions
                .as_ref()
                .is_some_and(|x| x.get("code").is_some());
            if !has_code {
                // The library's own error (syntax, validation, limits): Swedish for the
                // reader, the English original kept for the developer.
                let at = e.locations.first().map(|p| (p.line, p.column));
                let swedish = messages::swedish(&e.message, at);
                let english = std::mem::replace(&mut e.message, swedish);
                let ext = e.extensions.get_or_insert_with(Default::default);
                ext.set("code", ErrorCode::BadInput.as_str());
                ext.set("detail", english);
            }
        }
        let outcome = if resp.errors.is_empty() {
            "ok"
        } else {
            "error"
        };
        let op = self
            .operation
            .lock()
            .ok()
            .and_then(|g| g.clone())
            .unwrap_or_else(|| "anonymous".into());
        crate::metrics::graphql_request(&op, outcome, started.elapsed().as_secs_f64());
        resp
    }

    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        // Before the parser, which recurses once per level of nesting.
        limits::check_document(query)
            .and_then(|()| limits::check_variables(variables))
            .map_err(app_error)?;
        // Parsed here rather than by `next`: the library's parse also runs its depth and
        // directive checks, which expand every fragment spread (10^n steps for n levels of
        // ten spreads). `check_shape` does both checks linearly, before anything expands.
        // No later extension hooks parsing, so skipping `next` skips nothing else.
        let _ = next;
        let doc = async_graphql::parser::parse_query(query).map_err(ServerError::from)?;
        limits::check_shape(&doc).map_err(app_error)?;
        let mut name = None;
        let mut mutation = false;
        for (op_name, op) in doc.operations.iter() {
            if op.node.ty == OperationType::Mutation {
                mutation = true;
            }
            if name.is_none() {
                name = Some(match op_name {
                    Some(n) => n.to_string(),
                    None => format!("{:?}", op.node.ty).to_lowercase(),
                });
            }
        }
        if let Ok(mut g) = self.operation.lock() {
            *g = name;
        }
        if mutation {
            if ctx.data_opt::<ViaGet>().is_some() {
                return Err(coded(MUTATION_VIA_GET, ErrorCode::BadInput));
            }
            if let Some(access) = ctx.data_opt::<Access>() {
                if access.principal.is_some() && !access.can_write() {
                    return Err(coded(
                        "API-nyckeln har bara läsbehörighet (READ).",
                        ErrorCode::Forbidden,
                    ));
                }
            }
        }
        Ok(doc)
    }
}
