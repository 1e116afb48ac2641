//! `foldline schema`: the content file's JSON Schema, generated from the
//! types in model.rs, so an editor with YAML support checks and completes
//! content as staff type. A copy is kept in `content/foldline.schema.json`
//! for the shipped content files; a test keeps it equal to this.

use super::model::Content;
use crate::error::{Error, Result};
use schemars::Schema;
use serde_json::{Map, Value};
use std::path::Path;

/// The line that ties a YAML file to a schema file for yaml-language-server
/// (VS Code's YAML extension, Neovim, Helix, Zed, ...).
pub fn modeline(schema_path: &str) -> String {
    format!("# yaml-language-server: $schema={schema_path}\n")
}

/// Writes the schema to `path`, which must be new or hold a JSON schema
/// already (an earlier one): `schema -o en.yaml` must not destroy content.
pub fn write(path: &Path) -> Result<()> {
    check_replaceable(path)?;
    crate::output::write_atomic(path, json().as_bytes())
}

/// Refuses a schema target that is not new and holds no schema.
pub fn check_replaceable(path: &Path) -> Result<()> {
    crate::output::check_target(path, &[])?;
    if path.exists() {
        let is_schema = crate::input::read_bounded(path, "file", super::load::MAX_BYTES)
            .ok()
            .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
            .is_some_and(|v| v.get("$schema").is_some());
        if !is_schema {
            return Err(Error::input(format!(
                "{} exists and is not a JSON schema; the schema is written only to a new file or over an earlier schema, so give another name",
                path.display()
            )));
        }
    }
    Ok(())
}

/// The schema as pretty-printed JSON, ending in a newline.
pub fn json() -> String {
    let mut schema = schemars::schema_for!(Content);
    schema.insert("title".into(), "foldline content file".into());
    schema.insert(
        "description".into(),
        "Text and layout of foldline's print pieces (brochure, poster, wallet card). Written by `foldline schema`; `foldline new` writes a starter file with a guide to every field."
            .into(),
    );
    let mut schema = serde_json::to_value(schema).expect("a schema is plain JSON");
    tidy(&mut schema);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema is plain JSON");
    text.push('\n');
    text
}

/// Readies the schema for editors: removes `"default": null` (on every
/// optional field), which says nothing and stops yaml-language-server 1.25
/// from completing block kinds, and joins the lines of a description that
/// a doc comment wrapped, which editors would show as paragraphs.
fn tidy(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.get("default") == Some(&Value::Null) {
                map.remove("default");
            }
            if let Some(Value::String(about)) = map.get_mut("description") {
                *about = about.replace('\n', " ");
            }
            map.values_mut().for_each(tidy);
        }
        Value::Array(items) => items.iter_mut().for_each(tidy),
        _ => {}
    }
}

/// Makes a block's `oneOf` of one-key objects (`{paragraph: ...}`,
/// `{bullets: ...}`, ...) one object whose keys are the block kinds, exactly
/// one present. It accepts the same files; editors complete all the kinds
/// and show each one's description (yaml-language-server offered only some
/// branches of the `oneOf`).
pub fn one_key_object(schema: &mut Schema) {
    let Some(Value::Array(branches)) = schema.remove("oneOf") else {
        return;
    };
    let mut kinds = Map::new();
    for branch in branches {
        let Some(Value::Object(properties)) = branch.get("properties") else {
            continue;
        };
        for (kind, mut value) in properties.clone() {
            if let (Some(about), Value::Object(v)) = (branch.get("description"), &mut value) {
                v.insert("description".into(), about.clone());
            }
            kinds.insert(kind, value);
        }
    }
    schema.insert("type".into(), "object".into());
    schema.insert("properties".into(), Value::Object(kinds));
    schema.insert("additionalProperties".into(), false.into());
    schema.insert("minProperties".into(), 1.into());
    schema.insert("maxProperties".into(), 1.into());
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_schema_has_nothing_that_trips_editors() {
        let text = super::json();
        assert!(!text.contains("\"default\": null"));
        let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
        let about = schema["$defs"]["Block"]["properties"]["hotlines"]["description"]
            .as_str()
            .unwrap();
        assert!(about.contains("fit, else"), "{about}");
    }
}
