//! GraphQL for GDPR: `myData` (everything stored about me, as JSON) and `eraseUser`.

use async_graphql::{Context, InputObject, Json, Object, Result, SimpleObject, ID};

use crate::{
    graphql::{ids, parts},
    privacy::{erase, my_data},
};

#[derive(Default)]
pub struct PrivacyQuery;

#[Object]
impl PrivacyQuery {
    /// Mina uppgifter: everything Samsyn stores about me (account, sessions, API tokens,
    /// phone-book entry, audit rows about me, …) as one JSON document. Never secrets.
    async fn my_data(&self, ctx: &Context<'_>) -> Result<Json<serde_json::Value>> {
        let (state, access) = parts(ctx);
        let me = access.user()?;
        let data = my_data::collect(&state.db, me.user_id).await?;
        Ok(Json(serde_json::to_value(data)?))
    }
}

#[derive(InputObject)]
pub struct EraseUserInput {
    pub id: ID,
}

#[derive(SimpleObject)]
pub struct EraseUserPayload {
    pub erased_user_id: ID,
    /// The phone-book entry that was removed with the account.
    pub removed_person_id: Option<ID>,
}

#[derive(Default)]
pub struct PrivacyMutation;

#[Object]
impl PrivacyMutation {
    /// Erases a user (admins only; not yourself): removes their phone-book entry,
    /// pseudonymises the account ("Tidigare användare"), ends sessions and API tokens.
    /// Their posts stay, shown as written by "Tidigare användare".
    async fn erase_user(
        &self,
        ctx: &Context<'_>,
        input: EraseUserInput,
    ) -> Result<EraseUserPayload> {
        let (state, access) = parts(ctx);
        let id = ids::decode(&input.id, "User")?;
        let erased = erase::erase_user(&state.db, access, id).await?;
        Ok(EraseUserPayload {
            erased_user_id: input.id,
            removed_person_id: erased.person_id.map(|p| ids::encode("Person", p)),
        })
    }
}
