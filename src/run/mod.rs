//! Print runs: every county x language x product of a plan, made in
//! parallel into one folder (`DIR/placer/en/brochure.pdf`), with
//! `manifest.csv` and a proof sheet (`proof.pdf`) to sign before printing.
//! A piece that cannot be made (no usable number, text that does not fit)
//! is reported and skipped; the others are still made.

pub mod diff;
mod folder;
mod manifest;
pub mod plan;
pub mod progress;

use crate::content::registry::{self, Registry};
use crate::content::{self, languages, review, Audience, Choice, Content, Source};
use crate::display::Page;
use crate::error::{Error, Result};
use crate::output::write_atomic;
use crate::preflight;
use crate::printed::{self, Printed};
use crate::products::proof::{self, Proof, ProofEntry};
use crate::products::Product;
use crate::render::{self, render};
pub use folder::signals;
use folder::Folder;
pub use plan::{Flags, Plan};
use progress::Progress;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

pub const MANIFEST: &str = "manifest.csv";
pub const PROOF: &str = "proof.pdf";

/// A file the run made.
#[derive(Debug, Clone)]
pub struct Made {
    pub county: String,
    pub language: String,
    pub product: Product,
    /// The county's number the run chose (the manifest lists it only if
    /// `printed` has it).
    pub hotline: String,
    /// The numbers the PDF prints, read back from it, with their sources.
    pub printed: Vec<Printed>,
    pub pages: usize,
    pub bytes: usize,
    pub sha256: String,
    /// Path relative to the output folder, '/'-separated.
    pub file: String,
    /// Its pages as laid out, pictured on the proof sheet.
    pub pictures: Vec<Arc<Page>>,
}

/// A file the run did not make, and why.
#[derive(Debug)]
pub struct Failed {
    pub county: String,
    pub language: String,
    pub product: Product,
    pub file: String,
    pub error: Error,
    /// A file from an earlier run was at its path and was removed, so the
    /// folder holds no piece the manifest does not list.
    pub removed_old: bool,
}

#[derive(Debug)]
pub struct Report {
    pub output: PathBuf,
    pub made: Vec<Made>,
    pub failed: Vec<Failed>,
    /// Content under review and similar, shown before the summary.
    pub warnings: Vec<String>,
    /// Counties nothing was made for because the registry has no number it
    /// can print and the plan gave none: one line in the summary, not one
    /// paragraph each (the proof sheet has each reason).
    pub unnumbered: Vec<String>,
}

/// The county and content for one county and language, or why there is none.
struct Prepared {
    county: String,
    language: String,
    piece: Result<(Choice, Content)>,
}

struct Job {
    prepared: usize,
    product: Product,
    file: String,
}

/// Makes everything `plan` asks for, in a staging folder that replaces
/// the output folder whole at the end (`folder.rs`). Only a failure that
/// stops the whole run (the folder cannot be claimed or written, a signal)
/// is an `Err`, and leaves the folder as it was; pieces that fail are in
/// the report.
pub fn execute(plan: &Plan, progress: &dyn Progress) -> Result<Report> {
    let sources: BTreeMap<&str, Result<Source>> = plan
        .languages
        .iter()
        .map(|lang| {
            let source = content::read(plan.content.get(lang).map(PathBuf::as_path), Some(lang));
            (lang.as_str(), source)
        })
        .collect();
    let mut warnings = Vec::new();
    for source in sources.values().flatten() {
        warnings.extend(review::warnings(
            source,
            translated_from(plan, source).as_deref(),
        ));
    }
    warnings.extend(overrides(plan));
    let mut inputs: Vec<PathBuf> = plan.plan_file.iter().cloned().collect();
    inputs.extend(plan.content.values().cloned());
    for source in sources.values().flatten() {
        inputs.extend(content::files_used(&source.content));
    }
    let catching = folder::signals::catch();
    let folder = Folder::claim(&plan.output, plan.force, &inputs)?;
    let out = folder.staging();

    let mut prepared = Vec::new();
    for county in &plan.counties {
        for lang in &plan.languages {
            let piece = match &sources[lang.as_str()] {
                Err(e) => Err(copy(e)),
                Ok(source) => prepare(source, county, plan.hotlines.get(county)),
            };
            prepared.push(Prepared {
                county: county.clone(),
                language: lang.clone(),
                piece,
            });
        }
    }
    let mut jobs = Vec::new();
    for (i, p) in prepared.iter().enumerate() {
        for &product in &plan.products {
            jobs.push(Job {
                prepared: i,
                product,
                file: format!(
                    "{}/{}/{}.pdf",
                    registry::slug(&p.county),
                    p.language,
                    product.file_stem()
                ),
            });
        }
    }

    progress.start(jobs.len());
    let results = parallel(jobs.len(), |i| {
        let job = &jobs[i];
        let p = &prepared[job.prepared];
        // After Ctrl-C the pieces not yet begun are not made.
        if let Some(stop) = catching.stopped(&plan.output) {
            return Err(stop);
        }
        let result = match (&p.piece, &sources[p.language.as_str()]) {
            (Ok((choice, content)), Ok(source)) => make(
                out,
                (&plan.render, plan.preview),
                job,
                p,
                (choice, source),
                content,
            ),
            (Err(e), _) | (_, Err(e)) => Err(copy(e)),
        };
        progress.done(&job.file, result.as_ref().err().map(|e| e.message.as_str()));
        result
    });
    progress.finish();
    if let Some(stop) = catching.stopped(&plan.output) {
        return Err(stop);
    }

    let mut made = Vec::new();
    let mut failed = Vec::new();
    for (job, result) in jobs.iter().zip(results) {
        let p = &prepared[job.prepared];
        match result {
            Ok(m) => made.push(m),
            Err(error) => failed.push(Failed {
                county: p.county.clone(),
                language: p.language.clone(),
                product: job.product,
                file: job.file.clone(),
                error,
                removed_old: folder.had(&job.file),
            }),
        }
    }
    write_atomic(&out.join(MANIFEST), manifest::csv(&made).as_bytes())?;
    let registry = Registry::embedded()?;
    let unnumbered = plan
        .counties
        .iter()
        .filter(|c| {
            !plan.hotlines.contains_key(*c)
                && registry
                    .find(c)
                    .is_ok_and(|e| e.status() != registry::Status::Sourced)
                && !made.iter().any(|m| &m.county == *c)
        })
        .cloned()
        .collect();
    let report = Report {
        output: plan.output.clone(),
        made,
        failed,
        warnings,
        unnumbered,
    };
    let proof = proof::build(&proof_sheet(plan, &report, &prepared))?;
    write_atomic(&out.join(PROOF), &render(&proof, &render::Options::OFFICE)?)?;
    if let Some(stop) = catching.stopped(&plan.output) {
        return Err(stop);
    }
    folder.commit()?;
    Ok(report)
}

/// A plan's number for a county the registry has a sourced number for,
/// said with both numbers: a person may know better, or may have made a typo.
fn overrides(plan: &Plan) -> Vec<String> {
    let Ok(registry) = Registry::embedded() else {
        return Vec::new();
    };
    plan.hotlines
        .iter()
        .filter_map(|(county, given)| {
            let c = registry.find(county).ok()?;
            let house = c.house_number().filter(|_| c.status() == registry::Status::Sourced)?;
            let given = content::hotline::normalize(given).ok()?;
            (given != house).then(|| {
                format!(
                    "the plan's `hotlines:` gives {county} County {given}, not the registry's sourced number {house} ({}); {given} is printed",
                    c.source.as_deref().unwrap_or("")
                )
            })
        })
        .collect()
}

/// The text `source` was translated from: the plan's own content file
/// for that language, else the built-in content.
fn translated_from(plan: &Plan, source: &Source) -> Option<String> {
    let from = source.content.meta.translated_from.as_deref()?;
    match plan.content.get(languages::canonical(from)) {
        Some(path) => content::load::read_file(path).ok(),
        None => review::built_in_source(&source.content.meta).map(str::to_string),
    }
}

fn copy(e: &Error) -> Error {
    e.clone()
}

/// The county's number (the plan's, else the registry's) and the content
/// filled in for it, as a run makes each piece; public for the plan fuzz
/// target.
pub fn prepare(
    source: &Source,
    county: &str,
    hotline: Option<&String>,
) -> Result<(Choice, Content)> {
    let audience = Audience {
        county: Some(county.to_string()),
        hotline: hotline.cloned(),
    };
    let choice = content::choose_as(source, &audience, "`hotlines:` in a run plan")?;
    let content = content::fill(source, &choice)?;
    Ok((choice, content))
}

fn make(
    out: &Path,
    (options, preview): (&render::Options, bool),
    job: &Job,
    p: &Prepared,
    (choice, source): (&Choice, &Source),
    content: &Content,
) -> Result<Made> {
    let doc = job.product.build(content)?;
    let report = preflight::document(&doc);
    if let Some(errors) = report.errors() {
        return Err(Error::input(format!("preflight failed: {}", errors)));
    }
    let bytes = render(&doc, &options_for(job.product, *options))?;
    let printed = printed::read_back(&bytes, job.product, content, choice, source)?;
    let path = out.join(&job.file);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::io(format!("cannot create {}: {e}", dir.display())))?;
    }
    write_atomic(&path, &bytes)?;
    if preview {
        for (i, page) in doc.pages.iter().enumerate() {
            let png = path.with_file_name(format!("{}-page{}.png", job.product.file_stem(), i + 1));
            write_atomic(&png, &render::png::page_png(page, 100.0)?)?;
        }
    }
    Ok(Made {
        county: p.county.clone(),
        language: p.language.clone(),
        product: job.product,
        hotline: choice.hotline.clone(),
        printed,
        pages: doc.pages.len(),
        bytes: bytes.len(),
        sha256: Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
        file: job.file.clone(),
        pictures: doc.pages.into_iter().map(Arc::new).collect(),
    })
}

/// The render options for `product`: a sheet of cards goes through an
/// office printer as it is (as with `foldline card --sheet`).
fn options_for(product: Product, requested: render::Options) -> render::Options {
    match product {
        Product::Card { sheet: true } => render::Options {
            pdfx: requested.pdfx,
            ..render::Options::OFFICE
        },
        _ => requested,
    }
}

/// Runs `f(0..n)` on every core; results in index order.
fn parallel<T: Send>(n: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |c| c.get())
        .clamp(1, n.max(1));
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<T>> = (0..n).map(|_| None).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= n {
                            break done;
                        }
                        done.push((i, f(i)));
                    }
                })
            })
            .collect();
        for w in workers {
            let done = w
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (i, r) in done {
                results[i] = Some(r);
            }
        }
    });
    results
        .into_iter()
        .map(|r| r.expect("every job ran"))
        .collect()
}

/// The proof sheet: one entry per county and number it prints, in plan
/// order, from the numbers read back from the files made.
fn proof_sheet(plan: &Plan, report: &Report, prepared: &[Prepared]) -> Proof {
    let registry = Registry::embedded().ok();
    let mut entries = Vec::new();
    for county in &plan.counties {
        let choice = prepared
            .iter()
            .filter(|p| &p.county == county)
            .find_map(|p| p.piece.as_ref().ok().map(|(c, _)| c));
        let mut numbers: Vec<ProofEntry> = Vec::new();
        // Other numbers the pieces print: number, source, pieces.
        let mut others: Vec<(String, String, Vec<String>)> = Vec::new();
        for m in report.made.iter().filter(|m| &m.county == county) {
            let piece = format!("{}/{}", m.language, m.product.file_stem());
            for p in &m.printed {
                if p.number != m.hotline {
                    match others
                        .iter_mut()
                        .find(|(n, s, _)| *n == p.number && *s == p.source)
                    {
                        Some((_, _, pieces)) => pieces.push(piece.clone()),
                        None => {
                            others.push((p.number.clone(), p.source.clone(), vec![piece.clone()]))
                        }
                    }
                    continue;
                }
                match numbers
                    .iter_mut()
                    .find(|e| e.hotline.as_deref() == Some(&p.number))
                {
                    Some(e) => e.made = format!("{}, {piece}", e.made),
                    None => numbers.push(ProofEntry {
                        county: county.clone(),
                        hotline: Some(p.number.clone()),
                        label: choice.and_then(|c| c.county.label.clone()),
                        source: p.source.clone(),
                        status: choice.map_or("unknown".into(), |c| c.county.status_note()),
                        made: piece.clone(),
                        also: Vec::new(),
                        problems: Vec::new(),
                    }),
                }
            }
        }
        let problems = problems(report.failed.iter().filter(|f| &f.county == county), false);
        if numbers.is_empty() {
            let entry = registry.as_ref().and_then(|r| r.find(county).ok());
            numbers.push(ProofEntry {
                county: county.clone(),
                hotline: None,
                label: entry.and_then(|c| c.label.clone()),
                source: entry
                    .and_then(|c| c.source.clone())
                    .unwrap_or_else(|| "none".into()),
                status: entry.map_or("unknown".into(), |c| c.status_note()),
                made: "nothing".into(),
                also: Vec::new(),
                problems: Vec::new(),
            });
        }
        numbers[0].problems = problems;
        numbers[0].also = others
            .into_iter()
            .map(|(number, source, pieces)| {
                let national = registry
                    .iter()
                    .flat_map(|r| &r.national)
                    .find(|n| content::hotline::normalize(&n.number).ok().as_ref() == Some(&number))
                    .map(|n| format!("; the registry's {} (source: {})", n.name, n.source))
                    .unwrap_or_default();
                format!(
                    "{number}, from {source}{national}. In {}",
                    pieces.join(", ")
                )
            })
            .collect();
        entries.extend(numbers);
    }
    let mut notes = vec![format!(
        "{} file(s) made in {}, {} not made (in red below). Every number below was read back from the files themselves. Check each against the county's live page or by calling it before printing: \"sourced\" means it matches a stored copy of a public page.",
        report.made.len(),
        report.output.display(),
        report.failed.len()
    )];
    notes.push(languages_note(plan, prepared));
    let refused = problems(report.failed.iter(), true);
    if !refused.is_empty() {
        notes.push(format!("Not made ({}):", report.failed.len()));
        notes.extend(refused.iter().map(|r| format!("• {r}")));
    }
    notes.extend(report.warnings.iter().map(|w| format!("Warning: {w}.")));
    let pictured = report
        .made
        .iter()
        .map(|m| proof::Pictured {
            county: m.county.clone(),
            caption: format!("{}/{}", m.language, m.product.file_stem()),
            pages: m.pictures.clone(),
            numbers: m.printed.iter().map(|p| p.number.clone()).collect(),
        })
        .collect();
    Proof {
        title: "Print run proof: county hotlines".into(),
        notes,
        entries,
        pictured,
    }
}

/// "Languages: en (original content); es (reviewed by …); vi (draft
/// translation, not reviewed: DRAFT is printed on every page)".
fn languages_note(plan: &Plan, prepared: &[Prepared]) -> String {
    let said: Vec<String> = plan
        .languages
        .iter()
        .map(|lang| {
            let meta = prepared
                .iter()
                .filter(|p| &p.language == lang)
                .find_map(|p| p.piece.as_ref().ok().map(|(_, c)| &c.meta));
            let status = match meta {
                None => "nothing made".to_string(),
                Some(m) => match m.review {
                    Some(content::model::Review::Pending) => {
                        "draft translation, not reviewed: DRAFT is printed on every page".into()
                    }
                    Some(content::model::Review::Approved) => format!(
                        "translation reviewed by {} on {}",
                        m.reviewed_by.as_deref().unwrap_or("?"),
                        m.reviewed_on.as_deref().unwrap_or("?")
                    ),
                    None => "original content".into(),
                },
            };
            format!("{lang} ({status})")
        })
        .collect();
    format!("Languages: {}.", said.join("; "))
}

/// Failures grouped by message: "en/brochure, es/brochure: why".
/// With `county`, each piece is named with its county ("Sierra en/card").
fn problems<'a>(failed: impl Iterator<Item = &'a Failed>, county: bool) -> Vec<String> {
    let mut by_message: Vec<(String, Vec<String>)> = Vec::new();
    for f in failed {
        let mut item = format!("{}/{}", f.language, f.product.file_stem());
        if county {
            item = format!("{} {item}", f.county);
        }
        match by_message.iter_mut().find(|(m, _)| *m == f.error.message) {
            Some((_, items)) => items.push(item),
            None => by_message.push((f.error.message.clone(), vec![item])),
        }
    }
    by_message
        .into_iter()
        .map(|(m, items)| format!("{}: {m}", items.join(", ")))
        .collect()
}

/// "(removed the earlier run's FILES ...)" on a line of its own, for the
/// `failed` pieces whose earlier file was removed; empty if none was.
fn removed_note<'a>(failed: impl Iterator<Item = &'a Failed>) -> String {
    let removed: Vec<&str> = failed
        .filter(|f| f.removed_old)
        .map(|f| f.file.as_str())
        .collect();
    match removed.is_empty() {
        true => String::new(),
        false => format!(
            "\n    (removed the earlier run's {} so no outdated piece is left)",
            removed.join(", ")
        ),
    }
}

impl Report {
    /// What was made, what was not and why, one county per line.
    pub fn summary(&self) -> String {
        let mut s = format!(
            "made {} of {} file(s) in {} (with {MANIFEST} and {PROOF})",
            self.made.len(),
            self.made.len() + self.failed.len(),
            self.output.display()
        );
        if self.failed.is_empty() {
            return s;
        }
        s.push_str(&format!("; {} not made:", self.failed.len()));
        let mut counties: Vec<&str> = Vec::new();
        for f in &self.failed {
            if !counties.contains(&f.county.as_str()) {
                counties.push(&f.county);
            }
        }
        if !self.unnumbered.is_empty() {
            let slugs: Vec<String> = self.unnumbered.iter().map(|c| registry::slug(c)).collect();
            s.push_str(&format!(
                "\n  {} counties have no number the registry can print (conflicting or missing; the proof sheet says why): {}. Give each a number you have checked under `hotlines:` in a plan file, or make only the others with --counties printable",
                slugs.len(),
                slugs.join(", ")
            ));
            let unnumbered = self
                .failed
                .iter()
                .filter(|f| self.unnumbered.contains(&f.county));
            s.push_str(&removed_note(unnumbered));
        }
        for county in counties
            .into_iter()
            .filter(|c| !self.unnumbered.iter().any(|u| u == c))
        {
            let failed: Vec<&Failed> = self.failed.iter().filter(|f| f.county == county).collect();
            for p in problems(failed.iter().copied(), false) {
                s.push_str(&format!("\n  {}: {p}", registry::slug(county)));
            }
            s.push_str(&removed_note(failed.into_iter()));
        }
        s
    }

    /// Ok if everything was made; otherwise an error (with the exit code
    /// of the first failure's kind) carrying the summary.
    pub fn result(&self) -> Result<()> {
        match self.failed.first() {
            None => Ok(()),
            Some(f) => Err(Error::new(f.error.kind, self.summary())),
        }
    }
}
