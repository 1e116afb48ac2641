//! Any bytes as a plan file (`foldline run --plan FILE`): read and checked
//! by `Plan::new` as the command does, then each language's content read
//! and a few counties resolved to their number and filled-in content, as
//! `run::execute` does before it makes a piece. foldline must answer with
//! a plan or an error, never a panic or a hang, and a plan's `output:`
//! must stay inside the plan's folder. Nothing is written but the plan
//! file itself, in a folder of its own under the temp dir, and nothing is
//! rendered for every county (too slow): one piece only, and only for
//! content the plan names (the built-in content is fuzzed as `pipeline`).
#![no_main]

use foldline::content::{self, Source};
use foldline::preflight;
use foldline::render::{self, render};
use foldline::run::{self, Flags, Plan};
use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

/// Counties resolved per language: the first, then those the plan gives a
/// number for (the part of a plan that changes what is printed).
const COUNTIES: usize = 4;

fn folder() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("foldline-fuzz-plan-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // Canonical, so that `output:` can be compared with it.
        dir.canonicalize().unwrap()
    })
}

/// The built-in content for `lang`, read once per process.
fn built_in(lang: &str) -> foldline::error::Result<Source> {
    static CACHE: OnceLock<Mutex<BTreeMap<String, Source>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(s) = cache.lock().unwrap().get(lang) {
        return Ok(s.clone());
    }
    let source = content::read(None, Some(lang))?;
    cache
        .lock()
        .unwrap()
        .insert(lang.to_string(), source.clone());
    Ok(source)
}

fuzz_target!(|data: &[u8]| {
    let path = folder().join("plan.yaml");
    std::fs::write(&path, data).unwrap();
    let flags = Flags {
        counties: None,
        products: None,
        languages: None,
        output: None,
        render: render::Options::PRINT_SHOP,
        force: false,
        preview: false,
    };
    let plan = match Plan::new(Some(&path), flags) {
        Ok(p) => p,
        Err(e) => return assert!(!e.message.is_empty()),
    };
    assert!(
        plan.output.starts_with(folder()) && plan.output != *folder(),
        "output {} is not inside the plan's folder",
        plan.output.display()
    );
    assert!(!plan.counties.is_empty() && !plan.products.is_empty() && !plan.languages.is_empty());
    let mut counties: Vec<&String> = plan.counties.iter().take(1).collect();
    counties.extend(
        plan.counties
            .iter()
            .skip(1)
            .filter(|c| plan.hotlines.contains_key(*c))
            .take(COUNTIES - 1),
    );
    let mut rendered = false;
    for lang in &plan.languages {
        let named = plan.content.get(lang);
        let source = match named {
            Some(p) => content::read(Some(p), Some(lang)),
            None => built_in(lang),
        };
        let source = match source {
            Ok(s) => s,
            Err(e) => {
                assert!(!e.message.is_empty());
                continue;
            }
        };
        for county in &counties {
            let (choice, content) = match run::prepare(&source, county, plan.hotlines.get(*county))
            {
                Ok(p) => p,
                Err(e) => {
                    assert!(!e.message.is_empty());
                    continue;
                }
            };
            assert_eq!(&choice.county.name, *county);
            assert_eq!(content.meta.hotline, choice.hotline);
            if named.is_some() && !rendered {
                rendered = true;
                let Ok(doc) = plan.products[0].build(&content) else {
                    continue;
                };
                if preflight::document(&doc).errors().is_none() {
                    let pdf = render(&doc, &plan.render).expect("a laid-out document renders");
                    assert!(pdf.starts_with(b"%PDF-"));
                }
            }
        }
    }
});
