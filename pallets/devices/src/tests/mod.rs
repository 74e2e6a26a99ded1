//! Unit tests: one success test per call and one test per error it can return, by concern.

mod claim;
mod firmware;
mod lifecycle;
mod register;
mod registry;
