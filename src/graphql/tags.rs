//! GraphQL for tillsynsområden (tags): everyone signed in lists them; admins create, rename
//! and set synonyms.

use async_graphql::{Context, InputObject, Object, Result, SimpleObject, ID};

use crate::{
    forum::follows::Target,
    graphql::{ids, loaders::follows, parts},
    tags::{self, Tag},
};

pub struct TagObj(pub Tag);

#[Object(name = "Tag")]
impl TagObj {
    async fn id(&self) -> ID {
        ids::encode("Tag", self.0.id)
    }
    async fn slug(&self) -> &str {
        &self.0.slug
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Words search treats as this tag ("enskilda avlopp" for Små avlopp).
    async fn synonyms(&self) -> &[String] {
        &self.0.synonyms
    }
    /// Do I follow (bevaka) it: told about new threads with it in every network I can read.
    async fn following(&self, ctx: &Context<'_>) -> Result<bool> {
        follows(ctx, Target::Tag(self.0.id)).await
    }
}

#[derive(Default)]
pub struct TagsQuery;

#[Object]
impl TagsQuery {
    /// The tillsynsområden, by name.
    async fn tags(&self, ctx: &Context<'_>) -> Result<Vec<TagObj>> {
        let (state, access) = parts(ctx);
        access.user()?;
        Ok(tags::list(&state.db)
            .await?
            .into_iter()
            .map(TagObj)
            .collect())
    }
}

#[derive(InputObject)]
pub struct CreateTagInput {
    pub name: String,
    #[graphql(default)]
    pub synonyms: Vec<String>,
}

#[derive(InputObject)]
pub struct UpdateTagInput {
    pub id: ID,
    pub name: Option<String>,
    /// Replaces all synonyms when given.
    pub synonyms: Option<Vec<String>>,
}

#[derive(SimpleObject)]
pub struct TagPayload {
    pub tag: TagObj,
}

#[derive(Default)]
pub struct TagsMutation;

#[Object]
impl TagsMutation {
    /// Adds a tillsynsområde (admins).
    async fn create_tag(&self, ctx: &Context<'_>, input: CreateTagInput) -> Result<TagPayload> {
        let (state, access) = parts(ctx);
        let tag = tags::create(&state.db, access, &input.name, &input.synonyms).await?;
        Ok(TagPayload { tag: TagObj(tag) })
    }

    /// Renames a tillsynsområde or replaces its synonyms (admins).
    async fn update_tag(&self, ctx: &Context<'_>, input: UpdateTagInput) -> Result<TagPayload> {
        let (state, access) = parts(ctx);
        let id = ids::decode(&input.id, "Tag")?;
        let tag = tags::update(
            &state.db,
            access,
            id,
            input.name.as_deref(),
            input.synonyms.as_deref(),
        )
        .await?;
        Ok(TagPayload { tag: TagObj(tag) })
    }
}
