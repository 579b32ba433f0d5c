//! What the commands report: the summaries of `check` and `build`, what
//! `watch` says between saves, and the messages about where to look for
//! files.

use super::count;

/// "1 fel, 2 varningar i 1 mötesfil, 0 delegationsbeslut och 1 organfil".
pub fn check_summary(
    errors: usize,
    warnings: usize,
    meetings: usize,
    delegations: usize,
    organs: usize,
) -> String {
    format!(
        "{}, {} i {}, {} och {}",
        count(errors, "fel", "fel"),
        count(warnings, "varning", "varningar"),
        count(meetings, "mötesfil", "mötesfiler"),
        count(delegations, "delegationsbeslut", "delegationsbeslut"),
        count(organs, "organfil", "organfiler"),
    )
}

/// "3 dokument byggda, 1 oförändrat" and, when some were, "2 borttagna".
pub fn build_summary(written: usize, unchanged: usize, removed: usize) -> String {
    let mut parts = vec![
        count(written, "dokument byggt", "dokument byggda"),
        count(unchanged, "oförändrat", "oförändrade"),
    ];
    if removed > 0 {
        parts.push(count(removed, "borttaget", "borttagna"));
    }
    parts.join(", ")
}

/// "1 av 3 filer byggdes inte; …", "2 av 2 filer …".
pub fn files_not_built(failed: usize, files: usize) -> String {
    format!(
        "{failed} av {} byggdes inte; inga befintliga PDF:er skrevs över för {}",
        count(files, "fil", "filer"),
        if failed == 1 { "den" } else { "dem" }
    )
}

/// The progress bar's note: "(4 hoppades över)".
pub fn skipped(unchanged: usize) -> String {
    format!(
        "({} hoppades över)",
        count(unchanged, "oförändrat", "oförändrade")
    )
}

/// One page count: "1 sida", "6 sidor".
pub fn pages(n: usize) -> String {
    count(n, "sida", "sidor")
}

pub fn removed_document(pdf: &str) -> String {
    format!("tog bort {pdf} (mötet ger inte längre det dokumentet)")
}

pub fn cache_not_written(reason: &str) -> String {
    format!("obs: {reason}; nästa bygge gör om alla dokument")
}

pub fn cache_missing() -> String {
    "ingen byggcache i utdatamappen; alla dokument byggs".into()
}

pub fn cache_unreadable() -> String {
    "byggcachen kunde inte läsas och används inte; alla dokument byggs".into()
}

pub fn cache_from_another_program() -> String {
    "byggcachen är från en annan version av protokoll och används inte; alla dokument byggs".into()
}

pub fn notice(text: &str) -> String {
    format!("obs: {text}")
}

pub fn watch_failed(failed: usize, ms: u128) -> String {
    format!(
        "{} med fel; de senaste felfria PDF:erna ligger kvar ({ms} ms)",
        count(failed, "fil", "filer")
    )
}

pub fn watch_done(ms: u128) -> String {
    format!("klart på {ms} ms")
}

pub fn watch_waiting() -> String {
    "väntar på ändringar (Ctrl-C avslutar)".into()
}

pub fn cannot_watch(reason: &str) -> String {
    format!("kan inte bevaka ändringar: {reason}")
}

pub fn template_exists(path: &str) -> String {
    format!("{path} finns redan; lämnas orörd")
}

pub fn no_meeting_files() -> String {
    "inga mötesfiler hittades (de ligger i meetings/<organ>/<år>/<datum>.yaml)".into()
}

pub fn no_meeting_or_organ_files() -> String {
    "inga mötes- eller organfiler hittades (de ligger i meetings/<organ>/organ.yaml och \
     meetings/<organ>/<år>/<datum>.yaml)"
        .into()
}

/// What to do outside a project: the folders protokoll expects.
pub fn outside_a_project_hint() -> String {
    "kör protokoll i projektmappen (den som har mappen meetings/), eller skapa \
     meetings/<organ>/organ.yaml och meetings/<organ>/<år>/<datum>.yaml \
     (FORMAT.md visar hur)"
        .into()
}

// The command line, where clap's own words would be English.

pub fn unknown_command(typed: &str) -> String {
    format!("okänt kommando `{typed}`")
}

pub fn unknown_option(typed: &str) -> String {
    format!("okänt val `{typed}`")
}

pub fn invalid_value(value: &str, argument: &str) -> String {
    format!("`{value}` går inte att använda för {argument}")
}

pub fn missing_argument(argument: &str) -> String {
    format!("{argument} saknas")
}

pub fn no_command() -> String {
    "ange ett kommando".into()
}

pub fn too_many_arguments(typed: &str) -> String {
    format!("`{typed}` passar inte här")
}

pub fn conflicting_arguments(argument: &str) -> String {
    format!("{argument} kan inte användas tillsammans med det andra valet")
}

pub fn bad_command_line() -> String {
    "kommandoraden kan inte läsas".into()
}

pub fn try_help() -> String {
    "skriv `protokoll --help` för kommandona, `protokoll <KOMMANDO> --help` för deras val".into()
}

pub fn possible_values(values: &[String]) -> String {
    format!("möjliga värden: {}", values.join(", "))
}

/// A file's size as a resident reads it: "84 kB", "1,2 MB".
pub fn file_size(bytes: usize) -> String {
    const KB: f64 = 1000.0;
    let size = bytes as f64;
    if size < KB * KB {
        format!("{} kB", (size / KB).ceil())
    } else {
        format!("{:.1} MB", size / (KB * KB)).replace('.', ",")
    }
}

/// What `publish` wrote.
pub fn published(site: &str, notices: usize, meetings: usize) -> String {
    format!(
        "publicerade {site}: {} på anslagstavlan, {}",
        count(notices, "anslag", "anslag"),
        count(meetings, "justerat protokoll", "justerade protokoll")
    )
}

pub fn meetings_left_out(n: usize) -> String {
    format!(
        "{} med fel publicerades inte; rätta felen ovan och publicera igen",
        count(n, "mötesfil", "mötesfiler")
    )
}

pub fn site_not_written(error: &str) -> String {
    format!("webbplatsen kunde inte skrivas: {error}; den förra ligger kvar orörd")
}

/// The site's publisher when no organ names its huvudman.
pub fn address_not_http() -> String {
    "skriv hela adressen där webbplatsen ligger, med https://, t.ex. https://www.kommun.se/protokoll/".into()
}

pub fn no_open_data() -> String {
    "tips: med --adress https://… skrivs också öppna data i OParl 1.1 under oparl/".into()
}

pub fn exported(package: &str, meetings: usize, documents: usize) -> String {
    format!(
        "exporterade {package}: {}, {}",
        count(meetings, "justerat sammanträde", "justerade sammanträden"),
        count(documents, "dokument", "dokument")
    )
}

pub fn meetings_left_out_of_package(n: usize) -> String {
    format!(
        "{} med fel kom inte med i paketet; rätta felen ovan och exportera igen",
        count(n, "mötesfil", "mötesfiler")
    )
}

pub fn not_adjusted_left_out(n: usize) -> String {
    match n {
        1 => "1 möte är inte justerat och kom inte med".into(),
        n => format!("{n} möten är inte justerade och kom inte med"),
    }
}

pub fn package_not_written(error: &str) -> String {
    format!("paketet kunde inte skrivas: {error}; det förra ligger kvar orört")
}

/// bag-info.txt's External-Description.
pub fn package_description(meetings: usize) -> String {
    format!(
        "Protokoll och källfiler från {}",
        count(meetings, "justerat sammanträde", "justerade sammanträden")
    )
}

/// The head of `documentation/om-paketet.txt`; a line per meeting follows.
pub fn package_about(id: &str, publisher: &str, day: &str, version: &str) -> String {
    format!(
        "Paket {id}\n\
         Levererat av {publisher}, skapat {day} med protokoll {version}.\n\
         \n\
         Paketet är en BagIt-påse (RFC 8493). Dess innehåll, under data/{id}/, är ett\n\
         informationspaket enligt E-ARK CSIP 2.2, grunden för Riksarkivets FGS\n\
         Paketstruktur. METS.xml beskriver paketet och pekar på två representationer:\n\
         representations/dokument/ med de justerade dokumenten som PDF/A-2a, och\n\
         representations/kallfiler/ med mötes- och organfilerna (YAML) de gjordes av\n\
         och låsfilerna (JSON) som justera skrev.\n\
         Varje fil har sin storlek och SHA-256 i METS-filerna och i manifest-sha256.txt.\n\
         \n\
         Sammanträden:\n"
    )
}

pub fn not_an_organ_folder() -> String {
    "här finns ingen organ.yaml; new skriver nästa möte i ett organs mapp".into()
}

pub fn not_an_organ_folder_hint() -> String {
    "ange organets mapp, t.ex. protokoll new meetings/socialnamnden --datum 2025-03-20".into()
}

pub fn meeting_file_exists() -> String {
    "mötesfilen finns redan; new skriver aldrig över en fil".into()
}

pub fn meeting_file_exists_hint() -> String {
    "öppna filen och skriv vidare i den, eller ange ett annat --datum".into()
}

pub fn new_meeting_written(
    path: &str,
    organ: &str,
    date: chrono::NaiveDate,
    first: &str,
) -> String {
    format!(
        "skrev {path}: {organ}, sammanträdet {}, första paragrafen {first}\n\
         nästa steg: protokoll check {path}, sedan protokoll kallelse {path}",
        crate::calendar::long_date_in_sentence(date)
    )
}

pub fn clock_time_hint() -> String {
    "skriv klockslaget som TT:MM, t.ex. 14:00".into()
}

pub fn justera_needs_a_meeting_file() -> String {
    "justera tar en mötesfil, t.ex. meetings/socsam/2021/2021-02-26.yaml".into()
}

pub fn edit_refused(errors: usize) -> String {
    format!(
        "filen ändrades inte: ändringen hade gett {} (se ovan)",
        count(errors, "fel", "fel")
    )
}

pub fn justera_meeting_has_errors(errors: usize) -> String {
    format!(
        "mötet justeras inte: filen har {}; rätta {} och justera igen",
        count(errors, "fel", "fel"),
        if errors == 1 { "det" } else { "dem" }
    )
}

pub fn justera_not_held() -> String {
    "mötet har inga beslutande än, så det finns inget protokoll att justera".into()
}

pub fn justera_not_held_hint() -> String {
    "skriv in beslutande, justerare och besluten efter mötet, och justera sedan".into()
}

pub fn justera_locked(lock: &str) -> String {
    format!("protokollet är redan justerat och låst ({lock}); justeringen ändras inte")
}

pub fn justera_locked_hint(lock: &str) -> String {
    format!("ska justeringen göras om är det ditt eget beslut: ta bort {lock} och kör justera igen")
}

pub fn justera_posted_late(
    posted: chrono::NaiveDate,
    deadline: chrono::NaiveDate,
    adjusted: chrono::NaiveDate,
) -> String {
    format!(
        "anslaget {posted} är för sent: efter justeringen {adjusted} ska det upp senast {deadline} (kommunallagen 8 kap. 12 §)"
    )
}

pub fn justera_posted_late_hint() -> String {
    "ange --anslag senast den dagen; har anslaget redan satts upp senare, skriv anslag: med en anmärkning i mötesfilen".into()
}

pub fn justerad(
    path: &str,
    adjusted: chrono::NaiveDate,
    posted: Option<chrono::NaiveDate>,
    documents: usize,
    lock: &str,
) -> String {
    let posted = posted.map_or_else(String::new, |d| format!(", anslag {d}"));
    format!(
        "justerade {path}: justering {adjusted}{posted}; {} låsta i {lock}",
        count(documents, "dokument", "dokument")
    )
}

pub fn notice_sent(path: &str, sent: chrono::NaiveDate) -> String {
    format!("{path}: kallelsen skickad {sent}; den görs aldrig om, hur mötesfilen än ändras")
}

pub fn notice_sent_unchanged(path: &str, sent: chrono::NaiveDate) -> String {
    format!("{path}: kallelsen var redan skickad {sent}; inget ändrades")
}

pub fn notice_sent_already(recorded: chrono::NaiveDate) -> String {
    format!("kallelsen är redan skickad {recorded} (`kallelse: utskickad`); den dagen ändras inte")
}

pub fn notice_sent_already_hint() -> String {
    "skrevs fel dag in, rätta `utskickad` i mötesfilen själv".to_owned()
}

pub fn notice_of_locked_meeting() -> String {
    "mötet är justerat och låst; att kallelsen skickats kan inte längre skrivas in".to_owned()
}

pub fn justerad_already(path: &str) -> String {
    format!("{path} var redan justerad så; inget ändrades")
}

pub fn default_publisher() -> String {
    "Protokoll och anslag".into()
}
