//! The meeting and organ files as typed values: the one place where the
//! format contract of `FORMAT.md` lives in code.
//!
//! Keys are Swedish (what the secretary types), field names English. Values
//! whose position a later diagnostic must point at are wrapped in [`Spanned`],
//! which carries the line and column of the YAML node they came from.

use std::fmt;

use chrono::{NaiveDate, NaiveTime};
use serde::Deserialize;
use serde::de::{self, Deserializer};

/// A value with the location of the YAML node it was read from.
pub type Spanned<T> = serde_saphyr::Spanned<T>;

/// `organ.yaml`: the body that meets (nämnd, styrelse, samrådsgrupp …).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organ {
    /// Full name, printed in every page header.
    #[serde(rename = "namn")]
    pub name: String,
    /// Short name, e.g. "SocSam".
    #[serde(rename = "kortnamn", default)]
    pub short_name: Option<String>,
    /// The principal (kommun, region) printed above the organ's name.
    #[serde(rename = "huvudman", default)]
    pub principal: Option<String>,
    /// The heading above each § decision; "Beslut" when absent.
    #[serde(rename = "beslutsrubrik", default)]
    pub decision_heading: Option<String>,
    /// Where the signed protocol is kept (for the ANSLAG/BEVIS box).
    #[serde(rename = "förvaringsplats", default)]
    pub storage_place: Option<String>,
    /// Logo file, relative to `organ.yaml`.
    #[serde(rename = "logotyp", default)]
    pub logo: Option<Spanned<String>>,
    /// Number of seats, for the quorum check.
    #[serde(rename = "ledamöter_antal", default)]
    pub seat_count: Option<u32>,
    /// Roster of the organ's members.
    #[serde(rename = "ledamöter", default)]
    pub members: Vec<Person>,
    /// Roster of the organ's substitutes.
    #[serde(rename = "ersättare", default)]
    pub substitutes: Vec<Person>,
}

/// One sammanträde: the contents of `meetings/<organ>/<year>/<date>.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// The meeting date.
    #[serde(rename = "datum")]
    pub date: Spanned<IsoDate>,
    /// Start and end time, "09:00–12:00".
    #[serde(rename = "tid")]
    pub time: Spanned<TimeRange>,
    /// Where the meeting was held.
    #[serde(rename = "plats")]
    pub place: String,
    /// Number of the first §; when absent the numbering continues after the
    /// organ's previous meeting in the same calendar year.
    #[serde(rename = "första_paragraf", default)]
    pub first_paragraph: Option<Spanned<u32>>,
    /// Voting members present (including serving substitutes).
    #[serde(rename = "beslutande", default)]
    pub voting: Vec<Person>,
    /// Substitutes present but not serving.
    #[serde(rename = "ersättare", default)]
    pub substitutes: Vec<Person>,
    /// Officials present.
    #[serde(rename = "tjänstepersoner", default)]
    pub officials: Vec<Person>,
    /// Others present.
    #[serde(rename = "övriga_deltagare", default)]
    pub others: Vec<Person>,
    /// Absent members and officials.
    #[serde(rename = "frånvarande", default)]
    pub absent: Vec<Person>,
    /// The chair; one of `beslutande`.
    #[serde(rename = "ordförande")]
    pub chair: Spanned<String>,
    /// The secretary.
    #[serde(rename = "sekreterare")]
    pub secretary: Spanned<String>,
    /// Those who check and sign the minutes; each one of `beslutande`.
    #[serde(rename = "justerare", default)]
    pub adjusters: Vec<Spanned<String>>,
    /// When and how the minutes were checked; absent for a draft.
    #[serde(rename = "justering", default)]
    pub adjustment: Option<Adjustment>,
    /// When the notice of adjustment was posted; absent until then.
    #[serde(rename = "anslag", default)]
    pub posting: Option<Posting>,
    /// Strings never printed in the web version.
    #[serde(rename = "maskera", default)]
    pub mask: Vec<String>,
    /// The items of business, in order.
    #[serde(rename = "paragrafer", default)]
    pub paragraphs: Vec<Paragraph>,
}

/// An attendee or roster entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Full name.
    #[serde(rename = "namn")]
    pub name: Spanned<String>,
    /// Party abbreviation, printed as "(S)".
    #[serde(rename = "parti", default)]
    pub party: Option<String>,
    /// Municipality, department or organisation.
    #[serde(rename = "organisation", default)]
    pub organisation: Option<String>,
    /// Role or office.
    #[serde(rename = "uppdrag", default)]
    pub assignment: Option<String>,
    /// Whom this serving substitute replaces.
    #[serde(rename = "ersätter", default)]
    pub replaces: Option<Spanned<String>>,
    /// The §§ this person took part in; absent: the whole meeting.
    #[serde(rename = "paragrafer", default)]
    pub paragraphs: Option<Spanned<ParagraphSet>>,
}

/// How the minutes were adjusted (checked and signed).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Adjustment {
    /// Date of adjustment.
    #[serde(rename = "datum")]
    pub date: Spanned<IsoDate>,
    /// Place of adjustment.
    #[serde(rename = "plats", default)]
    pub place: Option<String>,
    /// Manner of adjustment.
    #[serde(rename = "sätt", default)]
    pub manner: Option<AdjustmentManner>,
}

/// The manner of adjustment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum AdjustmentManner {
    /// Adjusted orally at the meeting ("Muntligen justerat").
    #[serde(rename = "muntligen")]
    Oral,
    /// Signed digitally.
    #[serde(rename = "digitalt")]
    Digital,
    /// Signed on paper.
    #[serde(rename = "på papper")]
    Paper,
}

/// The notice on the official notice board (anslagstavla).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Posting {
    /// The day the notice was posted.
    #[serde(rename = "uppsatt")]
    pub posted: Spanned<IsoDate>,
}

/// One item of business (§).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paragraph {
    /// Title.
    #[serde(rename = "rubrik")]
    pub title: Spanned<String>,
    /// Registration number (Dnr).
    #[serde(rename = "diarienummer", default)]
    pub case_number: Option<String>,
    /// Who presented the item.
    #[serde(rename = "föredragande", default)]
    pub presenter: Option<String>,
    /// Body text, Markdown.
    #[serde(rename = "text", default)]
    pub text: Option<String>,
    /// Documents the decision rests on.
    #[serde(rename = "beslutsunderlag", default)]
    pub documents: Vec<String>,
    /// The proposed decision, Markdown.
    #[serde(rename = "förslag_till_beslut", default)]
    pub proposal: Option<String>,
    /// Motions made at the meeting.
    #[serde(rename = "yrkanden", default)]
    pub motions: Vec<Motion>,
    /// A recorded (open) vote.
    #[serde(rename = "omröstning", default)]
    pub vote: Option<Vote>,
    /// Decision points, each inline Markdown.
    #[serde(rename = "beslut", default)]
    pub decisions: Vec<String>,
    /// Dissents.
    #[serde(rename = "reservationer", default)]
    pub dissents: Vec<Dissent>,
    /// Notes entered in the minutes.
    #[serde(rename = "protokollsanteckningar", default)]
    pub notes: Vec<MinuteNote>,
    /// Members disqualified for conflict of interest.
    #[serde(rename = "jäv", default)]
    pub conflicts: Vec<Conflict>,
    /// Adjusted immediately at the meeting.
    #[serde(rename = "omedelbar_justering", default)]
    pub adjusted_immediately: bool,
    /// Confidentiality: `false`, `true`, or the legal ground.
    #[serde(rename = "sekretess", default)]
    pub confidentiality: Confidentiality,
    /// Who receives an extract.
    #[serde(rename = "utdrag_till", default)]
    pub extract_to: Vec<String>,
    /// Attachments.
    #[serde(rename = "bilagor", default)]
    pub attachments: Vec<Attachment>,
}

/// A motion (yrkande).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Motion {
    /// Who made it, as printed ("Karin Näsmark (S)").
    #[serde(rename = "av")]
    pub by: String,
    /// What was moved.
    #[serde(rename = "yrkande")]
    pub motion: String,
}

/// An open vote (omröstning).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vote {
    /// The proposition put to the vote.
    #[serde(rename = "proposition", default)]
    pub proposition: Option<String>,
    /// Members voting yes.
    #[serde(rename = "ja", default)]
    pub yes: Vec<Spanned<String>>,
    /// Members voting no.
    #[serde(rename = "nej", default)]
    pub no: Vec<Spanned<String>>,
    /// Members abstaining.
    #[serde(rename = "avstår", default)]
    pub abstain: Vec<Spanned<String>>,
}

/// A dissent (reservation).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dissent {
    /// The dissenting member.
    #[serde(rename = "namn")]
    pub name: Spanned<String>,
    /// Grounds.
    #[serde(rename = "motivering", default)]
    pub reason: Option<String>,
}

/// A note entered in the minutes (protokollsanteckning).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinuteNote {
    /// Who asked for the note.
    #[serde(rename = "namn")]
    pub name: Spanned<String>,
    /// The note, Markdown.
    #[serde(rename = "text")]
    pub text: String,
}

/// A member disqualified from one § (jäv).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// The disqualified member.
    #[serde(rename = "namn")]
    pub name: Spanned<String>,
}

/// An attachment (bilaga).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// Title as listed.
    #[serde(rename = "titel")]
    pub title: String,
    /// File relative to `organ.yaml`.
    #[serde(rename = "fil", default)]
    pub file: Option<Spanned<String>>,
}

/// Whether a § is confidential in the web version.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Confidentiality {
    /// Public.
    #[default]
    Public,
    /// Confidential, no ground given.
    Confidential,
    /// Confidential under the given legal ground ("26 kap. 1 § OSL").
    Ground(String),
}

impl<'de> Deserialize<'de> for Confidentiality {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = Confidentiality;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("true, false or the legal ground as text (\"26 kap. 1 § OSL\")")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(if v {
                    Confidentiality::Confidential
                } else {
                    Confidentiality::Public
                })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Confidentiality::Ground(v.trim().to_owned()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoDate(pub NaiveDate);

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map(IsoDate)
            .map_err(|_| {
                de::Error::custom(format!(
                    "\"{text}\" is not a date: write YYYY-MM-DD, e.g. 2021-02-26"
                ))
            })
    }
}

/// The meeting's start and end, written `HH:MM–HH:MM` (en dash or hyphen).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeRange {
    /// When the meeting opened.
    pub start: NaiveTime,
    /// When it closed.
    pub end: NaiveTime,
}

impl TimeRange {
    /// Parses "09:00–12:00", "09:00-12:00" or "09.00 – 12.00".
    pub fn parse(text: &str) -> Option<TimeRange> {
        let (start, end) = text.split_once(['–', '-'])?;
        let time = |s: &str| NaiveTime::parse_from_str(&s.trim().replace('.', ":"), "%H:%M").ok();
        Some(TimeRange {
            start: time(start)?,
            end: time(end)?,
        })
    }
}

impl<'de> Deserialize<'de> for TimeRange {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        TimeRange::parse(&text).ok_or_else(|| {
            de::Error::custom(format!(
                "\"{text}\" is not a time span: write HH:MM–HH:MM, e.g. \"09:00–12:00\""
            ))
        })
    }
}

/// The §§ one person took part in: "1–7", "1–3, 9" or "9".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParagraphSet {
    /// Inclusive ranges of § numbers.
    pub ranges: Vec<(u32, u32)>,
}

impl ParagraphSet {
    /// Parses the written form; `None` when it is not a list of numbers and ranges.
    pub fn parse(text: &str) -> Option<ParagraphSet> {
        let mut ranges = Vec::new();
        for part in text.split(',') {
            let part = part.trim().trim_start_matches('§').trim();
            let range = match part.split_once(['–', '-']) {
                Some((a, b)) => (a.trim().parse().ok()?, b.trim().parse().ok()?),
                None => {
                    let n = part.parse().ok()?;
                    (n, n)
                }
            };
            if range.0 > range.1 {
                return None;
            }
            ranges.push(range);
        }
        Some(ParagraphSet { ranges })
    }

    /// Whether § `number` is in the set.
    pub fn contains(&self, number: u32) -> bool {
        self.ranges.iter().any(|&(a, b)| (a..=b).contains(&number))
    }
}

impl fmt::Display for ParagraphSet {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for (i, &(a, b)) in self.ranges.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            if a == b {
                write!(f, "{a}")?;
            } else {
                write!(f, "{a}–{b}")?;
            }
        }
        Ok(())
    }
}

impl<'de> Deserialize<'de> for ParagraphSet {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = ParagraphSet;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("§ numbers such as \"1–7\", \"1–3, 9\" or 9")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                let n = u32::try_from(v).map_err(|_| E::custom("§ number too large"))?;
                Ok(ParagraphSet {
                    ranges: vec![(n, n)],
                })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                let n = u64::try_from(v).map_err(|_| E::custom("§ numbers are positive"))?;
                self.visit_u64(n)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                ParagraphSet::parse(v).ok_or_else(|| {
                    E::custom(format!(
                        "\"{v}\" is not a list of §§: write e.g. \"1–7\", \"1–3, 9\" or \"9\""
                    ))
                })
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// A § number as printed ("§ 14").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ParagraphNumber(pub u32);

impl fmt::Display for ParagraphNumber {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "§ {}", self.0)
    }
}

/// A meeting whose §§ have their numbers: the output of the `number` stage.
#[derive(Debug, Clone)]
pub struct NumberedMeeting {
    /// The meeting as parsed.
    pub meeting: Meeting,
    /// The number of its first §.
    pub first: ParagraphNumber,
}

impl NumberedMeeting {
    /// Each § with its number, in order.
    pub fn paragraphs(&self) -> impl Iterator<Item = (ParagraphNumber, &Paragraph)> {
        (self.first.0..)
            .map(ParagraphNumber)
            .zip(&self.meeting.paragraphs)
    }

    /// The number of the last §; the first when there are none.
    pub fn last(&self) -> ParagraphNumber {
        let count = u32::try_from(self.meeting.paragraphs.len()).unwrap_or(u32::MAX);
        ParagraphNumber(self.first.0 + count.saturating_sub(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_sets_parse_ranges_and_singles() {
        let set = ParagraphSet::parse("1–3, 9").expect("valid set");
        assert_eq!(set.ranges, vec![(1, 3), (9, 9)]);
        assert!(set.contains(2) && set.contains(9) && !set.contains(4));
        assert_eq!(set.to_string(), "1–3, 9");
        assert!(ParagraphSet::parse("7–1").is_none());
        assert!(ParagraphSet::parse("ett").is_none());
    }

    #[test]
    fn time_ranges_accept_dash_and_en_dash() {
        let t = TimeRange::parse("09:00–12:00").expect("en dash");
        assert_eq!(t.start, NaiveTime::from_hms_opt(9, 0, 0).expect("time"));
        assert_eq!(TimeRange::parse("09:00 - 12:00"), Some(t));
        assert!(TimeRange::parse("nio till tolv").is_none());
    }
}
