//! figtrack: tracks the statistical figures reported in the news.
//!
//! The library does the work; `src/main.rs` is a thin command line over it.
//! Data flows one way: [`input`] reads documents, [`extract`] turns text into [`model::Claim`]s
//! (pure: no I/O), and [`export`] writes rows in the formats people and programs read.

pub mod allocator;
mod bytes;
pub mod cli;
pub mod export;
pub mod extract;
pub mod files;
pub mod input;
pub mod model;
pub mod number;

pub use extract::extract;
pub use model::{Bound, Claim, Direction, Document, Kind};

#[cfg(feature = "charts")]
pub mod chart;
#[cfg(feature = "tracker")]
pub mod detect;
#[cfg(feature = "tracker")]
pub mod gazetteer;
#[cfg(feature = "tracker")]
pub mod import;
#[cfg(feature = "tracker")]
pub mod ingest;
#[cfg(feature = "tracker")]
pub mod metrics;
#[cfg(feature = "tracker")]
pub mod periods;
/// The polars the tracker is built with, for crates that read its frames (the Python bindings).
#[cfg(feature = "tracker")]
pub use polars;
#[cfg(feature = "charts")]
pub mod report;
#[cfg(feature = "tracker")]
pub mod review;
#[cfg(feature = "tracker")]
pub mod series;
#[cfg(feature = "tracker")]
pub mod status;
#[cfg(feature = "tracker")]
pub mod store;
#[cfg(feature = "tracker")]
mod vocabulary;
