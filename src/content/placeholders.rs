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
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) if is_name(&after[..close]) => {
                    let name = &after[..close];
                    let value = self.get(name).ok_or_else(|| {
                        Error::input(format!(
                            "unknown placeholder {{{name}}} in \"{text}\"; the known placeholders are {}",
                            Self::NAMES.map(|n| format!("{{{n}}}")).join(", ")
                        ))
                    })?;
                    out.push_str(value);
                    rest = &after[close + 1..];
                }
                _ => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        Ok(out)
    }
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
    }
}
