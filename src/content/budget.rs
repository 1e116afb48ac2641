//! Bounds on what reading a content file may cost.
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
}

/// Err with a message when `text`, aliases expanded, holds more than the
/// limits allow. Other problems are left to the real parse to report.
pub fn check(text: &str) -> Result<(), String> {
    let brackets = text.bytes().filter(|b| matches!(b, b'[' | b'{')).count();
    if brackets > MAX_BRACKETS {
        return Err(format!(
            "the file has {brackets} opening brackets ([ and {{); content needs a few dozen, and YAML this full of brackets is slow to read, so it is refused. Write lists as lines starting with `- `"
        ));
    }
    let count = Count::default();
    let walked = serde_yaml::Deserializer::from_str(text).deserialize_any(Walk(&count));
    if walked.is_err() && count.over.get() {
        return Err(format!(
            "the content expands to more than {MAX_VALUES} values or {} MB of text once its YAML aliases (*name) are filled in, far more than any print piece holds; remove the aliases (or whatever repeats them) and write the text out",
            MAX_TEXT_BYTES / (1024 * 1024)
        ));
    }
    Ok(())
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

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.add(0)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.add(0)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.add(0)
    }
    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        self.add(0)
    }
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        self.add(0)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.add(0)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.add(v.len())
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<(), E> {
        self.add(v.len())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.add(0)
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.add(0)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.add(0)?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.add(0)?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }
    /// A tagged value (`!name value`): the tag, then the value whatever its shape.
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        use serde::de::VariantAccess;
        let ((), variant) = data.variant_seed(self)?;
        variant.newtype_variant_seed(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_content_passes() {
        assert!(check(crate::content::load::EMBEDDED_EN).is_ok());
        assert!(check("a: &x [1, 2]\nb: *x\n").is_ok());
    }

    #[test]
    fn billion_laughs_is_refused() {
        let mut yaml = String::from("a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for i in 1..10 {
            let prev = format!("*a{}", i - 1);
            yaml.push_str(&format!("a{i}: &a{i} [{}]\n", vec![prev; 10].join(", ")));
        }
        let e = check(&yaml).unwrap_err();
        assert!(e.contains("aliases"), "{e}");
    }

    #[test]
    fn deep_brackets_are_refused_before_parsing() {
        let deep = format!("a: {}{}", "[".repeat(50_000), "]".repeat(50_000));
        let e = check(&deep).unwrap_err();
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
        assert!(check(&yaml).is_err());
    }
}
