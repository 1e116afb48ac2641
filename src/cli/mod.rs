//! The command line.

mod make;
mod serve;
mod watch;

use clap::builder::TypedValueParser;
use clap::{CommandFactory, Parser, Subcommand};
use foldline::catalog;
use foldline::content;
use foldline::content::registry::Registry;
use foldline::error::{Error, Result};
use foldline::output;
use foldline::preflight::{self, Level};
use foldline::products::PosterSize;
use foldline::run::{self, Flags, Plan};
use make::PrintFlags;
use std::path::{Path, PathBuf};

#[derive(Parser)]
#[command(
    name = "foldline",
    version,
    about = "Print-ready PDF brochures, posters and wallet cards from YAML content",
    after_help = "Examples:\n  foldline brochure                       the Placer brochure, print-shop PDF\n  foldline brochure --county Monterey --hotline 831-755-4661 -o monterey.pdf\n  foldline brochure --office --preview    for the office printer, with PNG previews\n  foldline poster --tear-off 8            a Letter poster with hotline tabs\n  foldline card --sheet                   10 wallet cards a Letter sheet\n  foldline preflight monterey.pdf         check a PDF before sending it to print"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
pub struct RunArgs {
    /// Plan file (YAML): counties, products, languages, output, hotlines
    #[arg(value_name = "PLAN.yaml")]
    plan: Option<PathBuf>,
    /// `all`, `printable` or its other name `sourced` (every county the
    /// registry has a sourced number for, and those the plan gives one), or
    /// county names separated by commas
    #[arg(long)]
    counties: Option<String>,
    /// Products separated by commas (all if not given)
    #[arg(long)]
    products: Option<String>,
    /// Languages separated by commas, e.g. en,es,vi (en,es if not given;
    /// `foldline list` shows them all)
    #[arg(long, value_name = "LANGS")]
    lang: Option<String>,
    /// Output folder; a run replaces it whole (an earlier run's files go)
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Replace the output folder even if it holds files foldline did not
    /// make (they are deleted)
    #[arg(long)]
    force: bool,
    /// Also write a PNG picture of every page beside each PDF
    /// (<product>-page1.png, ...)
    #[arg(long)]
    preview: bool,
    #[command(flatten)]
    print: PrintFlags,
}

impl RunArgs {
    fn flags(&self) -> Flags {
        Flags {
            counties: self.counties.clone(),
            products: self.products.clone(),
            languages: self.lang.clone(),
            output: self.output.clone(),
            render: self.print.options(),
            force: self.force,
            preview: self.preview,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    #[command(flatten)]
    Make(make::Make),
    /// Rebuild a piece on every save of its content file and the images it
    /// names, with PNG previews; --serve also shows them on a local web page
    #[command(
        after_help = "Examples:\n  foldline watch brochure --content my-campaign.yaml\n  foldline watch brochure --content my-campaign.yaml --serve\n  foldline watch poster --size tabloid --county Yolo --serve --port 8080\n  foldline watch run plan.yaml\n\nStop it with Ctrl-C. A save that fails keeps the last good PDF and previews."
    )]
    Watch(watch::Args),
    /// List what foldline can make: products and sizes, languages, counties
    #[command(after_help = "Example:\n  foldline list")]
    List,
    /// List the county registry: name, hotline, status, source
    #[command(
        after_help = "Examples:\n  foldline counties\n  foldline counties | grep conflicting"
    )]
    Counties,
    /// Make a whole print run: every county x product x language, with a
    /// manifest and a proof sheet
    #[command(
        after_help = "Examples:\n  foldline run --counties all -o run/\n  foldline run --counties Placer,Yolo --products brochure --lang en,es -o run/\n  foldline run plan.yaml\n\nFiles go to DIR/<county>/<lang>/<product>.pdf, with DIR/manifest.csv and DIR/proof.pdf."
    )]
    Run(RunArgs),
    /// Compare two print runs from their manifests: the pieces added,
    /// removed and changed, and which pieces print a different phone number
    #[command(
        after_help = "Examples:\n  foldline diff run-nov run-dec\n  foldline diff run-nov run-dec > changes.txt || echo \"check the changes before printing\"\n\nPieces are matched by their path (placer/en/brochure.pdf); one has changed when its SHA-256 in the manifest differs. A piece the new run could not make is listed as removed.\nExit status: 0 if the runs are the same, 1 if they differ, 2 if a folder is not a run folder or its manifest cannot be read (as diff(1))."
    )]
    Diff {
        /// The earlier run's folder (made by `foldline run -o DIR`)
        #[arg(value_name = "OLD")]
        old: PathBuf,
        /// The later run's folder
        #[arg(value_name = "NEW")]
        new: PathBuf,
    },
    /// Check an existing PDF the way prepress does (boxes, fonts, safe area,
    /// image resolution, colour) and for posting online (text contrast,
    /// tagging, language, title, alt text, headings)
    #[command(
        after_help = "Examples:\n  foldline preflight placer-brochure.pdf\n  foldline preflight --reading-order placer-brochure.pdf"
    )]
    Preflight {
        /// The PDF to check
        file: PathBuf,
        /// Print the text in the order of the PDF's structure tree, as a
        /// screen reader reads it, instead of the checks
        #[arg(long)]
        reading_order: bool,
    },
    /// Write a starter content file (the built-in CSEC content with a guide to every field)
    #[command(
        after_help = "Example:\n  foldline new my-campaign && foldline brochure --content my-campaign.yaml --preview"
    )]
    New {
        /// Name of the new file (.yaml is added if missing)
        name: PathBuf,
    },
    /// Print the JSON Schema of the content file, for editors that check
    /// and complete YAML as you type (see the README)
    #[command(
        after_help = "Examples:\n  foldline schema -o foldline.schema.json\n  then put this first line in a content file:\n  # yaml-language-server: $schema=foldline.schema.json"
    )]
    Schema {
        /// Write the schema to FILE instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Print a shell completion script
    #[command(
        after_help = "Example:\n  foldline completions bash > ~/.local/share/bash-completion/completions/foldline"
    )]
    Completions {
        /// bash, zsh, fish, elvish or powershell
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) of foldline or of one of its commands
    #[command(
        after_help = "Examples:\n  foldline man > foldline.1 && man ./foldline.1\n  foldline man brochure > foldline-brochure.1\n  mkdir -p man1 && foldline man --dir man1 && man -M . foldline-watch"
    )]
    Man {
        /// The command whose page to print (brochure, run, ...); foldline's own if not given
        command: Option<String>,
        /// Write every page to this folder instead: foldline.1,
        /// foldline-brochure.1, ... (for `man -M` or /usr/local/share/man/man1)
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// A value checked later (by the registry or the language table, which
/// accept many spellings), with the names shell completion offers for it.
#[derive(Clone)]
struct Candidates(fn() -> Vec<String>);

impl TypedValueParser for Candidates {
    type Value = String;
    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> std::result::Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }
    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            (self.0)()
                .into_iter()
                .map(clap::builder::PossibleValue::new),
        ))
    }
}

/// Every county as `--county` takes it without quotes (san-luis-obispo).
fn county_names() -> Vec<String> {
    Registry::embedded().map_or_else(
        |_| Vec::new(),
        |r| r.counties.iter().map(|c| c.slug()).collect(),
    )
}

fn language_codes() -> Vec<String> {
    content::languages::LANGUAGES
        .iter()
        .map(|l| l.code.to_string())
        .collect()
}

fn poster_size_names() -> Vec<String> {
    PosterSize::ALL
        .iter()
        .map(|s| s.name().to_string())
        .collect()
}

/// A poster size by name; an unknown one is refused with the list.
fn poster_size(name: String) -> Result<PosterSize, String> {
    PosterSize::from_name(&name).ok_or_else(|| {
        format!(
            "no such poster size; the sizes are: {}",
            PosterSize::choices().join(", ")
        )
    })
}

pub fn run() -> Result<()> {
    match Cli::parse().command {
        Command::Make(m) => {
            let built = m.build(&mut |w| eprintln!("{w}"))?;
            for path in m.write(&built, m.common().preview)? {
                say(&path);
            }
            Ok(())
        }
        Command::Watch(w) => watch::run(w),
        Command::List => print_bytes(catalog::list(Registry::embedded()?)?.as_bytes()),
        Command::Counties => print_bytes(catalog::counties_table(Registry::embedded()?).as_bytes()),
        Command::Schema { output: None } => print_bytes(content::schema::json().as_bytes()),
        Command::Schema { output: Some(path) } => {
            content::schema::write(&path)?;
            say(&path);
            Ok(())
        }
        Command::Run(r) => {
            let plan = Plan::new(r.plan.as_deref(), r.flags())?;
            let report = run::execute(&plan, &run::progress::Stderr::new())?;
            for w in &report.warnings {
                eprintln!("warning: {w}");
            }
            report.result()?;
            eprintln!("{}", report.summary());
            Ok(())
        }
        Command::Diff { old, new } => {
            let diff = run::diff::compare(&run::diff::read(&old)?, &run::diff::read(&new)?);
            print_bytes(format!("{diff}\n").as_bytes())?;
            if diff.differs() {
                // As diff(1): 1 when the runs differ, which is no error.
                use std::io::Write;
                let _ = std::io::stdout().flush();
                std::process::exit(1);
            }
            Ok(())
        }
        Command::New { name } => {
            let path = if name.extension().is_some() {
                name
            } else {
                name.with_extension("yaml")
            };
            if path.exists() {
                return Err(Error::input(format!(
                    "{} already exists; choose another name",
                    path.display()
                )));
            }
            // The starter's first line points editors at this file; it is
            // generated, so a newer foldline may replace an older copy (but
            // nothing else of that name).
            let schema = path.with_file_name(content::starter::SCHEMA_FILE);
            content::schema::check_replaceable(&schema)?;
            output::write_atomic(&path, content::starter::starter().as_bytes())?;
            say(&path);
            content::schema::write(&schema)?;
            say(&schema);
            Ok(())
        }
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "foldline", &mut script);
            print_bytes(&script)
        }
        Command::Man {
            command,
            dir: Some(dir),
        } => {
            if command.is_some() {
                return Err(Error::input(
                    "--dir writes every page; give either a command or --dir",
                ));
            }
            std::fs::create_dir_all(&dir).map_err(|e| {
                Error::io(format!("cannot create the folder {}: {e}", dir.display()))
            })?;
            // foldline.1, then foldline-brochure.1 and the others.
            let mut cli = Cli::command();
            cli.build();
            let mut pages = vec![("foldline.1".to_string(), cli.clone())];
            for sub in cli.get_subcommands().filter(|c| c.get_name() != "help") {
                let name = format!("foldline-{}", sub.get_name());
                pages.push((format!("{name}.1"), sub.clone().name(name)));
            }
            for (file, page_of) in pages {
                let path = dir.join(file);
                output::write_atomic(&path, &man_page(page_of)?)?;
                say(&path);
            }
            Ok(())
        }
        Command::Man { command, dir: None } => {
            let mut cli = Cli::command();
            cli.build();
            let page_of = match &command {
                None => cli,
                Some(name) => {
                    let names: Vec<String> = cli
                        .get_subcommands()
                        .map(|c| c.get_name().to_string())
                        .filter(|n| n != "help")
                        .collect();
                    let sub = cli.find_subcommand(name).ok_or_else(|| {
                        Error::input(format!(
                            "no command \"{name}\"; the commands are {}",
                            names.join(", ")
                        ))
                    })?;
                    // Named as the SEE ALSO of foldline(1) names it: foldline-brochure(1).
                    sub.clone().name(format!("foldline-{}", sub.get_name()))
                }
            };
            print_bytes(&man_page(page_of)?)
        }
        Command::Preflight {
            file,
            reading_order,
        } => {
            let bytes = foldline::input::read_bounded(&file, "PDF", preflight::MAX_PDF)?;
            if reading_order {
                let text = preflight::reading_order(&bytes, &file.display().to_string())?;
                return print_bytes(text.as_bytes());
            }
            let report = preflight::pdf(&bytes, &file.display().to_string())?;
            print_bytes(format!("preflight {}\n{report}", file.display()).as_bytes())?;
            match report.worst() {
                Level::Error => Err(Error::input(format!("{} fails preflight", file.display()))),
                _ => Ok(()),
            }
        }
    }
}

/// The manual page (roff) of `command`.
fn man_page(command: clap::Command) -> Result<Vec<u8>> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut page)
        .map_err(|e| Error::io(format!("cannot make the manual page: {e}")))?;
    Ok(page)
}

/// Prints the path of a file written; a closed standard output is no
/// failure, the file is there.
fn say(path: &Path) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout(), "{}", path.display());
}

/// Writes to standard output; a reader that stops early (`| head`) is fine.
fn print_bytes(bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    match std::io::stdout().write_all(bytes) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::io(format!("cannot write to standard output: {e}")))
        }
        _ => Ok(()),
    }
}
