//! Forum: networks, threads, posts, accepted answers, FAQ, read state and notifications.

pub mod markdown;
