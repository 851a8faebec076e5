//! Data loaders: batch the per-item lookups of a page (authors, their organisations, tags,
//! counts) into one statement per kind, so a page costs the same number of queries whatever
//! its length.
//!
//! A fresh set of loaders is put into every request by [`Loaders`] (an extension), with a
//! cache that lives as long as that request (or that subscription): one request never sees
//! another's rows. List resolvers *prime* them with `load_many` for the whole page before
//! the items resolve, so the items hit the cache instead of racing the batch window. Loaders
//! load rows only: permission checks stay in the resolvers and the domain.

use std::{
    collections::HashMap,
    hash::Hash,
    sync::{Arc, Mutex},
};

use async_graphql::{
    dataloader::{DataLoader, HashMapCache, Loader},
    extensions::{Extension, ExtensionContext, ExtensionFactory, NextPrepareRequest},
    Context, Request, ServerResult,
};

use crate::{
    accounts::{users::User, NetworkRole},
    db::Db,
    directory::organisations::{self, Organisation},
    forum::{follows, networks, posts, posts::Post, reading, threads, threads::Thread},
    library::attachments::{self, Attachment},
    tags::Tag,
};

/// A loader with a per-request cache.
pub type Cached<T> = DataLoader<T, HashMapCache>;

type LoadResult<K, V> = Result<HashMap<K, V>, async_graphql::Error>;

/// The extension that gives every request (and every subscription) its own loaders.
pub struct Loaders {
    db: Db,
}

impl Loaders {
    pub fn new(db: &Db) -> Loaders {
        Loaders { db: db.clone() }
    }
}

impl ExtensionFactory for Loaders {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(LoadersExtension {
            db: self.db.clone(),
        })
    }
}

struct LoadersExtension {
    db: Db,
}

fn cached<T: Send + Sync + 'static>(loader: T) -> Cached<T> {
    DataLoader::with_cache(loader, tokio::spawn, HashMapCache::default())
}

#[async_graphql::async_trait::async_trait]
impl Extension for LoadersExtension {
    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        let db = &self.db;
        let orgs = Arc::new(Mutex::new(HashMap::new()));
        let request = request
            .data(cached(UserLoader {
                db: db.clone(),
                orgs: orgs.clone(),
            }))
            .data(cached(OrganisationLoader {
                db: db.clone(),
                known: orgs,
            }))
            .data(cached(PostLoader(db.clone())))
            .data(cached(ThreadLoader(db.clone())))
            .data(cached(ThreadTagsLoader(db.clone())))
            .data(cached(UnreadPostsLoader(db.clone())))
            .data(cached(UnreadThreadsLoader(db.clone())))
            .data(cached(MemberCountLoader(db.clone())))
            .data(cached(NetworkRoleLoader(db.clone())))
            .data(cached(FollowLoader(db.clone())))
            .data(cached(PostAttachmentsLoader(db.clone())));
        next.run(ctx, request).await
    }
}

/// The request's loader of type `T`.
pub fn get<'a, T: Send + Sync + 'static>(ctx: &Context<'a>) -> &'a Cached<T> {
    ctx.data_unchecked::<Cached<T>>()
}

/// Loads many keys into a loader's cache in one batch (deduplicated).
pub async fn prime<T, K>(
    ctx: &Context<'_>,
    keys: impl IntoIterator<Item = K>,
) -> async_graphql::Result<()>
where
    T: Loader<K, Error = async_graphql::Error> + Send + Sync + 'static,
    K: Send + Sync + Hash + Eq + Clone + 'static,
{
    let mut keys: Vec<K> = keys.into_iter().collect();
    if keys.is_empty() {
        return Ok(());
    }
    let mut seen = std::collections::HashSet::new();
    keys.retain(|k| seen.insert(k.clone()));
    get::<T>(ctx).load_many(keys).await?;
    Ok(())
}

/// Puts rows already in hand into a loader's cache.
pub async fn feed<T, K>(ctx: &Context<'_>, values: impl IntoIterator<Item = (K, T::Value)>)
where
    T: Loader<K> + Send + Sync + 'static,
    K: Send + Sync + Hash + Eq + Clone + 'static,
{
    get::<T>(ctx).feed_many(values).await;
}

/// Groups `(user, item)` keys by user, for loaders whose statement is per user.
fn by_user<K: Copy>(keys: &[(i64, K)]) -> HashMap<i64, Vec<K>> {
    let mut out: HashMap<i64, Vec<K>> = HashMap::new();
    for (user, k) in keys {
        out.entry(*user).or_default().push(*k);
    }
    out
}

/// Users, with their organisations in the same statement (handed to the organisation
/// loader, so `author { organisation { name } }` costs nothing more).
pub struct UserLoader {
    db: Db,
    orgs: Arc<Mutex<HashMap<i64, Organisation>>>,
}

impl Loader<i64> for UserLoader {
    type Value = User;
    type Error = async_graphql::Error;
    async fn load(&self, keys: &[i64]) -> LoadResult<i64, User> {
        let rows = organisations::users_with_organisations(&self.db, keys).await?;
        let mut out = HashMap::with_capacity(rows.len());
        let mut known = self.orgs.lock().map_err(|_| "lock")?;
        for (u, org) in rows {
            if let Some(o) = org {
                known.insert(o.id, o);
            }
            out.insert(u.id, u);
        }
        Ok(out)
    }
}

/// Organisations: those the user loader already brought, else one statement.
pub struct OrganisationLoader {
    db: Db,
    known: Arc<Mutex<HashMap<i64, Organisation>>>,
}

impl Loader<i64> for OrganisationLoader {
    type Value = Organisation;
    type Error = async_graphql::Error;
    async fn load(&self, keys: &[i64]) -> LoadResult<i64, Organisation> {
        let mut out = HashMap::with_capacity(keys.len());
        let mut missing = Vec::new();
        {
            let known = self.known.lock().map_err(|_| "lock")?;
            for k in keys {
                match known.get(k) {
                    Some(o) => {
                        out.insert(*k, o.clone());
                    }
                    None => missing.push(*k),
                }
            }
        }
        for o in organisations::by_ids(&self.db, &missing).await? {
            out.insert(o.id, o);
        }
        Ok(out)
    }
}

pub struct PostLoader(Db);

impl Loader<i64> for PostLoader {
    type Value = Post;
    type Error = async_graphql::Error;
    async fn load(&self, keys: &[i64]) -> LoadResult<i64, Post> {
        Ok(posts::by_ids(&self.0, keys)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect())
    }
}

pub struct ThreadLoader(Db);

impl Loader<i64> for ThreadLoader {
    type Value = Thread;
    type Error = async_graphql::Error;
    async fn load(&self, keys: &[i64]) -> LoadResult<i64, Thread> {
        Ok(threads::by_ids(&self.0, keys)
            .await?
            .into_iter()
            .map(|t| (t.id, t))
            .collect())
    }
}

pub struct ThreadTagsLoader(Db);

impl Loader<i64> for ThreadTagsLoader {
    type Value = Vec<Tag>;
    type Error = async_graphql::Error;
    async fn load(&self, keys: &[i64]) -> LoadResult<i64, Vec<Tag>> {
        let mut found = threads::tags_of(&self.0, keys).await?;
        // Cache "no tags" too, so an untagged thread is not asked for again.
        Ok(keys
            .iter()
            .map(|k| (*k, found.remove(k).unwrap_or_default()))
            .collect())
    }
}

/// Unread posts of a thread for a user: key (user id, thread id).
pub struct UnreadPostsLoader(Db);

impl Loader<(i64, i64)> for UnreadPostsLoader {
    type Value = i64;
    type Error = async_graphql::Error;
    async fn load(&self, keys: &[(i64, i64)]) -> LoadResult<(i64, i64), i64> {
        let mut out: HashMap<(i64, i64), i64> = keys.iter().map(|k| (*k, 0)).collect();
        for (user, threads) in by_user(keys) {
            for (t, n) in reading::unread_posts(&self.0, user, &threads).await? {
                out.insert((user, t), n);
            }
        }
        Ok(out)
    }
}

/// Unread threads of a network for a user: key (user id, network id).
pub struct UnreadThreadsLoader(Db);

impl Loader<(i64, i64)> for UnreadThreadsLoader {
    type Value = i64;
    type Error = async_graphql::Error;
    async fn load(&self, keys: &[(i64, i64)]) -> LoadResult<(i64, i64), i64> {
        let mut out: HashMap<(i64, i64), i64> = keys.iter().map(|k| (*k, 0)).collect();
        for (user, nets) in by_user(keys) {
            for (n, c) in reading::unread_threads(&self.0, user, &nets).await? {
                out.insert((user, n), c);
            }
        }
        Ok(out)
    }
}

pub struct MemberCountLoader(Db);

impl Loader<i64> for MemberCountLoader {
    type Value = i64;
    type Error = async_graphql::Error;
    async fn load(&self, keys: &[i64]) -> LoadResult<i64, i64> {
        let mut found = networks::member_counts(&self.0, keys).await?;
        Ok(keys
            .iter()
            .map(|k| (*k, found.remove(k).unwrap_or(0)))
            .collect())
    }
}

/// A user's role in a network, read fresh (not from the request's `Access` snapshot, so a
/// join shows at once): key (user id, network id); absent = not a member.
pub struct NetworkRoleLoader(Db);

impl Loader<(i64, i64)> for NetworkRoleLoader {
    type Value = NetworkRole;
    type Error = async_graphql::Error;
    async fn load(&self, keys: &[(i64, i64)]) -> LoadResult<(i64, i64), NetworkRole> {
        let mut out = HashMap::new();
        for (user, nets) in by_user(keys) {
            for (n, role) in networks::roles_of(&self.0, user, &nets).await? {
                out.insert((user, n), role);
            }
        }
        Ok(out)
    }
}

/// Whether a user follows a network or thread: key (user id, target).
pub struct FollowLoader(Db);

/// Whether the caller follows `target` (false when signed out), through the loader.
pub async fn follows(ctx: &Context<'_>, target: follows::Target) -> async_graphql::Result<bool> {
    let Some(me) = crate::graphql::parts(ctx).1.signed_in_user_id() else {
        return Ok(false);
    };
    Ok(get::<FollowLoader>(ctx)
        .load_one((me, target))
        .await?
        .unwrap_or(false))
}

impl Loader<(i64, follows::Target)> for FollowLoader {
    type Value = bool;
    type Error = async_graphql::Error;
    async fn load(
        &self,
        keys: &[(i64, follows::Target)],
    ) -> LoadResult<(i64, follows::Target), bool> {
        let mut out: HashMap<(i64, follows::Target), bool> =
            keys.iter().map(|k| (*k, false)).collect();
        for (user, targets) in by_user(keys) {
            for t in follows::followed(&self.0, user, &targets).await? {
                out.insert((user, t), true);
            }
        }
        Ok(out)
    }
}

/// The current attachments of posts, by post id (loads rows only: the resolver shows them
/// for a post the caller already reads).
pub struct PostAttachmentsLoader(Db);

impl Loader<i64> for PostAttachmentsLoader {
    type Value = Vec<Attachment>;
    type Error = async_graphql::Error;
    async fn load(&self, keys: &[i64]) -> LoadResult<i64, Vec<Attachment>> {
        let mut found = attachments::current_for_posts(&self.0, keys).await?;
        // Cache "no files" too, so a post without attachments is not asked for again.
        Ok(keys
            .iter()
            .map(|k| (*k, found.remove(k).unwrap_or_default()))
            .collect())
    }
}
