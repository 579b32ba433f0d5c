//! Open data in OParl 1.1 (<https://oparl.org>): the site's meetings as the
//! JSON objects a council information system serves, written as static
//! files under `oparl/`, so an open-data portal harvests them from any host.
//!
//! Every object has its own file at its `id` (the spec wants each one
//! retrievable there, embedded ones too), and every list is paginated as
//! the spec's external object lists are. Ids are absolute URLs, hence the
//! site's address. Timestamps come from the meetings (the day of justering),
//! never from the clock, so the same input gives the same bytes.
//!
//! The mapping: the publisher (kommun, region) is the Body; each organ an
//! Organization; each justerat meeting a Meeting with its §§ as
//! AgendaItems and its web version PDF as the `resultsProtocol` File; each
//! diarienummer a Paper, whose Consultations are the §§ that handled it;
//! everyone present a Person, and the organ's roster their Memberships.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;

use super::site::{PublishedMeeting, case_slug, meeting_page_path};
use crate::document::MeetingDocument;
use crate::encode::{ascii_slug, percent_decode, percent_encode, swedish_timestamp as timestamp};
use crate::model::{Confidentiality, ParagraphSet, Person as Attendee};
use crate::redact::MASKED;

/// The version URL of OParl 1.1, also the prefix of every type URI.
const SCHEMA: &str = "https://schema.oparl.org/1.1/";

/// Objects per list page: the spec advises paging above 100.
const PAGE_SIZE: usize = 100;

/// The files of `oparl/`, by their path inside the site. `address` is where
/// the site is published, ending in `/`.
pub(super) fn emit(
    meetings: &[PublishedMeeting],
    address: &str,
    publisher: &str,
) -> BTreeMap<String, Vec<u8>> {
    let mut out = Output {
        address,
        files: BTreeMap::new(),
    };
    let body_path = format!("oparl/body/{}", ascii_slug(publisher, "x"));
    let body_url = out.url(&format!("{body_path}.json"));
    let list_url = |name: &str| out.url(&format!("{body_path}/{name}.json"));

    let mut organizations: BTreeMap<&str, Organization> = BTreeMap::new();
    let mut organization_meetings: BTreeMap<&str, Vec<Meeting>> = BTreeMap::new();
    let mut meetings_out = Vec::new();
    let mut agenda_items = Vec::new();
    let mut consultations = Vec::new();
    let mut files = Vec::new();
    let mut locations = Vec::new();
    let mut papers: BTreeMap<&str, Paper> = BTreeMap::new();
    let mut people = People::default();
    let mut span = Span::default();

    for published in meetings {
        let held = published.meeting.meeting.date.value.0;
        let stamp_day = published
            .meeting
            .meeting
            .adjustment
            .as_ref()
            .map_or(held, |a| a.date.value.0);
        let stamp = timestamp(stamp_day, "00:00:00");
        span.include(stamp_day);
        let dir = published.organ_dir.as_str();
        let organization_url = out.url(&format!("oparl/organization/{dir}.json"));
        let organization = organizations.entry(dir).or_insert_with(|| Organization {
            id: organization_url.clone(),
            kind: kind("Organization"),
            body: body_url.clone(),
            name: published.organ.name.clone(),
            short_name: published.organ.short_name.clone(),
            meeting: out.url(&format!("oparl/organization/{dir}/meeting.json")),
            membership: Vec::new(),
            organization_type: "Gremium",
            web: out.url("arkiv/index.html"),
            span: Span::default(),
        });
        organization.span.include(stamp_day);
        for (role, roster, voting_right) in [
            ("ledamot", &published.organ.members, true),
            ("ersättare", &published.organ.substitutes, false),
        ] {
            for person in roster {
                let Some(membership) =
                    people.member(&out, person, dir, &organization_url, role, voting_right)
                else {
                    continue;
                };
                if !organization.membership.contains(&membership) {
                    organization.membership.push(membership);
                }
            }
        }

        let stem = format!("{dir}/{held}");
        let meeting_url = out.url(&format!("oparl/meeting/{stem}.json"));
        let page = meeting_page_path(published);
        let m = &published.meeting.meeting;
        let participants: Vec<String> = [&m.voting, &m.substitutes, &m.officials, &m.others]
            .into_iter()
            .flatten()
            .filter_map(|person| people.present(&out, person, stamp_day))
            .collect();
        let prefix = published.organ.paragraph_prefix.as_deref();
        let mut items = Vec::new();
        for (order, (number, paragraph)) in published.meeting.paragraphs().enumerate() {
            let n = number.0;
            let item_url = out.url(&format!("oparl/agendaitem/{stem}/{n}.json"));
            let consultation = paragraph.case_number.as_deref().map(|dnr| {
                let consultation = Consultation {
                    id: out.url(&format!("oparl/consultation/{stem}/{n}.json")),
                    kind: kind("Consultation"),
                    paper: Some(out.url(&format!("oparl/paper/{}.json", ascii_slug(dnr, "x")))),
                    agenda_item: item_url.clone(),
                    meeting: meeting_url.clone(),
                    organization: vec![organization_url.clone()],
                    created: stamp.clone(),
                    modified: stamp.clone(),
                };
                let paper = papers.entry(dnr).or_insert_with(|| Paper {
                    id: out.url(&format!("oparl/paper/{}.json", ascii_slug(dnr, "x"))),
                    kind: kind("Paper"),
                    body: body_url.clone(),
                    name: paragraph.title.value.clone(),
                    reference: dnr.to_owned(),
                    date: held.to_string(),
                    consultation: Vec::new(),
                    web: out.url(&format!("arenden/{}.html", case_slug(dnr))),
                    span: Span::default(),
                });
                paper.span.include(stamp_day);
                paper.consultation.push(Consultation {
                    paper: None,
                    ..consultation.clone()
                });
                consultations.push(consultation.clone());
                consultation.id
            });
            let decisions = paragraph.decisions.join("\n\n");
            items.push(AgendaItem {
                id: item_url,
                kind: kind("AgendaItem"),
                meeting: Some(meeting_url.clone()),
                number: ParagraphSet::of_numbers(&[n]).label(prefix),
                order,
                name: paragraph.title.value.clone(),
                public: paragraph.confidentiality == Confidentiality::Public,
                consultation,
                resolution_text: (!decisions.trim().is_empty()).then_some(decisions),
                web: out.url(&format!("{page}#p{n}")),
                created: stamp.clone(),
                modified: stamp.clone(),
            });
        }
        let file_name = published
            .pdf_path
            .rsplit('/')
            .next()
            .unwrap_or(&published.pdf_path);
        let pdf_url = out.url(&published.pdf_path);
        let file = File {
            id: out.url(&format!("oparl/file/{stem}.json")),
            kind: kind("File"),
            name: MeetingDocument::WebProtocol.title(&published.organ.name, held),
            file_name: file_name.to_owned(),
            mime_type: "application/pdf",
            date: stamp_day.to_string(),
            size: published.pdf.size,
            sha512_checksum: published.pdf.sha512.clone(),
            access_url: pdf_url.clone(),
            download_url: pdf_url,
            meeting: vec![meeting_url.clone()],
            created: stamp.clone(),
            modified: stamp.clone(),
        };
        let location = Location {
            id: out.url(&format!("oparl/location/{stem}.json")),
            kind: kind("Location"),
            description: m.place.clone(),
            meeting: vec![meeting_url.clone()],
            created: stamp.clone(),
            modified: stamp.clone(),
        };
        let sittings = &m.time.value.sittings;
        let meeting = Meeting {
            id: meeting_url,
            kind: kind("Meeting"),
            name: format!("{} {held}", published.organ.name),
            meeting_state: "durchgeführt",
            start: sittings
                .first()
                .map(|(start, _)| timestamp(held, &start.format("%H:%M:%S").to_string())),
            end: sittings
                .last()
                .map(|(_, end)| timestamp(held, &end.format("%H:%M:%S").to_string())),
            location: Some(Location {
                meeting: Vec::new(),
                ..location.clone()
            }),
            organization: vec![organization_url],
            participant: participants,
            results_protocol: File {
                meeting: Vec::new(),
                ..file.clone()
            },
            agenda_item: items
                .iter()
                .map(|item| AgendaItem {
                    meeting: None,
                    ..item.clone()
                })
                .collect(),
            web: out.url(&page),
            created: stamp.clone(),
            modified: stamp,
        };
        organization_meetings
            .entry(dir)
            .or_default()
            .push(meeting.clone());
        agenda_items.extend(items);
        files.push(file);
        locations.push(location);
        meetings_out.push(meeting);
    }

    let (created, modified) = span.stamps();
    let system_url = out.url("oparl/system.json");
    let body_list = out.url("oparl/body.json");
    let body = Body {
        id: body_url.clone(),
        kind: kind("Body"),
        system: system_url.clone(),
        name: publisher.to_owned(),
        organization: list_url("organization"),
        person: list_url("person"),
        meeting: list_url("meeting"),
        paper: list_url("paper"),
        legislative_term: Vec::new(),
        agenda_item: list_url("agendaitem"),
        consultation: list_url("consultation"),
        file: list_url("file"),
        location_list: list_url("location"),
        legislative_term_list: list_url("legislativeterm"),
        membership: list_url("membership"),
        web: out.url("index.html"),
        created: created.clone(),
        modified: modified.clone(),
    };
    let system = System {
        id: system_url,
        kind: kind("System"),
        oparl_version: SCHEMA,
        body: body_list,
        name: format!("{publisher}: protokoll"),
        website: out.url("index.html"),
        created,
        modified,
    };

    out.object("oparl/system.json", &system);
    out.list("oparl/body", std::slice::from_ref(&body));
    out.object(&format!("{body_path}.json"), &body);
    for (dir, organization) in &organizations {
        out.object(&format!("oparl/organization/{dir}.json"), organization);
        let list = organization_meetings.remove(dir).unwrap_or_default();
        out.list(&format!("oparl/organization/{dir}/meeting"), &list);
    }
    let organizations: Vec<&Organization> = organizations.values().collect();
    out.list(&format!("{body_path}/organization"), &organizations);
    out.each_and_list(&format!("{body_path}/meeting"), &meetings_out);
    out.each_and_list(&format!("{body_path}/agendaitem"), &agenda_items);
    out.each_and_list(&format!("{body_path}/consultation"), &consultations);
    out.each_and_list(&format!("{body_path}/file"), &files);
    out.each_and_list(&format!("{body_path}/location"), &locations);
    let papers: Vec<Paper> = papers.into_values().collect();
    out.each_and_list(&format!("{body_path}/paper"), &papers);
    let (persons, memberships) = people.finish(&body_url);
    out.each_and_list(&format!("{body_path}/person"), &persons);
    out.each_and_list(&format!("{body_path}/membership"), &memberships);
    out.list::<Meeting>(&format!("{body_path}/legislativeterm"), &[]);
    out.files
}

/// An object as its file holds it: compact JSON (a thousand meetings make
/// tens of thousands of files) and a newline.
fn json<T: Serialize>(object: &T) -> Vec<u8> {
    let mut json = serde_json::to_vec(object).unwrap_or_default();
    json.push(b'\n');
    json
}

/// Where the files go, and the address their URLs start with.
struct Output<'a> {
    address: &'a str,
    files: BTreeMap<String, Vec<u8>>,
}

impl Output<'_> {
    /// The absolute URL of a path inside the site.
    fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, percent_encode(path))
    }

    fn object<T: Serialize>(&mut self, path: &str, object: &T) {
        self.files.insert(path.to_owned(), json(object));
    }

    /// Each object at the path its id names (serialised on every core: a
    /// thousand meetings make some 35,000), and the list of them all.
    fn each_and_list<T: Serialize + HasId + Sync>(&mut self, list: &str, objects: &[T]) {
        use rayon::prelude::*;
        let address = self.address;
        let each: Vec<(String, Vec<u8>)> = objects
            .par_iter()
            .map(|object| {
                let path = object.id().strip_prefix(address).unwrap_or_default();
                (percent_decode(path), json(object))
            })
            .collect();
        self.files.extend(each);
        self.list(list, objects);
    }

    /// An external object list: `<stem>.json`, then `<stem>-2.json` …
    /// when there are more than [`PAGE_SIZE`].
    fn list<T: Serialize>(&mut self, stem: &str, objects: &[T]) {
        let pages: Vec<&[T]> = if objects.is_empty() {
            vec![&[]]
        } else {
            objects.chunks(PAGE_SIZE).collect()
        };
        let total_pages = pages.len();
        let page_path = |page: usize| match page {
            1 => format!("{stem}.json"),
            n => format!("{stem}-{n}.json"),
        };
        for (index, data) in pages.into_iter().enumerate() {
            let current = index + 1;
            let page = ListPage {
                data,
                pagination: Pagination {
                    total_elements: objects.len(),
                    elements_per_page: PAGE_SIZE,
                    current_page: current,
                    total_pages,
                },
                links: Links {
                    first: self.url(&page_path(1)),
                    prev: (current > 1).then(|| self.url(&page_path(current - 1))),
                    own: self.url(&page_path(current)),
                    next: (current < total_pages).then(|| self.url(&page_path(current + 1))),
                    last: self.url(&page_path(total_pages)),
                },
            };
            self.object(&page_path(current), &page);
        }
    }
}

/// The people of the meetings and rosters, each once: a Person with their
/// memberships. One name is one person: the files know no more of them.
#[derive(Default)]
struct People {
    by_name: BTreeMap<String, PersonEntry>,
    /// The URL parts given out, so `Åsa` and `Asa` get one each.
    slugs: BTreeSet<String>,
}

struct PersonEntry {
    slug: String,
    url: String,
    span: Span,
    memberships: Vec<Membership>,
}

impl People {
    fn entry(&mut self, out: &Output, name: &str) -> Option<&mut PersonEntry> {
        // A name `maskera` hid is no one to publish.
        if name.contains(MASKED) || name.trim().is_empty() {
            return None;
        }
        if !self.by_name.contains_key(name) {
            let base = ascii_slug(name, "x");
            let mut slug = base.clone();
            let mut n = 2;
            while self.slugs.contains(&slug) {
                slug = format!("{base}-{n}");
                n += 1;
            }
            self.slugs.insert(slug.clone());
            self.by_name.insert(
                name.to_owned(),
                PersonEntry {
                    url: out.url(&format!("oparl/person/{slug}.json")),
                    slug,
                    span: Span::default(),
                    memberships: Vec::new(),
                },
            );
        }
        self.by_name.get_mut(name)
    }

    /// Someone present at a meeting held (justerat) on `day`: their URL.
    fn present(&mut self, out: &Output, person: &Attendee, day: NaiveDate) -> Option<String> {
        let entry = self.entry(out, &person.name.value)?;
        entry.span.include(day);
        Some(entry.url.clone())
    }

    /// A member of an organ's roster: the URL of the membership.
    fn member(
        &mut self,
        out: &Output,
        person: &Attendee,
        organ_dir: &str,
        organization: &str,
        role: &str,
        voting_right: bool,
    ) -> Option<String> {
        let entry = self.entry(out, &person.name.value)?;
        let id = out.url(&format!(
            "oparl/membership/{}/{organ_dir}-{}.json",
            entry.slug,
            ascii_slug(role, "x")
        ));
        if !entry.memberships.iter().any(|m| m.id == id) {
            entry.memberships.push(Membership {
                id: id.clone(),
                kind: kind("Membership"),
                person: Some(entry.url.clone()),
                organization: organization.to_owned(),
                role: role.to_owned(),
                voting_right,
                created: String::new(),
                modified: String::new(),
            });
        }
        Some(id)
    }

    /// Every Person, and every Membership on its own; a membership carries
    /// its person's span, the only dates known of it.
    fn finish(self, body: &str) -> (Vec<Person>, Vec<Membership>) {
        let mut persons = Vec::new();
        let mut memberships = Vec::new();
        for (name, entry) in self.by_name {
            let (created, modified) = entry.span.stamps();
            let own: Vec<Membership> = entry
                .memberships
                .into_iter()
                .map(|m| Membership {
                    created: created.clone(),
                    modified: modified.clone(),
                    ..m
                })
                .collect();
            persons.push(Person {
                id: entry.url,
                kind: kind("Person"),
                body: body.to_owned(),
                name,
                membership: own
                    .iter()
                    .map(|m| Membership {
                        person: None,
                        ..m.clone()
                    })
                    .collect(),
                created,
                modified,
            });
            memberships.extend(own);
        }
        (persons, memberships)
    }
}

/// The first and last day something was justerat, for `created` and
/// `modified`.
#[derive(Debug, Clone, Copy, Default)]
struct Span {
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
}

impl Span {
    fn include(&mut self, day: NaiveDate) {
        self.first = Some(self.first.map_or(day, |d| d.min(day)));
        self.last = Some(self.last.map_or(day, |d| d.max(day)));
    }

    fn stamps(&self) -> (String, String) {
        let epoch = NaiveDate::default();
        (
            timestamp(self.first.unwrap_or(epoch), "00:00:00"),
            timestamp(self.last.unwrap_or(epoch), "00:00:00"),
        )
    }
}

impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (created, modified) = self.stamps();
        let mut s = serializer.serialize_struct("Span", 2)?;
        s.serialize_field("created", &created)?;
        s.serialize_field("modified", &modified)?;
        s.end()
    }
}

fn kind(name: &str) -> String {
    format!("{SCHEMA}{name}")
}

/// An object written at its own URL.
trait HasId {
    fn id(&self) -> &str;
}

macro_rules! has_id {
    ($($t:ty),*) => {$(impl HasId for $t { fn id(&self) -> &str { &self.id } })*};
}
has_id!(
    Meeting,
    AgendaItem,
    Consultation,
    File,
    Location,
    Paper,
    Person,
    Membership
);

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct System {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    oparl_version: &'static str,
    body: String,
    name: String,
    website: String,
    created: String,
    modified: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Body {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    system: String,
    name: String,
    organization: String,
    person: String,
    meeting: String,
    paper: String,
    /// Required, and empty: the files say nothing of mandate periods.
    legislative_term: Vec<serde_json::Value>,
    agenda_item: String,
    consultation: String,
    file: String,
    location_list: String,
    legislative_term_list: String,
    membership: String,
    web: String,
    created: String,
    modified: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Organization {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    body: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    short_name: Option<String>,
    meeting: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    membership: Vec<String>,
    organization_type: &'static str,
    web: String,
    #[serde(flatten)]
    span: Span,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Person {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    body: String,
    name: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    membership: Vec<Membership>,
    created: String,
    modified: String,
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct Membership {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    /// The back-reference, on the membership's own page only.
    #[serde(skip_serializing_if = "Option::is_none")]
    person: Option<String>,
    organization: String,
    role: String,
    voting_right: bool,
    created: String,
    modified: String,
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct Meeting {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    name: String,
    meeting_state: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Location>,
    organization: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    participant: Vec<String>,
    results_protocol: File,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    agenda_item: Vec<AgendaItem>,
    web: String,
    created: String,
    modified: String,
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    description: String,
    /// The back-reference, on the location's own page only.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    meeting: Vec<String>,
    created: String,
    modified: String,
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct AgendaItem {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    /// The back-reference, on the item's own page only.
    #[serde(skip_serializing_if = "Option::is_none")]
    meeting: Option<String>,
    number: String,
    order: usize,
    name: String,
    public: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    consultation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    resolution_text: Option<String>,
    web: String,
    created: String,
    modified: String,
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct Consultation {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    /// The back-reference, on the consultation's own page only.
    #[serde(skip_serializing_if = "Option::is_none")]
    paper: Option<String>,
    agenda_item: String,
    meeting: String,
    organization: Vec<String>,
    created: String,
    modified: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Paper {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    body: String,
    name: String,
    reference: String,
    date: String,
    consultation: Vec<Consultation>,
    web: String,
    #[serde(flatten)]
    span: Span,
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct File {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    name: String,
    file_name: String,
    mime_type: &'static str,
    date: String,
    size: usize,
    sha512_checksum: String,
    access_url: String,
    download_url: String,
    /// The back-reference, on the file's own page only.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    meeting: Vec<String>,
    created: String,
    modified: String,
}

#[derive(Serialize)]
struct ListPage<'a, T> {
    data: &'a [T],
    pagination: Pagination,
    links: Links,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Pagination {
    total_elements: usize,
    elements_per_page: usize,
    current_page: usize,
    total_pages: usize,
}

#[derive(Serialize)]
struct Links {
    first: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    prev: Option<String>,
    #[serde(rename = "self")]
    own: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
    last: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_list_is_paged_with_a_next_link_on_all_but_the_last_page() {
        let mut out = Output {
            address: "https://example.org/",
            files: BTreeMap::new(),
        };
        let numbers: Vec<usize> = (0..250).collect();
        out.list("oparl/x", &numbers);
        let page = |path: &str| -> serde_json::Value {
            serde_json::from_slice(&out.files[path]).expect("JSON")
        };
        assert_eq!(out.files.len(), 3);
        let first = page("oparl/x.json");
        assert_eq!(first["data"].as_array().map(Vec::len), Some(100));
        assert_eq!(first["links"]["next"], "https://example.org/oparl/x-2.json");
        assert!(first["links"].get("prev").is_none());
        assert_eq!(first["pagination"]["totalPages"], 3);
        let last = page("oparl/x-3.json");
        assert_eq!(last["data"][0], 200);
        assert_eq!(last["data"].as_array().map(Vec::len), Some(50));
        assert!(last["links"].get("next").is_none());
        assert_eq!(last["links"]["prev"], "https://example.org/oparl/x-2.json");
        assert_eq!(last["links"]["self"], "https://example.org/oparl/x-3.json");
    }
}
