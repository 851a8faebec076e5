//! Phone-book mutations: people (upsert, delete, verify), organisations and units, import.

use async_graphql::{Context, InputObject, MaybeUndefined, Object, Result, SimpleObject, ID};

use crate::{
    directory::{
        edit::{self, PersonChanges},
        organisations::{self, OrganisationChanges},
        people::PersonRole,
        units::{self, UnitKind},
        Patch,
    },
    error::AppResult,
    graphql::{accounts::OrganisationObj, ids, parts},
};

use super::{decode_field, import, org_ref, person_objs, PersonObj, UnitObj};

fn patch<T>(v: MaybeUndefined<T>) -> Patch<T> {
    match v {
        MaybeUndefined::Undefined => Patch::Keep,
        MaybeUndefined::Null => Patch::Clear,
        MaybeUndefined::Value(v) => Patch::Set(v),
    }
}

fn patch_id(v: MaybeUndefined<ID>, kind: &str, field: &str) -> AppResult<Patch<i64>> {
    Ok(match v {
        MaybeUndefined::Undefined => Patch::Keep,
        MaybeUndefined::Null => Patch::Clear,
        MaybeUndefined::Value(id) => Patch::Set(decode_field(&id, kind, field)?),
    })
}

/// Creates a person (no `id`) or changes one. Fields left out stay as they are; `null`
/// clears an optional field. A person linked to a user may change only `directPhone` and
/// `mobilePhone` of their own entry.
#[derive(InputObject)]
pub struct UpsertPersonInput {
    /// The person to change; leave out to create a new one.
    pub id: Option<ID>,
    /// Required when creating.
    pub name: Option<String>,
    /// Befattning.
    pub title: Option<String>,
    /// Organisation id, slug or name; required when creating.
    pub organisation_id: Option<ID>,
    pub unit_id: MaybeUndefined<ID>,
    /// As typed ("036-10 52 31", "+46 36 10 52 31"); stored in E.164.
    pub direct_phone: MaybeUndefined<String>,
    pub mobile_phone: MaybeUndefined<String>,
    pub email: MaybeUndefined<String>,
    /// Tillsynsområden: names, slugs or synonyms. Replaces the list.
    pub areas: Option<Vec<String>>,
    /// Replaces the list.
    pub roles: Option<Vec<PersonRole>>,
    /// The user account this entry belongs to.
    pub user_id: MaybeUndefined<ID>,
}

#[derive(SimpleObject)]
pub struct PersonPayload {
    pub person: PersonObj,
}

#[derive(InputObject)]
pub struct PersonIdInput {
    pub id: ID,
}

#[derive(SimpleObject)]
pub struct DeletePersonPayload {
    pub deleted_person_id: ID,
}

#[derive(InputObject)]
pub struct CreateOrganisationInput {
    pub name: String,
    /// Short name for addresses; made from the name when left out.
    pub slug: Option<String>,
    /// kommun | lansstyrelse | region | other (default other).
    pub kind: Option<String>,
    pub switchboard: Option<String>,
    pub visiting_address: Option<String>,
    pub postal_address: Option<String>,
    /// https://…
    pub website: Option<String>,
}

#[derive(InputObject)]
pub struct UpdateOrganisationInput {
    pub id: ID,
    pub name: Option<String>,
    pub slug: Option<String>,
    pub kind: Option<String>,
    pub switchboard: MaybeUndefined<String>,
    pub visiting_address: MaybeUndefined<String>,
    pub postal_address: MaybeUndefined<String>,
    pub website: MaybeUndefined<String>,
}

#[derive(SimpleObject)]
pub struct OrganisationPayload {
    pub organisation: OrganisationObj,
}

#[derive(InputObject)]
pub struct OrganisationIdInput {
    pub id: ID,
}

#[derive(SimpleObject)]
pub struct DeleteOrganisationPayload {
    pub deleted_organisation_id: ID,
}

#[derive(InputObject)]
pub struct CreateUnitInput {
    /// Organisation id, slug or name.
    pub organisation_id: ID,
    pub name: String,
    #[graphql(default_with = "UnitKind::Enhet")]
    pub kind: UnitKind,
}

#[derive(InputObject)]
pub struct UpdateUnitInput {
    pub id: ID,
    pub name: Option<String>,
    pub kind: Option<UnitKind>,
}

#[derive(InputObject)]
pub struct UnitIdInput {
    pub id: ID,
}

#[derive(SimpleObject)]
pub struct UnitPayload {
    pub unit: UnitObj,
}

#[derive(SimpleObject)]
pub struct DeleteUnitPayload {
    pub deleted_unit_id: ID,
}

#[derive(Default)]
pub struct DirectoryMutation;

async fn person_payload(
    ctx: &Context<'_>,
    p: crate::directory::people::Person,
) -> Result<PersonPayload> {
    let (state, _) = parts(ctx);
    let person = person_objs(&state.db, vec![p])
        .await?
        .pop()
        .ok_or_else(|| async_graphql::Error::from(crate::error::AppError::not_found("Personen")))?;
    Ok(PersonPayload { person })
}

#[Object]
impl DirectoryMutation {
    /// Creates or changes a person in the phone book. Admins edit everyone, managers their
    /// own organisation (FORBIDDEN otherwise); a linked user only their own phone numbers.
    async fn upsert_person(
        &self,
        ctx: &Context<'_>,
        input: UpsertPersonInput,
    ) -> Result<PersonPayload> {
        let (state, access) = parts(ctx);
        let id = match &input.id {
            Some(id) => Some(ids::decode(id, "Person")?),
            None => None,
        };
        let changes = PersonChanges {
            name: input.name,
            title: input.title,
            organisation: input.organisation_id.as_ref().map(org_ref),
            unit_id: patch_id(input.unit_id, "Unit", "unitId")?,
            direct_phone: patch(input.direct_phone),
            mobile_phone: patch(input.mobile_phone),
            email: patch(input.email),
            areas: input.areas,
            roles: input.roles,
            user_id: patch_id(input.user_id, "User", "userId")?,
        };
        let p = edit::upsert(&state.db, access, id, changes).await?;
        person_payload(ctx, p).await
    }

    /// Removes a person (admins, the organisation's managers).
    async fn delete_person(
        &self,
        ctx: &Context<'_>,
        input: PersonIdInput,
    ) -> Result<DeletePersonPayload> {
        let (state, access) = parts(ctx);
        let id = ids::decode(&input.id, "Person")?;
        edit::delete(&state.db, access, id).await?;
        Ok(DeletePersonPayload {
            deleted_person_id: input.id,
        })
    }

    /// Stamps a person as checked now, by me (admins, the organisation's managers).
    async fn verify_person(
        &self,
        ctx: &Context<'_>,
        input: PersonIdInput,
    ) -> Result<PersonPayload> {
        let (state, access) = parts(ctx);
        let id = ids::decode(&input.id, "Person")?;
        let p = edit::verify(&state.db, access, id).await?;
        person_payload(ctx, p).await
    }

    /// Imports people from CSV; see `ImportPeopleInput`.
    async fn import_people(
        &self,
        ctx: &Context<'_>,
        input: import::ImportPeopleInput,
    ) -> Result<import::ImportReportObj> {
        import::import_people(ctx, input).await
    }

    /// Adds an organisation (admins).
    async fn create_organisation(
        &self,
        ctx: &Context<'_>,
        input: CreateOrganisationInput,
    ) -> Result<OrganisationPayload> {
        let (state, access) = parts(ctx);
        let set = |v: Option<String>| v.map_or(Patch::Keep, Patch::Set);
        let org = organisations::create(
            &state.db,
            access,
            OrganisationChanges {
                name: Some(input.name),
                slug: input.slug,
                kind: input.kind,
                switchboard: set(input.switchboard),
                visiting_address: set(input.visiting_address),
                postal_address: set(input.postal_address),
                website: set(input.website),
            },
        )
        .await?;
        Ok(OrganisationPayload {
            organisation: OrganisationObj(org),
        })
    }

    /// Edits an organisation (admins).
    async fn update_organisation(
        &self,
        ctx: &Context<'_>,
        input: UpdateOrganisationInput,
    ) -> Result<OrganisationPayload> {
        let (state, access) = parts(ctx);
        let id = ids::decode(&input.id, "Organisation")?;
        let org = organisations::update(
            &state.db,
            access,
            id,
            OrganisationChanges {
                name: input.name,
                slug: input.slug,
                kind: input.kind,
                switchboard: patch(input.switchboard),
                visiting_address: patch(input.visiting_address),
                postal_address: patch(input.postal_address),
                website: patch(input.website),
            },
        )
        .await?;
        Ok(OrganisationPayload {
            organisation: OrganisationObj(org),
        })
    }

    /// Removes an organisation without people or users (admins).
    async fn delete_organisation(
        &self,
        ctx: &Context<'_>,
        input: OrganisationIdInput,
    ) -> Result<DeleteOrganisationPayload> {
        let (state, access) = parts(ctx);
        let id = ids::decode(&input.id, "Organisation")?;
        organisations::delete(&state.db, access, id).await?;
        Ok(DeleteOrganisationPayload {
            deleted_organisation_id: input.id,
        })
    }

    /// Adds a unit (admins, the organisation's managers).
    async fn create_unit(&self, ctx: &Context<'_>, input: CreateUnitInput) -> Result<UnitPayload> {
        let (state, access) = parts(ctx);
        let org = organisations::resolve(
            &state.db,
            &org_ref(&input.organisation_id),
            "organisationId",
        )
        .await?;
        let unit = units::create(&state.db, access, org.id, &input.name, input.kind).await?;
        Ok(UnitPayload {
            unit: UnitObj(unit),
        })
    }

    /// Renames a unit or changes its kind (admins, the organisation's managers).
    async fn update_unit(&self, ctx: &Context<'_>, input: UpdateUnitInput) -> Result<UnitPayload> {
        let (state, access) = parts(ctx);
        let id = ids::decode(&input.id, "Unit")?;
        let unit = units::update(&state.db, access, id, input.name.as_deref(), input.kind).await?;
        Ok(UnitPayload {
            unit: UnitObj(unit),
        })
    }

    /// Removes a unit; its people stay without one (admins, the organisation's managers).
    async fn delete_unit(
        &self,
        ctx: &Context<'_>,
        input: UnitIdInput,
    ) -> Result<DeleteUnitPayload> {
        let (state, access) = parts(ctx);
        let id = ids::decode(&input.id, "Unit")?;
        units::delete(&state.db, access, id).await?;
        Ok(DeleteUnitPayload {
            deleted_unit_id: input.id,
        })
    }
}
