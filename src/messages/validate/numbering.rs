//! `numbering.rs`: § numbers unique and gap-free through the year.

pub fn first_out_of_bounds(written: u32, largest: u32) -> String {
    format!(
        "`första_paragraf: {written}` är inget giltigt paragrafnummer: §§ numreras löpande \
         under året från 1, högst till {largest}"
    )
}

pub fn first_out_of_bounds_hint() -> String {
    "skriv numret på sammanträdets första §, t.ex. `första_paragraf: 1` för årets första \
     sammanträde, eller ta bort raden så fortsätter numreringen efter föregående sammanträde"
        .into()
}

pub fn continued_out_of_bounds(first: u64, largest: u32) -> String {
    format!(
        "sammanträdets §§ skulle numreras från § {first}, över det högsta tillåtna \
         paragrafnumret ({largest})"
    )
}

pub fn continued_out_of_bounds_hint() -> String {
    "kontrollera `första_paragraf` i organets tidigare sammanträden samma år, eller skriv \
     `första_paragraf:` här"
        .into()
}

/// `file` is the other meeting file's name, `date` the shared date.
pub fn same_date(file: &str, date: &str) -> String {
    format!("{file} är också ett sammanträde med organet den {date}")
}

pub fn same_date_hint() -> String {
    "rätta `datum` i en av de två filerna; ett sammanträde är en fil, så samla en dags §§ i \
     samma fil"
        .into()
}

pub fn first_of_year_not_1(written: u32, year: i32) -> String {
    format!(
        "`första_paragraf: {written}`, men det här är organets första sammanträde {year}: då \
         börjar numreringen på § 1"
    )
}

pub fn first_of_year_not_1_hint() -> String {
    "skriv `första_paragraf: 1`, eller ta bort raden: paragrafnumren börjar om varje \
     kalenderår"
        .into()
}

pub fn first_is_0(expected: u32) -> String {
    format!(
        "`första_paragraf: 0`: paragrafnumren börjar på 1; sammanträdet ska börja på \
         § {expected}"
    )
}

/// `file` is the earlier meeting's file name, `numbers` its §§
/// ([`paragraphs_of`]).
pub fn repeats(written: u32, file: &str, numbers: &str, expected: u32) -> String {
    format!(
        "`första_paragraf: {written}` upprepar paragrafnummer från {file} ({numbers}); \
         sammanträdet ska börja på § {expected}"
    )
}

/// §§ `expected` to `written - 1` go unused after the previous meeting.
pub fn leaves_gap(written: u32, file: &str, numbers: &str, expected: u32) -> String {
    let unused = if expected.saturating_add(1) == written {
        format!("§ {expected}")
    } else {
        format!("§§ {expected}–{}", written - 1)
    };
    format!(
        "`första_paragraf: {written}` hoppar över {unused} efter {file} ({numbers}); \
         sammanträdet ska börja på § {expected}"
    )
}

/// `previous` is the previous meeting's file name.
pub fn continue_hint(expected: u32, previous: &str) -> String {
    format!(
        "skriv `första_paragraf: {expected}`, eller ta bort raden så fortsätter numreringen \
         efter {previous}"
    )
}

/// "§§ 1–15", "§ 7" or "inga §§" for a meeting of `count` §§ from `first`.
pub fn paragraphs_of(first: u32, count: u32) -> String {
    match count {
        0 => "inga §§".to_owned(),
        1 => format!("§ {first}"),
        _ => format!("§§ {first}–{}", first.saturating_add(count - 1)),
    }
}
