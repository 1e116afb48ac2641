//! The command line.

use clap::{Parser, Subcommand};
use foldline::content::{self, Audience};
use foldline::error::Result;
use foldline::products::Product;
use foldline::{output, render};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "foldline",
    version,
    about = "Print-ready PDF brochures, posters and wallet cards from YAML content"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct Common {
    /// County the piece is for; replaces {county} in the content
    #[arg(long)]
    county: Option<String>,
    /// Hotline to print, e.g. 831-755-4661; replaces {hotline} in the content
    #[arg(long)]
    hotline: Option<String>,
    /// Content file (YAML); the built-in CSEC content if not given
    #[arg(long, value_name = "FILE")]
    content: Option<PathBuf>,
    /// Output file
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// The tri-fold brochure (US Letter, 2 pages)
    #[command(
        after_help = "Examples:\n  foldline brochure\n  foldline brochure --county Monterey --hotline 831-755-4661 -o monterey.pdf"
    )]
    Brochure(Common),
}

pub fn run() -> Result<()> {
    match Cli::parse().command {
        Command::Brochure(c) => {
            let audience = Audience {
                county: c.county.clone(),
                hotline: c.hotline.clone(),
            };
            let content = content::load(c.content.as_deref(), &audience)?;
            let doc = Product::Brochure.build(&content)?;
            let bytes = render::render(&doc)?;
            let path = c
                .output
                .unwrap_or_else(|| default_name(&content.meta.county, "brochure"));
            output::write_atomic(&path, &bytes)?;
            println!("{}", path.display());
            Ok(())
        }
    }
}

fn default_name(county: &str, product: &str) -> PathBuf {
    let slug: String = county
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    PathBuf::from(format!("{slug}-{product}.pdf"))
}
