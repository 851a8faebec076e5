//! GraphQL for search: `search(query, filter, first, after)` and `similarQuestions(title)`.

use async_graphql::{Context, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use std::sync::Arc;

use crate::{
    error::AppError,
    graphql::{
        accounts::ts,
        ids,
        loaders::{self, ThreadLoader},
        node, page_size, parts,
    },
    lawref,
    search::{
        execute::{Facets, Hint, Hit, SearchFilter, SearchPage},
        service::READ_YOUR_WRITES_WAIT,
        SearchService,
    },
};

/// The search index the server opened (not there in CLI tools, which never search).
fn search_service<'a>(ctx: &Context<'a>) -> Result<&'a Arc<SearchService>> {
    ctx.data_opt::<Arc<SearchService>>()
        .ok_or_else(|| AppError::internal("search index is not open in this process").into())
}

#[derive(InputObject, Default)]
pub struct SearchFilterInput {
    /// thread | document | attachment | person | meeting
    pub types: Option<Vec<String>>,
    /// Network slugs.
    pub networks: Option<Vec<String>>,
    /// Project slugs.
    pub projects: Option<Vec<String>>,
    /// Tag names (tillsynsområden).
    pub tags: Option<Vec<String>>,
    /// Organisation names.
    pub organisations: Option<Vec<String>>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    /// Only answered (true) or only open (false) questions.
    pub solved: Option<bool>,
}

#[derive(SimpleObject)]
pub struct FacetCount {
    pub value: String,
    pub count: i64,
}

#[derive(SimpleObject)]
pub struct SearchFacets {
    pub types: Vec<FacetCount>,
    pub networks: Vec<FacetCount>,
    pub tags: Vec<FacetCount>,
    pub projects: Vec<FacetCount>,
    pub organisations: Vec<FacetCount>,
}

fn counts(v: Vec<(String, u64)>) -> Vec<FacetCount> {
    v.into_iter()
        .map(|(value, count)| FacetCount {
            value,
            count: count as i64,
        })
        .collect()
}

impl From<Facets> for SearchFacets {
    fn from(f: Facets) -> Self {
        SearchFacets {
            types: counts(f.kind),
            networks: counts(f.network),
            tags: counts(f.tag),
            projects: counts(f.project),
            organisations: counts(f.organisation),
        }
    }
}

pub struct SearchHit(Hit);

#[Object]
impl SearchHit {
    /// thread | document | attachment | person | meeting
    async fn r#type(&self) -> &str {
        &self.0.kind
    }
    async fn score(&self) -> f64 {
        self.0.score as f64
    }
    /// The title, HTML-escaped, with `<mark>` around matched words.
    async fn title_html(&self) -> &str {
        &self.0.title_html
    }
    /// An excerpt, HTML-escaped, with `<mark>` around matched words.
    async fn snippet(&self) -> &str {
        &self.0.snippet_html
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        ts(self.0.updated_at_ms)
    }
    /// Words of the query this hit does not contain in any form; empty unless the search
    /// made its words optional (`partial`).
    async fn missing_words(&self) -> &[String] {
        &self.0.missing
    }
    /// The hit's global id (same as `node { id }`).
    async fn id(&self) -> async_graphql::ID {
        ids::encode(node::type_name(&self.0.kind), self.0.entity_id)
    }
    /// The object itself, through the same permission check as `node(id)`.
    async fn node(&self, ctx: &Context<'_>) -> Result<Option<node::Node>> {
        // Threads come from the loader `search` primed for the whole page.
        node::load(ctx, node::type_name(&self.0.kind), self.0.entity_id).await
    }
}

#[derive(SimpleObject)]
pub struct SearchResult {
    /// All hits the caller may read.
    pub total_count: i64,
    pub hits: Vec<SearchHit>,
    pub facets: SearchFacets,
    /// Cursor for the next page, or null on the last.
    pub end_cursor: Option<String>,
    pub has_next_page: bool,
    /// True when typo tolerance produced these hits.
    pub fuzzy: bool,
    /// "Menade du": the query as the best fuzzy hit spells it.
    pub did_you_mean: Option<String>,
    /// True when too few items held every word, so the words were made optional: hits are
    /// ranked by how many of the words they hold, then by relevance ("Visar träffar på
    /// några av orden").
    pub partial: bool,
    /// With `partial`: the query words the best hit lacks (the UI strikes them out).
    pub dropped_words: Vec<String>,
    /// Why nothing was searched for, when the query had nothing to search for (only
    /// punctuation, operators without values, an unknown `typ:` or `lag:` value).
    pub hint: Option<SearchHint>,
}

/// A Swedish hint about a query that searched for nothing.
#[derive(SimpleObject)]
pub struct SearchHint {
    /// Stable code: EMPTY_QUERY, NO_WORDS, WORD_TOO_LONG, ONLY_STOP_WORDS, UNKNOWN_TYPE,
    /// UNKNOWN_LAW.
    pub code: String,
    /// What to tell the user, in Swedish.
    pub message: String,
}

impl From<Hint> for SearchHint {
    fn from(h: Hint) -> Self {
        SearchHint {
            code: h.code().to_string(),
            message: h.message(),
        }
    }
}

fn offset_from(after: Option<&str>) -> Result<usize> {
    Ok(match after {
        None => 0,
        Some(c) => {
            let raw = ids::parse_cursor(c)?;
            raw.strip_prefix("o:")
                .and_then(|n| n.parse::<usize>().ok())
                .ok_or_else(|| crate::error::AppError::bad_input("after", "Ogiltig markör."))?
        }
    })
}

/// A reference to law (lagrum), normalised: every spelling of it has this one key.
#[derive(SimpleObject)]
pub struct LawReference {
    /// The one key: "MB 26:9", "MB 26 kap.", "FMH 9 §", "NFS 2016:17".
    pub key: String,
    /// As a text would say it: "26 kap. 9 § miljöbalken (1998:808)".
    pub label: String,
    /// The act's official text, where it has a stable address (SFS acts).
    pub official_url: Option<String>,
    /// The search that lists every item citing it: `lag:"MB 26:9"`.
    pub search_query: String,
    /// Its chapter and act, when it is a section or chapter (most specific first).
    pub broader: Vec<LawReferenceLink>,
}

/// A broader reference: a chapter or an act.
#[derive(SimpleObject)]
pub struct LawReferenceLink {
    pub key: String,
    pub label: String,
}

impl From<lawref::LawRef> for LawReference {
    fn from(r: lawref::LawRef) -> Self {
        let broader = r
            .keys()
            .into_iter()
            .skip(1)
            .filter_map(|k| lawref::parse(&k))
            .map(|b| LawReferenceLink {
                key: b.key(),
                label: b.label(),
            })
            .collect();
        LawReference {
            search_query: format!("lag:\"{}\"", r.key()),
            key: r.key(),
            label: r.label(),
            official_url: r.official_url(),
            broader,
        }
    }
}

#[derive(Default)]
pub struct SearchQuery;

#[Object]
impl SearchQuery {
    /// One Swedish search box over threads, documents, attachments and people. Understands
    /// "fraser", -uteslut, tag:, nätverk:, typ:, projekt:, löst:ja and lag:"MB 26:9", and
    /// references to law in any spelling ("26 kap. 9 § miljöbalken"). Never fails to parse.
    /// When too few items hold every word, the words become optional (`partial`).
    #[graphql(complexity = "crate::graphql::page_cost(first, child_complexity)")]
    async fn search(
        &self,
        ctx: &Context<'_>,
        query: String,
        filter: Option<SearchFilterInput>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<SearchResult> {
        let (state, access) = parts(ctx);
        access.user()?;
        let limit = page_size(first)? as usize;
        let offset = offset_from(after.as_deref())?;
        let search = search_service(ctx)?;
        // Read-your-writes: what this process has committed is searchable before we answer.
        search
            .wait_for(state.db.committed_seq(), READ_YOUR_WRITES_WAIT)
            .await;
        let f = filter.unwrap_or_default();
        let filter = SearchFilter {
            kinds: f.types.unwrap_or_default(),
            networks: f.networks.unwrap_or_default(),
            projects: f.projects.unwrap_or_default(),
            tags: f.tags.unwrap_or_default(),
            organisations: f.organisations.unwrap_or_default(),
            from_ms: f.from.map(|d| d.timestamp_millis()),
            to_ms: f.to.map(|d| d.timestamp_millis()),
            solved: f.solved,
        };
        let q = SearchService::parse(&query);
        let page = SearchPage {
            offset,
            limit,
            facets: ctx.look_ahead().field("facets").exists(),
        };
        let res = search.search(access, q, filter, page).await?;
        if ctx.look_ahead().field("hits").field("node").exists() {
            let threads = res.hits.iter().filter(|h| h.kind == "thread");
            loaders::prime::<ThreadLoader, _>(ctx, threads.map(|h| h.entity_id)).await?;
        }
        let next = offset + res.hits.len();
        let has_next_page = next < res.total;
        Ok(SearchResult {
            total_count: res.total as i64,
            end_cursor: has_next_page.then(|| ids::cursor(&format!("o:{next}"))),
            has_next_page,
            hits: res.hits.into_iter().map(SearchHit).collect(),
            facets: res.facets.into(),
            fuzzy: res.fuzzy,
            did_you_mean: res.did_you_mean,
            partial: res.partial,
            dropped_words: res.dropped,
            hint: res.hint.map(Into::into),
        })
    }

    /// A reference to law in any spelling ("26 kap. 9 § miljöbalken", "MB 26:9", "SFS
    /// 1998:808"), normalised; null when the text is no reference. Items citing it are
    /// listed by `search(query: searchQuery)`.
    async fn law_reference(
        &self,
        ctx: &Context<'_>,
        reference: String,
    ) -> Result<Option<LawReference>> {
        let (_, access) = parts(ctx);
        access.user()?;
        if reference.len() > 200 {
            return Err(
                crate::error::AppError::bad_input("reference", "Lagrummet är för långt.").into(),
            );
        }
        Ok(lawref::parse(&reference).map(Into::into))
    }

    /// Questions like the one being typed (for the ask form). When too few questions hold
    /// every word, those holding most of them come first; each hit's `missingWords` says
    /// which words it lacks.
    #[graphql(complexity = "crate::graphql::page_cost(first.or(Some(5)), child_complexity)")]
    async fn similar_questions(
        &self,
        ctx: &Context<'_>,
        title: String,
        first: Option<i32>,
    ) -> Result<Vec<SearchHit>> {
        let (state, access) = parts(ctx);
        access.user()?;
        let limit = page_size(first.or(Some(5)))? as usize;
        let search = search_service(ctx)?;
        search
            .wait_for(state.db.committed_seq(), READ_YOUR_WRITES_WAIT)
            .await;
        // Drop operators: a title is plain words, and references to law ("MB 26:9",
        // "9 § FMH") keep the colons between digits, section signs and full stops they need.
        let chars: Vec<char> = title.chars().collect();
        let digit = |i: Option<usize>| {
            i.and_then(|i| chars.get(i))
                .is_some_and(|c| c.is_ascii_digit())
        };
        let words: String = chars
            .iter()
            .enumerate()
            .map(|(i, &c)| match c {
                c if c.is_alphanumeric() || matches!(c, '§' | '.') => c,
                ':' if digit(i.checked_sub(1)) && digit(Some(i + 1)) => c,
                _ => ' ',
            })
            .collect();
        let mut q = SearchService::parse(&words);
        if q.terms.len() > 3 {
            // Long titles: the most distinctive (longest) words carry the meaning.
            q.terms
                .sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
            q.terms.truncate(3);
        }
        let filter = SearchFilter {
            kinds: vec!["thread".into()],
            ..Default::default()
        };
        let page = SearchPage {
            offset: 0,
            limit,
            facets: false,
        };
        let res = search.search(access, q, filter, page).await?;
        if ctx.look_ahead().field("node").exists() {
            loaders::prime::<ThreadLoader, _>(ctx, res.hits.iter().map(|h| h.entity_id)).await?;
        }
        Ok(res.hits.into_iter().map(SearchHit).collect())
    }
}
