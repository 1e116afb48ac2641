//! `foldline watch`: makes a piece, then makes it again on every save of
//! its content file or of an image it names, one line per build. A save
//! that fails is reported in full and the last good PDF and previews stay
//! in place. With `--serve` the pages are also shown on a local web page
//! (serve.rs), whose pickers choose the county, language and product.

use super::make::{self, Built, Make};
use super::serve;
use foldline::error::{Error, Result};
use foldline::products::PosterSize;
use foldline::run::{self, signals, Plan};
use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct Args {
    /// Also show the pages on a local web page (http://127.0.0.1:PORT/)
    /// that reloads by itself after each build
    #[arg(long, global = true)]
    serve: bool,
    /// The port of the --serve page (a free one if not given)
    #[arg(long, global = true, value_name = "PORT")]
    port: Option<u16>,
    #[command(subcommand)]
    what: What,
}

/// What is watched: one piece, or a whole print run.
#[derive(clap::Subcommand)]
pub enum What {
    #[command(flatten)]
    Make(Make),
    /// A print run from a plan file, made again into its folder on every
    /// save of the plan or of a content file it names
    Run(super::RunArgs),
}

/// An editor's save is several file events (truncate, write, rename);
/// they are taken as one after this much quiet. Short, so that the
/// brochure is rebuilt within 100 ms of a save (benches/watch.rs).
/// Debounced here rather than with notify-debouncer-mini, which drops the
/// kind of event: foldline's own reading of the content file would then
/// count as a save and rebuild for ever.
const QUIET: Duration = Duration::from_millis(20);

/// What wakes the loop.
pub enum Wake {
    Changed(notify::Result<notify::Event>),
    /// The preview page's pickers: make this piece instead.
    Chose(Choice),
}

/// A choice on the preview page; `None` keeps what is made now.
#[derive(Default)]
pub struct Choice {
    pub county: Option<String>,
    pub lang: Option<String>,
    pub product: Option<String>,
}

pub fn run(args: Args) -> Result<()> {
    if args.port.is_some() && !args.serve {
        return Err(Error::input(
            "--port is the port of the preview page; add --serve",
        ));
    }
    match args.what {
        What::Make(make) => piece(make, args.serve, args.port),
        What::Run(_) if args.serve => Err(Error::input(
            "the preview page shows one piece; watch a piece with --serve (foldline watch brochure --content FILE --serve), or a run without it",
        )),
        What::Run(r) => print_run(&r),
    }
}

/// The file watcher; its events come to `tx`.
fn watcher(tx: &Sender<Wake>) -> Result<RecommendedWatcher> {
    let saved = tx.clone();
    notify::recommended_watcher(move |r| {
        let _ = saved.send(Wake::Changed(r));
    })
    .map_err(|e| Error::io(format!("cannot watch files for changes: {e}")))
}

/// What ended the wait for a change.
enum Next {
    Saved,
    Chose(Choice),
    Stop,
}

/// Waits for a save of a file in `watched` (then for the save's other
/// events to pass), a choice on the preview page, or Ctrl-C.
fn next(rx: &Receiver<Wake>, watched: &BTreeSet<PathBuf>, stop: &signals::Catching) -> Next {
    let mut quiet_after: Option<Instant> = None;
    loop {
        if stop.signalled() {
            say("stopped; the files written are complete");
            return Next::Stop;
        }
        let wait = match quiet_after {
            Some(t) => t.saturating_duration_since(Instant::now()),
            None => Duration::from_millis(200),
        };
        match rx.recv_timeout(wait) {
            Ok(Wake::Changed(Ok(event))) => {
                if changes(&event.kind) && event.paths.iter().any(|p| watched.contains(p)) {
                    quiet_after = Some(Instant::now() + QUIET);
                }
            }
            Ok(Wake::Changed(Err(e))) => eprintln!("warning: watching files: {e}"),
            Ok(Wake::Chose(c)) => return Next::Chose(c),
            Err(mpsc::RecvTimeoutError::Timeout) if quiet_after.is_some() => return Next::Saved,
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => return Next::Stop,
        }
    }
}

/// `foldline watch run PLAN`: the run made again on every save of the
/// plan or a content file it names, one line per run.
fn print_run(args: &super::RunArgs) -> Result<()> {
    let Some(plan_file) = args.plan.clone() else {
        return Err(Error::input(
            "watch run follows a plan file: give it, as in foldline watch run plan.yaml",
        ));
    };
    let (tx, rx) = mpsc::channel();
    let mut watcher = watcher(&tx)?;
    let stop = signals::catch();
    let mut folders = BTreeSet::new();
    let mut watched: BTreeSet<PathBuf> = resolved(&plan_file).into_iter().collect();
    watch_folders(&mut watcher, &mut folders, &watched)?;
    let mut warned: Vec<String> = Vec::new();
    for build in 1.. {
        let started = Instant::now();
        let plan = Plan::new(Some(&plan_file), args.flags());
        if let Ok(plan) = &plan {
            watched.extend(plan.content.values().filter_map(|f| resolved(f)));
            watch_folders(&mut watcher, &mut folders, &watched)?;
        }
        let made = plan.and_then(|plan| {
            let report = run::execute(&plan, &run::progress::Silent)?;
            Ok((plan, report))
        });
        let took = started.elapsed().as_millis();
        match made {
            Ok((plan, report)) => {
                let warnings = report.warnings.iter().map(|w| format!("warning: {w}"));
                say_new(warnings.collect(), &mut warned);
                let files = report.made.len();
                let asked = files + report.failed.len();
                say(&format!(
                    "build {build}: made {files} of {asked} files in {}, {took} ms",
                    plan.output.display()
                ));
                if let Err(e) = report.result() {
                    say(&e.shown(false));
                }
            }
            Err(e) => say(&format!(
                "build {build} failed (the last run's folder is kept as it was):\n{}",
                e.shown(false)
            )),
        }
        match next(&rx, &watched, &stop) {
            Next::Stop => return Ok(()),
            Next::Saved | Next::Chose(_) => {}
        }
    }
    Ok(())
}

/// `foldline watch brochure` and the other pieces.
fn piece(mut make: Make, serve: bool, port: Option<u16>) -> Result<()> {
    if make.common().content.is_none() && !serve {
        return Err(Error::input(
            "watch follows a content file: give it with --content FILE (foldline new my-campaign writes one to start from), or add --serve to look at the built-in content on the preview page",
        ));
    }
    let (tx, rx) = mpsc::channel();
    let mut watcher = watcher(&tx)?;
    let page = match serve {
        true => Some(serve::start(port, tx, &make)?),
        false => None,
    };
    if let Some(p) = &page {
        say(&format!("preview page: {} (Ctrl-C stops)", p.address()));
    }
    let stop = signals::catch();
    // The content file is watched from the start: a save during the first
    // build is not missed.
    let mut watched: BTreeSet<PathBuf> = make
        .common()
        .content
        .iter()
        .filter_map(|f| resolved(f))
        .collect();
    let mut folders: BTreeSet<PathBuf> = BTreeSet::new();
    watch_folders(&mut watcher, &mut folders, &watched)?;
    let mut shown_notes: Vec<String> = Vec::new();
    for build in 1.. {
        let started = Instant::now();
        let mut notes = Vec::new();
        let made = make.build(&mut |n| notes.push(n)).and_then(|built| {
            make.write(&built, false)?;
            Ok(built)
        });
        let took = started.elapsed();
        say_new(notes, &mut shown_notes);
        // The files to watch are watched before the build is reported, so
        // that a save right after the report is seen.
        let mut files: Vec<PathBuf> = make.common().content.iter().cloned().collect();
        match &made {
            Ok(built) => files.extend(built.inputs.iter().cloned()),
            // Until the content reads again, the images it named stay watched.
            Err(_) => files.extend(watched.iter().cloned()),
        }
        watched = files.iter().filter_map(|f| resolved(f)).collect();
        watch_folders(&mut watcher, &mut folders, &watched)?;
        match &made {
            Ok(built) => {
                say(&line(build, built, took));
                let pictures = previews(built);
                if let Some(p) = &page {
                    p.show(build, built, pictures, &make);
                }
            }
            Err(e) => {
                let kept = match &page {
                    Some(_) => "the last good pages are kept",
                    None => "the last good PDF is kept",
                };
                let colour = foldline::error::colour_on(&std::io::stdout());
                say(&format!(
                    "build {build} failed ({kept}):\n{}",
                    e.shown(colour)
                ));
                if let Some(p) = &page {
                    p.fail(build, e, &make);
                }
            }
        }
        // Wait for a save of a file the piece is made from, or a choice.
        match next(&rx, &watched, &stop) {
            Next::Stop => return Ok(()),
            Next::Chose(c) => choose(&mut make, c),
            Next::Saved => {}
        }
    }
    Ok(())
}

/// Watches the folder of each file in `watched` not watched yet.
fn watch_folders(
    watcher: &mut impl Watcher,
    folders: &mut BTreeSet<PathBuf>,
    watched: &BTreeSet<PathBuf>,
) -> Result<()> {
    for folder in watched.iter().filter_map(|f| f.parent()) {
        if folders.insert(folder.to_path_buf()) {
            watcher
                .watch(folder, RecursiveMode::NonRecursive)
                .map_err(|e| {
                    Error::io(format!(
                        "cannot watch {} for changes: {e}",
                        folder.display()
                    ))
                })?;
        }
    }
    Ok(())
}

/// Whether an event can change what a file holds: not an open, a read or
/// the close of a file opened for reading (foldline's own reads).
fn changes(kind: &EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Access(
            AccessKind::Open(_)
                | AccessKind::Read
                | AccessKind::Close(AccessMode::Read | AccessMode::Execute)
        )
    )
}

/// "build 3: my-campaign-placer-brochure.pdf, 2 pages, 24 ms".
fn line(build: usize, built: &Built, took: Duration) -> String {
    let pages = built.doc.pages.len();
    format!(
        "build {build}: {}, {pages} page{}, {} ms",
        built.path.display(),
        if pages == 1 { "" } else { "s" },
        took.as_millis()
    )
}

/// Writes the PNG previews beside the PDF, after the PDF so that the PDF
/// is as quick as it can be; gives the pictures for the preview page.
fn previews(built: &Built) -> Vec<Vec<u8>> {
    let pictures = match make::pngs(&built.doc) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("warning: no previews: {e}");
            return Vec::new();
        }
    };
    for (path, png) in make::preview_paths(&built.doc, &built.path)
        .iter()
        .zip(&pictures)
    {
        if let Err(e) = foldline::output::write_atomic(path, png) {
            eprintln!("warning: {e}");
        }
    }
    pictures
}

/// The file as the watcher names it: its folder resolved, so that an
/// editor's replace-by-rename is still seen as a save of the file.
fn resolved(file: &Path) -> Option<PathBuf> {
    let folder = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(folder.canonicalize().ok()?.join(file.file_name()?))
}

/// Applies a choice from the preview page. Another county takes that
/// county's number from the registry (a --hotline given was for the first
/// one); another piece or county goes to its own default file name.
fn choose(make: &mut Make, c: Choice) {
    if let Some(product) = c.product.filter(|p| *p != make.kind()) {
        let common = make.common().clone();
        *make = match product.as_str() {
            "poster" => Make::Poster {
                size: PosterSize::ALL[0],
                tear_off: 0,
                common,
            },
            "card" => Make::Card {
                sheet: false,
                common,
            },
            _ => Make::Brochure {
                common,
                duplex: make::Duplex::ShortEdge,
            },
        };
        make.common_mut().output = None;
    }
    let common = make.common_mut();
    if let Some(county) = c.county {
        if common.county.as_deref() != Some(&county) {
            common.county = Some(county);
            common.hotline = None;
            common.output = None;
        }
    }
    if let Some(lang) = c.lang {
        if common.content.is_none() {
            common.lang = Some(lang);
            common.output = None;
        }
    }
}

/// Each of `notes` on stderr that the last build did not say: a warning
/// once, not again on every save.
fn say_new(notes: Vec<String>, said: &mut Vec<String>) {
    for n in notes.iter().filter(|n| !said.contains(n)) {
        eprintln!("{n}");
    }
    *said = notes;
}

fn say(text: &str) {
    let mut out = std::io::stdout();
    let _ = writeln!(out, "{text}");
    let _ = out.flush();
}
