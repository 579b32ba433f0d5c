//! The JSON Schemas editors use (`protokoll schema`, committed in `schema/`):
//! they match the generator, accept every file protokoll accepts, reject the
//! usual mistakes, and describe every key in Swedish.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support;

/// The schemas: (`protokoll schema` argument, committed file).
const KINDS: [(&str, &str); 3] = [
    ("meeting", "meeting.schema.json"),
    ("organ", "organ.schema.json"),
    ("delegationsbeslut", "delegationsbeslut.schema.json"),
];

fn committed(file: &str) -> String {
    support::read(&support::manifest_dir().join("schema").join(file))
}

fn schema(file: &str) -> Value {
    serde_json::from_str(&committed(file)).unwrap_or_else(|e| panic!("schema/{file}: {e}"))
}

fn validator(file: &str) -> jsonschema::Validator {
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema(file))
        .unwrap_or_else(|e| panic!("schema/{file} is not a valid draft 2020-12 schema: {e}"))
}

/// A YAML file as the JSON value an editor validates: YAML 1.2, where only
/// `true` and `false` are booleans (`parti: NO` is text).
fn yaml_to_json(text: &str) -> Value {
    let options = serde_saphyr::options! { strict_booleans: true };
    serde_saphyr::from_str_with_options(text, options)
        .unwrap_or_else(|e| panic!("not YAML: {e}\n{text}"))
}

/// The schema's complaints about `text`, as "path: message" lines.
fn schema_errors(validator: &jsonschema::Validator, text: &str) -> Vec<String> {
    let instance = yaml_to_json(text);
    validator
        .iter_errors(&instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn is_organ_file(path: &Path) -> bool {
    path.file_name().is_some_and(|name| name == "organ.yaml")
}

/// Files below a `delegationsbeslut` folder are delegationsbeslut.
fn is_delegation_file(path: &Path) -> bool {
    path.parent().is_some_and(|dir| {
        dir.components()
            .any(|c| c.as_os_str() == "delegationsbeslut")
    })
}

/// The entry of [`KINDS`] that describes `path`.
fn kind_of(path: &Path) -> (&'static str, &'static str) {
    if is_organ_file(path) {
        KINDS[1]
    } else if is_delegation_file(path) {
        KINDS[2]
    } else {
        KINDS[0]
    }
}

/// Every `.yaml` file below `dir`.
fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    support::files_below(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect()
}

/// Whether protokoll itself reads `path` without error.
fn protokoll_accepts(path: &Path, text: &str) -> bool {
    if is_organ_file(path) {
        protokoll::parse::parse_organ(path, text).is_ok()
    } else if is_delegation_file(path) {
        protokoll::parse::parse_delegation(path, text).is_ok()
    } else {
        protokoll::parse::parse_meeting(path, text).is_ok()
    }
}

#[test]
fn schema_command_prints_the_committed_schemas() {
    for (kind, file) in KINDS {
        let output = support::run(["schema", kind], None);
        assert!(output.status.success(), "{}", support::describe(&output));
        assert!(
            String::from_utf8_lossy(&output.stdout) == committed(file),
            "schema/{file} is stale: run `cargo run -- schema --out schema`"
        );
    }
    let output = support::run(["schema"], None);
    assert!(output.status.success(), "{}", support::describe(&output));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        committed("meeting.schema.json"),
        "`protokoll schema` prints the meeting schema"
    );
}

#[test]
fn schema_out_writes_every_file() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = dir.path().join("schema");
    let output = support::run(["schema".as_ref(), "--out".as_ref(), out.as_os_str()], None);
    assert!(output.status.success(), "{}", support::describe(&output));
    for (_, file) in KINDS {
        assert!(
            support::read(&out.join(file)) == committed(file),
            "--out wrote a {file} that differs from schema/{file}"
        );
    }
}

#[test]
fn schemas_are_draft_2020_12_and_closed() {
    for (_, file) in KINDS {
        let schema = schema(file);
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{file}"
        );
        assert!(schema["$id"].is_string(), "{file} has an $id");
        assert!(schema["title"].is_string(), "{file} has a title");
        // deny_unknown_fields: every object in the format is closed.
        visit_objects(&schema, &mut |path, object| {
            assert_eq!(
                object.get("additionalProperties"),
                Some(&Value::Bool(false)),
                "{file}: object at {path} accepts unknown keys"
            );
        });
    }
}

/// Calls `f` with every subschema that has `properties`, and its path.
fn visit_objects(schema: &Value, f: &mut dyn FnMut(&str, &serde_json::Map<String, Value>)) {
    fn walk(value: &Value, path: &str, f: &mut dyn FnMut(&str, &serde_json::Map<String, Value>)) {
        match value {
            Value::Object(map) => {
                if map.contains_key("properties") {
                    f(path, map);
                }
                for (key, child) in map {
                    walk(child, &format!("{path}/{key}"), f);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    walk(child, &format!("{path}/{i}"), f);
                }
            }
            _ => {}
        }
    }
    walk(schema, "#", f);
}

#[test]
fn every_key_has_a_swedish_description() {
    // Words of the English doc comments that must not leak into what a
    // secretary sees.
    const ENGLISH: [&str; 8] = ["the", "of", "and", "when", "who", "which", "is", "from"];
    for (_, file) in KINDS {
        let mut keys = 0;
        visit_objects(&schema(file), &mut |path, object| {
            let properties = object["properties"].as_object().expect("properties map");
            for (key, property) in properties {
                keys += 1;
                let description = property["description"].as_str().unwrap_or("");
                assert!(
                    !description.trim().is_empty(),
                    "{file}: `{key}` at {path} has no description"
                );
                let english = description
                    .split(|c: char| !c.is_alphabetic())
                    .find(|word| ENGLISH.contains(&word.to_lowercase().as_str()));
                assert!(
                    english.is_none(),
                    "{file}: `{key}` at {path} is described in English: {description}"
                );
            }
        });
        assert!(keys > 10, "{file}: only {keys} keys found");
    }
}

#[test]
fn bundled_examples_name_the_schema_and_validate() {
    let meetings = support::manifest_dir().join("meetings");
    let files = yaml_files(&meetings);
    assert!(files.len() >= 7, "bundled examples: {files:?}");
    for (kind, _) in KINDS {
        assert!(
            files.iter().any(|path| kind_of(path).0 == kind),
            "no bundled example of a {kind} file"
        );
    }
    for path in files {
        let (kind, file) = kind_of(&path);
        let text = support::read(&path);
        let first = text.lines().next().unwrap_or("");
        let relative = first
            .strip_prefix("# yaml-language-server: $schema=")
            .unwrap_or_else(|| {
                panic!(
                    "{} does not start with `# yaml-language-server: $schema=…`",
                    path.display()
                )
            });
        let named = path.parent().expect("folder").join(relative);
        let expected = support::manifest_dir().join("schema").join(file);
        assert_eq!(
            named.canonicalize().ok(),
            expected.canonicalize().ok(),
            "{}: the {kind} schema is {relative}?",
            path.display()
        );
        let errors = schema_errors(&validator(file), &text);
        assert!(
            errors.is_empty(),
            "{} fails schema/{file}:\n{}",
            path.display(),
            errors.join("\n")
        );
    }
}

#[test]
fn every_file_protokoll_reads_validates() {
    let validators: Vec<_> = KINDS.iter().map(|(_, file)| validator(file)).collect();
    let root = support::manifest_dir();
    let mut checked = 0;
    for path in [root.join("meetings"), root.join("tests").join("fixtures")]
        .iter()
        .flat_map(|dir| yaml_files(dir))
    {
        let text = support::read(&path);
        // A fixture meant to fail parsing (unknown-key …) is not meant to
        // validate either; the mistakes below are checked one by one.
        if !protokoll_accepts(&path, &text) {
            continue;
        }
        let kind = KINDS
            .iter()
            .position(|&k| k == kind_of(&path))
            .expect("a kind");
        let errors = schema_errors(&validators[kind], &text);
        assert!(
            errors.is_empty(),
            "protokoll reads {} but the schema rejects it:\n{}",
            path.display(),
            errors.join("\n")
        );
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} files checked");
}

const MINIMAL: &str = "\
datum: 2021-02-26
tid: \"09:00–12:00\"
plats: Teams
beslutande:
  - namn: Anna Andersson
    paragrafer: 1-2
  - namn: Bertil Berg
    paragrafer: 2
ordförande: Anna Andersson
sekreterare: Cecilia Ceder
paragrafer:
  - rubrik: Mötet öppnas
    sekretess: 26 kap. 1 § OSL
  - rubrik: Mötet avslutas
    sekretess: false
";

#[test]
fn the_schema_agrees_with_protokoll_on_mistakes() {
    let validator = validator("meeting.schema.json");
    assert!(protokoll_accepts(Path::new("m.yaml"), MINIMAL));
    assert_eq!(schema_errors(&validator, MINIMAL), Vec::<String>::new());

    let unknown_key = MINIMAL.replace("    sekretess: false", "    foredragande: Anna Andersson");
    let date_in_words = MINIMAL.replace("datum: 2021-02-26", "datum: 26 februari");
    let impossible_date = MINIMAL.replace("2021-02-26", "2021-02-30");
    let time_in_words = MINIMAL.replace("\"09:00–12:00\"", "nio till tolv");
    let unknown_top_key = format!("{MINIMAL}protokollförare: Cecilia Ceder\n");
    let bad_paragraphs = MINIMAL.replace("paragrafer: 1-2", "paragrafer: första");
    let missing_chair = MINIMAL.replace("ordförande: Anna Andersson\n", "");
    let bad_manner = format!("{MINIMAL}justering:\n  datum: 2021-03-01\n  sätt: mejl\n");
    let cases = [
        (&unknown_key, "/paragrafer/1"),
        (&date_in_words, "/datum"),
        (&impossible_date, "/datum"),
        (&time_in_words, "/tid"),
        (&unknown_top_key, ""),
        (&bad_paragraphs, "/beslutande/0/paragrafer"),
        (&missing_chair, ""),
        (&bad_manner, "/justering/sätt"),
    ];
    for (text, at) in cases {
        assert!(
            !protokoll_accepts(Path::new("m.yaml"), text),
            "protokoll accepts\n{text}"
        );
        let errors = schema_errors(&validator, text);
        assert!(!errors.is_empty(), "the schema accepts\n{text}");
        assert!(
            errors.iter().any(|e| e.starts_with(&format!("{at}: "))),
            "expected an error at `{at}`, got {errors:?}\n{text}"
        );
    }
}

#[test]
fn the_delegation_schema_agrees_with_protokoll_on_mistakes() {
    let validator = validator("delegationsbeslut.schema.json");
    let path = support::example(
        "regionala-utvecklingsnamnden/delegationsbeslut/2019/2019-12-19-RUN-574-2019.yaml",
    );
    let example = support::read(&path);
    assert!(protokoll_accepts(&path, &example));

    let misspelt_maker = example.replace("beslutsfattare:", "beslutfattare:");
    let misspelt_email = example.replace("  e-post:", "  epost:");
    let date_in_words = example.replace("datum: 2019-12-19", "datum: 19 december 2019");
    let missing_report = example.replace("anmäls_till: regionala utvecklingsnämnden\n", "");
    let maker_as_text = example.replace(
        "beslutsfattare:\n  namn: Anders Byström\n  titel: Regional utvecklingsdirektör",
        "beslutsfattare: Anders Byström, Regional utvecklingsdirektör",
    );
    let cases = [
        (&misspelt_maker, ""),
        (&misspelt_email, "/handläggare"),
        (&date_in_words, "/datum"),
        (&missing_report, ""),
        (&maker_as_text, "/beslutsfattare"),
    ];
    for (text, at) in cases {
        assert_ne!(text, &example, "the mistake was not made");
        assert!(!protokoll_accepts(&path, text), "protokoll accepts\n{text}");
        let errors = schema_errors(&validator, text);
        assert!(
            errors.iter().any(|e| e.starts_with(&format!("{at}: "))),
            "expected an error at `{at}`, got {errors:?}\n{text}"
        );
    }
}

#[test]
fn the_unknown_key_fixture_fails_the_schema() {
    let path = support::fixture("unknown-key").join("meetings/provnamnd/2021/2021-01-01.yaml");
    let errors = schema_errors(&validator("meeting.schema.json"), &support::read(&path));
    assert!(
        errors.iter().any(|e| e.contains("foredragande")),
        "{errors:?}"
    );
}
