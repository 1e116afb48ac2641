//! `foldline schema`: the JSON Schema editors use to check content as staff
//! type. It must accept every shipped content file and what `foldline new`
//! writes, and refuse the mistakes foldline itself refuses.

use crate::common;

use common::{run_ok, temp_dir};
use serde_json::Value;

fn schema() -> Value {
    let out = run_ok(&temp_dir("schema"), &["schema"]);
    serde_json::from_slice(&out.stdout).expect("foldline schema prints JSON")
}

/// The YAML file as the JSON value an editor's YAML support checks.
fn as_json(yaml: &str) -> Value {
    serde_yaml::from_str(yaml).expect("YAML parses")
}

/// The schema's complaints about `yaml`, as "path: message" lines.
fn errors(schema: &Value, yaml: &str) -> Vec<String> {
    let validator = jsonschema::validator_for(schema).expect("the schema is a valid JSON Schema");
    validator
        .iter_errors(&as_json(yaml))
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn repo(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

#[test]
fn the_shipped_schema_file_is_what_foldline_schema_prints() {
    let printed = run_ok(&temp_dir("schema-file"), &["schema"]).stdout;
    assert!(
        String::from_utf8(printed).unwrap() == repo("content/foldline.schema.json"),
        "content/foldline.schema.json is out of date: run `cargo run -- schema -o content/foldline.schema.json`"
    );
}

#[test]
fn the_shipped_content_files_are_valid_and_point_at_the_schema() {
    let schema = schema();
    for file in ["content/csec/en.yaml", "content/csec/es.yaml"] {
        let text = repo(file);
        assert_eq!(errors(&schema, &text), Vec::<String>::new(), "{file}");
        assert!(
            text.starts_with("# yaml-language-server: $schema=../foldline.schema.json\n"),
            "{file} does not name its schema on its first line"
        );
    }
}

#[test]
fn a_new_content_file_is_valid_and_comes_with_its_schema() {
    let dir = temp_dir("schema-new");
    run_ok(&dir, &["new", "campaign"]);
    let text = std::fs::read_to_string(dir.join("campaign.yaml")).unwrap();
    assert!(
        text.starts_with("# yaml-language-server: $schema=foldline.schema.json\n"),
        "{}",
        &text[..80]
    );
    let beside: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("foldline.schema.json")).unwrap())
            .unwrap();
    assert_eq!(beside, schema());
    assert_eq!(errors(&beside, &text), Vec::<String>::new());
}

#[test]
fn every_block_kind_is_offered_with_its_description() {
    let schema = schema();
    let kinds = &schema["$defs"]["Block"]["properties"];
    let starter = repo("src/content/starter.rs");
    for kind in [
        "paragraph",
        "subheading",
        "bullets",
        "grid",
        "highlights",
        "hotline",
        "hotlines",
        "callout",
        "citation",
        "chain",
        "steps",
        "credits",
        "cover",
        "qr",
        "image",
    ] {
        assert!(
            kinds[kind]["description"]
                .as_str()
                .is_some_and(|d| !d.is_empty()),
            "{kind} has no description in the schema"
        );
        assert!(
            starter.contains(&format!("- {kind}:")),
            "the starter guide misses {kind}"
        );
    }
    assert_eq!(kinds.as_object().unwrap().len(), 17, "{kinds}");
}

#[test]
fn typos_and_wrong_values_are_refused_where_they_are() {
    let schema = schema();
    let en = repo("content/csec/en.yaml");
    for (from, to, path) in [
        ("  language: en", "  langauge: en", "/meta"),
        ("- paragraph:", "- paragraf:", "/sections/"),
        (
            "marker: arrow",
            "marker: arrows",
            "/sections/identifying/blocks/0",
        ),
        ("columns: 2", "columns: two", "/sections/"),
        ("brochure:\n", "brochur:\n", ""),
        // Two kinds in one block item, and an item with none.
        (
            "Hotline***\"\n",
            "Hotline***\"\n        subheading: Call now\n",
            "/sections/how_to_report/blocks/0",
        ),
        (
            "      - paragraph: The commercial",
            "      - {}\n      - paragraph: The commercial",
            "/sections/what_is/blocks/0",
        ),
    ] {
        assert!(en.contains(from), "the test's {from:?} is not in en.yaml");
        let bad = en.replacen(from, to, 1);
        let found = errors(&schema, &bad);
        assert!(
            found.iter().any(|e| e.starts_with(path)),
            "{to:?} was not refused at {path}: {found:?}"
        );
        // foldline itself refuses the same file.
        let dir = temp_dir("schema-typo");
        std::fs::write(dir.join("bad.yaml"), &bad).unwrap();
        let out = common::foldline()
            .args(["brochure", "--content", "bad.yaml"])
            .current_dir(&dir)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{to:?}");
    }
}
