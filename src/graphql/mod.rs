//! The GraphQL schema: one module per domain, merged. Resolvers are thin: parse input, call
//! the domain with the caller's `Access`, map the result.

pub mod accounts;
pub mod directory;
pub mod forum;
pub mod guard;
pub mod ids;
pub mod library;
pub mod library_types;
pub mod limits;
pub mod loaders;
pub mod meetings;
pub mod messages;
pub mod newsletters;
pub mod node;
pub mod oidc;
pub mod privacy;
pub mod reviews;
pub mod search;
pub mod tags;

use async_graphql::{Context, MergedObject, MergedSubscription, Schema};

use std::sync::Arc;

use crate::{accounts::Access, error::AppError, search::SearchService, state::AppState};

#[derive(MergedObject, Default)]
pub struct Query(
    accounts::AccountsQuery,
    node::NodeQuery,
    search::SearchQuery,
    directory::DirectoryQuery,
    privacy::PrivacyQuery,
    meetings::MeetingsQuery,
    newsletters::NewslettersQuery,
    library::LibraryQuery,
    reviews::ReviewsQuery,
    forum::ForumQuery,
    tags::TagsQuery,
    oidc::OidcQuery,
);

#[derive(MergedObject, Default)]
pub struct Mutation(
    accounts::AccountsMutation,
    directory::DirectoryMutation,
    privacy::PrivacyMutation,
    meetings::MeetingsMutation,
    newsletters::NewslettersMutation,
    library::LibraryMutation,
    reviews::ReviewsMutation,
    forum::ForumMutation,
    forum::ModerationMutation,
    forum::DraftsMutation,
    tags::TagsMutation,
    oidc::OidcMutation,
);

#[derive(MergedSubscription, Default)]
pub struct Subscription(forum::ForumSubscription);

pub type AppSchema = Schema<Query, Mutation, Subscription>;

/// Query depth limit: deep enough for the UI, refuses abusive nesting before execution.
pub const MAX_DEPTH: usize = 12;
/// Complexity limit (each field counts 1, connections multiply by their page size).
pub const MAX_COMPLEXITY: usize = 5_000;
/// Largest page any connection returns.
pub const MAX_PAGE: i32 = 100;

pub fn build(state: Option<AppState>, search: Option<Arc<SearchService>>) -> AppSchema {
    let mut b = Schema::build(
        Query::default(),
        Mutation::default(),
        Subscription::default(),
    )
    .limit_depth(MAX_DEPTH)
    .limit_complexity(MAX_COMPLEXITY)
    // Recursion depth and directives per field: `limits::check_shape`, run by the guard.
    .extension(guard::Guard);
    if let Some(s) = state {
        b = b.extension(loaders::Loaders::new(&s.db)).data(s);
    }
    if let Some(search) = search {
        b = b.data(search);
    }
    b.finish()
}

/// The SDL, as `samsyn schema` prints it and `schema/schema.graphql` keeps it.
pub fn sdl() -> String {
    build(None, None).sdl()
}

/// The app state and the caller's access, from a resolver context.
pub fn parts<'a>(ctx: &Context<'a>) -> (&'a AppState, &'a Access) {
    static ANON: std::sync::OnceLock<Access> = std::sync::OnceLock::new();
    let state = ctx.data_unchecked::<AppState>();
    let access = ctx
        .data_opt::<Access>()
        .unwrap_or_else(|| ANON.get_or_init(Access::anonymous));
    (state, access)
}

/// The complexity of a list field: its children's cost times the page it asks for (default
/// 20, capped at [`MAX_PAGE`]), plus one for the field itself.
pub fn page_cost(first: Option<i32>, child: usize) -> usize {
    first.unwrap_or(20).clamp(1, MAX_PAGE) as usize * child + 1
}

/// Checks a `withinDays` argument of the "Att granska" lists: 0..=3660 (ten years).
pub fn within_days(days: i32) -> Result<u32, AppError> {
    u32::try_from(days)
        .ok()
        .filter(|d| *d <= 3660)
        .ok_or_else(|| AppError::bad_input("withinDays", "Ange 0–3660 dagar."))
}

/// Checks a page size argument: 1..=100, default 20.
pub fn page_size(first: Option<i32>) -> Result<i64, AppError> {
    match first {
        None => Ok(20),
        Some(n) if (1..=MAX_PAGE).contains(&n) => Ok(n as i64),
        Some(_) => Err(AppError::bad_input(
            "first",
            format!("first måste vara mellan 1 och {MAX_PAGE}."),
        )),
    }
}
