//! What is said about a file that cannot be read as the format: YAML
//! mistakes (from serde-saphyr's and its parser's error kinds), values of the
//! wrong shape, and files that cannot be found or read.

use super::did_you_mean;

/// What kind of file a shape hint is for.
#[derive(Debug, Clone, Copy)]
pub enum FileKind {
    Meeting,
    Organ,
    Delegation,
}

pub fn empty_file() -> String {
    "filen är tom".into()
}

/// What the file should look like, for errors about its shape.
pub fn file_shape(kind: FileKind) -> String {
    match kind {
        FileKind::Meeting => "en mötesfil är en rad nycklar som börjar med `datum: ÅÅÅÅ-MM-DD`, \
             `tid:` och `plats:`; se FORMAT.md"
            .into(),
        FileKind::Organ => {
            "en organ.yaml är en rad nycklar som börjar med `namn:` och `huvudman:`; se FORMAT.md"
                .into()
        }
        FileKind::Delegation => "en fil med ett delegationsbeslut är en rad nycklar som börjar \
             med `datum: ÅÅÅÅ-MM-DD`, `diarienummer:` och `rubrik:`; se FORMAT.md"
            .into(),
    }
}

pub fn not_a_mapping() -> String {
    "här ska det stå nycklar med värden (`nyckel: värde`)".into()
}

pub fn unknown_key(key: &str) -> String {
    format!("okänd nyckel `{key}`")
}

pub fn nearest_key(key: &str) -> String {
    did_you_mean(&format!("`{key}`"))
}

pub fn known_keys(keys: &[&str]) -> String {
    format!("nycklar som finns här: {}", keys.join(", "))
}

pub fn key_not_in_format() -> String {
    "nyckeln finns inte i formatet; se FORMAT.md".into()
}

pub fn missing_key(key: &str) -> String {
    format!("nyckeln `{key}` saknas")
}

pub fn missing_key_hint(key: &str) -> String {
    format!("lägg till `{key}:` med sitt värde; se FORMAT.md")
}

pub fn unknown_value(value: &str) -> String {
    format!("`{value}` är inget av de värden som kan stå här")
}

pub fn allowed_values(values: &[&str]) -> String {
    format!("skriv ett av: {}", values.join(", "))
}

pub fn nearest_value(value: &str) -> String {
    did_you_mean(&format!("`{value}`"))
}

pub fn duplicate_key(key: Option<&str>) -> String {
    match key {
        Some(key) => format!("nyckeln `{key}` står två gånger"),
        None => "samma nyckel står två gånger".into(),
    }
}

pub fn duplicate_key_hint() -> String {
    "behåll en av dem; varje nyckel får stå en gång i sitt block".into()
}

pub fn alias_bomb() -> String {
    "filen växer till alldeles för mycket data genom ankare och alias (&namn, *namn)".into()
}

pub fn alias_bomb_hint() -> String {
    "skriv ut värdena; en mötesfil behöver inga alias".into()
}

pub fn too_deep() -> String {
    "listor eller nycklar ligger alldeles för djupt i varandra".into()
}

pub fn too_deep_hint() -> String {
    "en mötesfil behöver bara några nivåer: paragrafer → en § → dess listor".into()
}

pub fn tab() -> String {
    "en tabb står där YAML inte tillåter den".into()
}

pub fn tab_hint() -> String {
    "använd mellanslag, inte tabb".into()
}

pub fn colon_in_value() -> String {
    "ett kolon följt av mellanslag inne i ett värde läses som en ny nyckel".into()
}

pub fn quote_the_value_hint() -> String {
    "sätt värdet inom citattecken, t.ex. `rubrik: \"Information: resultat\"`".into()
}

pub fn unclosed_quote() -> String {
    "ett citattecken öppnas här men stängs aldrig".into()
}

pub fn unclosed_quote_hint() -> String {
    "avsluta värdet med samma citattecken som det börjar med".into()
}

pub fn unclosed_bracket(open: char) -> String {
    format!("`{open}` öppnas här men stängs aldrig")
}

pub fn mismatched_bracket(open: char, close: char) -> String {
    format!("`{open}` stängs med `{close}`")
}

pub fn bracket_hint() -> String {
    "stäng listan med `]` och nycklarna med `}`, eller skriv värdet inom citattecken".into()
}

pub fn indentation() -> String {
    "indraget stämmer inte med raderna ovanför".into()
}

pub fn indentation_hint() -> String {
    "rada upp nyckeln med de andra nycklarna i samma block, med mellanslag; \
     en lista börjar med `- ` under sin nyckel"
        .into()
}

pub fn unexpected_character(character: char) -> String {
    format!("tecknet `{character}` kan inte stå här")
}

pub fn file_ends_early() -> String {
    "filen tar slut mitt i ett värde".into()
}

pub fn file_ends_early_hint() -> String {
    "stäng citattecken och parenteser och kontrollera filens sista rader".into()
}

pub fn not_yaml() -> String {
    "texten kan inte läsas som YAML här".into()
}

pub fn not_yaml_hint() -> String {
    "kontrollera indraget, kolon och citattecken på raden; sätt ett värde med `:` eller `#` \
     inom citattecken"
        .into()
}

pub fn several_documents() -> String {
    "filen innehåller flera YAML-dokument (`---`)".into()
}

pub fn several_documents_hint() -> String {
    "ett möte per fil: ta bort `---` och skriv nästa möte i en egen fil".into()
}

pub fn no_value() -> String {
    "värdet saknas".into()
}

pub fn no_value_hint() -> String {
    "skriv värdet efter kolon, eller ta bort nyckeln".into()
}

/// A scalar that is not a `ty` (serde-saphyr's name of a Rust type: "u32",
/// "bool", "floating point").
pub fn not_a_scalar_of(ty: &str) -> String {
    let kind = if ty.starts_with('u') || ty.starts_with('i') {
        "ett heltal"
    } else if ty.starts_with("bool") {
        "true eller false"
    } else if ty == "char" {
        "ett tecken"
    } else {
        "ett tal"
    };
    format!("här ska det stå {kind}")
}

pub fn not_a_scalar_hint(ty: &str) -> String {
    if ty.starts_with('u') {
        "skriv talet med siffror, utan tecken, t.ex. `3`".into()
    } else if ty.starts_with("bool") {
        "skriv `true` eller `false`".into()
    } else {
        "skriv talet med siffror, t.ex. `3`".into()
    }
}

/// A value of the wrong kind: `expected` and `found` in serde's words,
/// given in Swedish where serde's vocabulary has a fixed form.
pub fn wrong_kind(expected: &str, found: &str) -> String {
    format!(
        "här ska det stå {}, men det står {}",
        kind_in_swedish(expected),
        kind_in_swedish(found)
    )
}

/// serde's fixed names for kinds of values ("a sequence", "a map",
/// `string "x"`) in the format's words; anything else (the model's own
/// `expecting` texts, already Swedish) is kept.
fn kind_in_swedish(kind: &str) -> String {
    let kind = kind.trim();
    let fixed = [
        ("string scalar", "en text"),
        ("scalar", "ett enkelt värde (en text eller ett tal)"),
        ("sequence start", "en lista"),
        ("mapping start", "nycklar med värden"),
        ("empty mapping start", "nycklar med värden"),
        ("seq", "en lista"),
        ("a sequence", "en lista"),
        ("sequence", "en lista"),
        ("a map", "nycklar med värden"),
        ("map", "nycklar med värden"),
        ("a string", "en text"),
        ("string", "en text"),
        ("a borrowed string", "en text"),
        ("a boolean", "true eller false"),
        ("boolean", "true eller false"),
        ("an integer", "ett heltal"),
        ("integer", "ett heltal"),
        ("unit value", "inget värde"),
        ("null", "inget värde"),
        ("a floating point number", "ett tal"),
        ("floating point", "ett tal"),
    ];
    for (english, swedish) in fixed {
        if kind == english {
            return swedish.to_owned();
        }
        // `string "x"`, `integer `5``: the kind, then the value as written.
        if let Some(value) = kind
            .strip_prefix(english)
            .and_then(|rest| rest.strip_prefix(' '))
        {
            return format!("{swedish} ({})", value.trim());
        }
    }
    if let Some(name) = kind.strip_prefix("struct ") {
        return format!("nycklar med värden ({name})");
    }
    kind.to_owned()
}

// The model's own messages for values it reads itself.

/// Between a message and its hint in one of the model's own errors (serde
/// carries a single string; `parse` splits it again).
pub const HINT_SEPARATOR: &str = "\u{1f}";

pub fn not_a_date(text: &str) -> String {
    format!("\"{text}\" är inget datum")
}

pub fn date_shape_hint() -> String {
    "skriv ÅÅÅÅ-MM-DD, t.ex. 2021-02-26".into()
}

/// For a date of the right shape whose day the month does not have.
pub fn month_days_hint(month_name: &str, year: i32, days: u32) -> String {
    format!("{month_name} {year} har {days} dagar")
}

pub fn not_a_clock_time(text: &str) -> String {
    format!("\"{text}\" är inget klockslag: skriv TT:MM, t.ex. \"14:00\"")
}

pub fn not_a_time_span(text: &str) -> String {
    format!(
        "\"{text}\" är ingen tid: skriv TT:MM–TT:MM, t.ex. \"09:00–12:00\", \
         och flera sittningar med komma emellan"
    )
}

pub fn not_a_paragraph_set(text: &str) -> String {
    format!(
        "\"{text}\" är ingen lista av §§: skriv t.ex. \"1–7\", \"1–3, 9\", \"9\" eller \
         \"1–2, del av 3\""
    )
}

pub fn paragraph_number_too_large() -> String {
    "§-numret är för stort".into()
}

pub fn paragraph_number_negative() -> String {
    "§-nummer är positiva heltal".into()
}

pub fn chair_needs_a_name() -> String {
    "`ordförande` behöver minst ett namn".into()
}

// What the model expects, as serde reports it in `wrong_kind`.

pub const EXPECTING_ROLE_HOLDER: &str = "ett namn, eller {namn, paragrafer}";
pub const EXPECTING_ROLE_HOLDERS: &str = "ett namn, {namn, paragrafer} eller en lista av dem";
pub const EXPECTING_CONFIDENTIALITY: &str =
    "true, false eller sekretessgrunden som text (\"26 kap. 1 § OSL\")";
pub const EXPECTING_PARAGRAPH_SET: &str = "§-nummer som \"1–7\", \"1–3, 9\" eller 9";

// Files that cannot be found or read.

/// What stands after a path the system would not give: "finns inte", or
/// "kan inte läsas: behörighet saknas".
pub fn io_problem(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "finns inte".into(),
        _ => format!("kan inte läsas: {}", io_reason(error)),
    }
}

pub fn lock_not_json(reason: &str) -> String {
    format!("låsfilen är inte den som justera skrev: {reason}")
}

pub fn not_utf8() -> String {
    "filen är inte UTF-8-text (spara den som UTF-8 i din redigerare)".into()
}

pub fn too_large(limit_mib: u64) -> String {
    format!("filen är större än {limit_mib} MiB; en mötesfil är text på några kilobyte")
}

pub fn no_organ_file() -> String {
    "ingen organ.yaml i mappen eller ovanför den (meetings/<organ>/organ.yaml)".into()
}

pub fn organ_folder_unreadable(reason: &str) -> String {
    format!("organets mapp kan inte läsas: {reason}")
}

pub fn no_such_asset(organ_dir: &str) -> String {
    format!("filen finns inte i {organ_dir}")
}

pub fn asset_outside_organ(organ_dir: &str) -> String {
    format!("filer som mötet nämner ska ligga i organets mapp {organ_dir}")
}

pub fn asset_too_large(limit_mib: u64) -> String {
    format!("filen är större än {limit_mib} MiB")
}

/// An I/O error in words a secretary can act on.
pub fn io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "den finns inte".into(),
        ErrorKind::PermissionDenied => "behörighet saknas".into(),
        ErrorKind::IsADirectory => "det är en mapp, inte en fil".into(),
        ErrorKind::NotADirectory => "en del av sökvägen är en fil, inte en mapp".into(),
        ErrorKind::AlreadyExists => "den finns redan".into(),
        ErrorKind::StorageFull => "disken är full".into(),
        ErrorKind::ReadOnlyFilesystem => "filsystemet är skrivskyddat".into(),
        _ => format!("systemfel ({error})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_kinds_are_named_in_swedish() {
        assert_eq!(
            wrong_kind("a sequence", "string \"x\""),
            "här ska det stå en lista, men det står en text (\"x\")"
        );
        assert_eq!(
            wrong_kind("string scalar", "sequence"),
            "här ska det stå en text, men det står en lista"
        );
        assert_eq!(
            wrong_kind(EXPECTING_PARAGRAPH_SET, "a map"),
            format!("här ska det stå {EXPECTING_PARAGRAPH_SET}, men det står nycklar med värden")
        );
    }
}
