//! Progress of a print run on stderr: a bar on a terminal, one plain line
//! per file otherwise (logs, CI, pipes).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Told about each file as it is finished; called from worker threads.
pub trait Progress: Sync {
    fn start(&self, total: usize);
    /// `file` is relative to the output folder; `problem` is why it failed.
    fn done(&self, file: &str, problem: Option<&str>);
    fn finish(&self);
}

/// Reports nothing (benchmarks, library use).
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _: usize) {}
    fn done(&self, _: &str, _: Option<&str>) {}
    fn finish(&self) {}
}

/// The reporter for the command line.
pub struct Stderr {
    bar: Option<ProgressBar>,
    count: AtomicUsize,
    total: AtomicUsize,
}

impl Stderr {
    /// A bar if stderr is a terminal, plain lines if not.
    pub fn new() -> Stderr {
        let bar = std::io::stderr().is_terminal().then(|| {
            let style = ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}")
                .expect("valid template")
                .progress_chars("##-");
            ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr()).with_style(style)
        });
        Stderr {
            bar,
            count: AtomicUsize::new(0),
            total: AtomicUsize::new(0),
        }
    }
}

impl Default for Stderr {
    fn default() -> Self {
        Stderr::new()
    }
}

impl Progress for Stderr {
    fn start(&self, total: usize) {
        self.total.store(total, Ordering::Relaxed);
        if let Some(bar) = &self.bar {
            bar.set_length(total as u64);
        }
    }

    fn done(&self, file: &str, problem: Option<&str>) {
        let n = self.count.fetch_add(1, Ordering::Relaxed) + 1;
        match &self.bar {
            Some(bar) => {
                bar.set_message(file.to_string());
                bar.inc(1);
            }
            None => {
                let total = self.total.load(Ordering::Relaxed);
                match problem {
                    None => eprintln!("[{n}/{total}] {file}"),
                    Some(_) => eprintln!("[{n}/{total}] {file} not made"),
                }
            }
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
