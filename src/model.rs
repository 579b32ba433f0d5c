//! The meeting, organ and delegationsbeslut files as typed values: the one
//! place where the format contract of `FORMAT.md` lives in code.
//!
//! Keys are Swedish (what the secretary types), field names English. Values
//! whose position a later diagnostic must point at are wrapped in [`Spanned`],
//! which carries the line and column of the YAML node they came from.

use std::borrow::Cow;
use std::fmt;

use chrono::{NaiveDate, NaiveTime};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer};

use crate::messages::reading;

/// A value with the location of the YAML node it was read from.
pub type Spanned<T> = serde_saphyr::Spanned<T>;

/// `organ.yaml`: the body that meets (nämnd, styrelse, samrådsgrupp …).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(
    description = "Inställningar för ett organ (nämnd, styrelse, samrådsgrupp …): filen organ.yaml i organets mapp."
)]
#[serde(deny_unknown_fields)]
pub struct Organ {
    /// Full name, printed in every page header.
    #[serde(rename = "namn")]
    #[schemars(
        description = "Organets fullständiga namn, t.ex. Sociala samrådsgruppen. Skrivs i sidhuvudet på varje sida."
    )]
    pub name: String,
    /// Short name, e.g. "SocSam".
    #[serde(rename = "kortnamn", default)]
    #[schemars(description = "Organets förkortning, t.ex. SocSam.")]
    pub short_name: Option<String>,
    /// The principal (kommun, region) printed above the organ's name.
    #[serde(rename = "huvudman", default)]
    #[schemars(
        description = "Huvudmannen (kommun eller region), t.ex. Region Jämtland Härjedalen. Skrivs ovanför organets namn i sidhuvudet."
    )]
    pub principal: Option<String>,
    /// The heading above each § decision; "Beslut" when absent.
    #[serde(rename = "beslutsrubrik", default)]
    #[schemars(description = "Rubriken över beslutet i varje paragraf. Utelämnad: Beslut.")]
    pub decision_heading: Option<String>,
    /// Where the signed protocol is kept (for the ANSLAG/BEVIS box).
    #[serde(rename = "förvaringsplats", default)]
    #[schemars(
        description = "Var det justerade protokollet förvaras; skrivs i rutan ANSLAG/BEVIS."
    )]
    pub storage_place: Option<String>,
    /// Logo file, relative to `organ.yaml`.
    #[serde(rename = "logotyp", default)]
    #[schemars(
        with = "Option<String>",
        description = "Organets logotyp som bildfil, t.ex. logo.svg; sökvägen räknas från organ.yaml."
    )]
    pub logo: Option<Spanned<String>>,
    /// Number of seats, for the quorum check.
    #[serde(rename = "ledamöter_antal", default)]
    #[schemars(
        description = "Antalet ledamöter (platser) i organet, för kontrollen av beslutförhet."
    )]
    pub seat_count: Option<u32>,
    /// Roster of the organ's members.
    #[serde(rename = "ledamöter", default)]
    #[schemars(
        description = "Organets ledamöter. Ger antalet platser, kallelsens mottagare och de namn ett sammanträde kan använda."
    )]
    pub members: Vec<Person>,
    /// Roster of the organ's substitutes.
    #[serde(rename = "ersättare", default)]
    #[schemars(description = "Organets ersättare.")]
    pub substitutes: Vec<Person>,
    /// Printed before every § number: "Sn" gives "Sn § 63".
    #[serde(rename = "paragrafprefix", default)]
    #[schemars(
        description = "Skrivs före varje paragrafnummer i protokoll, ärendelista, utdrag, kallelse och anslagsbevis: Sn ger \"Sn § 63\"."
    )]
    pub paragraph_prefix: Option<String>,
    /// The decision right after the § heading, then the text under
    /// "Sammanfattning av ärendet".
    #[serde(rename = "beslut_först", default)]
    #[schemars(
        description = "true: beslutet står direkt under paragrafens rubrik, följt av ärendets text under Sammanfattning av ärendet och sedan Beslutsunderlag. Utelämnad: false."
    )]
    pub decision_first: bool,
    /// Every § of the protocol on a page of its own.
    #[serde(rename = "ny_sida_per_paragraf", default)]
    #[schemars(
        description = "true: varje paragraf i protokollet börjar på en ny sida. Utelämnad: false."
    )]
    pub page_per_paragraph: bool,
    /// The final protocol always with empty signature fields, as with
    /// `build --signaturfält`.
    #[serde(rename = "signaturfält", default)]
    #[schemars(
        description = "true: protokollet får alltid ett tomt signaturfält för varje undertecknare (sekreterare, ordförande, justerare) på dess underskriftsrad, för en underskriftstjänst, som med build --signaturfält. Utelämnad: false, protokollet har inga formulärfält."
    )]
    pub signature_fields: bool,
    /// The court an appeal of the organ's decisions goes to, for the
    /// anslagstavla's page on how to appeal.
    #[serde(rename = "förvaltningsrätt", default)]
    #[schemars(
        description = "Förvaltningsrätten som prövar ett överklagande av organets beslut (laglighetsprövning); visas på anslagstavlans sida om hur man överklagar."
    )]
    pub court: Option<Court>,
}

/// The förvaltningsrätt that hears appeals of an organ's decisions.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Förvaltningsrätten som ett överklagande skickas till.")]
#[serde(deny_unknown_fields)]
pub struct Court {
    /// Its name, "Förvaltningsrätten i Växjö".
    #[serde(rename = "namn")]
    #[schemars(description = "Domstolens namn, t.ex. Förvaltningsrätten i Växjö.")]
    pub name: String,
    /// Its postal address.
    #[serde(rename = "adress", default)]
    #[schemars(description = "Postadress, t.ex. Box 42, 351 03 Växjö.")]
    pub address: Option<String>,
    /// Its e-mail address.
    #[serde(rename = "e-post", default)]
    #[schemars(description = "E-postadress, t.ex. forvaltningsrattenivaxjo@dom.se.")]
    pub email: Option<String>,
}

/// One sammanträde: the contents of `meetings/<organ>/<year>/<date>.yaml`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Ett sammanträde: filen meetings/<organ>/<år>/<datum>.yaml.")]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// The meeting date.
    #[serde(rename = "datum")]
    #[schemars(
        with = "IsoDate",
        description = "Sammanträdets datum, ÅÅÅÅ-MM-DD, t.ex. 2021-02-26."
    )]
    pub date: Spanned<IsoDate>,
    /// Start and end time, "09:00–12:00", or several sittings.
    #[serde(rename = "tid")]
    #[schemars(
        with = "TimeRange",
        description = "Sammanträdets start- och sluttid, TT:MM–TT:MM med tankstreck eller bindestreck, t.ex. \"09:00–12:00\"; flera sammanträdespass skiljs med komma, t.ex. \"09:00–12:00, 14:25–14:45\"."
    )]
    pub time: Spanned<TimeRange>,
    /// Breaks in the meeting, "10:25–10:42".
    #[serde(rename = "ajourneringar", default)]
    #[schemars(
        with = "Vec<TimeRange>",
        description = "Ajourneringar under sammanträdet, var och en TT:MM–TT:MM, t.ex. [\"10:25–10:42\"]. Skrivs under Plats och tid."
    )]
    pub adjournments: Vec<Spanned<TimeRange>>,
    /// Where the meeting was held.
    #[serde(rename = "plats")]
    #[schemars(description = "Var sammanträdet hölls, t.ex. Via webben, Teams.")]
    pub place: String,
    /// Number of the first §; when absent the numbering continues after the
    /// organ's previous meeting in the same calendar year.
    #[serde(rename = "första_paragraf", default)]
    #[schemars(
        with = "Option<u32>",
        description = "Numret på sammanträdets första paragraf. Utelämnad: numreringen fortsätter efter organets föregående sammanträde samma kalenderår, annars 1."
    )]
    pub first_paragraph: Option<Spanned<u32>>,
    /// Voting members present (including serving substitutes).
    #[serde(rename = "beslutande", default)]
    #[schemars(description = "Närvarande beslutande: ledamöter och tjänstgörande ersättare.")]
    pub voting: Vec<Person>,
    /// Substitutes present but not serving.
    #[serde(rename = "ersättare", default)]
    #[schemars(description = "Närvarande ersättare som inte tjänstgör.")]
    pub substitutes: Vec<Person>,
    /// Officials present.
    #[serde(rename = "tjänstepersoner", default)]
    #[schemars(description = "Närvarande tjänstepersoner.")]
    pub officials: Vec<Person>,
    /// Others present.
    #[serde(rename = "övriga_deltagare", default)]
    #[schemars(description = "Övriga närvarande.")]
    pub others: Vec<Person>,
    /// Absent members and officials.
    #[serde(rename = "frånvarande", default)]
    #[schemars(description = "Frånvarande ledamöter och tjänstepersoner.")]
    pub absent: Vec<Person>,
    /// The chair, and any stand-in for some §§; each one of `beslutande`.
    #[serde(rename = "ordförande")]
    #[schemars(
        with = "RoleHolders",
        description = "Sammanträdets ordförande; ska vara en av beslutande. Ett namn, eller {namn, paragrafer} för den som var ordförande bara i vissa paragrafer; en lista när en ersättare var ordförande i några paragrafer, t.ex. [Kurt Pettersson, {namn: Sune Alm, paragrafer: \"289–293, 296\"}]."
    )]
    pub chair: Spanned<RoleHolders>,
    /// The secretary.
    #[serde(rename = "sekreterare")]
    #[schemars(with = "String", description = "Sammanträdets sekreterare.")]
    pub secretary: Spanned<String>,
    /// Those who check and sign the minutes; each one of `beslutande`.
    #[serde(rename = "justerare", default)]
    #[schemars(
        with = "Vec<RoleHolder>",
        description = "De som justerar protokollet; var och en ska vara en av beslutande. Ett namn, eller {namn, paragrafer} för den som justerar bara vissa paragrafer."
    )]
    pub adjusters: Vec<Spanned<RoleHolder>>,
    /// When and how the minutes were checked; absent for a draft.
    #[serde(rename = "justering", default)]
    #[schemars(
        description = "När och hur protokollet justerades. Utelämnad: protokollet är ett utkast och varje sida märks UTKAST."
    )]
    pub adjustment: Option<Adjustment>,
    /// When the notice of adjustment was posted; absent until then.
    #[serde(rename = "anslag", default)]
    #[schemars(
        description = "När anslaget om justeringen sattes upp. Utelämnad: ännu inte anslaget."
    )]
    pub posting: Option<Posting>,
    /// When the kungörelse of a fullmäktige meeting went up on the
    /// anslagstavla, before the meeting.
    #[serde(rename = "kungörelse", default)]
    #[schemars(
        description = "Kungörelsen av ett fullmäktigesammanträde på anslagstavlan (kommunallagen 5 kap. 53 §): senast en vecka före sammanträdet."
    )]
    pub proclamation: Option<Proclamation>,
    /// When the kallelse was sent: from then on it stays as it was sent.
    #[serde(rename = "kallelse", default)]
    #[schemars(
        description = "När kallelsen skickades ut (skrivs av protokoll kallelse --skicka). Från den dagen är kallelsen en allmän handling som den skickades: den görs aldrig om."
    )]
    pub notice: Option<NoticeSent>,
    /// Strings never printed in the web version.
    #[serde(rename = "maskera", default)]
    #[schemars(
        description = "Texter, t.ex. namn, som aldrig skrivs ut i webbversionen. Personnummer maskeras där automatiskt."
    )]
    pub mask: Vec<String>,
    /// Corrections made after justering, each dated; the protocol prints
    /// them and they let a locked meeting file change.
    #[serde(rename = "rättelser", default)]
    #[schemars(
        description = "Rättelser efter justeringen, var och en med datum och text. Protokollet skriver ut dem, och bara med en ny rättelse får ett låst (justerat) möte ändras."
    )]
    pub corrections: Vec<Correction>,
    /// The items of business, in order.
    #[serde(rename = "paragrafer", default)]
    #[schemars(description = "Sammanträdets ärenden (paragrafer), i ordning.")]
    pub paragraphs: Vec<Paragraph>,
}

/// A correction of a justerat protocol.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "En rättelse av det justerade protokollet.")]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// The day it was made.
    #[serde(rename = "datum")]
    #[schemars(with = "IsoDate", description = "Dagen rättelsen gjordes, ÅÅÅÅ-MM-DD.")]
    pub date: Spanned<IsoDate>,
    /// What was corrected, and how.
    #[serde(rename = "text")]
    #[schemars(
        description = "Vad som rättades och hur, t.ex. Namnet i § 5 rättat från Per till Pär."
    )]
    pub text: String,
}

/// Who held a role (ordförande, justerare), and for which §§ when not all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleHolder {
    /// The name.
    pub name: String,
    /// The §§ they held it for; `None`: the whole meeting.
    pub paragraphs: Option<ParagraphSet>,
}

/// `ordförande`: one holder, or the chair and the stand-ins for some §§.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleHolders(pub Vec<RoleHolder>);

impl RoleHolders {
    /// The chair of the meeting: the first holder for the whole meeting,
    /// else the first (a parsed `ordförande` has at least one).
    pub fn main(&self) -> Option<&RoleHolder> {
        self.0
            .iter()
            .find(|h| h.paragraphs.is_none())
            .or_else(|| self.0.first())
    }

    /// Who held the role for § `number`: a stand-in named for it, else
    /// [`RoleHolders::main`].
    pub fn holder_for(&self, number: u32) -> Option<&RoleHolder> {
        self.0
            .iter()
            .find(|h| {
                h.paragraphs
                    .as_ref()
                    .is_some_and(|set| set.contains(number))
            })
            .or_else(|| self.main())
    }
}

/// `{namn, paragrafer}`: a role held for some §§.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleHolderMap {
    #[serde(rename = "namn")]
    name: String,
    #[serde(rename = "paragrafer")]
    paragraphs: ParagraphSet,
}

struct RoleVisitor;

impl<'de> de::Visitor<'de> for RoleVisitor {
    type Value = RoleHolder;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(reading::EXPECTING_ROLE_HOLDER)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<RoleHolder, E> {
        Ok(RoleHolder {
            name: v.to_owned(),
            paragraphs: None,
        })
    }
    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<RoleHolder, A::Error> {
        let RoleHolderMap { name, paragraphs } =
            RoleHolderMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(RoleHolder {
            name,
            paragraphs: Some(paragraphs),
        })
    }
}

impl<'de> Deserialize<'de> for RoleHolder {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RoleVisitor)
    }
}

impl<'de> Deserialize<'de> for RoleHolders {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> de::Visitor<'de> for Visitor {
            type Value = RoleHolders;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(reading::EXPECTING_ROLE_HOLDERS)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RoleHolders, E> {
                RoleVisitor.visit_str(v).map(|h| RoleHolders(vec![h]))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<RoleHolders, A::Error> {
                RoleVisitor.visit_map(map).map(|h| RoleHolders(vec![h]))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<RoleHolders, A::Error> {
                let mut holders = Vec::new();
                while let Some(holder) = seq.next_element::<RoleHolder>()? {
                    holders.push(holder);
                }
                if holders.is_empty() {
                    return Err(de::Error::custom(reading::chair_needs_a_name()));
                }
                Ok(RoleHolders(holders))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl JsonSchema for RoleHolder {
    fn schema_name() -> Cow<'static, str> {
        "RoleHolder".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let paragraphs = generator.subschema_for::<ParagraphSet>();
        json_schema!({
            "description": "Ett namn, eller {namn, paragrafer} för den som hade uppdraget bara i vissa paragrafer.",
            "anyOf": [
                { "type": "string", "description": "Namnet: uppdraget gällde hela sammanträdet." },
                {
                    "type": "object",
                    "description": "Den som hade uppdraget bara i vissa paragrafer.",
                    "properties": {
                        "namn": { "type": "string", "description": "Namnet." },
                        "paragrafer": paragraphs,
                    },
                    "required": ["namn", "paragrafer"],
                    "additionalProperties": false,
                },
            ],
        })
    }
}

impl JsonSchema for RoleHolders {
    fn schema_name() -> Cow<'static, str> {
        "RoleHolders".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let holder = generator.subschema_for::<RoleHolder>();
        json_schema!({
            "anyOf": [
                holder,
                { "type": "array", "items": holder, "minItems": 1 },
            ],
        })
    }
}

/// An attendee or roster entry.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(
    description = "En deltagare, eller en person i organets förteckning över ledamöter och ersättare."
)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Full name.
    #[serde(rename = "namn")]
    #[schemars(with = "String", description = "Personens för- och efternamn.")]
    pub name: Spanned<String>,
    /// Party abbreviation, printed as "(S)".
    #[serde(rename = "parti", default)]
    #[schemars(description = "Partiets förkortning, t.ex. S; skrivs ut som (S).")]
    pub party: Option<String>,
    /// Municipality, department or organisation.
    #[serde(rename = "organisation", default)]
    #[schemars(description = "Kommun, förvaltning eller organisation, t.ex. Östersunds kommun.")]
    pub organisation: Option<String>,
    /// Role or office.
    #[serde(rename = "uppdrag", default)]
    #[schemars(description = "Roll eller uppdrag, t.ex. Ordförande.")]
    pub assignment: Option<String>,
    /// Whom this serving substitute replaces.
    #[serde(rename = "ersätter", default)]
    #[schemars(
        with = "Option<String>",
        description = "Den ledamot som denna tjänstgörande ersättare ersätter."
    )]
    pub replaces: Option<Spanned<String>>,
    /// The §§ this person took part in; absent: the whole meeting.
    #[serde(rename = "paragrafer", default)]
    #[schemars(
        with = "Option<ParagraphSet>",
        description = "De paragrafer personen deltog i, t.ex. \"1–7\", \"1–3, 9\" eller 9. Utelämnad: hela sammanträdet."
    )]
    pub paragraphs: Option<Spanned<ParagraphSet>>,
}

/// How the minutes were adjusted (checked and signed).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Justeringen: när, var och hur protokollet justerades.")]
#[serde(deny_unknown_fields)]
pub struct Adjustment {
    /// Date of adjustment.
    #[serde(rename = "datum")]
    #[schemars(
        with = "IsoDate",
        description = "Justeringsdatum, ÅÅÅÅ-MM-DD: sammanträdets dag eller senare, högst 14 dagar efter."
    )]
    pub date: Spanned<IsoDate>,
    /// Place of adjustment.
    #[serde(rename = "plats", default)]
    #[schemars(description = "Var protokollet justerades, t.ex. Digitalt.")]
    pub place: Option<String>,
    /// Manner of adjustment.
    #[serde(rename = "sätt", default)]
    #[schemars(description = "Hur protokollet justerades: muntligen, digitalt eller på papper.")]
    pub manner: Option<AdjustmentManner>,
    /// Time of adjustment, "14:00".
    #[serde(rename = "tid", default)]
    #[schemars(
        with = "Option<ClockTime>",
        description = "Klockslaget för justeringen, TT:MM, t.ex. \"14:00\"."
    )]
    pub time: Option<Spanned<ClockTime>>,
}

/// The manner of adjustment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "Hur protokollet justerades: muntligen, digitalt eller på papper.")]
pub enum AdjustmentManner {
    /// Adjusted orally at the meeting ("Muntligen justerat").
    #[serde(rename = "muntligen")]
    #[schemars(description = "Muntligen justerat på sammanträdet.")]
    Oral,
    /// Signed digitally.
    #[serde(rename = "digitalt")]
    #[schemars(description = "Justerat med digital signatur.")]
    Digital,
    /// Signed on paper.
    #[serde(rename = "på papper")]
    #[schemars(description = "Justerat med underskrift på papper.")]
    Paper,
}

/// The notice on the official notice board (anslagstavla).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Anslaget om justeringen på organets anslagstavla.")]
#[serde(deny_unknown_fields)]
pub struct Posting {
    /// The day the notice was posted.
    #[serde(rename = "uppsatt")]
    #[schemars(
        with = "IsoDate",
        description = "Dagen anslaget sattes upp, ÅÅÅÅ-MM-DD: senast andra dagen efter justeringen (nästa vardag om den dagen är en helgdag)."
    )]
    pub posted: Spanned<IsoDate>,
    /// A note on the posting, e.g. why it went up late: printed in the
    /// ANSLAG/BEVIS box, and a late posting with one is not warned about.
    #[serde(rename = "anmärkning", default)]
    #[schemars(
        with = "Option<String>",
        description = "Anmärkning om anslaget, t.ex. varför det sattes upp för sent; skrivs ut i rutan ANSLAG/BEVIS. Ett sent anslag med anmärkning ger ingen varning."
    )]
    pub note: Option<Spanned<String>>,
}

/// The kungörelse of a meeting: when it was put up.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Kungörelsen av sammanträdet på anslagstavlan.")]
#[serde(deny_unknown_fields)]
pub struct Proclamation {
    /// The day it went up.
    #[serde(rename = "uppsatt")]
    #[schemars(
        with = "IsoDate",
        description = "Dagen kungörelsen sattes upp, ÅÅÅÅ-MM-DD: senast en vecka före sammanträdet."
    )]
    pub posted: Spanned<IsoDate>,
}

/// The kallelse as sent.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Kallelsen som den skickades ut.")]
#[serde(deny_unknown_fields)]
pub struct NoticeSent {
    /// The day it went out.
    #[serde(rename = "utskickad")]
    #[schemars(
        with = "IsoDate",
        description = "Dagen kallelsen skickades ut, ÅÅÅÅ-MM-DD."
    )]
    pub sent: Spanned<IsoDate>,
}

/// One item of business (§).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Ett ärende i protokollet (en paragraf, §).")]
#[serde(deny_unknown_fields)]
pub struct Paragraph {
    /// Title.
    #[serde(rename = "rubrik")]
    #[schemars(with = "String", description = "Paragrafens rubrik.")]
    pub title: Spanned<String>,
    /// Registration number (Dnr).
    #[serde(rename = "diarienummer", default)]
    #[schemars(description = "Ärendets diarienummer, t.ex. RUN/574/2019.")]
    pub case_number: Option<String>,
    /// Who presented the item.
    #[serde(rename = "föredragande", default)]
    #[schemars(description = "Den som föredrog ärendet.")]
    pub presenter: Option<String>,
    /// Body text, Markdown.
    #[serde(rename = "text", default)]
    #[schemars(
        description = "Ärendets text i Markdown: stycken, listor, betoning, länkar, tabeller."
    )]
    pub text: Option<String>,
    /// Documents the decision rests on.
    #[serde(rename = "beslutsunderlag", default)]
    #[schemars(description = "Handlingar som beslutet grundar sig på, en per rad.")]
    pub documents: Vec<String>,
    /// The proposed decision, Markdown.
    #[serde(rename = "förslag_till_beslut", default)]
    #[schemars(description = "Förslaget till beslut, i Markdown.")]
    pub proposal: Option<String>,
    /// Motions made at the meeting.
    #[serde(rename = "yrkanden", default)]
    #[schemars(description = "Yrkanden som framställdes på sammanträdet.")]
    pub motions: Vec<Motion>,
    /// A recorded (open) vote.
    #[serde(rename = "omröstning", default)]
    #[schemars(description = "Öppen omröstning: vilka som röstade ja, nej eller avstod.")]
    pub vote: Option<Vote>,
    /// Decision points, each inline Markdown.
    #[serde(rename = "beslut", default)]
    #[schemars(description = "Beslutet, en rad per beslutspunkt, i Markdown.")]
    pub decisions: Vec<String>,
    /// Dissents.
    #[serde(rename = "reservationer", default)]
    #[schemars(description = "Reservationer mot beslutet.")]
    pub dissents: Vec<Dissent>,
    /// Notes entered in the minutes.
    #[serde(rename = "protokollsanteckningar", default)]
    #[schemars(description = "Protokollsanteckningar.")]
    pub notes: Vec<MinuteNote>,
    /// Members disqualified for conflict of interest.
    #[serde(rename = "jäv", default)]
    #[schemars(description = "Ledamöter som är jäviga och inte deltar i paragrafen.")]
    pub conflicts: Vec<Conflict>,
    /// Adjusted immediately at the meeting.
    #[serde(rename = "omedelbar_justering", default)]
    #[schemars(description = "true om paragrafen justerades omedelbart på sammanträdet.")]
    pub adjusted_immediately: bool,
    /// Confidentiality: `false`, `true`, or the legal ground.
    #[serde(rename = "sekretess", default)]
    #[schemars(
        description = "Sekretess i webbversionen: false, true eller sekretessgrunden som text, t.ex. \"26 kap. 1 § OSL\". Innehållet döljs där; nummer och rubrik visas."
    )]
    pub confidentiality: Confidentiality,
    /// Who receives an extract.
    #[serde(rename = "utdrag_till", default)]
    #[schemars(description = "Mottagare av protokollsutdrag.")]
    pub extract_to: Vec<String>,
    /// Attachments.
    #[serde(rename = "bilagor", default)]
    #[schemars(description = "Paragrafens bilagor.")]
    pub attachments: Vec<Attachment>,
    /// True: the § lists the delegationsbeslut reported to this meeting
    /// (Anmälan av delegationsbeslut).
    #[serde(rename = "delegationsbeslut", default)]
    #[schemars(
        description = "true: paragrafen förtecknar de delegationsbeslut som anmäls vid sammanträdet (Anmälan av delegationsbeslut)."
    )]
    pub delegation_report: bool,
}

/// A motion (yrkande).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Ett yrkande.")]
#[serde(deny_unknown_fields)]
pub struct Motion {
    /// Who made it, as printed ("Karin Näsmark (S)").
    #[serde(rename = "av")]
    #[schemars(description = "Vem som yrkade, så som det skrivs ut, t.ex. Karin Näsmark (S).")]
    pub by: String,
    /// What was moved.
    #[serde(rename = "yrkande")]
    #[schemars(description = "Vad som yrkades, t.ex. bifall till förslaget.")]
    pub motion: String,
}

/// An open vote (omröstning).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "En öppen omröstning: varje ledamots röst antecknas.")]
#[serde(deny_unknown_fields)]
pub struct Vote {
    /// The proposition put to the vote.
    #[serde(rename = "proposition", default)]
    #[schemars(description = "Propositionen, t.ex. Ja för bifall, nej för avslag.")]
    pub proposition: Option<String>,
    /// Members voting yes.
    #[serde(rename = "ja", default)]
    #[schemars(with = "Vec<String>", description = "Ledamöter som röstade ja.")]
    pub yes: Vec<Spanned<String>>,
    /// Members voting no.
    #[serde(rename = "nej", default)]
    #[schemars(with = "Vec<String>", description = "Ledamöter som röstade nej.")]
    pub no: Vec<Spanned<String>>,
    /// Members abstaining.
    #[serde(rename = "avstår", default)]
    #[schemars(
        with = "Vec<String>",
        description = "Ledamöter som avstod från att rösta."
    )]
    pub abstain: Vec<Spanned<String>>,
}

/// A dissent (reservation).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "En reservation mot beslutet.")]
#[serde(deny_unknown_fields)]
pub struct Dissent {
    /// The dissenting member.
    #[serde(rename = "namn")]
    #[schemars(
        with = "String",
        description = "Ledamoten som reserverade sig; en av beslutande."
    )]
    pub name: Spanned<String>,
    /// Grounds.
    #[serde(rename = "motivering", default)]
    #[schemars(description = "Motivering, t.ex. till förmån för eget yrkande.")]
    pub reason: Option<String>,
}

/// A note entered in the minutes (protokollsanteckning).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "En protokollsanteckning.")]
#[serde(deny_unknown_fields)]
pub struct MinuteNote {
    /// Who asked for the note.
    #[serde(rename = "namn")]
    #[schemars(with = "String", description = "Den som begärde anteckningen.")]
    pub name: Spanned<String>,
    /// The note, Markdown.
    #[serde(rename = "text")]
    #[schemars(description = "Anteckningen, i Markdown.")]
    pub text: String,
}

/// A member disqualified from one § (jäv).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "En ledamot som är jävig i paragrafen.")]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// The disqualified member.
    #[serde(rename = "namn")]
    #[schemars(
        with = "String",
        description = "Den jäviga ledamoten; en av beslutande."
    )]
    pub name: Spanned<String>,
}

/// An attachment (bilaga).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "En bilaga till paragrafen.")]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// Title as listed.
    #[serde(rename = "titel")]
    #[schemars(description = "Bilagans titel, så som den listas i paragrafen.")]
    pub title: String,
    /// File relative to `organ.yaml`.
    #[serde(rename = "fil", default)]
    #[schemars(
        with = "Option<String>",
        description = "Bilagans fil, t.ex. bilagor/vb-2020.pdf; sökvägen räknas från organ.yaml. En PDF läggs till sist i protokollet."
    )]
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
                f.write_str(reading::EXPECTING_CONFIDENTIALITY)
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

impl JsonSchema for Confidentiality {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Confidentiality".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": ["boolean", "string"],
            "description": "Sekretess: false (offentlig), true, eller sekretessgrunden som text, t.ex. \"26 kap. 1 § OSL\".",
        })
    }
}

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoDate(pub NaiveDate);

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        // chrono alone would take "21-02-06" as the year 21; the format (and
        // the JSON Schema) says four-digit year, two-digit month and day.
        let shaped = text.trim().len() == 10
            && text.trim().char_indices().all(|(i, c)| match i {
                4 | 7 => c == '-',
                _ => c.is_ascii_digit(),
            });
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .ok()
            .filter(|_| shaped)
            .map(IsoDate)
            .ok_or_else(|| {
                let hint = shaped
                    .then(|| month_days_hint(text.trim()))
                    .flatten()
                    .unwrap_or_else(reading::date_shape_hint);
                de::Error::custom(format!(
                    "{}{}{hint}",
                    reading::not_a_date(&text),
                    reading::HINT_SEPARATOR
                ))
            })
    }
}

/// "februari 2025 har 28 dagar" for a date of the right shape whose month
/// has no such day; `None` when the month itself is wrong.
fn month_days_hint(text: &str) -> Option<String> {
    let year: i32 = text.get(0..4)?.parse().ok()?;
    let month: u32 = text.get(5..7)?.parse().ok()?;
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = first.checked_add_months(chrono::Months::new(1))?;
    let days = u32::try_from((next - first).num_days()).ok()?;
    Some(reading::month_days_hint(
        crate::calendar::month_name(month),
        year,
        days,
    ))
}

impl JsonSchema for IsoDate {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "IsoDate".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "patternErrorMessage": "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2021-02-26.",
            "description": "Ett datum, ÅÅÅÅ-MM-DD, t.ex. 2021-02-26.",
        })
    }
}

/// The meeting's sittings, each written `HH:MM–HH:MM` (en dash or hyphen),
/// separated by commas: "09:00–12:00" or "09:00–12:00, 14:25–14:45".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeRange {
    /// Each sitting's start and end, as written.
    pub sittings: Vec<(NaiveTime, NaiveTime)>,
}

impl TimeRange {
    /// Parses "09:00–12:00", "09:00-12:00", "09.00 – 12.00" or several of
    /// them separated by commas.
    pub fn parse(text: &str) -> Option<TimeRange> {
        let sittings = text
            .split(',')
            .map(|sitting| {
                let (start, end) = sitting.split_once(['–', '-'])?;
                Some((ClockTime::parse(start)?.0, ClockTime::parse(end)?.0))
            })
            .collect::<Option<Vec<_>>>()?;
        Some(TimeRange { sittings })
    }

    /// "09:00–12:00, 14:25–14:45".
    pub fn display(&self) -> String {
        self.sittings
            .iter()
            .map(|(start, end)| format!("{}–{}", start.format("%H:%M"), end.format("%H:%M")))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A time of day, written `HH:MM` or `HH.MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockTime(pub NaiveTime);

impl ClockTime {
    /// Parses "14:00", "14.00" or "9:30".
    pub fn parse(text: &str) -> Option<ClockTime> {
        NaiveTime::parse_from_str(&text.trim().replace('.', ":"), "%H:%M")
            .ok()
            .map(ClockTime)
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        ClockTime::parse(&text).ok_or_else(|| de::Error::custom(reading::not_a_clock_time(&text)))
    }
}

impl JsonSchema for ClockTime {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "ClockTime".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^\\s*([01]?[0-9]|2[0-3])[:.][0-5][0-9]\\s*$",
            "patternErrorMessage": "Skriv klockslaget som TT:MM, t.ex. \"14:00\".",
            "description": "Ett klockslag, TT:MM, t.ex. \"14:00\".",
        })
    }
}

impl<'de> Deserialize<'de> for TimeRange {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        TimeRange::parse(&text).ok_or_else(|| de::Error::custom(reading::not_a_time_span(&text)))
    }
}

impl JsonSchema for TimeRange {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "TimeRange".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        // What `TimeRange::parse` accepts: hour 0–23 with one or two digits,
        // ':' or '.', hyphen or en dash, spaces around the dash.
        const TIME: &str = "([01]?[0-9]|2[0-3])[:.][0-5][0-9]";
        let sitting = format!("\\s*{TIME}\\s*[-–]\\s*{TIME}\\s*");
        json_schema!({
            "type": "string",
            "pattern": format!("^{sitting}(,{sitting})*$"),
            "patternErrorMessage": "Skriv tiden som TT:MM–TT:MM, t.ex. \"09:00–12:00\"; flera pass skiljs med komma.",
            "description": "Start- och sluttid, TT:MM–TT:MM med tankstreck eller bindestreck, t.ex. \"09:00–12:00\".",
        })
    }
}

/// The §§ one person took part in: "1–7", "1–3, 9", "9", or with a § they
/// took part in only in part: "1–2, del av 3".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParagraphSet {
    /// Inclusive ranges of § numbers taken part in whole.
    pub ranges: Vec<(u32, u32)>,
    /// §§ taken part in only in part ("del av 3"): present there all the
    /// same, for the rules.
    pub partial: Vec<u32>,
    /// As written in the file (whitespace collapsed), for printing; `None`
    /// for a set made by the program.
    pub written: Option<String>,
}

/// The most § numbers one range of a [`ParagraphSet`] is walked through.
const MAX_RANGE: u32 = 10_000;

impl ParagraphSet {
    /// The set of these whole ranges.
    pub fn of_ranges(ranges: Vec<(u32, u32)>) -> Self {
        ParagraphSet {
            ranges,
            partial: Vec::new(),
            written: None,
        }
    }

    /// The set of these § numbers (ascending), each run of consecutive ones
    /// a range.
    pub fn of_numbers(numbers: &[u32]) -> Self {
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        for &n in numbers {
            match ranges.last_mut() {
                Some((_, end)) if n == *end + 1 => *end = n,
                _ => ranges.push((n, n)),
            }
        }
        Self::of_ranges(ranges)
    }

    /// "§ 9" or "§§ 1–7, del av 8" as printed and said, with the organ's
    /// prefix when it has one ("Sn §§ 1–7").
    pub fn label(&self, prefix: Option<&str>) -> String {
        let signs = if self.is_single() { "§" } else { "§§" };
        match prefix {
            Some(prefix) => format!("{prefix} {signs} {self}"),
            None => format!("{signs} {self}"),
        }
    }

    /// Whether the set is one § taken part in whole.
    pub fn is_single(&self) -> bool {
        self.partial.is_empty() && matches!(self.ranges.as_slice(), [(a, b)] if a == b)
    }

    /// Parses the written form; `None` when it is not a list of numbers,
    /// ranges and "del av N".
    pub fn parse(text: &str) -> Option<ParagraphSet> {
        let mut ranges = Vec::new();
        let mut partial = Vec::new();
        for part in text.split(',') {
            let part = part.trim().trim_start_matches('§').trim();
            if let Some(rest) = part
                .strip_prefix("del av")
                .or_else(|| part.strip_prefix("Del av"))
            {
                partial.push(rest.trim().trim_start_matches('§').trim().parse().ok()?);
                continue;
            }
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
        let written = text.split_whitespace().collect::<Vec<_>>().join(" ");
        Some(ParagraphSet {
            ranges,
            partial,
            written: Some(written),
        })
    }

    /// Whether § `number` is in the set, whole or in part.
    pub fn contains(&self, number: u32) -> bool {
        self.ranges.iter().any(|&(a, b)| (a..=b).contains(&number))
            || self.partial.contains(&number)
    }

    /// Every § number in the set, whole or in part, each once, in order.
    /// A range is cut at 10,000 numbers: "1–4000000000" is a typo, not a
    /// reason to allocate gigabytes (the rules report it as outside the
    /// meeting anyway).
    pub fn numbers(&self) -> Vec<u32> {
        let mut numbers: Vec<u32> = self
            .ranges
            .iter()
            .flat_map(|&(a, b)| a..=b.min(a.saturating_add(MAX_RANGE)))
            .chain(self.partial.iter().copied())
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        numbers
    }
}

impl fmt::Display for ParagraphSet {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if let Some(written) = &self.written {
            return f.write_str(written);
        }
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
                f.write_str(reading::EXPECTING_PARAGRAPH_SET)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                let n = u32::try_from(v)
                    .map_err(|_| E::custom(reading::paragraph_number_too_large()))?;
                Ok(ParagraphSet::of_ranges(vec![(n, n)]))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                let n = u64::try_from(v)
                    .map_err(|_| E::custom(reading::paragraph_number_negative()))?;
                self.visit_u64(n)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                ParagraphSet::parse(v).ok_or_else(|| E::custom(reading::not_a_paragraph_set(v)))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl JsonSchema for ParagraphSet {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "ParagraphSet".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        // What `ParagraphSet::parse` accepts: comma-separated numbers and
        // ranges (hyphen or en dash), each optionally after '§'.
        const PART: &str = "\\s*([Dd]el av\\s*)?§*\\s*[0-9]+(\\s*[-–]\\s*[0-9]+)?\\s*";
        json_schema!({
            "type": ["string", "integer"],
            "pattern": format!("^{PART}(,{PART})*$"),
            "patternErrorMessage": "Skriv paragraferna som t.ex. \"1–7\", \"1–3, 9\", \"1–2, del av 3\" eller 9.",
            "minimum": 0,
            "maximum": u32::MAX,
            "description": "Paragrafnummer: ett nummer, t.ex. 9, eller nummer och intervall som text, t.ex. \"1–7\" eller \"1–3, 9\"; en paragraf personen deltog i bara delvis skrivs \"del av 3\".",
        })
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
        // Bounded, so a första_paragraf near u32::MAX ends the numbering
        // instead of overflowing (validation reports such a number).
        (self.first.0..=u32::MAX)
            .map(ParagraphNumber)
            .zip(&self.meeting.paragraphs)
    }

    /// The number of the last §; the first when there are none.
    pub fn last(&self) -> ParagraphNumber {
        let count = u32::try_from(self.meeting.paragraphs.len()).unwrap_or(u32::MAX);
        ParagraphNumber(self.first.0.saturating_add(count.saturating_sub(1)))
    }

    /// Its §§ as one range, for labels such as "§§ 1–12" or "Sn § 63".
    pub fn paragraph_set(&self) -> ParagraphSet {
        ParagraphSet::of_ranges(vec![(self.first.0, self.last().0)])
    }
}

/// A decision taken under delegation (delegationsbeslut): the contents of
/// `meetings/<organ>/delegationsbeslut/<år>/<datum>-<namn>.yaml`. It is
/// printed as its own document and reported to the organ at a later meeting.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(
    description = "Ett delegationsbeslut: filen meetings/<organ>/delegationsbeslut/<år>/<datum>-<namn>.yaml."
)]
#[serde(deny_unknown_fields)]
pub struct DelegationDecision {
    /// The date of the decision.
    #[serde(rename = "datum")]
    #[schemars(
        with = "IsoDate",
        description = "Beslutsdatum, ÅÅÅÅ-MM-DD, t.ex. 2019-12-19."
    )]
    pub date: Spanned<IsoDate>,
    /// Registration number (Dnr).
    #[serde(rename = "diarienummer")]
    #[schemars(
        with = "String",
        description = "Ärendets diarienummer, t.ex. RUN/574/2019."
    )]
    pub case_number: Spanned<String>,
    /// Title of the matter.
    #[serde(rename = "rubrik")]
    #[schemars(with = "String", description = "Ärendets rubrik.")]
    pub title: Spanned<String>,
    /// The issuing unit, printed in the page header.
    #[serde(rename = "avdelning", default)]
    #[schemars(
        description = "Den enhet som utfärdar beslutet, t.ex. Regional utveckling; skrivs i sidhuvudet."
    )]
    pub unit: Option<String>,
    /// The official handling the matter.
    #[serde(rename = "handläggare", default)]
    #[schemars(description = "Ärendets handläggare, med telefon och e-post.")]
    pub case_officer: Option<CaseOfficer>,
    /// Description of the matter, Markdown.
    #[serde(rename = "ärendebeskrivning", default)]
    #[schemars(
        description = "Ärendebeskrivningen i Markdown: stycken, listor, betoning, länkar, tabeller."
    )]
    pub description: Option<String>,
    /// Documents the decision rests on.
    #[serde(rename = "beslutsunderlag", default)]
    #[schemars(description = "Handlingar som beslutet grundar sig på, en per rad.")]
    pub documents: Vec<String>,
    /// The delegation rule relied on, inline Markdown.
    #[serde(rename = "delegation")]
    #[schemars(
        with = "String",
        description = "Den delegationsbestämmelse beslutet fattas med stöd av, t.ex. delegationsordningens namn och punkt, i Markdown."
    )]
    pub delegation: Spanned<String>,
    /// Decision points, each inline Markdown; printed numbered.
    #[serde(rename = "beslut")]
    #[schemars(description = "Beslutet, en rad per beslutspunkt, i Markdown; punkterna numreras.")]
    pub decisions: Vec<String>,
    /// The official who took the decision.
    #[serde(rename = "beslutsfattare")]
    #[schemars(description = "Den tjänsteperson som fattade beslutet.")]
    pub decision_maker: DecisionMaker,
    /// The organ the decision is reported to, as printed after "Beslutet
    /// anmäls till".
    #[serde(rename = "anmäls_till")]
    #[schemars(
        with = "String",
        description = "Det organ beslutet anmäls till, t.ex. regionala utvecklingsnämnden; skrivs ut som Beslutet anmäls till regionala utvecklingsnämnden."
    )]
    pub reported_to: Spanned<String>,
    /// The date of the organ's meeting where it is reported; absent: the
    /// organ's first meeting on or after `datum`.
    #[serde(rename = "anmäls_vid", default)]
    #[schemars(
        with = "Option<IsoDate>",
        description = "Datum för det sammanträde där beslutet anmäls, ÅÅÅÅ-MM-DD. Utelämnad: organets första sammanträde på eller efter beslutsdatum."
    )]
    pub reported_at: Option<Spanned<IsoDate>>,
    /// Who receives a copy.
    #[serde(rename = "utdrag_till", default)]
    #[schemars(description = "Mottagare av utdrag ur beslutet.")]
    pub extract_to: Vec<String>,
}

/// The official handling a delegated matter (handläggare).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Ärendets handläggare.")]
#[serde(deny_unknown_fields)]
pub struct CaseOfficer {
    /// Full name.
    #[serde(rename = "namn")]
    #[schemars(with = "String", description = "Handläggarens för- och efternamn.")]
    pub name: Spanned<String>,
    /// Telephone number, as printed ("Tfn: …").
    #[serde(rename = "telefon", default)]
    #[schemars(description = "Handläggarens telefonnummer, t.ex. 063-14 75 00.")]
    pub phone: Option<String>,
    /// E-mail address, as printed ("E-post: …").
    #[serde(rename = "e-post", default)]
    #[schemars(description = "Handläggarens e-postadress.")]
    pub email: Option<String>,
}

/// The official who took a delegated decision (beslutsfattare).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Den tjänsteperson som fattade beslutet.")]
#[serde(deny_unknown_fields)]
pub struct DecisionMaker {
    /// Full name, printed under the decision.
    #[serde(rename = "namn")]
    #[schemars(
        with = "String",
        description = "Beslutsfattarens för- och efternamn; skrivs under beslutet."
    )]
    pub name: Spanned<String>,
    /// Title, printed under the name.
    #[serde(rename = "titel", default)]
    #[schemars(
        description = "Beslutsfattarens titel, t.ex. Regional utvecklingsdirektör; skrivs under namnet."
    )]
    pub title: Option<String>,
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
    fn dates_need_four_digit_years() {
        let parse = |text: &str| serde_saphyr::from_str::<IsoDate>(text).ok();
        assert!(parse("2021-02-26").is_some());
        assert!(parse("21-02-26").is_none());
        assert!(parse("2021-2-6").is_none());
        assert!(parse("2021-02-30").is_none());
    }

    #[test]
    fn time_ranges_accept_dash_and_en_dash() {
        let t = TimeRange::parse("09:00–12:00").expect("en dash");
        let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).expect("time");
        assert_eq!(t.sittings, [(at(9, 0), at(12, 0))]);
        assert_eq!(TimeRange::parse("09:00 - 12:00"), Some(t));
        assert!(TimeRange::parse("nio till tolv").is_none());
    }

    #[test]
    fn time_ranges_may_name_several_sittings() {
        let t = TimeRange::parse("09:00–12:00, 14.25–14.45").expect("two sittings");
        assert_eq!(t.sittings.len(), 2);
        assert_eq!(t.display(), "09:00–12:00, 14:25–14:45");
        assert!(TimeRange::parse("09:00–12:00,").is_none());
        assert_eq!(
            ClockTime::parse("14.00").map(|c| c.0.format("%H:%M").to_string()),
            Some("14:00".into())
        );
    }
}

/// `<datum>.lock` beside a justerat meeting file, written by `protokoll
/// justera`: what the final documents were made from and what they are, so
/// a later change to any of them is seen. JSON; FORMAT.md describes it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lock {
    /// The program that made the documents, `protokoll 0.1.0`.
    #[serde(rename = "program")]
    pub program: String,
    /// The day of justering, `ÅÅÅÅ-MM-DD`.
    #[serde(rename = "justering")]
    pub adjusted: String,
    /// The meeting file, by its name beside the lock.
    #[serde(rename = "mötesfil")]
    pub meeting: LockedFile,
    /// `organ.yaml`, relative to the organ folder.
    #[serde(rename = "organfil")]
    pub organ: LockedFile,
    /// The logo and the meeting's bilagor, relative to the organ folder.
    #[serde(rename = "tillgångar")]
    pub assets: Vec<LockedFile>,
    /// Each final document, relative to the output folder.
    #[serde(rename = "dokument")]
    pub documents: Vec<LockedFile>,
    /// How many `rättelser` the meeting file had when locked.
    #[serde(rename = "rättelser")]
    pub corrections: usize,
}

impl Lock {
    /// The lock as `justera` writes it: pretty JSON and a final newline.
    pub fn to_json(&self) -> Vec<u8> {
        let mut json = serde_json::to_vec_pretty(self).unwrap_or_default();
        json.push(b'\n');
        json
    }

    /// Whether `text` is the meeting file this lock was written for.
    pub fn is_of(&self, text: &str) -> bool {
        self.meeting.sha256 == crate::encode::sha256_hex(text.as_bytes())
    }

    /// Whether the document at `path` (inside the output folder) is one of
    /// the final documents it locks.
    pub fn locks(&self, path: &std::path::Path) -> bool {
        self.documents
            .iter()
            .any(|d| std::path::Path::new(&d.path) == path)
    }
}

/// One file of a [`Lock`] and the SHA-256 of its bytes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockedFile {
    /// Its path, relative as its field says.
    #[serde(rename = "fil")]
    pub path: String,
    /// SHA-256, lower-case hex.
    pub sha256: String,
}
