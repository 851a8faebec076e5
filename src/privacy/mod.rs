//! GDPR: what Samsyn stores about a user (`my_data`, for "mina uppgifter") and erasing a
//! user (`erase`). Both span domains; each domain adds its own part here when it stores
//! personal data (forum posts, documents, subscriptions, …).

pub mod erase;
pub mod my_data;
