//! `files.rs`: logo and bilagor, delegationsbeslut and `anmäls_vid`.

pub fn unreadable_asset_hint() -> String {
    "sökvägen räknas från organets mapp, t.ex. bilagor/vb-2020.pdf".into()
}

/// `reason` is why the decision file cannot be read.
pub fn unreadable_delegation(paragraph: &str, file: &str, reason: &str) -> String {
    format!(
        "{paragraph} kan inte lista delegationsbeslutet {file}, eftersom filen inte går att \
         läsa: {reason}"
    )
}

pub fn unreadable_delegation_hint() -> String {
    "rätta den filen först; `protokoll check` visar var felet finns".into()
}

pub fn no_delegations(paragraph: &str) -> String {
    format!(
        "{paragraph} är en anmälan av delegationsbeslut, men inga delegationsbeslut anmäls \
         vid det här sammanträdet"
    )
}

/// `dir` is where decision files are read from.
pub fn no_delegations_hint(dir: &str) -> String {
    format!(
        "delegationsbesluten läses från {dir}/; ett beslut anmäls vid organets första \
         sammanträde från och med beslutets `datum`, eller vid det sammanträde som står i \
         `anmäls_vid`"
    )
}

pub fn reported_before_decision(at: &str, decided: &str) -> String {
    format!("`anmäls_vid` är {at}, före beslutets datum {decided}")
}

pub fn reported_before_decision_hint(decided: &str) -> String {
    format!(
        "ett beslut anmäls vid ett sammanträde samma dag som beslutet eller senare: skriv ett \
         datum från och med {decided}"
    )
}

pub fn no_meeting_on(at: &str) -> String {
    format!("organet har inget sammanträde den {at} (`anmäls_vid`)")
}

/// `dir` is the organ folder.
pub fn no_meeting_on_hint(dir: &str) -> String {
    format!(
        "skriv datumet för en mötesfil under {dir}, eller ta bort `anmäls_vid` så anmäls \
         beslutet vid nästa sammanträde"
    )
}

pub fn not_a_pdf(path: &str) -> String {
    format!("{path} är ingen PDF som kan läggas till som bilaga")
}

pub fn not_a_pdf_hint() -> String {
    "spara bilagan som PDF (t.ex. \"Spara som PDF\" i ordbehandlaren) och lägg den i organets \
     mapp, eller ta bort `fil:` så står bara bilagans titel i paragrafen"
        .into()
}
