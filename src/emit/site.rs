//! The published site (`protokoll publish`): HTML pages from the Tera
//! templates under `templates/site/`, made from web editions only (see
//! [`crate::redact::for_web`]), so nothing masked can reach a page.
//!
//! This stage is pure: it takes the editions and the bytes of their web
//! PDFs and returns every file of the site by its path inside it; the output
//! stage writes them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;
use tera::{Context, Tera};

use crate::calendar::{self, last_appeal_day, take_down_day};
use crate::document::MeetingDocument;
use crate::encode::sha256_hex;
use crate::model::{Confidentiality, NumberedMeeting, Organ, ParagraphSet};
use crate::render::{SITE_DIR, Templates};

/// One justerat meeting that may be published: its edition for the web and
/// what the site says of its web version PDF.
#[derive(Debug, Clone)]
pub struct PublishedMeeting {
    /// The organ folder's name (`socsam`), which the site's paths mirror.
    pub organ_dir: String,
    /// The organ as it may be published.
    pub organ: Organ,
    /// The meeting as it may be published.
    pub meeting: NumberedMeeting,
    /// The web version PDF's path inside the site (`socsam/2021/2021-02-26-protokoll-webb.pdf`).
    pub pdf_path: String,
    /// Its size and checksums. The site links to the file and lists it;
    /// the file itself is put in place by the writer (see
    /// [`crate::output::folder::Folder::linked`]), never held in memory.
    pub pdf: PdfFacts,
}

/// What the site says of a published PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfFacts {
    /// Its size in bytes.
    pub size: usize,
    /// Its SHA-256 (SHA256SUMS, the manifest), lower-case hex.
    pub sha256: String,
    /// Its SHA-512 (OParl's `sha512Checksum`), lower-case hex.
    pub sha512: String,
}

impl PdfFacts {
    /// The facts of the PDF `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        PdfFacts {
            size: bytes.len(),
            sha256: sha256_hex(bytes),
            sha512: crate::encode::sha512_hex(bytes),
        }
    }
}

/// What the site is made of.
#[derive(Debug, Clone)]
pub struct SiteInput<'a> {
    /// Who publishes: the principal (kommun, region) of the organs.
    pub publisher: &'a str,
    /// The day the anslagstavla shows.
    pub today: NaiveDate,
    /// The meetings, in organ and date order.
    pub meetings: &'a [PublishedMeeting],
    /// Meetings with a kungörelse, as they may be published (held or not).
    pub proclaimed: &'a [ProclaimedMeeting],
    /// Where the site is published (`https://…/`, ending in `/`): the open
    /// data under `oparl/` needs absolute URLs, and is left out without it.
    pub address: Option<&'a str>,
}

/// A meeting whose kungörelse may be on the anslagstavla.
#[derive(Debug, Clone)]
pub struct ProclaimedMeeting {
    /// The organ as it may be published.
    pub organ: Organ,
    /// The meeting as it may be published.
    pub meeting: NumberedMeeting,
}

/// Why the site could not be made.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    /// A site template would not compile or render.
    #[error(
        "{}",
        crate::messages::making::template_not_filled(template, None, message)
    )]
    Template {
        /// The template.
        template: String,
        /// Tera's message.
        message: String,
    },
    /// The search index could not be built.
    #[error(transparent)]
    Search(#[from] super::search::SearchError),
}

/// The site's pages from its templates.
pub struct SiteEmitter {
    tera: Tera,
    stylesheet: String,
}

/// `site` in every page's context.
#[derive(Debug, Serialize)]
struct SiteContext<'a> {
    publisher: &'a str,
    today: String,
    today_long: String,
}

/// One notice on the anslagstavla.
#[derive(Debug, Serialize)]
struct NoticeContext {
    id: String,
    organ: String,
    held: String,
    held_long: String,
    paragraphs: String,
    posted: String,
    posted_long: String,
    last_appeal_day: String,
    last_appeal_day_long: String,
    take_down: String,
    take_down_long: String,
    storage_place: Option<String>,
    pdf: String,
    pdf_size: String,
}

/// One kungörelse on the anslagstavla.
#[derive(Debug, Serialize)]
struct ProclamationContext {
    organ: String,
    held: String,
    held_long: String,
    time: String,
    place: String,
    posted: String,
    posted_long: String,
    items: Vec<String>,
}

/// A förvaltningsrätt and the organs whose decisions it hears.
#[derive(Debug, Serialize)]
struct CourtContext {
    name: String,
    address: Option<String>,
    email: Option<String>,
    organs: String,
}

impl SiteEmitter {
    /// Compiles the site's templates; fails on a syntax error.
    pub fn new(templates: &Templates) -> Result<Self, SiteError> {
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        let mut stylesheet = String::new();
        let mut pages = Vec::new();
        for (name, text) in templates.files() {
            if !name.starts_with(SITE_DIR) {
                continue;
            }
            if name.ends_with(".css") {
                stylesheet = text.to_owned();
            } else {
                pages.push((name, text));
            }
        }
        // All at once: a page extends a frame that sorts after it.
        tera.add_raw_templates(pages)
            .map_err(|e| SiteError::Template {
                template: SITE_DIR.trim_end_matches('/').to_owned(),
                message: e.to_string(),
            })?;
        Ok(SiteEmitter { tera, stylesheet })
    }

    /// Every file of the site by its path inside it but the meetings' PDFs
    /// (at their `pdf_path`, which `SHA256SUMS` lists), and how many notices
    /// the anslagstavla shows.
    pub fn emit(&self, input: &SiteInput) -> Result<(BTreeMap<String, Vec<u8>>, usize), SiteError> {
        let site = SiteContext {
            publisher: input.publisher,
            today: input.today.to_string(),
            today_long: calendar::long_date_in_sentence(input.today),
        };
        let mut files = BTreeMap::new();
        files.insert("stil.css".to_owned(), self.stylesheet.clone().into_bytes());

        let notices: Vec<NoticeContext> = input
            .meetings
            .iter()
            .filter_map(|m| notice(m, input.today))
            .collect();
        let shown = notices.len();
        let proclamations: Vec<ProclamationContext> = input
            .proclaimed
            .iter()
            .filter_map(|m| proclamation(m, input.today))
            .collect();
        let mut context = page(&site, "Anslagstavla", "../");
        context.insert("notices", &notices);
        context.insert("proclamations", &proclamations);
        files.insert(
            "anslagstavla/index.html".to_owned(),
            self.render("site/anslagstavla.html", &context)?,
        );
        // The feed changes when a notice goes up, not every day.
        let updated = notices
            .iter()
            .map(|n| n.posted.as_str())
            .max()
            .unwrap_or("1970-01-01");
        context.insert("updated", updated);
        files.insert(
            "anslagstavla/atom.xml".to_owned(),
            self.render("site/atom.xml", &context)?,
        );

        let mut context = page(&site, "Så överklagar du ett beslut", "../");
        context.insert("courts", &courts(input.meetings));
        files.insert(
            "anslagstavla/overklaga.html".to_owned(),
            self.render("site/overklaga.html", &context)?,
        );

        self.archive(input, &site, &mut files)?;
        let rows: Vec<ManifestRow> = input.meetings.iter().map(manifest_row).collect();
        files.insert("manifest.json".to_owned(), manifest_json(&rows));
        files.insert("manifest.csv".to_owned(), manifest_csv(&rows));
        files.insert("beslut.csv".to_owned(), decisions_csv(input.meetings));
        // Every page goes to Pagefind; what it indexes, each page's
        // template says (`data-pagefind-body`).
        let pages = files
            .iter()
            .filter(|(path, _)| path.ends_with(".html"))
            .map(|(path, html)| (path.as_str(), html.as_slice()));
        let search = super::search::index(pages)?;
        files.extend(search);
        if let Some(address) = input.address {
            files.extend(super::oparl::emit(input.meetings, address, input.publisher));
        }
        // Last: it covers every other file, the PDFs too.
        let sums = sha256sums(&files, input.meetings);
        files.insert("SHA256SUMS".to_owned(), sums);
        Ok((files, shown))
    }

    /// `arkiv/`: the index, a page per meeting, and `arenden/`: a page per
    /// diarienummer with every § that handled it, in date order.
    fn archive(
        &self,
        input: &SiteInput,
        site: &SiteContext,
        files: &mut BTreeMap<String, Vec<u8>>,
    ) -> Result<(), SiteError> {
        use rayon::prelude::*;
        // The pages of a thousand meetings and their ärenden are made on
        // every core; the indexes over them after, in meeting order.
        let meetings: Vec<MeetingPage> = input.meetings.par_iter().map(meeting_page).collect();
        let rendered = meetings
            .par_iter()
            .map(|meeting| {
                let mut context = page(site, &meeting.title, "../../../");
                context.insert("meeting", meeting);
                Ok((
                    meeting.path.clone(),
                    self.render("site/mote.html", &context)?,
                ))
            })
            .collect::<Result<Vec<_>, SiteError>>()?;
        files.extend(rendered);
        let mut organs: Vec<OrganIndex> = Vec::new();
        let mut cases: BTreeMap<String, Vec<(NaiveDate, u32, CaseStep)>> = BTreeMap::new();
        for (published, meeting) in input.meetings.iter().zip(&meetings) {
            for item in &meeting.items {
                if let Some(number) = &item.case_number {
                    let held = published.meeting.meeting.date.value.0;
                    cases.entry(number.clone()).or_default().push((
                        held,
                        item.number,
                        CaseStep {
                            organ: meeting.organ.clone(),
                            held: held.to_string(),
                            label: item.label.clone(),
                            title: item.title.clone(),
                            number: item.number,
                            page: meeting.path.clone(),
                        },
                    ));
                }
            }
            let organ = match organs.iter_mut().find(|o| o.name == meeting.organ) {
                Some(organ) => organ,
                None => {
                    organs.push(OrganIndex {
                        name: meeting.organ.clone(),
                        years: Vec::new(),
                    });
                    organs.last_mut().expect("just pushed")
                }
            };
            let year = published
                .meeting
                .meeting
                .date
                .value
                .0
                .format("%Y")
                .to_string();
            if organ.years.last().is_none_or(|y| y.year != year) {
                organ.years.push(YearIndex {
                    year: year.clone(),
                    meetings: Vec::new(),
                });
            }
            let entry = MeetingLink {
                page: meeting.path.trim_start_matches("arkiv/").to_owned(),
                held_long: meeting.held_long_capital.clone(),
                paragraphs: meeting.paragraphs.clone(),
            };
            organ
                .years
                .last_mut()
                .expect("just pushed")
                .meetings
                .push(entry);
        }
        let mut context = page(site, "Protokollarkiv", "../");
        context.insert("organs", &organs);
        files.insert(
            "arkiv/index.html".to_owned(),
            self.render("site/arkiv.html", &context)?,
        );
        let mut context = page(site, "Protokoll och anslag", "");
        context.insert("organs", &organs);
        context.insert("open_data", &input.address.is_some());
        files.insert(
            "index.html".to_owned(),
            self.render("site/start.html", &context)?,
        );
        let context = page(site, "Sök i protokollen", "");
        files.insert(
            "sok.html".to_owned(),
            self.render("site/sok.html", &context)?,
        );
        let rendered = cases
            .into_par_iter()
            .map(|(number, mut steps)| {
                // Date order follows the matter from beredning to beslut.
                steps.sort_by_key(|(held, n, _)| (*held, *n));
                let case = CaseContext {
                    number: number.clone(),
                    steps: steps.into_iter().map(|(_, _, step)| step).collect(),
                };
                let mut context = page(site, &format!("Ärende {number}"), "../");
                context.insert("case", &case);
                let html = self.render("site/arende.html", &context)?;
                Ok((format!("arenden/{}.html", case_slug(&number)), html))
            })
            .collect::<Result<Vec<_>, SiteError>>()?;
        files.extend(rendered);
        Ok(())
    }

    fn render(&self, template: &str, context: &Context) -> Result<Vec<u8>, SiteError> {
        self.tera
            .render(template, context)
            .map(String::into_bytes)
            .map_err(|e| SiteError::Template {
                template: template.to_owned(),
                message: e.to_string(),
            })
    }
}

fn page(site: &SiteContext, title: &str, root: &str) -> Context {
    let mut context = Context::new();
    context.insert("site", site);
    context.insert("page_title", title);
    context.insert("root", root);
    context
}

/// The meeting's notice when it is up on `today`: posted on or before it,
/// taken down after it.
fn notice(published: &PublishedMeeting, today: NaiveDate) -> Option<NoticeContext> {
    let meeting = &published.meeting;
    let posted = meeting.meeting.posting.as_ref()?.posted.value.0;
    let take_down = take_down_day(posted);
    if !(posted <= today && today < take_down) {
        return None;
    }
    let held = meeting.meeting.date.value.0;
    let last_day = last_appeal_day(posted);
    let numbers = meeting.paragraph_set();
    Some(NoticeContext {
        id: format!("{}:{held}", published.organ_dir),
        organ: published.organ.name.clone(),
        held: held.to_string(),
        held_long: calendar::long_date_in_sentence(held),
        paragraphs: numbers.label(published.organ.paragraph_prefix.as_deref()),
        posted: posted.to_string(),
        posted_long: calendar::long_date(posted),
        last_appeal_day: last_day.to_string(),
        last_appeal_day_long: calendar::long_date(last_day),
        take_down: take_down.to_string(),
        take_down_long: calendar::long_date(take_down),
        storage_place: published.organ.storage_place.clone(),
        pdf: published.pdf_path.clone(),
        pdf_size: crate::messages::report::file_size(published.pdf.size),
    })
}

/// The meeting's kungörelse when it is up on `today`: put up on or before
/// it, and the meeting not yet past.
fn proclamation(proclaimed: &ProclaimedMeeting, today: NaiveDate) -> Option<ProclamationContext> {
    let meeting = &proclaimed.meeting.meeting;
    let posted = meeting.proclamation.as_ref()?.posted.value.0;
    let held = meeting.date.value.0;
    if !(posted <= today && today <= held) {
        return None;
    }
    Some(ProclamationContext {
        organ: proclaimed.organ.name.clone(),
        held: held.to_string(),
        held_long: calendar::long_date_in_sentence(held),
        time: meeting.time.value.display(),
        place: meeting.place.clone(),
        posted: posted.to_string(),
        posted_long: calendar::long_date(posted),
        items: meeting
            .paragraphs
            .iter()
            .map(|p| p.title.value.clone())
            .collect(),
    })
}

/// Each court named in an organ file once, with the organs it serves.
fn courts(meetings: &[PublishedMeeting]) -> Vec<CourtContext> {
    let mut by_court: BTreeMap<(String, Option<String>, Option<String>), Vec<String>> =
        BTreeMap::new();
    for m in meetings {
        if let Some(court) = &m.organ.court {
            let organs = by_court
                .entry((
                    court.name.clone(),
                    court.address.clone(),
                    court.email.clone(),
                ))
                .or_default();
            if !organs.contains(&m.organ.name) {
                organs.push(m.organ.name.clone());
            }
        }
    }
    by_court
        .into_iter()
        .map(|((name, address, email), organs)| CourtContext {
            name,
            address,
            email,
            organs: crate::messages::and_list(&organs),
        })
        .collect()
}

/// One published document, as `manifest.json` and `manifest.csv` list it.
#[derive(Debug, Serialize)]
struct ManifestRow {
    organ: String,
    datum: String,
    dokumenttyp: &'static str,
    paragrafer: String,
    rubrik: String,
    diarienummer: String,
    path: String,
    size: usize,
    sha256: String,
    justerad: Option<String>,
    anslag_uppsatt: Option<String>,
    anslag_nedtaget: Option<String>,
}

fn manifest_row(published: &PublishedMeeting) -> ManifestRow {
    let meeting = &published.meeting;
    let held = meeting.meeting.date.value.0;
    let numbers = meeting.paragraph_set();
    let mut case_numbers: Vec<&str> = Vec::new();
    for dnr in meeting
        .meeting
        .paragraphs
        .iter()
        .filter_map(|p| p.case_number.as_deref())
    {
        if !case_numbers.contains(&dnr) {
            case_numbers.push(dnr);
        }
    }
    let posted = meeting.meeting.posting.as_ref().map(|p| p.posted.value.0);
    ManifestRow {
        organ: published.organ.name.clone(),
        datum: held.to_string(),
        dokumenttyp: "protokoll (webbversion)",
        paragrafer: numbers.label(published.organ.paragraph_prefix.as_deref()),
        rubrik: MeetingDocument::WebProtocol.title(&published.organ.name, held),
        diarienummer: case_numbers.join("; "),
        path: published.pdf_path.clone(),
        size: published.pdf.size,
        sha256: published.pdf.sha256.clone(),
        justerad: meeting
            .meeting
            .adjustment
            .as_ref()
            .map(|a| a.date.value.0.to_string()),
        anslag_uppsatt: posted.map(|d| d.to_string()),
        anslag_nedtaget: posted.map(|d| take_down_day(d).to_string()),
    }
}

fn manifest_json(rows: &[ManifestRow]) -> Vec<u8> {
    let mut json = serde_json::to_vec_pretty(rows).unwrap_or_default();
    json.push(b'\n');
    json
}

fn manifest_csv(rows: &[ManifestRow]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        // Writing to memory fails only on a serialisation bug.
        let _ = writer.serialize(row);
    }
    writer.into_inner().unwrap_or_default()
}

/// `sha256sum -c` input: each file's hash, two spaces, its path, in path
/// order; the files hashed on every core, the PDFs' hashes as known.
fn sha256sums(files: &BTreeMap<String, Vec<u8>>, meetings: &[PublishedMeeting]) -> Vec<u8> {
    use rayon::prelude::*;
    let mut lines: BTreeMap<&str, String> = files
        .par_iter()
        .map(|(path, bytes)| (path.as_str(), sha256_hex(bytes)))
        .collect();
    for meeting in meetings {
        lines.insert(&meeting.pdf_path, meeting.pdf.sha256.clone());
    }
    lines
        .into_iter()
        .map(|(path, hash)| format!("{hash}  {path}\n"))
        .collect::<String>()
        .into_bytes()
}

#[derive(Debug, Serialize)]
struct OrganIndex {
    name: String,
    years: Vec<YearIndex>,
}

#[derive(Debug, Serialize)]
struct YearIndex {
    year: String,
    meetings: Vec<MeetingLink>,
}

#[derive(Debug, Serialize)]
struct MeetingLink {
    page: String,
    held_long: String,
    paragraphs: String,
}

/// One meeting's page of the archive.
#[derive(Debug, Serialize)]
struct MeetingPage {
    path: String,
    title: String,
    organ: String,
    held_long: String,
    held_long_capital: String,
    time: String,
    place: String,
    paragraphs: String,
    pdf: String,
    pdf_size: String,
    items: Vec<ItemContext>,
}

/// One § on a meeting's page.
#[derive(Debug, Serialize)]
struct ItemContext {
    number: u32,
    label: String,
    title: String,
    case_number: Option<String>,
    case_slug: Option<String>,
    confidential: bool,
    ground: Option<String>,
    /// Each decision as HTML, from its Markdown.
    decisions: Vec<String>,
}

#[derive(Debug, Serialize)]
struct CaseContext {
    number: String,
    steps: Vec<CaseStep>,
}

#[derive(Debug, Serialize)]
struct CaseStep {
    organ: String,
    held: String,
    label: String,
    title: String,
    number: u32,
    page: String,
}

fn meeting_page(published: &PublishedMeeting) -> MeetingPage {
    let numbered = &published.meeting;
    let meeting = &numbered.meeting;
    let held = meeting.date.value.0;
    let prefix = published.organ.paragraph_prefix.as_deref();
    let numbers = numbered.paragraph_set();
    let items = numbered
        .paragraphs()
        .map(|(number, p)| ItemContext {
            number: number.0,
            label: ParagraphSet::of_numbers(&[number.0]).label(prefix),
            title: p.title.value.clone(),
            case_number: p.case_number.clone(),
            case_slug: p.case_number.as_deref().map(case_slug),
            confidential: p.confidentiality != Confidentiality::Public,
            ground: match &p.confidentiality {
                Confidentiality::Ground(ground) => Some(ground.clone()),
                _ => None,
            },
            decisions: p.decisions.iter().map(|d| markdown_html(d)).collect(),
        })
        .collect();
    MeetingPage {
        path: meeting_page_path(published),
        title: format!("{} {held}", published.organ.name),
        organ: published.organ.name.clone(),
        held_long: calendar::long_date_in_sentence(held),
        held_long_capital: calendar::long_date(held),
        time: meeting.time.value.display(),
        place: meeting.place.clone(),
        paragraphs: numbers.label(prefix),
        pdf: published.pdf_path.clone(),
        pdf_size: crate::messages::report::file_size(published.pdf.size),
        items,
    }
}

/// Where a meeting's page is in the site: `arkiv/<organ>/<år>/<datum>.html`.
pub(super) fn meeting_page_path(published: &PublishedMeeting) -> String {
    let held = published.meeting.meeting.date.value.0;
    format!(
        "arkiv/{}/{}/{held}.html",
        published.organ_dir,
        held.format("%Y")
    )
}

/// A diarienummer as a file name: `RUN/574/2019` → `run-574-2019`.
pub(super) fn case_slug(number: &str) -> String {
    let mut slug = String::new();
    for c in number.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_matches('-').to_owned()
}

/// Markdown as HTML, with any raw HTML in it printed as text: a meeting
/// file writes text, never markup of the site.
fn markdown_html(text: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let events = Parser::new(text).map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        other => other,
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// One decision of `beslut.csv`, in the spirit of SCDL Délibérations: one
/// row per § with its decision text and, when voted, the counts. A
/// sekretess § has its row, with no decision (the web edition has none).
#[derive(Debug, Serialize)]
struct DecisionRow {
    organ: String,
    datum: String,
    paragraf: String,
    rubrik: String,
    diarienummer: Option<String>,
    beslut: String,
    ja: Option<usize>,
    nej: Option<usize>,
    avstar: Option<usize>,
    url: String,
}

fn decisions_csv(meetings: &[PublishedMeeting]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for published in meetings {
        // Only the page's address: the page itself was rendered already.
        let page = meeting_page_path(published);
        for (number, p) in published.meeting.paragraphs() {
            let vote = p.vote.as_ref();
            let row = DecisionRow {
                organ: published.organ.name.clone(),
                datum: published.meeting.meeting.date.value.0.to_string(),
                paragraf: ParagraphSet::of_numbers(&[number.0])
                    .label(published.organ.paragraph_prefix.as_deref()),
                rubrik: p.title.value.clone(),
                diarienummer: p.case_number.clone(),
                beslut: p.decisions.join("\n"),
                ja: vote.map(|v| v.yes.len()),
                nej: vote.map(|v| v.no.len()),
                avstar: vote.map(|v| v.abstain.len()),
                url: format!("{page}#p{}", number.0),
            };
            // Writing to memory fails only on a serialisation bug.
            let _ = writer.serialize(row);
        }
    }
    writer.into_inner().unwrap_or_default()
}
