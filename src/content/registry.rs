//! The county registry (content/counties.yaml, embedded): every California
//! county with its child welfare hotline and where that number comes from.
//! foldline prints a county's number only from here or from the user.

use super::hotline;
use crate::error::{Error, Result};
use serde::Deserialize;
use std::sync::OnceLock;

pub const EMBEDDED: &str = include_str!("../../content/counties.yaml");
pub const EMBEDDED_NAME: &str = "content/counties.yaml (built in)";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registry {
    pub counties: Vec<County>,
    #[serde(default)]
    pub national: Vec<National>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Every page read agrees on the number.
    Sourced,
    /// Another page gives a different number: a person must choose.
    Conflicting,
    /// No page read gives a number.
    Missing,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Sourced => "sourced",
            Status::Conflicting => "conflicting",
            Status::Missing => "missing",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct County {
    pub name: String,
    pub status: Status,
    pub number: Option<String>,
    #[serde(default)]
    pub alt: Option<String>,
    #[serde(default)]
    pub alt_source: Option<String>,
    #[serde(default)]
    pub alt_quote: Option<String>,
    #[serde(default)]
    pub other: Vec<OtherNumber>,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub source_date: Option<String>,
    #[serde(default)]
    pub quote: Option<String>,
    #[serde(default)]
    pub quote_after_hours: Option<String>,
    #[serde(default)]
    pub corroborated_by: Vec<String>,
    #[serde(default)]
    pub conflicts: Vec<Conflict>,
    #[serde(default)]
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OtherNumber {
    pub number: String,
    pub what: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    pub number: String,
    pub source: String,
    pub source_date: Option<String>,
    pub quote: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct National {
    pub name: String,
    pub number: String,
    pub text: Option<String>,
    pub source: String,
    pub source_date: Option<String>,
}

impl County {
    /// The number in house style, if the registry has one.
    pub fn house_number(&self) -> Option<String> {
        self.number
            .as_deref()
            .and_then(|n| hotline::normalize(n).ok())
    }

    /// Every number the county's own source gives (main, alternative,
    /// other lines) in house style; not the disputed ones.
    pub fn sourced_numbers(&self) -> Vec<String> {
        self.number
            .iter()
            .chain(&self.alt)
            .chain(self.other.iter().map(|o| &o.number))
            .filter_map(|n| hotline::normalize(n).ok())
            .collect()
    }

    /// File and folder name: lower case, words joined by '-'.
    pub fn slug(&self) -> String {
        slug(&self.name)
    }

    /// The conflicting numbers and where they come from, for messages.
    pub fn conflict_summary(&self) -> String {
        let own = match (&self.number, &self.source) {
            (Some(n), Some(s)) => Some(format!("{} ({s})", house(n))),
            _ => None,
        };
        own.into_iter()
            .chain(self.other_pages())
            .collect::<Vec<_>>()
            .join(" vs ")
    }

    /// The numbers other pages give, each with its page: "1.888.886.5401
    /// (https://...)".
    pub fn other_pages(&self) -> impl Iterator<Item = String> + '_ {
        self.conflicts
            .iter()
            .map(|c| format!("{} ({})", house(&c.number), c.source))
    }
}

fn house(n: &str) -> String {
    hotline::normalize(n).unwrap_or_else(|_| n.to_string())
}

/// Lower case, runs of anything but letters and digits as one '-'.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The key a name is looked up by: "San Luis Obispo", "san-luis-obispo"
/// and "San Luis Obispo County" all give "san-luis-obispo".
fn key(name: &str) -> String {
    let s = slug(name);
    s.strip_suffix("-county").unwrap_or(&s).to_string()
}

impl Registry {
    /// Parses and checks registry text; every fault names the county.
    pub fn parse(text: &str, name: &str) -> Result<Registry> {
        let registry: Registry = super::load::parse_yaml(text, name)?;
        registry.check(name)?;
        Ok(registry)
    }

    /// The registry built into the binary.
    pub fn embedded() -> Result<&'static Registry> {
        static R: OnceLock<std::result::Result<Registry, String>> = OnceLock::new();
        R.get_or_init(|| Registry::parse(EMBEDDED, EMBEDDED_NAME).map_err(|e| e.message))
            .as_ref()
            .map_err(|m| Error::input(m.clone()))
    }

    /// The county called `name` in the built-in registry, found as
    /// [`Registry::find`] does. Only that county's entry is parsed: reading
    /// all 58 cost a one-brochure run about 15 % of its time. The whole
    /// file is parsed and checked by the tests and by every command that
    /// lists counties; an unknown name falls back to it for the suggestion.
    pub fn embedded_county(name: &str) -> Result<County> {
        let k = key(name);
        match entries(EMBEDDED).find(|e| !k.is_empty() && key(entry_name(e)) == k) {
            Some(text) => {
                let registry = Registry {
                    counties: super::load::parse_yaml(text, EMBEDDED_NAME)?,
                    national: Vec::new(),
                };
                registry.check(EMBEDDED_NAME)?;
                Ok(registry.counties.into_iter().next().expect("one entry"))
            }
            None => Registry::embedded()?.find(name).cloned(),
        }
    }

    fn check(&self, name: &str) -> Result<()> {
        let fail = |county: &str, why: &str| Err(Error::input(format!("{name}: {county}: {why}")));
        let mut keys = std::collections::BTreeSet::new();
        for c in &self.counties {
            if !keys.insert(key(&c.name)) {
                return fail(&c.name, "the county is listed twice");
            }
            let numbers = c
                .number
                .iter()
                .chain(&c.alt)
                .chain(c.other.iter().map(|o| &o.number))
                .chain(c.conflicts.iter().map(|o| &o.number));
            for n in numbers {
                if let Err(e) = hotline::normalize(n) {
                    return fail(&c.name, &e.message);
                }
            }
            match c.status {
                Status::Missing if c.number.is_some() => {
                    return fail(&c.name, "status is missing but a number is given")
                }
                Status::Missing => {}
                _ if c.number.is_none() || c.source.is_none() || c.quote.is_none() => {
                    return fail(
                        &c.name,
                        "a county with a number needs its source and a quote from it",
                    )
                }
                Status::Conflicting if c.conflicts.is_empty() => {
                    return fail(&c.name, "status is conflicting but no conflicts are listed")
                }
                Status::Sourced if !c.conflicts.is_empty() => {
                    return fail(
                        &c.name,
                        "conflicts are listed, so the status must be conflicting",
                    )
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The county called `name` (any case; spaces or hyphens; "County" at
    /// the end optional). An unknown name is an error naming the nearest one.
    pub fn find(&self, name: &str) -> Result<&County> {
        let k = key(name);
        if k.is_empty() {
            return Err(Error::input(
                "the county name is empty; give a county name such as Placer (`foldline counties` lists them)",
            ));
        }
        if let Some(c) = self.counties.iter().find(|c| key(&c.name) == k) {
            return Ok(c);
        }
        let nearest = self
            .counties
            .iter()
            .map(|c| (strsim::jaro_winkler(&k, &key(&c.name)), c))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, c)| c.name.as_str())
            .unwrap_or("Placer");
        Err(Error::input(format!(
            "unknown county \"{name}\"; did you mean {nearest}? `foldline counties` lists the {} counties foldline knows",
            self.counties.len()
        )))
    }
}

const ENTRY: &str = "  - name: ";

/// The text of each county entry in registry text, from its `  - name:`
/// line to the next one or to the top-level key after the list.
fn entries(text: &str) -> impl Iterator<Item = &str> {
    let list = text
        .split_once("\ncounties:\n")
        .map_or("", |(_, rest)| rest);
    let end = list
        .match_indices('\n')
        .map(|(i, _)| i + 1)
        .find(|&i| list[i..].starts_with(|c: char| c.is_ascii_alphabetic()))
        .unwrap_or(list.len());
    let list = &list[..end];
    let starts: Vec<usize> = list
        .match_indices(ENTRY)
        .map(|(i, _)| i)
        .filter(|&i| i == 0 || list.as_bytes()[i - 1] == b'\n')
        .collect();
    (0..starts.len()).map(move |n| &list[starts[n]..*starts.get(n + 1).unwrap_or(&list.len())])
}

/// The county name on an entry's first line.
fn entry_name(entry: &str) -> &str {
    let line = entry[ENTRY.len()..].lines().next().unwrap_or("");
    line.trim().trim_matches('"')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// California's 58 counties (State of California list).
    const CALIFORNIA: [&str; 58] = [
        "Alameda",
        "Alpine",
        "Amador",
        "Butte",
        "Calaveras",
        "Colusa",
        "Contra Costa",
        "Del Norte",
        "El Dorado",
        "Fresno",
        "Glenn",
        "Humboldt",
        "Imperial",
        "Inyo",
        "Kern",
        "Kings",
        "Lake",
        "Lassen",
        "Los Angeles",
        "Madera",
        "Marin",
        "Mariposa",
        "Mendocino",
        "Merced",
        "Modoc",
        "Mono",
        "Monterey",
        "Napa",
        "Nevada",
        "Orange",
        "Placer",
        "Plumas",
        "Riverside",
        "Sacramento",
        "San Benito",
        "San Bernardino",
        "San Diego",
        "San Francisco",
        "San Joaquin",
        "San Luis Obispo",
        "San Mateo",
        "Santa Barbara",
        "Santa Clara",
        "Santa Cruz",
        "Shasta",
        "Sierra",
        "Siskiyou",
        "Solano",
        "Sonoma",
        "Stanislaus",
        "Sutter",
        "Tehama",
        "Trinity",
        "Tulare",
        "Tuolumne",
        "Ventura",
        "Yolo",
        "Yuba",
    ];

    #[test]
    fn embedded_registry_lists_every_california_county_once() {
        let r = Registry::embedded().unwrap();
        let names: Vec<&str> = r.counties.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, CALIFORNIA);
    }

    #[test]
    fn one_county_parsed_alone_equals_its_entry_in_the_whole_registry() {
        let whole = Registry::embedded().unwrap();
        assert_eq!(entries(EMBEDDED).count(), whole.counties.len());
        for c in &whole.counties {
            let alone = Registry::embedded_county(&c.name).unwrap();
            assert_eq!(format!("{alone:?}"), format!("{c:?}"));
        }
        let e = Registry::embedded_county("Montery").unwrap_err().message;
        assert!(e.contains("did you mean Monterey?"), "{e}");
    }

    #[test]
    fn keys_ignore_case_hyphens_and_a_trailing_county() {
        for name in [
            "San Luis Obispo",
            "san-luis-obispo",
            "SAN LUIS OBISPO",
            "San  Luis_Obispo County",
        ] {
            assert_eq!(key(name), "san-luis-obispo", "{name}");
        }
    }

    #[test]
    fn checks_refuse_a_number_without_a_source() {
        let bad = "counties:\n  - name: Alpine\n    status: sourced\n    number: 530-555-0100\n";
        let e = Registry::parse(bad, "x.yaml").unwrap_err().message;
        assert!(e.contains("Alpine") && e.contains("source"), "{e}");
        let bad = "counties:\n  - name: Alpine\n    status: missing\n    number: 530-555-0100\n";
        assert!(Registry::parse(bad, "x.yaml").is_err());
        let bad = "counties:\n  - name: Alpine\n    status: sourced\n    number: 530-055-0100\n    source: s\n    quote: q\n";
        assert!(Registry::parse(bad, "x.yaml").is_err());
    }
}
