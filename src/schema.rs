//! JSON Schemas (draft 2020-12) of the meeting, organ and delegationsbeslut
//! files, generated from the [`model`](crate::model) types, for editors: a
//! file that starts with `# yaml-language-server: $schema=…` gets completion,
//! Swedish hover texts and underlined mistakes while the secretary types.
//!
//! The committed copies in `schema/` are this module's output
//! (`protokoll schema --out schema`); a test keeps them from going stale.
//!
//! Every subschema is inlined (no `$ref`): editors then need no reference
//! resolution, and each key shows its own description.

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};
use serde_json::Value;

use crate::model::{DelegationDecision, Meeting, Organ};

/// The kinds of file the schemas describe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaKind {
    /// A meeting file, `meetings/<organ>/<år>/<datum>.yaml`.
    Meeting,
    /// An organ's `organ.yaml`.
    Organ,
    /// A delegationsbeslut,
    /// `meetings/<organ>/delegationsbeslut/<år>/<datum>-<namn>.yaml`.
    #[value(name = "delegationsbeslut")]
    Delegation,
}

impl SchemaKind {
    /// Every kind, meeting first.
    pub const ALL: [SchemaKind; 3] = [
        SchemaKind::Meeting,
        SchemaKind::Organ,
        SchemaKind::Delegation,
    ];

    /// The schema's file name in `schema/`: `meeting.schema.json`,
    /// `organ.schema.json`, `delegationsbeslut.schema.json`.
    pub fn file_name(self) -> &'static str {
        match self {
            SchemaKind::Meeting => "meeting.schema.json",
            SchemaKind::Organ => "organ.schema.json",
            SchemaKind::Delegation => "delegationsbeslut.schema.json",
        }
    }

    /// The schema as a JSON value.
    pub fn schema(self) -> Value {
        match self {
            SchemaKind::Meeting => root::<Meeting>(
                "urn:protokoll:schema:meeting",
                "Sammanträde (protokoll)",
                "Ett sammanträde: filen meetings/<organ>/<år>/<datum>.yaml. \
                 Av den blir protokollet. Se FORMAT.md.",
            ),
            SchemaKind::Organ => root::<Organ>(
                "urn:protokoll:schema:organ",
                "Organ (organ.yaml)",
                "Inställningar för ett organ (nämnd, styrelse, samrådsgrupp …): \
                 filen meetings/<organ>/organ.yaml. Se FORMAT.md.",
            ),
            SchemaKind::Delegation => root::<DelegationDecision>(
                "urn:protokoll:schema:delegationsbeslut",
                "Delegationsbeslut",
                "Ett beslut som en tjänsteperson fattat på delegation och som anmäls \
                 till organet: filen meetings/<organ>/delegationsbeslut/<år>/<datum>-<namn>.yaml. \
                 Se FORMAT.md.",
            ),
        }
    }

    /// The schema as pretty-printed JSON with a final newline: the exact
    /// contents of the committed file.
    pub fn to_json(self) -> String {
        let mut text = serde_json::to_string_pretty(&self.schema())
            .unwrap_or_else(|e| unreachable!("a JSON value always serializes: {e}"));
        text.push('\n');
        text
    }
}

fn root<T: JsonSchema>(id: &str, title: &str, description: &str) -> Value {
    let generator = SchemaSettings::draft2020_12()
        .with(|settings| settings.inline_subschemas = true)
        .into_generator();
    let mut schema: Schema = generator.into_root_schema_for::<T>();
    schema.insert("$id".into(), id.into());
    schema.insert("title".into(), title.into());
    schema.insert("description".into(), description.into());
    let mut value = schema.to_value();
    drop_empty_defaults(&mut value);
    sort_keys(&mut value);
    value
}

/// Drops the defaults `null` and `[]` that schemars records for optional keys:
/// an editor would otherwise complete `parti: null`.
fn drop_empty_defaults(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            let empty = |v: &Value| v.is_null() || v.as_array().is_some_and(Vec::is_empty);
            if map.get("default").is_some_and(empty) {
                map.remove("default");
            }
            for (keyword, child) in map.iter_mut() {
                match (keyword.as_str(), child) {
                    // Maps from a key of the format (which could be called
                    // "default") to its subschema.
                    ("properties" | "$defs", Value::Object(subschemas)) => {
                        subschemas.values_mut().for_each(drop_empty_defaults);
                    }
                    // Values, not subschemas.
                    ("default" | "const" | "enum" | "examples", _) => {}
                    (_, child) => drop_empty_defaults(child),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(drop_empty_defaults),
        _ => {}
    }
}

/// Sorts every object's keys, so that the output is the same whether or not
/// some dependency turns on serde_json's `preserve_order`.
fn sort_keys(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.sort_keys();
            map.values_mut().for_each(sort_keys);
        }
        Value::Array(items) => items.iter_mut().for_each(sort_keys),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeting_schema_is_draft_2020_12_and_closed() {
        let schema = SchemaKind::Meeting.schema();
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert_eq!(schema["additionalProperties"], false);
        assert_eq!(schema["properties"]["datum"]["format"], "date");
        let required = schema["required"].as_array().expect("required keys");
        assert!(required.contains(&"datum".into()) && required.contains(&"tid".into()));
    }

    #[test]
    fn delegation_schema_requires_the_decision_and_its_maker() {
        let schema = SchemaKind::Delegation.schema();
        assert_eq!(schema["$id"], "urn:protokoll:schema:delegationsbeslut");
        assert_eq!(schema["additionalProperties"], false);
        let required = schema["required"].as_array().expect("required keys");
        for key in [
            "datum",
            "diarienummer",
            "beslut",
            "beslutsfattare",
            "anmäls_till",
        ] {
            assert!(required.contains(&key.into()), "{key} is required");
        }
        assert_eq!(schema["properties"]["anmäls_vid"]["format"], "date");
        let officer = &schema["properties"]["handläggare"];
        assert!(officer.to_string().contains("e-post"), "{officer}");
    }

    #[test]
    fn output_has_no_references() {
        for kind in SchemaKind::ALL {
            assert!(!kind.to_json().contains("$ref"), "{kind:?}");
        }
    }
}
