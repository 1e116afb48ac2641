//! `{county}` and `{hotline}` in content text.

use crate::error::{Error, Result};

pub struct Vars {
    pub county: String,
    pub hotline: String,
}

impl Vars {
    const NAMES: [&'static str; 2] = ["county", "hotline"];

    fn get(&self, name: &str) -> Option<&str> {
        match name {
            "county" => Some(&self.county),
            "hotline" => Some(&self.hotline),
            _ => None,
        }
    }

    /// Replaces every `{name}` in `text`. An unknown name is an error that
    /// lists the known ones; a lone brace is kept as it is.
    pub fn fill(&self, text: &str) -> Result<String> {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some((before, name, after)) = next_placeholder(rest) {
            out.push_str(before);
            let value = self.get(name).ok_or_else(|| unknown(name))?;
            out.push_str(value);
            rest = after;
        }
        out.push_str(rest);
        Ok(out)
    }

    /// The first placeholder in `text` that is not known, as written: `{countie}`.
    pub fn first_unknown(&self, text: &str) -> Option<String> {
        let mut rest = text;
        while let Some((_, name, after)) = next_placeholder(rest) {
            if self.get(name).is_none() {
                return Some(format!("{{{name}}}"));
            }
            rest = after;
        }
        None
    }
}

fn unknown(name: &str) -> Error {
    let known = Vars::NAMES.map(|n| format!("{{{n}}}")).join(", ");
    let nearest = super::diagnose::nearest(name, Vars::NAMES)
        .map(|n| format!(" Did you mean {{{n}}}?"))
        .unwrap_or_default();
    Error::input(format!(
        "unknown placeholder {{{name}}}; the known placeholders are {known}.{nearest}"
    ))
}

/// The text before the next `{name}`, the name, and the text after it.
/// Braces around anything but a name (`{ b }`, a lone `{`) are plain text.
fn next_placeholder(text: &str) -> Option<(&str, &str, &str)> {
    let mut from = 0;
    while let Some(open) = text[from..].find('{').map(|i| from + i) {
        let after = &text[open + 1..];
        match after.find('}') {
            Some(close) if is_name(&after[..close]) => {
                return Some((&text[..open], &after[..close], &after[close + 1..]))
            }
            _ => from = open + 1,
        }
    }
    None
}

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars() -> Vars {
        Vars {
            county: "Monterey".into(),
            hotline: "831.755.4661".into(),
        }
    }

    #[test]
    fn fills_known_names_and_keeps_other_braces() {
        let v = vars();
        assert_eq!(
            v.fill("{county} County: {hotline}").unwrap(),
            "Monterey County: 831.755.4661"
        );
        assert_eq!(v.fill("a { b } {").unwrap(), "a { b } {");
    }

    #[test]
    fn unknown_name_lists_known_ones() {
        let e = vars().fill("the {countie} line").unwrap_err().to_string();
        assert!(
            e.contains("{countie}") && e.contains("{county}, {hotline}"),
            "{e}"
        );
        assert!(e.contains("Did you mean {county}?"), "{e}");
        assert_eq!(
            vars().first_unknown("{county} {x} {y}"),
            Some("{x}".to_string())
        );
    }
}
