//! The command line: arguments, one file per command, and the one place
//! where diagnostics are printed. Every command that reads meetings loads
//! the project once ([`crate::project::load`]) and runs the stages over it.

mod build;
mod check;
mod export;
mod justera;
mod kallelse;
mod new;
mod publish;
mod watch;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};

use crate::diagnostic::{self, Diagnostic};
use crate::messages;
use crate::output;
use crate::plan::Request;
use crate::project::Project;
use crate::render::Templates;
use crate::schema::SchemaKind;

/// Protokoll för svenska nämnder, skrivna som YAML-filer.
///
/// Skriv varje sammanträde som meetings/<organ>/<år>/<datum>.yaml (se
/// FORMAT.md); sedan sätter `protokoll build` varje protokoll som PDF/A-2a +
/// PDF/UA-1 under output/, klart för justering och arkivet.
#[derive(Debug, Parser)]
#[command(
    name = "protokoll",
    version,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "Kommandon",
    subcommand_value_name = "KOMMANDO",
    help_template = HELP_TEMPLATE,
    after_help = "Exempel:
  protokoll build                                        varje möte under meetings/ → output/
  protokoll build meetings/socsam/2021/2021-02-26.yaml   ett möte
  protokoll build --web                                  också webbversionerna, med sekretess maskerad
  protokoll kallelse meetings/socsam/2021/2021-02-26.yaml
  protokoll utdrag --paragraf 63 meetings/socialnamnden/2017/2017-09-27.yaml
  protokoll anslag meetings/socialnamnden/2017/2017-09-27.yaml
  protokoll build --emit-typst --out /tmp/ut             skriv också den genererade Typst-källan
  protokoll build --alla                                 gör om varje dokument, vad byggcachen än säger
  protokoll watch meetings/socsam                        bygg om efter varje sparning
  protokoll publish --idag 2017-10-05                    anslagstavlan den dagen → site/
  protokoll export --idag 2017-10-30                     paketet till diariet och e-arkivet → export/
  protokoll new meetings/socialnamnden --datum 2017-11-22   nästa mötesfil, att fylla i
  protokoll justera meetings/socsam/2021/2021-02-26.yaml --datum 2021-03-01 --sätt digitalt   justera, bygg, lås
  protokoll templates templates/                         kopiera de inbyggda mallarna för att ändra dem"
)]
pub struct Args {
    /// Vad som ska göras.
    #[command(subcommand)]
    pub command: Command,
    /// Visa hjälpen (-h kort, --help hela)
    #[arg(short = 'h', long = "help", action = clap::ArgAction::Help, global = true, help_heading = "Val")]
    help: Option<bool>,
    /// Visa versionen
    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version, help_heading = "Val")]
    version: Option<bool>,
}

/// clap's help layout with Swedish headings.
const HELP_TEMPLATE: &str = "\
{before-help}{about-with-newline}
Användning: {usage}

{all-args}{after-help}";

/// Where and how documents are written; shared by the commands that make PDFs.
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Val")]
pub struct OutputArgs {
    /// Mapp för dokumenten [standard: output/]
    #[arg(long, value_name = "MAPP")]
    pub out: Option<PathBuf>,
    /// Skriv också den genererade Typst-källan (<datum>-<dokument>.typ och lib/) bredvid varje PDF
    #[arg(long)]
    pub emit_typst: bool,
    /// Mapp med egna mallar som ersätter de inbyggda fil för fil
    /// [standard: templates/ bredvid meetings/, när den finns]
    #[arg(long, value_name = "MAPP")]
    pub templates: Option<PathBuf>,
    /// Gör om varje dokument, också de som byggcachen säger är aktuella
    #[arg(long)]
    pub alla: bool,
    /// Hur många dokument som sätts samtidigt [standard: ett per kärna]
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
}

/// The build that `publish` and `export` run first: where its documents
/// go, the templates, how many at once.
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Val")]
pub struct BuildFirstArgs {
    /// Mapp för dokumenten (PDF) [standard: output/]
    #[arg(long = "pdf", value_name = "MAPP")]
    pub documents: Option<PathBuf>,
    /// Mapp med egna mallar som ersätter de inbyggda fil för fil
    #[arg(long, value_name = "MAPP")]
    pub templates: Option<PathBuf>,
    /// Hur många dokument som sätts samtidigt [standard: ett per kärna]
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Signaturfält i protokollen
    #[command(flatten)]
    pub signing: SigningArgs,
}

/// Whether the final protocols get empty signature fields.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct SigningArgs {
    /// Ge protokollet ett tomt signaturfält för varje undertecknare
    /// (sekreterare, ordförande, justerare) på dess rad på sidan 1, för en
    /// underskriftstjänst; alltid med `signaturfält: true` i organ.yaml
    #[arg(long = "signaturfält", alias = "signaturfalt", help_heading = "Val")]
    pub signature_fields: bool,
}

impl From<BuildFirstArgs> for OutputArgs {
    fn from(args: BuildFirstArgs) -> Self {
        OutputArgs {
            out: args.documents,
            emit_typst: false,
            templates: args.templates,
            alla: false,
            jobs: args.jobs,
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
#[command(help_template = HELP_TEMPLATE)]
pub enum Command {
    /// Skriv nästa mötesfil för ett organ: underlaget för kallelsen.
    ///
    /// Skriver <ORGANMAPP>/<år>/<datum>.yaml med tid, plats, ordförande och
    /// sekreterare från organets förra möte, organets ledamöter och
    /// ersättare som kommentarer att ta fram efter mötet, de stående
    /// punkterna (Sammanträdet öppnas, Val av justerare, Godkännande av
    /// föredragningslista, Mötet avslutas) och kommentarer om vad som ska
    /// fyllas i. Paragraferna numreras vidare från årets förra möte. Filen
    /// klarar `check` som den står, och new skriver aldrig över en fil.
    ///
    /// Exempel:
    ///   protokoll new meetings/socialnamnden --datum 2017-11-22
    #[command(verbatim_doc_comment, help_template = HELP_TEMPLATE, override_usage = "protokoll new <ORGANMAPP> --datum <DATUM>")]
    New {
        /// Organets mapp, den med organ.yaml
        #[arg(value_name = "ORGANMAPP", help_heading = "Argument")]
        organ: PathBuf,
        /// Sammanträdets datum, ÅÅÅÅ-MM-DD
        #[arg(
            long = "datum",
            alias = "date",
            value_name = "DATUM",
            help_heading = "Val"
        )]
        date: chrono::NaiveDate,
    },
    /// Bygg varje dokument som mötet ger så som det står.
    ///
    /// För varje mötesfil: kallelsen; när mötet har beslutande, protokollet
    /// (UTKAST tills `justering:` är skriven); ett protokollsutdrag för varje
    /// § med `utdrag_till` som kan bestyrkas; anslagsbeviset när `anslag:`
    /// är skrivet; med --web webbversionen. Allt skrivs till
    /// output/<organ>/<år>/<datum>-<dokument>.pdf.
    ///
    /// Bara det som ändrats sätts om: output/.byggcache.json minns vad varje
    /// PDF gjordes av. En webbversion som gjorts tidigare görs om med sitt
    /// protokoll även utan --web, och ett dokument som mötet inte längre ger
    /// (ett utdrag vars § förlorat `utdrag_till`) tas bort.
    ///
    /// Exempel:
    ///   protokoll build                                   varje möte under meetings/
    ///   protokoll build meetings/socsam/2021/2021-02-26.yaml
    ///   protokoll build --web meetings/socsam             också webbversionerna
    ///   protokoll build --emit-typst --out /tmp/ut meetings/socsam
    ///   protokoll build --alla                            strunta i byggcachen, gör om allt
    ///   protokoll build --signaturfält meetings/socsam    protokollet med signaturfält
    #[command(verbatim_doc_comment, help_template = HELP_TEMPLATE, override_usage = "protokoll build [VAL] [SÖKVÄGAR]...")]
    Build {
        /// Mötesfiler eller mappar [standard: meetings/]
        #[arg(value_name = "SÖKVÄGAR", help_heading = "Argument")]
        paths: Vec<PathBuf>,
        /// Också webbversionen: utan underskrifter, sekretess-§§ utan innehåll,
        /// personnummer och mötets `maskera`-texter som [maskerat]
        #[arg(long, help_heading = "Val")]
        web: bool,
        /// Signaturfält i protokollen
        #[command(flatten)]
        signing: SigningArgs,
        /// Mapp, Typst-källa och mallar
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Gör kallelsen (med föredragningslista) till ett möte.
    ///
    /// Fungerar på en mötesfil som skrivs före mötet: beslutande, justering
    /// och beslut behövs inte. Kallelsen går till organets `ledamöter` och
    /// `ersättare` (organ.yaml). `build` gör kallelsen bara till ett möte
    /// som ännu inte hållits (utan `beslutande`); efter mötet görs den bara
    /// med det här kommandot.
    ///
    /// Med --skicka skrivs `kallelse: {utskickad: DATUM}` in i mötesfilen
    /// (dagens datum, eller --datum): kallelsen är då en allmän handling
    /// som den skickades och görs aldrig om, hur mötesfilen än ändras.
    ///
    /// Exempel:
    ///   protokoll kallelse meetings/socsam/2021/2021-02-26.yaml
    ///   protokoll kallelse --skicka --datum 2017-11-08 meetings/socialnamnden/2017/2017-11-22.yaml
    #[command(verbatim_doc_comment, help_template = HELP_TEMPLATE, override_usage = "protokoll kallelse [VAL] <FILER>...")]
    Kallelse {
        /// Mötesfiler
        #[arg(required = true, value_name = "FILER", help_heading = "Argument")]
        files: Vec<PathBuf>,
        /// Gör kallelsen och skriv in i mötesfilen att den skickats ut; den görs sedan aldrig om
        #[arg(long, help_heading = "Val")]
        skicka: bool,
        /// Dagen den skickades, ÅÅÅÅ-MM-DD [standard: i dag]
        #[arg(
            long = "datum",
            alias = "date",
            value_name = "DATUM",
            requires = "skicka",
            help_heading = "Val"
        )]
        date: Option<chrono::NaiveDate>,
        /// Mapp, Typst-källa och mallar
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Gör protokollsutdrag, en PDF per §, bestyrkta "Rätt utdraget intygar".
    ///
    /// Vägras för ett protokoll som inte är justerat, utom för en § med
    /// `omedelbar_justering: true`.
    ///
    /// Exempel:
    ///   protokoll utdrag meetings/socialnamnden/2017/2017-09-27.yaml      varje § med utdrag_till
    ///   protokoll utdrag --paragraf 63 meetings/socialnamnden/2017/2017-09-27.yaml
    #[command(verbatim_doc_comment, help_template = HELP_TEMPLATE, override_usage = "protokoll utdrag [VAL] <FIL>")]
    Utdrag {
        /// Mötesfilen
        #[arg(value_name = "FIL", help_heading = "Argument")]
        file: PathBuf,
        /// Paragrafen att göra utdrag ur (upprepa för fler) [standard: varje § med utdrag_till]
        #[arg(long = "paragraf", value_name = "N", help_heading = "Val")]
        paragraphs: Vec<u32>,
        /// Mapp, Typst-källa och mallar
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Gör anslagsbeviset: justeringen anslagen, sista dag för överklagande, nedtagning.
    ///
    /// Kräver `justering:` och `anslag: { uppsatt: … }` i mötesfilen. Sista
    /// dagen för överklagande är tre veckor efter anslaget, flyttad till
    /// nästa vardag från helger, helgdagar, midsommar-, jul- och nyårsafton.
    ///
    /// Exempel:
    ///   protokoll anslag meetings/socialnamnden/2017/2017-09-27.yaml
    #[command(verbatim_doc_comment, help_template = HELP_TEMPLATE, override_usage = "protokoll anslag [VAL] <FILER>...")]
    Anslag {
        /// Mötesfiler
        #[arg(required = true, value_name = "FILER", help_heading = "Argument")]
        files: Vec<PathBuf>,
        /// Mapp, Typst-källa och mallar
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Justera protokollet: skriv justeringen i mötesfilen, bygg, lås.
    ///
    /// Skriver `justering:` (och med --anslag `anslag:`) i mötesfilen utan
    /// att röra något annat i den: kommentarer, nycklarnas ordning och
    /// layouten står kvar. Bygger sedan de slutliga dokumenten och skriver
    /// en låsfil bredvid mötesfilen (<datum>.lock) med SHA-256 för
    /// mötesfilen, organ.yaml, logotyp och bilagor och varje dokument.
    /// Samma justera två gånger ändrar ingenting. Vägrar, med skälet, ett
    /// möte med fel, en justering före mötet och ett anslag senare än lagen
    /// tillåter (andra dagen efter justeringen).
    ///
    /// Exempel:
    ///   protokoll justera meetings/socsam/2021/2021-02-26.yaml --datum 2021-03-01 --sätt digitalt
    ///   protokoll justera meetings/regionala-utvecklingsnamnden/2020/2020-02-13.yaml --datum 2020-02-17 --sätt på-papper --plats Regionhuset --anslag 2020-02-18
    #[command(verbatim_doc_comment, help_template = HELP_TEMPLATE, override_usage = "protokoll justera [VAL] <FIL> --datum <DATUM> --sätt <SÄTT>")]
    Justera {
        /// Mötesfilen
        #[arg(value_name = "FIL", help_heading = "Argument")]
        file: PathBuf,
        /// Justeringens datum, ÅÅÅÅ-MM-DD
        #[arg(
            long = "datum",
            alias = "date",
            value_name = "DATUM",
            help_heading = "Val"
        )]
        date: chrono::NaiveDate,
        /// Hur protokollet justerades
        #[arg(
            long = "sätt",
            alias = "satt",
            value_enum,
            value_name = "SÄTT",
            help_heading = "Val"
        )]
        manner: MannerArg,
        /// Var det justerades, t.ex. Kommunhuset
        #[arg(long = "plats", value_name = "PLATS", help_heading = "Val")]
        place: Option<String>,
        /// Klockslaget, TT:MM
        #[arg(long = "tid", value_name = "TT:MM", value_parser = parse_clock_time, help_heading = "Val")]
        time: Option<crate::model::ClockTime>,
        /// Dagen anslaget sätts upp, ÅÅÅÅ-MM-DD
        #[arg(long = "anslag", value_name = "DATUM", help_heading = "Val")]
        posted: Option<chrono::NaiveDate>,
        /// Signaturfält i protokollet
        #[command(flatten)]
        signing: SigningArgs,
        /// Mapp, Typst-källa och mallar
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Publicera anslagstavlan: bygg det som är inaktuellt, skriv webbplatsen.
    ///
    /// Bygger först som `build --web` (byggcachen gör bara om det som
    /// ändrats), sedan webbplatsen under site/: anslagstavlan med varje
    /// justerat protokoll vars anslag är uppe dagen --idag (uppsatt den dagen
    /// eller tidigare, inte nedtaget), med sista dag att överklaga och en
    /// länk till webbversionen, kungörelserna och ett Atom-flöde; en sida om
    /// hur man överklagar (med förvaltningsrätten ur organ.yaml); arkivet
    /// med en sida per möte; en sida per diarienummer med varje § som
    /// behandlat ärendet; en sökning (sok.html) i mötenas paragrafer som
    /// känner igen svenska böjningsformer och fungerar på vilken webbserver
    /// som helst; beslut.csv med ett beslut per rad; manifest.json,
    /// manifest.csv och SHA256SUMS. Med --adress också öppna data i OParl
    /// 1.1 under oparl/ (OParl vill ha fullständiga adresser). Bara
    /// webbversioner publiceras: sekretess och `maskera` når ingen fil.
    /// Webbplatsen skrivs i en ny mapp och byts in när den är klar; ett möte
    /// med fel utelämnas och kommandot avslutas med kod 1.
    ///
    /// Exempel:
    ///   protokoll publish                                 varje möte under meetings/ → site/
    ///   protokoll publish --idag 2017-10-05 --out /tmp/site
    ///   protokoll publish --adress https://www.kommun.se/protokoll/
    #[command(verbatim_doc_comment, help_template = HELP_TEMPLATE, override_usage = "protokoll publish [VAL] [SÖKVÄGAR]...")]
    Publish {
        /// Mötesfiler eller mappar [standard: meetings/]
        #[arg(value_name = "SÖKVÄGAR", help_heading = "Argument")]
        paths: Vec<PathBuf>,
        /// Mapp för webbplatsen [standard: site/ bredvid output/]
        #[arg(long, value_name = "MAPP", help_heading = "Val")]
        out: Option<PathBuf>,
        /// Dagen anslagstavlan visar, ÅÅÅÅ-MM-DD [standard: i dag]
        #[arg(
            long = "idag",
            alias = "today",
            value_name = "DATUM",
            help_heading = "Val"
        )]
        today: Option<chrono::NaiveDate>,
        /// Webbplatsens adress, t.ex. https://www.kommun.se/protokoll/; ger OParl under oparl/
        #[arg(long = "adress", alias = "address", value_name = "URL", value_parser = parse_address, help_heading = "Val")]
        address: Option<String>,
        /// Bygget först
        #[command(flatten)]
        build: BuildFirstArgs,
    },
    /// Exportera paketet till diariet och e-arkivet: bygg det som är inaktuellt, packa.
    ///
    /// Bygger först som `build` (byggcachen gör bara om det som ändrats),
    /// sedan paketet i export/: en BagIt-påse (RFC 8493: bagit.txt,
    /// bag-info.txt, manifest-sha256.txt, tagmanifest-sha256.txt) vars
    /// innehåll är ett E-ARK CSIP-paket, grunden för Riksarkivets FGS
    /// Paketstruktur: METS.xml med storlek, datum och SHA-256 för varje fil,
    /// de justerade dokumenten (protokoll, kallelse, utdrag, anslagsbevis som
    /// PDF/A), mötes- och organfilerna de gjordes av och låsfilerna från
    /// justera. Bara justerade sammanträden kommer med. Samma filer och
    /// samma --idag ger samma bytes; paketet skrivs i en ny mapp och byts in
    /// när det är klart; ett möte med fel utelämnas och kommandot avslutas
    /// med kod 1.
    ///
    /// Exempel:
    ///   protokoll export                                  varje justerat möte under meetings/ → export/
    ///   protokoll export meetings/socialnamnden --out /tmp/paket --idag 2017-10-30
    ///   python3 -m bagit --validate export/               kontrollera påsen
    #[command(verbatim_doc_comment, help_template = HELP_TEMPLATE, override_usage = "protokoll export [VAL] [SÖKVÄGAR]...")]
    Export {
        /// Mötesfiler eller mappar [standard: meetings/]
        #[arg(value_name = "SÖKVÄGAR", help_heading = "Argument")]
        paths: Vec<PathBuf>,
        /// Mapp för paketet [standard: export/ bredvid output/]
        #[arg(long, value_name = "MAPP", help_heading = "Val")]
        out: Option<PathBuf>,
        /// Dagen paketet skapas, ÅÅÅÅ-MM-DD [standard: i dag]
        #[arg(
            long = "idag",
            alias = "today",
            value_name = "DATUM",
            help_heading = "Val"
        )]
        today: Option<chrono::NaiveDate>,
        /// Bygget först
        #[command(flatten)]
        build: BuildFirstArgs,
    },
    /// Granska mötes-, delegationsbesluts- och organfiler utan att bygga något.
    ///
    /// Skriver varje fel och varning med fil:rad:kolumn, raden och vad som ska
    /// stå i stället. Avslutar med 1 när det finns ett fel, 0 när det bara
    /// finns varningar (eller inget).
    ///
    /// Exempel:
    ///   protokoll check                                   varje fil under meetings/
    ///   protokoll check meetings/socsam/2021/2021-02-26.yaml
    ///   protokoll check --format json meetings/           ett JSON-objekt per rad
    #[command(verbatim_doc_comment, help_template = HELP_TEMPLATE, override_usage = "protokoll check [VAL] [SÖKVÄGAR]...")]
    Check {
        /// Mötesfiler, organfiler eller mappar [standard: meetings/]
        #[arg(value_name = "SÖKVÄGAR", help_heading = "Argument")]
        paths: Vec<PathBuf>,
        /// Hur fynden skrivs
        #[arg(long, value_enum, default_value_t = Format::Human, value_name = "FORM", help_heading = "Val")]
        format: Format,
    },
    /// Bygg, och bygg sedan om efter varje sparning, tills Ctrl-C.
    ///
    /// Bevakar organmapparna i SÖKVÄGAR och mallmappen. Efter varje sparning
    /// läses filerna om, granskas, och bara de dokument som ändringen rör sätts
    /// om, med sättningen varm mellan omgångarna; sedan skrivs fynden eller
    /// "klart på N ms". En sparning med fel lämnar de senaste felfria
    /// PDF:erna kvar.
    ///
    /// Exempel:
    ///   protokoll watch                                   varje möte under meetings/
    ///   protokoll watch meetings/socsam/2021/2021-02-26.yaml
    ///   protokoll watch --web meetings/socsam
    #[command(verbatim_doc_comment, help_template = HELP_TEMPLATE, override_usage = "protokoll watch [VAL] [SÖKVÄGAR]...")]
    Watch {
        /// Mötesfiler eller mappar [standard: meetings/]
        #[arg(value_name = "SÖKVÄGAR", help_heading = "Argument")]
        paths: Vec<PathBuf>,
        /// Också webbversionen
        #[arg(long, help_heading = "Val")]
        web: bool,
        /// Signaturfält i protokollen
        #[command(flatten)]
        signing: SigningArgs,
        /// Mapp, Typst-källa och mallar
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Kopiera de inbyggda mallarna till MAPP för att anpassa dem (kommunens egen layout).
    #[command(help_template = HELP_TEMPLATE, override_usage = "protokoll templates <MAPP>")]
    Templates {
        /// Vart de skrivs, t.ex. templates/
        #[arg(value_name = "MAPP", help_heading = "Argument")]
        dir: PathBuf,
    },
    /// Skriv JSON Schema för mötes-, organ- eller delegationsbeslutsfilerna, för redigerare.
    ///
    /// En YAML-fil vars första rad är
    ///   # yaml-language-server: $schema=../../../schema/meeting.schema.json
    /// får komplettering, svenska beskrivningar och understrukna fel i
    /// redigerare med en YAML-språkserver (VS Code, Neovim, Helix, Zed …).
    ///
    /// Exempel:
    ///   protokoll schema                  mötesfilens schema på standard ut
    ///   protokoll schema organ            schemat för organ.yaml
    ///   protokoll schema delegationsbeslut
    ///   protokoll schema --out schema/    skriv alla tre filerna i schema/
    #[command(verbatim_doc_comment, help_template = HELP_TEMPLATE, override_usage = "protokoll schema [VAL] [SLAG]")]
    Schema {
        /// Vilken fils schema
        #[arg(
            value_enum,
            default_value = "meeting",
            value_name = "SLAG",
            help_heading = "Argument"
        )]
        kind: SchemaKind,
        /// Skriv i stället varje schema (meeting, organ, delegationsbeslut .schema.json) i MAPP
        #[arg(
            long,
            value_name = "MAPP",
            conflicts_with = "kind",
            help_heading = "Val"
        )]
        out: Option<PathBuf>,
    },
}

/// How `check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Som rustc: fil:rad:kolumn, raden, en markering och tips.
    Human,
    /// Ett JSON-objekt per rad (JSON Lines), för redigerare och CI.
    Json,
}

/// Parses the command line; on a mistake, says so in Swedish (from clap's
/// error kind and context, not its English text) and gives the exit code.
pub fn parse_args() -> Result<Args, ExitCode> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let error = match Args::try_parse() {
        Ok(args) => return Ok(args),
        Err(error) => error,
    };
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = error.print();
        return Err(
            if error.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            },
        );
    }
    let text = |kind| match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(list)) => list.join(", "),
        _ => String::new(),
    };
    let strings = |kind| match error.get(kind) {
        Some(ContextValue::Strings(list)) => list.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    // clap's nearest command or option, as the one "menade du" hint.
    let suggestion = |kind| -> Vec<String> {
        strings(kind)
            .first()
            .map(|s| messages::did_you_mean(&format!("`{s}`")))
            .into_iter()
            .collect()
    };
    let report = messages::report::bad_command_line();
    let (message, mut hints) = match error.kind() {
        ErrorKind::InvalidSubcommand => (
            messages::report::unknown_command(&text(ContextKind::InvalidSubcommand)),
            suggestion(ContextKind::SuggestedSubcommand),
        ),
        ErrorKind::UnknownArgument => (
            messages::report::unknown_option(&text(ContextKind::InvalidArg)),
            suggestion(ContextKind::SuggestedArg),
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => (
            messages::report::invalid_value(
                &text(ContextKind::InvalidValue),
                &text(ContextKind::InvalidArg),
            ),
            {
                let valid = strings(ContextKind::ValidValue);
                if !valid.is_empty() {
                    vec![messages::report::possible_values(&valid)]
                } else if let Some(why) = std::error::Error::source(&error) {
                    // Our own value parsers say, in Swedish, what to write.
                    vec![why.to_string()]
                } else {
                    Vec::new()
                }
            },
        ),
        ErrorKind::MissingRequiredArgument => (
            messages::report::missing_argument(&text(ContextKind::InvalidArg)),
            Vec::new(),
        ),
        ErrorKind::MissingSubcommand => (messages::report::no_command(), Vec::new()),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => (
            messages::report::too_many_arguments(&text(ContextKind::InvalidValue)),
            Vec::new(),
        ),
        ErrorKind::ArgumentConflict => (
            messages::report::conflicting_arguments(&text(ContextKind::InvalidArg)),
            Vec::new(),
        ),
        _ => (report, Vec::new()),
    };
    hints.push(messages::report::try_help());
    eprintln!("fel: {message}");
    for hint in hints {
        eprintln!(" = tips: {hint}");
    }
    Err(ExitCode::from(2))
}

/// Runs the parsed command line and returns the process's exit code.
pub fn run(args: Args) -> ExitCode {
    let jobs = match &args.command {
        Command::Build { output, .. }
        | Command::Kallelse { output, .. }
        | Command::Utdrag { output, .. }
        | Command::Anslag { output, .. }
        | Command::Justera { output, .. }
        | Command::Watch { output, .. } => output.jobs,
        Command::Publish { build, .. } | Command::Export { build, .. } => build.jobs,
        Command::Check { .. }
        | Command::New { .. }
        | Command::Templates { .. }
        | Command::Schema { .. } => None,
    };
    build::use_threads(jobs);
    let result = match args.command {
        Command::Build {
            paths,
            web,
            signing,
            output,
        } => build::run(
            paths,
            Request::Applicable {
                web,
                signature_fields: signing.signature_fields,
            },
            output,
        ),
        Command::Kallelse {
            files,
            skicka: false,
            output,
            ..
        } => build::run(files, Request::Notice, output),
        Command::Kallelse {
            files,
            date,
            output,
            ..
        } => kallelse::send(
            files,
            date.unwrap_or_else(|| chrono::Local::now().date_naive()),
            output,
        ),
        Command::Utdrag {
            file,
            paragraphs,
            output,
        } => build::run(vec![file], Request::Extracts(paragraphs), output),
        Command::Anslag { files, output } => build::run(files, Request::PostingCertificate, output),
        Command::Publish {
            paths,
            out,
            today,
            address,
            build,
        } => publish::run(
            paths,
            out,
            today,
            address,
            build.signing.signature_fields,
            build.into(),
        ),
        Command::Export {
            paths,
            out,
            today,
            build,
        } => export::run(
            paths,
            out,
            today,
            build.signing.signature_fields,
            build.into(),
        ),
        Command::Watch {
            paths,
            web,
            signing,
            output,
        } => watch::run(
            paths,
            Request::Applicable {
                web,
                signature_fields: signing.signature_fields,
            },
            output,
        ),
        Command::Check { paths, format } => check::run(paths, format),
        Command::New { organ, date } => new::run(organ, date),
        Command::Justera {
            file,
            date,
            manner,
            place,
            time,
            posted,
            signing,
            output,
        } => {
            let justering = justera::Justering {
                date,
                manner: manner.into(),
                place,
                time,
                posted,
            };
            justera::run(file, justering, signing.signature_fields, output)
        }
        Command::Templates { dir } => copy_templates(&dir),
        Command::Schema { kind, out } => print_schema(kind, out.as_deref()),
    };
    match result {
        Ok(code) => code,
        Err(diagnostics) => {
            print_diagnostics(&diagnostics, None);
            ExitCode::FAILURE
        }
    }
}

/// Prints diagnostics with their source lines, taken from the project when
/// there is one (the text as it was checked), else from the disk.
fn print_diagnostics(diagnostics: &[Diagnostic], project: Option<&Project>) {
    print_diagnostics_of(diagnostics, |path| match project {
        Some(project) => project.text(path).map(str::to_owned),
        None => std::fs::read_to_string(path).ok(),
    });
}

/// Prints `diagnostics` with the source lines `text_of` gives.
fn print_diagnostics_of(diagnostics: &[Diagnostic], text_of: impl Fn(&Path) -> Option<String>) {
    if diagnostics.is_empty() {
        return;
    }
    eprint!("{}", diagnostic::render(diagnostics, text_of));
}

/// Why nothing could be loaded, said about the first path; a path that
/// does not exist gets the hint of what a project looks like.
fn load_failed(paths: &[PathBuf], error: &crate::project::ProjectError) -> Vec<Diagnostic> {
    use crate::project::{LoadError, ProjectError};
    let diagnostic = Diagnostic::error(&paths[0], None, error.to_string());
    match error {
        ProjectError::Walk(LoadError::Io { source, .. })
            if source.kind() == std::io::ErrorKind::NotFound =>
        {
            vec![diagnostic.with_hint(messages::report::outside_a_project_hint())]
        }
        _ => vec![diagnostic],
    }
}

/// An edit a command is about to write into a meeting file (`justera`'s
/// justering, `kallelse --skicka`'s date), refused with the errors `check`
/// would then report: the edited text is parsed and checked like the file,
/// against its organ and the organ's other meetings. Nothing is written
/// before this passes. The errors are printed here, with their lines from
/// the edited text they point into, not the file on disk.
fn refuse_errors_in_edit(
    folder: &crate::project::OrganFolder<crate::model::NumberedMeeting>,
    organ: &crate::model::Organ,
    file: &Path,
    first: crate::model::ParagraphNumber,
    edited: &str,
    rules: crate::validate::Rules,
) -> Result<(), Vec<Diagnostic>> {
    use crate::validate::{self, Subject};
    let refuse = |errors: Vec<Diagnostic>| {
        print_diagnostics_of(&errors, |path| (path == file).then(|| edited.to_owned()));
        fail(file, messages::report::edit_refused(errors.len()))
    };
    let meeting =
        crate::parse::parse_meeting(file, edited).map_err(|e| refuse(e.to_diagnostics()))?;
    let numbered = crate::model::NumberedMeeting { meeting, first };
    let summaries = folder.summaries();
    let subject = Subject {
        file,
        text: edited,
        organ,
        meeting: &numbered,
        organ_meetings: &summaries,
    };
    let refused: Vec<Diagnostic> = validate::validate_with(&subject, rules)
        .into_iter()
        .filter(|d| d.severity == diagnostic::Severity::Error)
        .collect();
    match refused.is_empty() {
        true => Ok(()),
        false => Err(refuse(refused)),
    }
}

/// A single error that is not about a line of a file.
fn fail(path: &Path, message: impl Into<String>) -> Vec<Diagnostic> {
    vec![Diagnostic::error(path, None, message)]
}

/// `--sätt`: how the protocol was justerat, as the command line spells it.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum MannerArg {
    /// Muntligen, på sammanträdet
    #[value(name = "muntligen")]
    Oral,
    /// Med digital signatur
    #[value(name = "digitalt")]
    Digital,
    /// Med underskrift på papper
    #[value(name = "på-papper", alias = "pa-papper")]
    Paper,
}

impl From<MannerArg> for crate::model::AdjustmentManner {
    fn from(manner: MannerArg) -> Self {
        match manner {
            MannerArg::Oral => Self::Oral,
            MannerArg::Digital => Self::Digital,
            MannerArg::Paper => Self::Paper,
        }
    }
}

/// `--tid`: a clock time as the meeting files write one.
fn parse_clock_time(text: &str) -> Result<crate::model::ClockTime, String> {
    crate::model::ClockTime::parse(text).ok_or_else(messages::report::clock_time_hint)
}

/// `--adress`: an http(s) URL, given its final `/` so paths join onto it.
fn parse_address(text: &str) -> Result<String, String> {
    let text = text.trim();
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .ok_or_else(messages::report::address_not_http)?;
    if rest.is_empty() || rest.starts_with('/') || rest.contains(char::is_whitespace) {
        return Err(messages::report::address_not_http());
    }
    Ok(if text.ends_with('/') {
        text.to_owned()
    } else {
        format!("{text}/")
    })
}

fn default_paths(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from("meetings")]
    } else {
        paths
    }
}

/// A bar of `len` jobs on a terminal, hidden elsewhere and for one job.
fn progress_bar(len: usize) -> ProgressBar {
    if len < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} dokument {wide_msg}") {
        bar.set_style(style);
    }
    bar
}

fn copy_templates(dir: &Path) -> Result<ExitCode, Vec<Diagnostic>> {
    for (name, text) in Templates::embedded().files() {
        let path = dir.join(name);
        if path.exists() {
            println!(
                "{}",
                messages::report::template_exists(&path.display().to_string())
            );
            continue;
        }
        output::write_atomic(&path, text.as_bytes()).map_err(|e| fail(&path, e.to_string()))?;
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn print_schema(kind: SchemaKind, out: Option<&Path>) -> Result<ExitCode, Vec<Diagnostic>> {
    let Some(dir) = out else {
        print!("{}", kind.to_json());
        return Ok(ExitCode::SUCCESS);
    };
    for kind in SchemaKind::ALL {
        let path = dir.join(kind.file_name());
        output::write_atomic(&path, kind.to_json().as_bytes())
            .map_err(|e| fail(&path, e.to_string()))?;
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
