//! The logic behind the calls, one concern per file.

mod application;
mod governance;
mod invariants;
mod stake;
