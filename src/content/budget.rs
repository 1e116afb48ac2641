//! What reading a YAML file may cost, and what serde would drop silently:
//! one walk over the document before the real parse.
//!
//! Duplicate keys: yaml_serde keeps the last of two equal keys in a map
//! (two `sections:` entries of one name, a plan's hotline given twice), so
//! the walk refuses a key given twice, naming both lines.
//!
//! Nesting: libyaml's parser is quadratic in the depth of `[`/`{` nesting
//! (200 KB of brackets took 100 s), so a file with more brackets than any
//! content needs is refused before it is parsed.
//!
//! Expansion: YAML aliases (`*name`)
//! repeat what an anchor (`&name`) holds, so a 2 MB file can stand for
//! gigabytes ("billion laughs"). yaml_serde limits the number of alias
//! jumps, not what they expand to, so before the real parse a walk that
//! allocates nothing counts values and text bytes as aliases expand, and
//! stops at the first value over the limit.

use crate::error::{Diagnostic, Error, Kind};
use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Visitor};
use std::cell::Cell;
use std::fmt;

/// The CSEC content has about 600 values; a poster or card set a few
/// thousand. Far beyond anything a product can print, far below harm.
pub const MAX_VALUES: usize = 100_000;
/// Bytes of text once aliases are expanded (the file itself is at most 2 MB).
pub const MAX_TEXT_BYTES: usize = 4 * 1024 * 1024;

/// The CSEC content has 17 (colours, `{county}`); 4 000 nested parse in
/// a quarter of a second even in a debug build.
pub const MAX_BRACKETS: usize = 4_000;

#[derive(Default)]
struct Count {
    values: Cell<usize>,
    bytes: Cell<usize>,
    over: Cell<bool>,
    /// The first key found twice in one map.
    duplicate: std::cell::RefCell<Option<String>>,
}

/// Err with a message when `text`, aliases expanded, holds more than the
/// limits allow. Other problems are left to the real parse to report.
pub fn check(text: &str, name: &str) -> Result<(), Error> {
    let brackets = text.bytes().filter(|b| matches!(b, b'[' | b'{')).count();
    if brackets > MAX_BRACKETS {
        return Err(Error::input(format!(
            "{name}: the file has {brackets} opening brackets ([ and {{); content needs a few dozen, and YAML this full of brackets is slow to read, so it is refused. Write lists as lines starting with `- `"
        )));
    }
    let count = Count::default();
    let walked = serde_yaml::Deserializer::from_str(text).deserialize_any(Walk(&count));
    if walked.is_err() && count.over.get() {
        return Err(Error::input(format!(
            "{name}: the content expands to more than {MAX_VALUES} values or {} MB of text once its YAML aliases (*name) are filled in, far more than any print piece holds; remove the aliases (or whatever repeats them) and write the text out",
            MAX_TEXT_BYTES / (1024 * 1024)
        )));
    }
    if let (Err(e), Some(key)) = (&walked, count.duplicate.take()) {
        return Err(duplicate(text, name, &key, e.location()));
    }
    Ok(())
}

/// Both lines of a key given twice. yaml_serde places the error at the
/// start of the mapping; in a block mapping every key starts in that
/// column, so the first two lines from there that write the key in that
/// column (before a line indented less ends the mapping) are the two.
fn duplicate(text: &str, name: &str, key: &str, map: Option<serde_yaml::Location>) -> Error {
    let message = |lines: &str| format!("`{key}` is given twice in one place{lines}");
    let help = "YAML would keep only the second, so remove or rename one";
    let Some(map) = map else {
        return Diagnostic::new(name, text, None, message(""))
            .help(help)
            .into_error(Kind::Input);
    };
    let writes = |l: &str| {
        [key.to_string(), format!("\"{key}\""), format!("'{key}'")]
            .iter()
            .any(|k| {
                l.strip_prefix(k.as_str())
                    .is_some_and(|r| r.trim_start().starts_with(':'))
            })
    };
    let column = map.column().saturating_sub(1);
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate().skip(map.line().saturating_sub(1)) {
        let body = line.trim_start();
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let indent = line.len() - body.len();
        if i + 1 > map.line() && indent < column {
            break;
        }
        let at = line.get(column..).unwrap_or("");
        if writes(at.trim_start_matches("- ")) || (i + 1 == map.line() && writes(at)) {
            found.push(i + 1);
            if found.len() == 2 {
                break;
            }
        }
    }
    let d = match found[..] {
        [first, second] => Diagnostic::new(
            name,
            text,
            Some((second, column + 1)),
            message(&format!(" (lines {first} and {second})")),
        )
        .len(key.chars().count())
        .label(format!("given again; first on line {first}")),
        // A flow mapping ({a: 1, a: 2}): show where it starts.
        _ => Diagnostic::new(name, text, Some((map.line(), map.column())), message(""))
            .label("a key in here is given twice"),
    };
    d.help(help).into_error(Kind::Input)
}

#[derive(Clone, Copy)]
struct Walk<'a>(&'a Count);

impl Walk<'_> {
    fn add<E: de::Error>(self, bytes: usize) -> Result<(), E> {
        let c = self.0;
        c.values.set(c.values.get() + 1);
        c.bytes.set(c.bytes.get().saturating_add(bytes));
        if c.values.get() > MAX_VALUES || c.bytes.get() > MAX_TEXT_BYTES {
            c.over.set(true);
            return Err(E::custom("content too large"));
        }
        Ok(())
    }
}

/// What a walked value is, as a map key: a scalar's text, else None.
type Key = Option<String>;

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = Key;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Key, E> {
        self.add(0).map(|()| Some(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Key, E> {
        self.add(0).map(|()| Some(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Key, E> {
        self.add(0).map(|()| Some(v.to_string()))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Key, E> {
        self.add(0).map(|()| Some(v.to_string()))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Key, E> {
        self.add(0).map(|()| Some(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Key, E> {
        self.add(0).map(|()| Some(v.to_string()))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
        self.add(v.len()).map(|()| Some(v.to_string()))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Key, E> {
        self.add(v.len()).map(|()| None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Key, E> {
        self.add(0).map(|()| None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Key, E> {
        self.add(0).map(|()| None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Key, A::Error> {
        self.add(0)?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(None)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Key, A::Error> {
        self.add(0)?;
        let mut keys: Vec<String> = Vec::new();
        while let Some(key) = map.next_key_seed(self)? {
            if let Some(key) = key {
                if keys.contains(&key) {
                    *self.0.duplicate.borrow_mut() = Some(key);
                    return Err(de::Error::custom("duplicate key"));
                }
                keys.push(key);
            }
            map.next_value_seed(self)?;
        }
        Ok(None)
    }
    /// A tagged value (`!name value`): the tag, then the value whatever its shape.
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Key, A::Error> {
        use serde::de::VariantAccess;
        let (_, variant) = data.variant_seed(self)?;
        variant.newtype_variant_seed(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_content_passes() {
        assert!(check(crate::content::load::EMBEDDED_EN, "f.yaml").is_ok());
        assert!(check("a: &x [1, 2]\nb: *x\n", "f.yaml").is_ok());
    }

    #[test]
    fn billion_laughs_is_refused() {
        let mut yaml = String::from("a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for i in 1..10 {
            let prev = format!("*a{}", i - 1);
            yaml.push_str(&format!("a{i}: &a{i} [{}]\n", vec![prev; 10].join(", ")));
        }
        let e = check(&yaml, "f.yaml").unwrap_err().message;
        assert!(e.contains("aliases"), "{e}");
    }

    #[test]
    fn deep_brackets_are_refused_before_parsing() {
        let deep = format!("a: {}{}", "[".repeat(50_000), "]".repeat(50_000));
        let e = check(&deep, "f.yaml").unwrap_err().message;
        assert!(e.contains("50000 opening brackets"), "{e}");
    }

    #[test]
    fn one_long_text_repeated_by_aliases_is_refused() {
        // Few alias jumps (yaml_serde's own limit allows them), much text.
        let long = "x".repeat(100_000);
        let mut yaml = format!("t: &t \"{long}\"\nl:\n");
        for _ in 0..100 {
            yaml.push_str("  - *t\n");
        }
        assert!(check(&yaml, "f.yaml").is_err());
    }

    #[test]
    fn a_key_given_twice_is_refused_with_both_lines() {
        let yaml = "sections:\n  risk:\n    heading: A\n  signs:\n    heading: B\n  risk:\n    heading: C\n";
        let e = check(yaml, "f.yaml").unwrap_err().message;
        assert!(
            e.starts_with("f.yaml:6:3: `risk` is given twice") && e.contains("lines 2 and 6"),
            "{e}"
        );
        // The same key in two different maps is no duplicate.
        assert!(check("a:\n  x: 1\nb:\n  x: 2\n", "f.yaml").is_ok());
        let e = check("hotlines:\n  Yolo: 1\n  Placer: 2\n  Yolo: 3\n", "f.yaml")
            .unwrap_err()
            .message;
        assert!(e.contains("lines 2 and 4"), "{e}");
        let e = check("m: {a: 1, a: 2}\n", "f.yaml").unwrap_err().message;
        assert!(e.contains("`a` is given twice"), "{e}");
    }
}
