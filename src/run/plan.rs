//! What a print run makes: from a plan file, command-line flags, or both
//! (flags win).

use crate::content::load::{parse_yaml, read_text};
use crate::content::paths;
use crate::content::registry::Registry;
use crate::content::{self, languages};
use crate::error::{Error, Result};
use crate::products::{PosterSize, Product};
use crate::render;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A plan file as staff write it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanFile {
    /// `all`, `printable` (also called `sourced`: every county with a
    /// sourced number or one under `hotlines:`), or county names.
    #[serde(default)]
    pub counties: Option<Names>,
    #[serde(default)]
    pub products: Option<Names>,
    #[serde(default)]
    pub languages: Option<Names>,
    /// Output folder, relative to the plan file.
    #[serde(default)]
    pub output: Option<PathBuf>,
    /// Numbers a person checked, by county: used instead of the registry's
    /// (needed for counties whose entry is conflicting or missing).
    #[serde(default)]
    pub hotlines: BTreeMap<String, String>,
    /// Content file per language, relative to the plan file; the built-in
    /// content for languages not listed.
    #[serde(default)]
    pub content: BTreeMap<String, PathBuf>,
}

/// A list written as a YAML list or as one comma-separated string.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Names {
    One(String),
    List(Vec<String>),
}

impl Names {
    pub fn parse(s: &str) -> Names {
        Names::One(s.to_string())
    }

    fn items(&self) -> Vec<String> {
        let all = match self {
            Names::One(s) => vec![s.clone()],
            Names::List(v) => v.clone(),
        };
        all.iter()
            .flat_map(|s| s.split(','))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    }
}

/// Flags given on the command line; each replaces the plan's field.
#[derive(Debug)]
pub struct Flags {
    pub counties: Option<String>,
    pub products: Option<String>,
    pub languages: Option<String>,
    pub output: Option<PathBuf>,
    /// Print shop (bleed, marks) or office, PDF/X.
    pub render: render::Options,
    /// Replace an output folder that holds files foldline did not make.
    pub force: bool,
    /// Write a PNG of every page beside each PDF.
    pub preview: bool,
}

/// A checked plan: registry names, known products and languages.
#[derive(Debug, Clone)]
pub struct Plan {
    pub counties: Vec<String>,
    pub products: Vec<Product>,
    pub languages: Vec<String>,
    pub output: PathBuf,
    /// By registry county name, as given.
    pub hotlines: BTreeMap<String, String>,
    pub content: BTreeMap<String, PathBuf>,
    pub render: render::Options,
    /// The plan file read, if any (the run must not delete it).
    pub plan_file: Option<PathBuf>,
    pub force: bool,
    pub preview: bool,
}

impl Plan {
    /// Reads `path` (if any), applies `flags` and checks every name.
    pub fn new(path: Option<&Path>, flags: Flags) -> Result<Plan> {
        let (file, base, name, text) = match path {
            Some(p) => {
                let text = read_text(p, "plan file")?;
                let name = p.display().to_string();
                let file: PlanFile = parse_yaml(&text, &name)?;
                let base = p.parent().map(Path::to_path_buf).unwrap_or_default();
                (file, base, name, text)
            }
            None => (
                PlanFile::default(),
                PathBuf::new(),
                "the command line".to_string(),
                String::new(),
            ),
        };
        // "plan.yaml:4: products" for a key of the plan file, "--products"
        // for a flag.
        let place = |key: &str, flag_given: bool| match flag_given {
            true => format!("--{}", if key == "languages" { "lang" } else { key }),
            false => match key_line(&text, key) {
                Some(line) => format!("{name}:{line}: {key}"),
                None => format!("{name}: {key}"),
            },
        };
        let empty = |key: &str, flag_given: bool, example: &str| {
            Error::input(format!(
                "{} is an empty list; name at least one, such as {example}, or leave it out for the defaults",
                place(key, flag_given)
            ))
        };
        let registry = Registry::embedded()?;
        let counties = flags
            .counties
            .as_deref()
            .map(Names::parse)
            .or(file.counties)
            .ok_or_else(|| {
                Error::input(format!(
                    "{name} names no counties: give --counties all, or names such as --counties Placer,Yolo"
                ))
            })?
            .items();
        let one = |word: &str| counties.len() == 1 && counties[0].eq_ignore_ascii_case(word);
        // `printable`: the counties with a sourced number, and those the
        // plan gives one for (filtered below, once `hotlines:` is read).
        let printable = one("printable") || one("sourced");
        let counties = if one("all") || printable {
            registry.counties.iter().map(|c| c.name.clone()).collect()
        } else {
            let mut names: Vec<String> = Vec::new();
            for c in &counties {
                let found = registry.find(c)?.name.clone();
                if !names.contains(&found) {
                    names.push(found);
                }
            }
            names
        };
        if counties.is_empty() {
            return Err(Error::input(format!("{name}: the county list is empty")));
        }
        let products_flag = flags.products.is_some();
        let products = match flags
            .products
            .as_deref()
            .map(Names::parse)
            .or(file.products)
        {
            None => Product::ALL.to_vec(),
            Some(list) if list.items().is_empty() => {
                return Err(empty("products", products_flag, "brochure,poster"))
            }
            Some(list) => list
                .items()
                .iter()
                .map(|p| {
                    Product::from_name(p).ok_or_else(|| {
                        let known: Vec<_> = Product::ALL.iter().map(|p| p.name()).collect();
                        let sizes: Vec<_> = PosterSize::ALL
                            .iter()
                            .map(|s| format!("poster-{}", s.name()))
                            .collect();
                        Error::input(format!(
                            "unknown product \"{p}\"; the products are {} (also {}, card-sheet)",
                            known.join(", "),
                            sizes.join(", ")
                        ))
                    })
                })
                .collect::<Result<Vec<_>>>()?,
        };
        let languages_flag = flags.languages.is_some();
        // Content files by language, keys as the table writes them.
        // Like `output:`, a plan's content files stay in its folder: a plan
        // passed around must not read /etc/passwd (and show its lines).
        let content: BTreeMap<String, PathBuf> = file
            .content
            .into_iter()
            .map(|(lang, p)| {
                let path =
                    paths::resolve_in(&base, &p.to_string_lossy(), "plan", "content/es.yaml")
                        .map_err(|e| e.within(&place("content", false)))?;
                Ok((languages::canonical(&lang).to_string(), path))
            })
            .collect::<Result<_>>()?;
        let asked = match flags
            .languages
            .as_deref()
            .map(Names::parse)
            .or(file.languages)
        {
            // California wants trafficking notices in English and Spanish.
            None => vec!["en".to_string(), "es".to_string()],
            Some(list) if list.items().is_empty() => {
                return Err(empty("languages", languages_flag, "en,es"))
            }
            Some(list) => list.items(),
        };
        let languages = asked
            .iter()
            .map(|lang| {
                let lang = languages::canonical(lang);
                if content.contains_key(lang) {
                    return Ok(lang.to_string());
                }
                languages::resolve(lang)
                    .map(|l| l.code.to_string())
                    .map_err(|e| e.within(&name))
            })
            .collect::<Result<Vec<_>>>()?;
        let output = match (flags.output, file.output) {
            (Some(o), _) => o,
            // A plan passed around must not write outside its own folder
            // (`output: /etc`); -o on the command line is the user's choice.
            (None, Some(o)) => {
                paths::resolve_in(&base, &o.to_string_lossy(), "plan", "run-2025-spring")
                    .map_err(|e| e.within(&place("output", false)))?
            }
            (None, None) => {
                return Err(Error::input(format!(
                    "{name} names no output folder: give -o DIR (or `output:` in the plan)"
                )))
            }
        };
        let mut hotlines: BTreeMap<String, String> = BTreeMap::new();
        // Keys as written, by registry name: `Monterey` and `monterey` are one county.
        let mut written: BTreeMap<String, String> = BTreeMap::new();
        for (county, number) in file.hotlines {
            let line = hotline_line(&text, &county);
            let at = |line: Option<usize>| match line {
                Some(l) => format!("{name}:{l}: hotlines: {county}"),
                None => format!("{name}: hotlines: {county}"),
            };
            let found = registry.find(&county).map_err(|e| e.within(&at(line)))?;
            if let Some(first) = written.get(&found.name) {
                return Err(Error::input(format!(
                    "{}: {} County is given twice, as `{first}` (line {}) and `{county}` (line {}); keep one",
                    name,
                    found.name,
                    hotline_line(&text, first).map_or("?".into(), |l| l.to_string()),
                    line.map_or("?".into(), |l| l.to_string()),
                )));
            }
            content::hotline::normalize(&number).map_err(|e| e.within(&at(line)))?;
            written.insert(found.name.clone(), county.clone());
            hotlines.insert(found.name.clone(), number);
        }
        let counties = match printable {
            true => counties
                .into_iter()
                .filter(|c| {
                    hotlines.contains_key(c)
                        || registry
                            .find(c)
                            .is_ok_and(|e| e.status() == crate::content::registry::Status::Sourced)
                })
                .collect(),
            false => counties,
        };
        Ok(Plan {
            counties,
            products: dedup(products),
            languages: dedup(languages),
            output,
            hotlines,
            content,
            render: flags.render,
            plan_file: path.map(Path::to_path_buf),
            force: flags.force,
            preview: flags.preview,
        })
    }
}

/// The line (from 1) where `key:` starts a line of a plan file.
fn key_line(text: &str, key: &str) -> Option<usize> {
    let start = format!("{key}:");
    text.lines()
        .position(|l| l.starts_with(&start))
        .map(|i| i + 1)
}

/// The line (from 1) of `county:` under `hotlines:` in a plan file.
fn hotline_line(text: &str, county: &str) -> Option<usize> {
    let start = text.lines().position(|l| l.starts_with("hotlines:"))?;
    text.lines()
        .enumerate()
        .skip(start)
        .find(|(_, l)| {
            let l = l.trim_start().trim_start_matches("hotlines:").trim_start();
            [
                county.to_string(),
                format!("\"{county}\""),
                format!("'{county}'"),
            ]
            .iter()
            .any(|k| {
                l.strip_prefix(k.as_str())
                    .is_some_and(|rest| rest.trim_start().starts_with(':'))
            })
        })
        .map(|(i, _)| i + 1)
}

fn dedup<T: PartialEq>(v: Vec<T>) -> Vec<T> {
    let mut out = Vec::new();
    for x in v {
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}
