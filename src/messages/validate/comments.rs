//! `comments.rs`: text after ` #` that YAML reads as a comment (warnings).

/// `lost` is the text from the `#` to the end of the line.
pub fn lost_after_hash(lost: &str) -> String {
    format!("texten efter ` #` läses som en kommentar och skrivs inte ut: \"{lost}\"")
}

/// `quoted` is the line as it should be written, the value in quotes.
pub fn lost_after_hash_hint(quoted: &str) -> String {
    format!("sätt värdet inom citattecken: `{quoted}`")
}

pub fn comment_by_intent_hint() -> String {
    "är det en kommentar, skriv minst två mellanslag före `# `".into()
}
