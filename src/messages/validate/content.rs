//! `content.rs`: empty §§ and misspelt names (warnings).

/// `paragraph` is "§ 2", `title` its rubrik.
pub fn empty_paragraph(paragraph: &str, title: &str) -> String {
    format!("{paragraph} {title} saknar `text`, `förslag_till_beslut` och `beslut`")
}

pub fn empty_paragraph_hint() -> String {
    "skriv ärendet under `text:` och beslutet under `beslut:`, eller ta bort paragrafen".into()
}

/// `field` is the key the text stands under (`text`, `beslut` …).
pub fn misspelt_name(paragraph: &str, field: &str, written: &str, name: &str) -> String {
    format!("{paragraph}, `{field}`: \"{written}\" ser ut som en felstavning av {name}")
}

/// `source` is the key the known name stands under; `in_organ_file`
/// when that is in organ.yaml rather than the meeting file.
pub fn misspelt_name_hint(name: &str, source: &str, in_organ_file: bool) -> String {
    let place = if in_organ_file {
        format!("`{source}` i organ.yaml")
    } else {
        format!("`{source}`")
    };
    format!(
        "skriv {name}, som namnet står under {place} (namn skrivs ut precis som de är \
         skrivna); gäller det någon annan, låt det stå"
    )
}
