//! Making one piece from the command line: the content loaded for the
//! audience, laid out, preflighted, rendered, its numbers read back, and
//! written. `foldline brochure` does it once, `foldline watch` on every save.

use super::{county_names, language_codes, poster_size, poster_size_names, Candidates};
use clap::builder::TypedValueParser;
use clap::Subcommand;
use foldline::content::{self, review, Audience, Content};
use foldline::display::Document;
use foldline::error::{Error, Result};
use foldline::preflight::{self, Level};
use foldline::products::{trifold, PosterSize, Product};
use foldline::{output, printed, render};
use std::path::{Path, PathBuf};

/// The commands that make one piece.
#[derive(Subcommand, Clone)]
pub enum Make {
    /// The tri-fold brochure (US Letter, 2 pages)
    #[command(
        after_help = "Examples:\n  foldline brochure\n  foldline brochure --county \"San Luis Obispo\" --lang es\n  foldline brochure --county Monterey --hotline 831-755-4661 -o monterey.pdf\n  foldline brochure --office --duplex long-edge -o office.pdf"
    )]
    Brochure {
        #[command(flatten)]
        common: Common,
        /// How the printer turns the sheet for the second side: short-edge (pages
        /// upright, the default) or long-edge (the inside page is printed upside down)
        #[arg(long, value_enum, default_value_t = Duplex::ShortEdge)]
        duplex: Duplex,
    },
    /// A one-page portrait poster; --tear-off adds hotline tabs along its foot
    #[command(
        after_help = "Examples:\n  foldline poster --size tabloid\n  foldline poster --size letter --tear-off 8 --county Monterey --hotline 831-755-4661"
    )]
    Poster {
        /// Sheet: letter (8.5 x 11 in), tabloid (11 x 17 in), 18x24 or 24x36 (inches)
        #[arg(long, default_value = "letter", value_parser = Candidates(poster_size_names).try_map(poster_size), hide_possible_values = true)]
        size: PosterSize,
        /// Tear-off tabs with the hotline numbers along the foot
        #[arg(long, value_name = "N", default_value_t = 0)]
        tear_off: u8,
        #[command(flatten)]
        common: Common,
    },
    /// Wallet cards (3.5 x 2 in): front and back, one card a page
    #[command(after_help = "Examples:\n  foldline card\n  foldline card --sheet -o cards.pdf")]
    Card {
        /// Letter sheets of 10 (Avery 5371/8371) for an office printer, at the
        /// sheet's size with cut marks around the cards; print duplex, flip on
        /// the long edge
        #[arg(long)]
        sheet: bool,
        #[command(flatten)]
        common: Common,
    },
}

/// A piece rendered and checked, not yet written.
pub struct Built {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    pub doc: Document,
    /// The files it was made from: the content file and the images it names.
    pub inputs: Vec<PathBuf>,
    /// The county (as `--county` takes it) and the language it is for.
    pub county: String,
    pub language: String,
}

impl Make {
    pub fn common(&self) -> &Common {
        match self {
            Make::Brochure { common, .. }
            | Make::Poster { common, .. }
            | Make::Card { common, .. } => common,
        }
    }

    pub fn common_mut(&mut self) -> &mut Common {
        match self {
            Make::Brochure { common, .. }
            | Make::Poster { common, .. }
            | Make::Card { common, .. } => common,
        }
    }

    /// The command's name: brochure, poster or card.
    pub fn kind(&self) -> &'static str {
        match self {
            Make::Brochure { .. } => "brochure",
            Make::Poster { .. } => "poster",
            Make::Card { .. } => "card",
        }
    }

    pub fn product(&self) -> Product {
        match *self {
            Make::Brochure { .. } => Product::Brochure,
            Make::Poster { size, tear_off, .. } => Product::Poster { size, tear_off },
            Make::Card { sheet, .. } => Product::Card { sheet },
        }
    }

    fn options(&self) -> render::Options {
        match self {
            // A sheet goes through an office printer as it is: Letter paper,
            // no bleed, no crop marks (the cards have their own cut marks).
            Make::Card {
                sheet: true,
                common,
            } => render::Options {
                pdfx: common.print.pdfx,
                ..render::Options::OFFICE
            },
            _ => self.common().print.options(),
        }
    }

    /// Loads the content for the audience, lays the piece out, preflights
    /// it, renders it and reads its numbers back; writes nothing. Warnings
    /// and the hotline used go to `note` as they are found.
    pub fn build(&self, note: &mut dyn FnMut(String)) -> Result<Built> {
        let c = self.common();
        let product = self.product();
        let piece = prepare(c, note)?;
        let mut doc = product.build(&piece.content)?;
        if let Make::Brochure {
            duplex: Duplex::LongEdge,
            ..
        } = self
        {
            trifold::turn_inside_page(&mut doc);
        }
        let meta = &piece.content.meta;
        let path = c.output.clone().unwrap_or_else(|| {
            default_name(
                c.content.as_deref(),
                &meta.county,
                &product.file_stem(),
                &meta.language,
            )
        });
        let previews = preview_paths(&doc, &path);
        for target in std::iter::once(&path).chain(&previews) {
            output::check_target(target, &piece.inputs.refs())?;
        }
        let report = preflight::document(&doc);
        for f in report.at(Level::Warning) {
            note(format!("warning: {}: {}", f.check, f.text));
        }
        if let Some(errors) = report.errors() {
            return Err(Error::input(format!(
                "preflight failed, nothing was written: {}",
                errors
            )));
        }
        let bytes = render::render(&doc, &self.options())?;
        printed::read_back(
            &bytes,
            product,
            &piece.content,
            &piece.choice,
            &piece.source,
        )?;
        Ok(Built {
            path,
            bytes,
            doc,
            county: content::registry::slug(&piece.content.meta.county),
            language: piece.content.meta.language.clone(),
            inputs: piece.inputs.0.into_iter().map(|(p, _)| p).collect(),
        })
    }

    /// Writes the PDF atomically and, if `preview`, a PNG of each page
    /// beside it; gives the files written.
    pub fn write(&self, built: &Built, preview: bool) -> Result<Vec<PathBuf>> {
        output::write_atomic(&built.path, &built.bytes)?;
        let mut written = vec![built.path.clone()];
        if preview {
            for (png, bytes) in preview_paths(&built.doc, &built.path)
                .into_iter()
                .zip(pngs(&built.doc)?)
            {
                output::write_atomic(&png, &bytes)?;
                written.push(png);
            }
        }
        Ok(written)
    }
}

/// A PNG picture of each page, at the finished size and 100 dpi.
pub fn pngs(doc: &Document) -> Result<Vec<Vec<u8>>> {
    doc.pages
        .iter()
        .map(|page| render::png::page_png(page, 100.0))
        .collect()
}

/// Where the PNG pictures of each page (finished size, 100 dpi) go:
/// beside `pdf`, as NAME-page1.png, ...
pub fn preview_paths(doc: &Document, pdf: &Path) -> Vec<PathBuf> {
    let stem = pdf
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    (1..=doc.pages.len())
        .map(|i| pdf.with_file_name(format!("{stem}-page{i}.png")))
        .collect()
}

/// The files a command reads, with what each is, so that no output
/// replaces one of them.
struct Inputs(Vec<(PathBuf, String)>);

impl Inputs {
    fn refs(&self) -> Vec<(&Path, &str)> {
        self.0
            .iter()
            .map(|(p, w)| (p.as_path(), w.as_str()))
            .collect()
    }
}

/// A piece to make: its content filled in, the files it was read from,
/// the hotline chosen and the content as read (for its numbers).
struct Piece {
    content: Content,
    inputs: Inputs,
    choice: content::Choice,
    source: content::Source,
}

/// Loads the content for `c`, says on stderr which hotline it uses, and
/// warns if the content is still under review.
fn prepare(c: &Common, note: &mut dyn FnMut(String)) -> Result<Piece> {
    let audience = Audience {
        county: c.county.clone(),
        hotline: c.hotline.clone(),
    };
    let mut inputs = Inputs(Vec::new());
    if let Some(file) = &c.content {
        inputs.0.push((file.clone(), "the content file".into()));
    }
    // Bad flags and an output that cannot be written are refused first.
    content::check_audience(&audience)?;
    if let Some(o) = &c.output {
        output::check_target(o, &inputs.refs())?;
    }
    let source = content::read(c.content.as_deref(), c.lang.as_deref())?;
    for image in content::files_used(&source.content) {
        let kind = match source.content.font_files.contains(&image) {
            true => "a font",
            false => "an image",
        };
        let what = format!("{kind} the content uses ({})", image.display());
        inputs.0.push((image, what));
    }
    let translated = review::built_in_source(&source.content.meta);
    for w in review::warnings(&source, translated) {
        note(format!("warning: {w}"));
    }
    let choice = content::choose(&source, &audience)?;
    note(choice.describe());
    Ok(Piece {
        content: content::fill(&source, &choice)?,
        inputs,
        choice,
        source,
    })
}

/// Where a piece goes without -o: COUNTY-PRODUCT[-LANG].pdf from the
/// built-in content, CONTENT-COUNTY-PRODUCT[-LANG].pdf from a content file
/// (my-campaign-placer-brochure.pdf), so that it never replaces the file
/// of the built-in brochure or of another content file.
fn default_name(content: Option<&Path>, county: &str, product: &str, lang: &str) -> PathBuf {
    let mut name = content
        .and_then(Path::file_stem)
        .map(|s| format!("{}-", s.to_string_lossy()))
        .unwrap_or_default();
    name.push_str(&format!("{}-{product}", content::registry::slug(county)));
    if lang != "en" {
        name.push_str(&format!("-{lang}"));
    }
    PathBuf::from(format!("{name}.pdf"))
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Duplex {
    ShortEdge,
    LongEdge,
}

#[derive(clap::Args, Clone)]
pub struct Common {
    /// County the piece is for (any case, e.g. "San Luis Obispo" or san-luis-obispo);
    /// its hotline comes from the county registry (`foldline counties`)
    #[arg(long, value_parser = Candidates(county_names), hide_possible_values = true)]
    pub county: Option<String>,
    /// Hotline to print, e.g. 831-755-4661; replaces the registry's number
    #[arg(long)]
    pub hotline: Option<String>,
    /// Language of the built-in content, e.g. es or vi (`foldline list` shows them all)
    #[arg(long, value_name = "LANG", value_parser = Candidates(language_codes), hide_possible_values = true)]
    pub lang: Option<String>,
    /// Content file (YAML); the built-in CSEC content if not given
    #[arg(long, value_name = "FILE")]
    pub content: Option<PathBuf>,
    /// Output file
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub print: PrintFlags,
    /// Also write a PNG picture of every page next to the PDF (NAME-page1.png, ...)
    #[arg(long)]
    pub preview: bool,
}

/// Who prints the files: a print shop (the default) or an office printer.
#[derive(clap::Args, Clone)]
pub struct PrintFlags {
    /// For an office printer: pages at the finished size, no bleed, no marks
    /// (the default is a print-shop file with 0.125 in bleed and crop marks)
    #[arg(long)]
    pub office: bool,
    /// Print-shop file with bleed but without crop and fold marks
    #[arg(long, conflicts_with = "office")]
    pub no_marks: bool,
    /// Write PDF/X-4 (output intent FOGRA39 coated, XMP metadata) for prepress
    #[arg(long)]
    pub pdfx: bool,
}

impl PrintFlags {
    pub fn options(&self) -> render::Options {
        let base = match (self.office, self.no_marks) {
            (true, _) => render::Options::OFFICE,
            (false, true) => render::Options {
                marks: false,
                ..render::Options::PRINT_SHOP
            },
            (false, false) => render::Options::PRINT_SHOP,
        };
        render::Options {
            pdfx: self.pdfx,
            ..base
        }
    }
}
