//! Telefonboken: organisations, units, people and who handles what.

pub mod email;
pub mod organisations;
pub mod phone;
