//! The logic behind the calls, one concern per file.

mod authority;
mod claim;
mod firmware;
mod invariants;
mod lifecycle;
mod register;
