//! What the rules of `validate` say: each finding's message and its hints,
//! one function per finding, grouped by rule family as `validate/` is.

pub mod comments;
pub mod content;
pub mod dates;
pub mod files;
pub mod lock;
pub mod numbering;
pub mod participation;
pub mod people;
pub mod votes;
