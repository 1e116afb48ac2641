//! The county registry (content/counties.yaml, embedded): every California
//! county with its child welfare hotline and where that number comes from.
//! foldline prints a county's number only from here or from the user.

use super::hotline;
use crate::error::{Error, Result};
use serde::Deserialize;
use std::sync::OnceLock;

pub const EMBEDDED: &str = include_str!("../../content/counties.yaml");
pub const EMBEDDED_NAME: &str = "foldline's built-in county registry";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registry {
    pub counties: Vec<County>,
    #[serde(default)]
    pub national: Vec<National>,
}

/// What foldline may do with a county's number: derived from the pages by
/// [`County::status`], never written in the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// The number stands: it comes from an official page and no official
    /// page disagrees, or no page disagrees at all.
    Sourced,
    /// Pages disagree and none outranks the other: a person must choose.
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

/// Who publishes a page, which is what the status rule weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// The county's own site, the state's CDSS, or the county office of
    /// education.
    Official,
    /// Anyone else: a school district, a college, a nonprofit, a
    /// newspaper, another county's site.
    ThirdParty,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Official => "official",
            Kind::ThirdParty => "third-party",
        }
    }

    fn a_page(self) -> &'static str {
        match self {
            Kind::Official => "an official page",
            Kind::ThirdParty => "a third-party page",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct County {
    pub name: String,
    pub number: Option<String>,
    #[serde(default)]
    pub alt: Option<String>,
    #[serde(default)]
    pub alt_source: Option<String>,
    #[serde(default)]
    pub alt_source_kind: Option<Kind>,
    #[serde(default)]
    pub alt_quote: Option<String>,
    #[serde(default)]
    pub other: Vec<OtherNumber>,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub source_kind: Option<Kind>,
    #[serde(default)]
    pub source_date: Option<String>,
    #[serde(default)]
    pub quote: Option<String>,
    #[serde(default)]
    pub quote_after_hours: Option<String>,
    #[serde(default)]
    pub corroborated_by: Vec<Corroboration>,
    #[serde(default)]
    pub disagreeing: Vec<Disagreement>,
    #[serde(default)]
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OtherNumber {
    pub number: String,
    pub what: String,
}

/// Another page that gives the county's number.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Corroboration {
    pub source: String,
    pub kind: Kind,
    #[serde(default)]
    pub note: Option<String>,
}

/// A page that gives a different number for the county's line.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disagreement {
    pub number: String,
    pub source: String,
    pub kind: Kind,
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
    /// The status rule, the one place foldline weighs the pages: a
    /// third-party page that disagrees with a number from an official page
    /// is outranked; any other disagreement (an official page, or a number
    /// whose own source is third-party) leaves the county conflicting.
    pub fn status(&self) -> Status {
        if self.number.is_none() {
            Status::Missing
        } else if self.disagreeing.iter().any(|d| !self.outranks(d)) {
            Status::Conflicting
        } else {
            Status::Sourced
        }
    }

    fn outranks(&self, d: &Disagreement) -> bool {
        self.source_kind == Some(Kind::Official) && d.kind == Kind::ThirdParty
    }

    /// The status and the kind of the number's page: "sourced, official
    /// page", "conflicting, third-party page", "missing".
    pub fn status_label(&self) -> String {
        match self.source_kind.filter(|_| self.number.is_some()) {
            Some(kind) => format!("{}, {} page", self.status().name(), kind.name()),
            None => self.status().name().to_string(),
        }
    }

    /// The pages that disagree, to follow the source in a message: "; a
    /// third-party page gives 1.800.500.4000 (https://...), outranked by
    /// the official source". Empty if none does.
    pub fn disagreement_note(&self) -> String {
        self.disagreeing
            .iter()
            .map(|d| {
                let outranked = if self.outranks(d) {
                    ", outranked by the official source"
                } else {
                    ""
                };
                format!(
                    "; {} gives {} ({}){outranked}",
                    d.kind.a_page(),
                    house(&d.number),
                    d.source
                )
            })
            .collect()
    }

    /// The status, its page's kind and the pages that disagree, for the
    /// proof sheet.
    pub fn status_note(&self) -> String {
        self.status_label() + &self.disagreement_note()
    }

    /// The number in house style, if the registry has one.
    pub fn house_number(&self) -> Option<String> {
        self.number
            .as_deref()
            .and_then(|n| hotline::normalize(n).ok())
    }

    /// Every number the county's own source gives (main, alternative,
    /// other lines) in house style; not the disagreeing ones.
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

    /// Every number in dispute with its page and the page's kind, for
    /// messages: "1.800.540.4000 (official: https://...) vs 1.800.500.4000
    /// (third-party: https://...)".
    pub fn conflict_summary(&self) -> String {
        let own = match (&self.number, &self.source) {
            (Some(n), Some(s)) => Some(format!(
                "{} ({}{s})",
                house(n),
                kind_prefix(self.source_kind)
            )),
            _ => None,
        };
        own.into_iter()
            .chain(self.disagreeing.iter().map(|d| {
                format!(
                    "{} ({}{})",
                    house(&d.number),
                    kind_prefix(Some(d.kind)),
                    d.source
                )
            }))
            .collect::<Vec<_>>()
            .join(" vs ")
    }
}

fn kind_prefix(kind: Option<Kind>) -> String {
    kind.map_or(String::new(), |k| format!("{}: ", k.name()))
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
                .chain(c.disagreeing.iter().map(|d| &d.number));
            for n in numbers {
                if let Err(e) = hotline::normalize(n) {
                    return fail(&c.name, &e.message);
                }
            }
            if c.number.is_none() {
                if c.source.is_some() || !c.disagreeing.is_empty() || !c.corroborated_by.is_empty()
                {
                    return fail(
                        &c.name,
                        "pages are listed but no number is given; give the number the source gives",
                    );
                }
                continue;
            }
            if c.source.is_none() || c.source_kind.is_none() || c.quote.is_none() {
                return fail(
                    &c.name,
                    "a county with a number needs its source, source_kind and a quote from it",
                );
            }
            if c.alt_source.is_some() && c.alt_source_kind.is_none() {
                return fail(&c.name, "alt_source needs its alt_source_kind");
            }
            // The status rule weighs the number's own source, so it must be
            // the best page that gives the number.
            if c.source_kind == Some(Kind::ThirdParty)
                && c.corroborated_by.iter().any(|p| p.kind == Kind::Official)
            {
                return fail(
                    &c.name,
                    "the source is third-party but an official page corroborates the number; make the official page the source",
                );
            }
            let own = c.sourced_numbers();
            if let Some(d) = c
                .disagreeing
                .iter()
                .find(|d| own.contains(&house(&d.number)))
            {
                return fail(
                    &c.name,
                    &format!(
                        "{} is listed as disagreeing but the county's source gives it",
                        d.source
                    ),
                );
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

    /// A one-county registry: Alpine's number from a page of `kind`, and
    /// pages giving other numbers, each (number, kind).
    fn alpine(kind: &str, disagreeing: &[(&str, &str)]) -> County {
        let mut text = format!(
            "counties:\n  - name: Alpine\n    number: 530-200-1000\n    source: https://own.example/\n    source_kind: {kind}\n    quote: \"call 530-200-1000\"\n"
        );
        if !disagreeing.is_empty() {
            text += "    disagreeing:\n";
        }
        for (i, (number, kind)) in disagreeing.iter().enumerate() {
            text += &format!(
                "      - number: {number}\n        source: https://other{i}.example/\n        kind: {kind}\n        source_date: null\n        quote: \"call {number}\"\n"
            );
        }
        let mut registry = Registry::parse(&text, "x.yaml").unwrap();
        registry.counties.remove(0)
    }

    #[test]
    fn a_third_party_page_that_disagrees_with_an_official_one_does_not_block() {
        let c = alpine("official", &[("530-200-2000", "third-party")]);
        assert_eq!(c.status(), Status::Sourced);
        assert_eq!(c.house_number().as_deref(), Some("530.200.1000"));
        // Recorded and shown, never taken for the county's own number.
        let note = c.status_note();
        assert!(
            note.starts_with("sourced, official page; a third-party page gives 530.200.2000 (https://other0.example/), outranked"),
            "{note}"
        );
        assert!(!c.sourced_numbers().contains(&"530.200.2000".to_string()));
        let two = alpine(
            "official",
            &[
                ("530-200-2000", "third-party"),
                ("530-200-3000", "third-party"),
            ],
        );
        assert_eq!(two.status(), Status::Sourced);
        assert_eq!(two.disagreement_note().matches("outranked").count(), 2);
    }

    #[test]
    fn an_official_page_that_disagrees_blocks() {
        for pages in [
            &[("530-200-2000", "official")][..],
            &[
                ("530-200-2000", "third-party"),
                ("530-200-3000", "official"),
            ],
        ] {
            let c = alpine("official", pages);
            assert_eq!(c.status(), Status::Conflicting, "{pages:?}");
            let summary = c.conflict_summary();
            assert!(
                summary
                    .starts_with("530.200.1000 (official: https://own.example/) vs 530.200.2000"),
                "{summary}"
            );
        }
    }

    #[test]
    fn a_number_from_a_third_party_page_outranks_no_other_page() {
        for kind in ["third-party", "official"] {
            let c = alpine("third-party", &[("530-200-2000", kind)]);
            assert_eq!(c.status(), Status::Conflicting, "{kind}");
            assert!(!c.disagreement_note().contains("outranked"), "{kind}");
        }
        // With no page against it, a third-party page's number stands.
        let alone = alpine("third-party", &[]);
        assert_eq!(alone.status(), Status::Sourced);
        assert_eq!(alone.status_note(), "sourced, third-party page");
    }

    #[test]
    fn a_county_without_a_number_is_missing() {
        let text = "counties:\n  - name: Alpine\n    number: null\n    notes: none found\n";
        let c = &Registry::parse(text, "x.yaml").unwrap().counties[0];
        assert_eq!(c.status(), Status::Missing);
        assert_eq!(c.status_note(), "missing");
    }

    #[test]
    fn in_the_real_registry_los_angeles_prints_its_dcfs_number_over_a_third_party_typo() {
        let la = Registry::embedded_county("Los Angeles").unwrap();
        assert_eq!(la.status(), Status::Sourced);
        assert_eq!(la.house_number().as_deref(), Some("1.800.540.4000"));
        assert_eq!(la.source_kind, Some(Kind::Official));
        assert!(la.source.as_deref().unwrap().contains("dcfs.lacounty.gov"));
        let typo: Vec<_> = la
            .disagreeing
            .iter()
            .map(|d| (house(&d.number), d.kind))
            .collect();
        assert_eq!(typo, [("1.800.500.4000".to_string(), Kind::ThirdParty)]);
        assert!(la
            .status_note()
            .contains("a third-party page gives 1.800.500.4000"));
        // San Francisco's police page (the City and County's own) gives
        // another number than its Human Services Agency: still a conflict.
        let sf = Registry::embedded_county("San Francisco").unwrap();
        assert!(sf.disagreeing.iter().any(|d| d.kind == Kind::Official));
        assert_eq!(sf.status(), Status::Conflicting);
    }

    #[test]
    fn checks_refuse_a_number_without_a_source_or_a_page_without_its_kind() {
        let head = "counties:\n  - name: Alpine\n    number: 530-200-1000\n";
        let own = "    source: https://own.example/\n    quote: q\n";
        for (bad, why) in [
            (head.to_string(), "source, source_kind and a quote"),
            (format!("{head}{own}"), "source, source_kind and a quote"),
            (
                format!("{head}{own}    source_kind: officiel\n"),
                "unknown variant `officiel`",
            ),
            (
                "counties:\n  - name: Alpine\n    number: null\n    source: https://own.example/\n".into(),
                "no number is given",
            ),
            (
                format!("{head}{own}    source_kind: third-party\n    corroborated_by:\n      - source: https://county.example/\n        kind: official\n"),
                "make the official page the source",
            ),
            (
                format!("{head}{own}    source_kind: official\n    disagreeing:\n      - number: (530) 200-1000\n        source: https://other.example/\n        kind: official\n        source_date: null\n        quote: q\n"),
                "https://other.example/ is listed as disagreeing but the county's source gives it",
            ),
            (
                format!("{head}{own}    source_kind: official\n    disagreeing:\n      - number: 530-200-2000\n        source: https://other.example/\n        source_date: null\n        quote: q\n"),
                "missing field `kind`",
            ),
            (
                format!("{head}{own}    source_kind: official\n    alt: 1-800-200-1000\n    alt_source: https://alt.example/\n"),
                "alt_source needs its alt_source_kind",
            ),
            (
                "counties:\n  - name: Alpine\n    number: 530-055-0100\n    source: s\n    source_kind: official\n    quote: q\n".into(),
                "530-055-0100",
            ),
        ] {
            let e = Registry::parse(&bad, "x.yaml").unwrap_err().message;
            assert!(e.contains(why), "{bad}\n{e}");
        }
    }
}
