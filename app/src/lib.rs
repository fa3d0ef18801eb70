//! Trellis: a web hosting control panel built around the reseller hierarchy.
//! Compiled twice: with `ssr` for the server, with `hydrate` for the browser.
#![recursion_limit = "512"]

pub mod api;
pub mod domain;
pub mod error;
pub mod model;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod service;

pub use ui::{App, shell};
