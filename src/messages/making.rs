//! What is said when a document cannot be made: a document the meeting does
//! not give yet, a bilaga or template Typst cannot use, a file that cannot
//! be written.

pub fn not_held() -> String {
    "mötet har inga beslutande än, så det finns inget protokoll att göra; \
     `protokoll kallelse` gör kallelsen"
        .into()
}

/// `has`: the meeting's §§, "§ 63" or "§§ 1–15".
pub fn no_such_paragraph(number: &str, has: &str) -> String {
    format!("{number} finns inte i det här mötet, som har {has}")
}

pub fn extract_not_adjusted(number: &str) -> String {
    format!(
        "protokollet är inte justerat, så ett utdrag ur {number} kan inte bestyrkas; \
         skriv `justering:` när det är justerat, eller `omedelbar_justering: true` på \
         paragrafen när mötet justerade den direkt"
    )
}

pub fn certificate_not_adjusted() -> String {
    "protokollet är inte justerat, så det finns inget anslag att intyga; skriv `justering:` först"
        .into()
}

pub fn not_posted() -> String {
    "anslaget är inte uppsatt än: skriv `anslag: { uppsatt: ÅÅÅÅ-MM-DD }` när det är det".into()
}

pub fn no_extracts_requested() -> String {
    "ingen § i det här mötet har `utdrag_till`; ange paragraferna med --paragraf N".into()
}

pub fn typst_compile(details: &str) -> String {
    format!("Typst kunde inte sätta dokumentet: {details}")
}

pub fn typst_export(details: &str) -> String {
    format!("Typst kunde inte skriva PDF:en: {details}")
}

/// A final document whose bytes are not the ones its lock records.
pub fn signed_copy_kept(document: &str) -> String {
    format!(
        "{document} är inte längre den fil som justeringen låste (undertecknad sedan?) och \
         skrivs inte över; vill du göra om den, flytta först undan den undertecknade filen"
    )
}

pub fn no_signature_lines() -> String {
    "mallen markerar ingen underskriftsrad (<signature-line>), så PDF:en kan inte få \
     signaturfält; se signature-room i templates/lib/layout.typ"
        .to_owned()
}

pub fn signature_fields_failed(details: &str) -> String {
    format!("signaturfälten kunde inte läggas till i PDF:en: {details}")
}

/// The tooltip (`/TU`) of a signature field: "Anna Andersson, ordförande".
pub fn signature_field_tooltip(person: &str, role: &str) -> String {
    format!("{person}, {}", role.to_lowercase())
}

pub fn not_an_appendable_pdf(path: &str, reason: &str) -> String {
    format!("{path}: inte en PDF som kan läggas till som bilaga ({reason})")
}

pub fn cannot_write(path: &str, reason: &str) -> String {
    format!("kunde inte skriva {path}: {reason}")
}

pub fn unreadable_source(path: &str) -> String {
    format!("{path} kan inte läsas; kör `protokoll check`")
}

pub fn in_generated_source(place: &str) -> String {
    format!("i den genererade källan: {place}")
}

pub fn built_in_template(name: &str) -> String {
    format!("{name} (inbyggd mall)")
}

/// A library's own message, which is English, marked as its words inside
/// ours: "Typst: »unknown variable: foo«".
pub fn quoted_from(library: &str, message: &str) -> String {
    format!("{library}: »{message}«")
}

/// A hint a library gave with its message.
pub fn hint_from(library: &str, hint: &str) -> String {
    format!("tips från {library}: »{hint}«")
}

pub fn template_missing(name: &str) -> String {
    format!("mallen `{name}` finns inte (varken i mallmappen eller bland de inbyggda)")
}

pub fn template_cycle(chain: &[String]) -> String {
    format!("mallarna tar in varandra i en ring: {}", chain.join(" → "))
}

pub fn template_wrong_argument(expected: &str, actual: &str) -> String {
    format!("ett filter eller en funktion fick {actual} men behöver {expected}")
}

pub fn template_missing_argument(name: &str) -> String {
    format!("argumentet `{name}` saknas")
}

pub fn template_argument_out_of_range(value: &str, target: &str) -> String {
    format!("talet {value} ryms inte i {target}")
}

/// A Tera error at `place` (template file:line:column), at the template
/// text `expression` when known; `message` is Tera's own.
pub fn search_not_built(reason: &str) -> String {
    format!("sökindexet kunde inte byggas: {reason}")
}

pub fn template_not_filled(place: &str, expression: Option<&str>, message: &str) -> String {
    let at = expression.map_or_else(String::new, |e| format!(" vid `{e}`"));
    format!(
        "{place}: mallen kunde inte fyllas i{at}: {message} \
         (ett fält som inte finns är `undefined`; mallarnas fält står i TEMPLATES.md)"
    )
}
