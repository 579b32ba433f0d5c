//! Arbitrary bytes as the text of a meeting file, through the stages that run
//! for every file: parse → number → validate → render (Tera → Typst source),
//! for each document of the meeting (protocol, web version, kallelse, utdrag,
//! anslagsbevis).
//! Typesetting is left out: it takes seconds per document, and what it is
//! handed is checked here instead: the generated Typst source must parse
//! without a syntax error, whatever the meeting file says.
//!
//! A panic, a hang (`-timeout`) or unbounded memory (`-rss_limit_mb`,
//! `-malloc_limit_mb`) is a crash. Run it with `bash benches/fuzz.sh`.

#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use protokoll::diagnostic::Severity;
use protokoll::document::MeetingDocument;
use protokoll::model::Organ;
use protokoll::number::{self, MeetingSummary};
use protokoll::parse;
use protokoll::redact;
use protokoll::render::{Renderer, Templates};
use protokoll::validate::{self, Subject};
use protokoll::project::MAX_FILE_BYTES;

/// A small organ, as in the test fixtures.
const ORGAN: &str = "namn: Provnämnden\nkortnamn: PN\nhuvudman: Provköpings kommun\n\
förvaringsplats: Kommunkansliet, Provköpings kommun\n";

/// Another meeting of the organ earlier that year, so that numbering across
/// files has something to count.
const EARLIER: &str = "datum: 2021-01-01\ntid: \"09:00–10:00\"\nplats: Kommunhuset\n\
beslutande:\n  - namn: Anna Andersson\nordförande: Anna Andersson\nsekreterare: Cecilia Ceder\n\
justerare: [Anna Andersson]\nparagrafer:\n  - rubrik: Mötet öppnas\n  - rubrik: Mötet stängs\n";

struct Fixed {
    renderer: Renderer,
    organ: Organ,
    organ_meetings: Vec<MeetingSummary>,
}

fn fixed() -> &'static Fixed {
    static FIXED: OnceLock<Fixed> = OnceLock::new();
    FIXED.get_or_init(|| {
        let earlier_file = Path::new("meetings/prov/2021/2021-01-01.yaml");
        let earlier = parse::parse_meeting(earlier_file, EARLIER).expect("the earlier meeting");
        Fixed {
            renderer: Renderer::new(&Templates::embedded()).expect("the embedded templates"),
            organ: parse::parse_organ(Path::new("meetings/prov/organ.yaml"), ORGAN)
                .expect("the organ"),
            organ_meetings: vec![MeetingSummary::of(earlier_file, &earlier)],
        }
    })
}

fuzz_target!(|data: &[u8]| {
    // project::read_source refuses larger files and non-UTF-8 text.
    if data.len() as u64 > MAX_FILE_BYTES {
        return;
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let fixed = fixed();
    let file = Path::new("meetings/prov/2021/2021-06-01.yaml");
    // The same text as an organ file: parse only.
    let _ = parse::parse_organ(Path::new("meetings/prov/organ.yaml"), text);

    let Ok(meeting) = parse::parse_meeting(file, text) else {
        return;
    };
    let meeting = number::number(meeting, &fixed.organ_meetings);
    let found = validate::validate(&Subject {
        file,
        organ: &fixed.organ,
        meeting: &meeting,
        organ_meetings: &fixed.organ_meetings,
        text,
    });
    // As in plan::plan: a meeting with errors is not rendered. (A
    // meeting without beslutande is held to the plan's rules there; here to
    // all of them, which only fuzzes fewer of its kallelser.)
    if found.iter().any(|d| d.severity == Severity::Error) {
        return;
    }
    // Every document that applies, the web version too (masked first, as
    // the PDF emitter does).
    for document in protokoll::document::applicable(&meeting, true) {
        let source = if document == MeetingDocument::WebProtocol {
            let web = redact::for_web(&fixed.organ, &meeting, &[]);
            fixed
                .renderer
                .meeting_document(document, &web.organ, &web.meeting, &[], &[])
        } else {
            fixed
                .renderer
                .meeting_document(document, &fixed.organ, &meeting, &[], &[])
        }
        .expect("a valid meeting renders");
        let (errors, _) = typst_syntax::parse(&source.main).errors_and_warnings();
        assert!(
            errors.is_empty(),
            "the generated Typst source of {document:?} does not parse: {:?}",
            errors.iter().map(|e| &e.message).collect::<Vec<_>>()
        );
    }
});
