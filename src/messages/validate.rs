//! What the rules of `validate` say: each finding's message and its hints,
//! one function per finding, grouped by rule family as `validate/` is.

/// `people.rs`: ordförande and justerare are beslutande; nobody listed twice.
pub mod people {
    /// `role` is the key the name stands under: "ordförande" or "justerare".
    pub fn not_among_voting(role: &str, name: &str) -> String {
        format!("{name} är {role} men finns inte bland `beslutande`")
    }

    pub fn not_among_voting_hint(name: &str) -> String {
        format!("lägg till {name} under `beslutande`, eller skriv namnet exakt som det står där")
    }

    pub fn no_adjuster() -> String {
        "protokollet har ingen justerare".into()
    }

    pub fn no_adjuster_hint() -> String {
        "lägg till `justerare: [Namn]` med minst en av dem under `beslutande`".into()
    }

    /// `first` and `second` are the groups (keys) the name stands under.
    pub fn listed_twice(name: &str, first: &str, second: &str) -> String {
        if first == second {
            format!("{name} står två gånger under `{first}`")
        } else {
            format!("{name} står två gånger (under `{first}` och under `{second}`)")
        }
    }

    pub fn listed_twice_hint() -> String {
        "skriv varje person en gång, i den grupp personen hörde till vid sammanträdet; en \
         ersättare som tjänstgör under några §§ får stå under både `ersättare` och `beslutande`, \
         med `paragrafer` som inte överlappar"
            .into()
    }
}

/// `dates.rs`: `tid`, ajourneringar, `justering.datum` and `anslag.uppsatt`.
pub mod dates {
    use crate::messages::count;

    /// Times are "09:00".
    pub fn ends_when_it_starts(time: &str) -> String {
        format!("`tid` börjar och slutar kl. {time}")
    }

    pub fn ends_before_it_starts(start: &str, end: &str) -> String {
        format!("`tid` slutar kl. {end}, före starten kl. {start}")
    }

    pub fn ends_before_it_starts_hint() -> String {
        "skriv start–slut med sluttiden efter starttiden, t.ex. \"09:00–12:00\"".into()
    }

    pub fn sittings_overlap(started: &str, ended: &str) -> String {
        format!("sammanträdespasset kl. {started} börjar innan det förra slutat kl. {ended}")
    }

    pub fn sittings_overlap_hint() -> String {
        "skriv passen i tidsordning, t.ex. \"09:00–12:00, 14:25–14:45\"".into()
    }

    pub fn adjournment_outside(adjournment: &str, time: &str) -> String {
        format!("ajourneringen {adjournment} ligger inte inom sammanträdets tid {time}")
    }

    pub fn adjournment_outside_hint() -> String {
        "skriv en ajournering som TT:MM–TT:MM mellan sammanträdets start och slut, t.ex. \
         \"10:25–10:42\""
            .into()
    }

    /// Days are "onsdag 2021-03-10"; `held` in the hint is the bare date.
    pub fn adjusted_before_meeting(adjusted: &str, held: &str) -> String {
        format!("justeringen är satt till {adjusted}, före sammanträdet {held}")
    }

    pub fn adjusted_before_meeting_hint(held: &str) -> String {
        format!(
            "protokollet justeras tidigast samma dag som sammanträdet: skriv {held} eller senare"
        )
    }

    /// A warning: justering `days` after the meeting, more than `allowed`.
    pub fn adjusted_late(adjusted: &str, days: i64, allowed: u64, latest: &str) -> String {
        let days = count(days.unsigned_abs() as usize, "dag", "dagar");
        let allowed = count(allowed as usize, "dag", "dagar");
        format!(
            "justeringen är satt till {adjusted}, {days} efter sammanträdet; den bör ske inom \
             {allowed} (senast {latest})"
        )
    }

    pub fn adjusted_late_hint(latest: &str) -> String {
        format!(
            "kontrollera datumet: justeringen bör vara klar senast {latest}, två veckor efter \
             sammanträdet"
        )
    }

    pub fn posted_without_adjustment() -> String {
        "anslaget är uppsatt, men protokollet har ingen `justering`".into()
    }

    pub fn posted_without_adjustment_hint() -> String {
        "lägg till `justering:` med `datum:` (anslaget sätts upp efter justeringen), eller ta \
         bort `anslag` tills protokollet är justerat"
            .into()
    }

    pub fn posted_before_adjustment(posted: &str, adjusted: &str) -> String {
        format!("anslaget är uppsatt {posted}, före justeringen {adjusted}")
    }

    /// Bare dates: the first and the last day the anslag may go up.
    pub fn posted_before_adjustment_hint(adjusted: &str, deadline: &str) -> String {
        format!(
            "anslaget sätts upp tidigast samma dag som protokollet justeras: skriv ett datum från \
             och med {adjusted} till och med {deadline}"
        )
    }

    /// `moved` is set when the second day after justering is no working
    /// day: that day and why ([`holiday`] or [`weekend`]).
    pub fn posted_late(
        posted: &str,
        deadline: &str,
        adjusted: &str,
        moved: Option<(&str, &str)>,
    ) -> String {
        let why = match moved {
            None => String::new(),
            Some((second_day, reason)) => format!(
                "; andra dagen, {second_day}, {reason}, så fristen flyttas till nästa vardag"
            ),
        };
        format!(
            "anslaget är uppsatt {posted}, för sent: det ska sättas upp senast {deadline} \
             (andra dagen efter justeringen {adjusted}{why})"
        )
    }

    /// Why a day is no working day: "är julafton".
    pub fn holiday(name: &str) -> String {
        format!("är {name}")
    }

    /// Why a day is no working day: a Saturday or Sunday.
    pub fn weekend() -> String {
        "infaller på en helg".into()
    }

    /// Bare dates: the first and the last day the anslag may go up.
    pub fn posted_late_hint(adjusted: &str, deadline: &str) -> String {
        format!(
            "skriv den dag anslaget faktiskt sattes upp, från och med {adjusted} till och med \
             {deadline}; sattes det upp senare, rätta `justering.datum` eller anteckna \
             förseningen i protokollet"
        )
    }
}

/// `votes.rs`: who votes, enters a reservation or is jävig in a §.
pub mod votes {
    use crate::messages::count;

    /// What a name under omröstning does: "röstar i § 7".
    pub fn act_vote(paragraph: &str) -> String {
        format!("röstar i {paragraph}")
    }

    /// What a name under reservationer does: "reserverar sig i § 7".
    pub fn act_dissent(paragraph: &str) -> String {
        format!("reserverar sig i {paragraph}")
    }

    /// What a name under jäv is: "är antecknad som jävig i § 7".
    pub fn act_conflict(paragraph: &str) -> String {
        format!("är antecknad som jävig i {paragraph}")
    }

    /// `act` is one of the `act_…` phrases.
    pub fn not_among_voting(name: &str, act: &str) -> String {
        format!("{name} {act} men finns inte bland `beslutande`")
    }

    pub fn not_among_voting_hint(name: &str) -> String {
        format!("skriv namnet exakt som det står under `beslutande`, eller lägg till {name} där")
    }

    /// `taken` is the person's `paragrafer`, "§§ 1–2".
    pub fn not_taking_part(name: &str, act: &str, taken: &str) -> String {
        format!("{name} {act} men deltar enligt `paragrafer` bara i {taken}")
    }

    /// `list` is the key the name stands under in the § (`nej`,
    /// `reservationer`, `jäv` …), `number` the bare § number.
    pub fn not_taking_part_hint(name: &str, list: &str, paragraph: &str, number: u32) -> String {
        format!(
            "ta bort {name} från `{list}` i {paragraph}, eller lägg till {number} i `paragrafer` \
             för {name} under `beslutande`"
        )
    }

    pub fn conflicted(name: &str, act: &str) -> String {
        format!("{name} {act} men är jävig i samma paragraf")
    }

    /// `list` is `ja`, `nej` or `avstår`.
    pub fn conflicted_vote_hint(name: &str, list: &str) -> String {
        format!(
            "den som är jävig får inte rösta: ta bort {name} från `{list}`, eller från `jäv` om \
             jävet är ett misstag"
        )
    }

    pub fn conflicted_dissent_hint(name: &str) -> String {
        format!(
            "den som är jävig deltar inte i beslutet och kan inte reservera sig: ta bort \
             reservationen, eller ta bort {name} från `jäv` om jävet är ett misstag"
        )
    }

    /// `first` and `second` are the lists (`ja`, `nej`, `avstår`) the name
    /// stands under.
    pub fn votes_twice(name: &str, paragraph: &str, first: &str, second: &str) -> String {
        if first == second {
            format!("{name} röstar två gånger i {paragraph} (båda gångerna under `{first}`)")
        } else {
            format!("{name} röstar två gånger i {paragraph} (under `{first}` och under `{second}`)")
        }
    }

    pub fn votes_twice_hint(name: &str) -> String {
        format!(
            "varje ledamot har en röst: låt {name} stå under bara en av `ja`, `nej` och `avstår`"
        )
    }

    pub fn too_many_votes(
        paragraph: &str,
        yes: usize,
        no: usize,
        abstain: usize,
        eligible: usize,
    ) -> String {
        let votes = count(yes + no + abstain, "röst", "röster");
        let who = match eligible {
            0 => "ingen av de beslutande".to_owned(),
            n => format!("bara {n} av de beslutande"),
        };
        format!(
            "{paragraph} har {votes} (ja {yes}, nej {no}, avstår {abstain}), men {who} kan \
             rösta där"
        )
    }

    pub fn too_many_votes_hint(paragraph: &str, eligible: usize) -> String {
        format!(
            "en röst för var och en av de beslutande som deltar i {paragraph} och inte är jäviga: \
             högst {eligible} namn under `ja`, `nej` och `avstår` tillsammans"
        )
    }
}

/// `participation.rs`: `paragrafer` within the meeting, `ersätter`, quorum.
pub mod participation {
    use crate::messages::count;

    /// `taken` is the person's `paragrafer` ("§§ 2–4"), `meeting` the
    /// meeting's §§ ("§§ 1–3"), `None` when it has none.
    pub fn outside_meeting(name: &str, taken: &str, meeting: Option<&str>) -> String {
        let meeting = meeting.unwrap_or("inga §§");
        format!("{name} deltar enligt `paragrafer` i {taken}, men sammanträdet har {meeting}")
    }

    pub fn outside_empty_meeting_hint(name: &str) -> String {
        format!(
            "lägg till sammanträdets §§ under `paragrafer`, eller ta bort `paragrafer` för {name}"
        )
    }

    /// The meeting's first and last § number.
    pub fn outside_meeting_hint(first: u32, last: u32) -> String {
        let numbers = if first == last {
            format!("paragrafnumret som det står i protokollet, {first}")
        } else {
            format!("paragrafnumren som de står i protokollet, från {first} till {last}")
        };
        format!("skriv {numbers}; utelämna `paragrafer` för den som deltog under hela sammanträdet")
    }

    /// `both` is the §§ both take part in ("§ 2"), `None` when it is all of
    /// them.
    pub fn replaces_present(substitute: &str, member: &str, both: Option<&str>) -> String {
        let when = both.map_or_else(String::new, |both| format!(" (båda deltar i {both})"));
        format!("{substitute} ersätter {member}, som också finns bland `beslutande`{when}")
    }

    pub fn replaces_present_hint(member: &str) -> String {
        format!(
            "en tjänstgörande ersättare går in för en ledamot som inte är där: flytta {member} \
             till `frånvarande`, eller ge båda `paragrafer` så att de tjänstgör i olika §§"
        )
    }

    /// `paragraphs` are the §§ short of quorum ("§§ 2–3"), `None` when it is
    /// the whole meeting; `fewest` to `most` take part in them.
    pub fn not_quorate(
        paragraphs: Option<&str>,
        fewest: usize,
        most: usize,
        seats: usize,
        needed: usize,
    ) -> String {
        let scope = match paragraphs {
            None => "sammanträdet är inte beslutfört".to_owned(),
            Some(paragraphs) => format!("sammanträdet är inte beslutfört i {paragraphs}"),
        };
        let present = if fewest == most {
            fewest.to_string()
        } else {
            format!("{fewest}–{most}")
        };
        let seats = count(seats, "ledamot", "ledamöter");
        format!(
            "{scope}: bara {present} av organets {seats} deltar, och det krävs mer än hälften \
             ({needed})"
        )
    }

    /// Where the seat count comes from: `ledamöter_antal`.
    pub fn seats_from_count(seats: u32) -> String {
        format!("`ledamöter_antal: {seats}` i organ.yaml")
    }

    /// Where the seat count comes from: the roster under `ledamöter`.
    pub fn seats_from_roster(members: usize) -> String {
        format!(
            "listan `ledamöter` i organ.yaml ({})",
            count(members, "ledamot", "ledamöter")
        )
    }

    /// `source` is [`seats_from_count`] or [`seats_from_roster`].
    pub fn not_quorate_hint(source: &str) -> String {
        format!(
            "skriv alla som deltog under `beslutande` (även tjänstgörande ersättare, med \
             `ersätter`), med `paragrafer` för dem som kom senare eller gick tidigare; jäviga \
             räknas inte; antalet ledamöter kommer från {source}"
        )
    }
}

/// `numbering.rs`: § numbers unique and gap-free through the year.
pub mod numbering {
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
}

/// `content.rs`: empty §§ and misspelt names (warnings).
pub mod content {
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
}

/// `files.rs`: logo and bilagor, delegationsbeslut and `anmäls_vid`.
pub mod files {
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
}
