//! `foldline schema`: the content file's JSON Schema, generated from the
//! types in model.rs, so an editor with YAML support checks and completes
//! content as staff type. A copy is kept in `content/foldline.schema.json`
//! for the shipped content files; a test keeps it equal to this.

use super::model::Content;

/// The line that ties a YAML file to a schema file for yaml-language-server
/// (VS Code's YAML extension, Neovim, Helix, Zed, ...).
pub fn modeline(schema_path: &str) -> String {
    format!("# yaml-language-server: $schema={schema_path}\n")
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
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema is plain JSON");
    text.push('\n');
    text
}
