//! One error type for the whole pipeline. Every message is a paragraph a
//! member of staff can act on; the kind decides the exit code.

use std::cell::Cell;
use std::fmt;
use std::panic::UnwindSafe;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Bad flags or bad content: fix the input and run again.
    Input,
    /// The content does not fit the product.
    Fit,
    /// Reading or writing files failed.
    Io,
    /// Stopped by Ctrl-C or `kill` before it was done.
    Interrupted,
}

#[derive(Debug, Clone)]
pub struct Error {
    pub kind: Kind,
    /// The whole error as plain text: one line per mistake, each naming
    /// the file, line and column, for the proof sheet, the manifest and a
    /// run's summary.
    pub message: String,
    /// The mistakes in an input file, each with where it is, to show as
    /// rustc does (`render`); empty for other errors.
    pub diagnostics: Vec<Diagnostic>,
    /// Mistakes found beyond the `MAX_DIAGNOSTICS` kept.
    pub more: usize,
}

/// At most this many mistakes of one file are kept and shown.
pub const MAX_DIAGNOSTICS: usize = 20;

/// One mistake in a file staff edited, in plain words.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// The file as messages name it (`bad.yaml`, or the built-in
    /// content in words).
    pub file: String,
    /// What is wrong, in plain language.
    pub message: String,
    /// Where, when the line is known.
    pub at: Option<Spot>,
    /// What to do about it.
    pub help: Option<String>,
}

/// Where a mistake is: the line shown and the part of it underlined.
#[derive(Debug, Clone, PartialEq)]
pub struct Spot {
    /// From 1.
    pub line: usize,
    /// From 1, in characters.
    pub column: usize,
    /// Characters underlined from `column`, at least 1.
    pub len: usize,
    /// The text of the line.
    pub text: String,
    /// A few words said at the underline.
    pub label: Option<String>,
}

impl Diagnostic {
    /// A mistake in `file` at line and column `at` (from 1) of `text`.
    pub fn new(
        file: &str,
        text: &str,
        at: Option<(usize, usize)>,
        message: impl Into<String>,
    ) -> Self {
        let at = at.map(|(line, column)| {
            let source = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
            Spot {
                line: line.max(1),
                column: column.max(1),
                len: word_len(source, column.max(1)),
                text: source.to_string(),
                label: None,
            }
        });
        Diagnostic {
            file: file.to_string(),
            message: message.into(),
            at,
            help: None,
        }
    }

    /// The words at the underline.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        if let Some(at) = &mut self.at {
            at.label = Some(label.into());
        }
        self
    }

    /// Underlines `len` characters (instead of the word at the column).
    pub fn len(mut self, len: usize) -> Self {
        if let Some(at) = &mut self.at {
            at.len = len.max(1);
        }
        self
    }

    /// Underlines the rest of the line from the column, trailing spaces
    /// and a comment aside.
    pub fn to_line_end(mut self) -> Self {
        if let Some(at) = &mut self.at {
            let rest: String = at.text.chars().skip(at.column - 1).collect();
            let rest = rest.split(" #").next().unwrap_or("").trim_end();
            at.len = rest.chars().count().max(1);
        }
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// One line: "file:line:column: message. help".
    pub fn plain(&self) -> String {
        let place = match &self.at {
            Some(at) if self.file.starts_with(BUILT_IN_PREFIX) => {
                format!("{}, line {}, column {}", self.file, at.line, at.column)
            }
            Some(at) => format!("{}:{}:{}", self.file, at.line, at.column),
            None => self.file.clone(),
        };
        let mut s = format!("{place}: {}", self.message);
        if let Some(help) = &self.help {
            s.push_str(". ");
            s.push_str(help);
        }
        s
    }

    pub fn into_error(self, kind: Kind) -> Error {
        Error {
            kind,
            message: self.plain(),
            diagnostics: vec![self],
            more: 0,
        }
    }
}

/// Whether to colour what is written to `stream`: on a terminal, unless
/// NO_COLOR is set.
pub fn colour_on(stream: &impl std::io::IsTerminal) -> bool {
    stream.is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// How the built-in content is named ("foldline's built-in Spanish
/// content"), which has no file to show a line of.
pub const BUILT_IN_PREFIX: &str = "foldline's built-in ";

/// Characters of the word at `column` (from 1) of `line`: a name, number
/// or path; 1 for anything else.
fn word_len(line: &str, column: usize) -> usize {
    let word = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | '\\');
    let n = line
        .chars()
        .skip(column - 1)
        .take_while(|&c| word(c))
        .count();
    n.max(1)
}

impl Error {
    pub fn input(message: impl Into<String>) -> Self {
        Error::new(Kind::Input, message.into())
    }
    pub fn fit(message: impl Into<String>) -> Self {
        Error::new(Kind::Fit, message.into())
    }
    pub fn io(message: impl Into<String>) -> Self {
        Error::new(Kind::Io, message.into())
    }
    pub fn new(kind: Kind, message: String) -> Self {
        Error {
            kind,
            message,
            diagnostics: Vec::new(),
            more: 0,
        }
    }

    /// The same error with where it happened put first, as in
    /// "brochure, inside page, panel 'inside-middle': ...".
    pub fn within(mut self, place: &str) -> Self {
        self.message = format!("{place}: {}", self.message);
        for d in &mut self.diagnostics {
            d.message = format!("{place}: {}", d.message);
        }
        self
    }

    /// The error as foldline shows it to a person: mistakes in a file as
    /// `render` draws them, any other error as "error: " and its message.
    pub fn shown(&self, styled: bool) -> String {
        match self.diagnostics.is_empty() {
            true => format!("error: {self}"),
            false => self.render(styled),
        }
    }

    /// Each mistake as rustc shows one, then a line that says how many
    /// there are when more than one; `styled` for a terminal (colour).
    pub fn render(&self, styled: bool) -> String {
        use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let mut out = Vec::new();
        for d in &self.diagnostics {
            let title = Level::ERROR.primary_title(d.message.as_str());
            let mut group = match &d.at {
                Some(at) => {
                    let (start, end) = byte_span(&at.text, at.column, at.len);
                    let mut mark = AnnotationKind::Primary.span(start..end);
                    if let Some(label) = &at.label {
                        mark = mark.label(label.as_str());
                    }
                    title.element(
                        Snippet::source(at.text.as_str())
                            .line_start(at.line)
                            .path(d.file.as_str())
                            .annotation(mark),
                    )
                }
                None => Group::with_title(title).element(Origin::path(d.file.as_str())),
            };
            if let Some(help) = &d.help {
                group = group.element(Level::HELP.message(help.as_str()));
            }
            out.push(renderer.render(&[group]));
        }
        let total = self.diagnostics.len() + self.more;
        if total > 1 {
            let file = self.diagnostics.first().map_or("", |d| d.file.as_str());
            let what = if file.starts_with(BUILT_IN_PREFIX) {
                file.to_string()
            } else {
                format!("the file {file}")
            };
            let shown = if self.more > 0 {
                format!("the first {} are shown above", self.diagnostics.len())
            } else {
                "shown above".to_string()
            };
            let summary = format!("{what} has {total} mistakes ({shown}); nothing was written");
            out.push(renderer.render(&[Group::with_title(
                Level::ERROR.primary_title(summary.as_str()),
            )]));
        }
        out.join("\n\n")
    }

    pub fn exit_code(&self) -> i32 {
        match self.kind {
            Kind::Input => 2,
            Kind::Fit => 3,
            Kind::Io => 4,
            // As a shell reports a program ended by Ctrl-C (128 + SIGINT).
            Kind::Interrupted => 130,
        }
    }
}

/// "1 mistake", "3 mistakes".
fn mistakes(n: usize) -> String {
    match n {
        1 => "1 mistake".into(),
        n => format!("{n} mistakes"),
    }
}

/// Byte range of `len` characters from `column` (from 1) of `line`.
fn byte_span(line: &str, column: usize, len: usize) -> (usize, usize) {
    let at = |n: usize| line.char_indices().nth(n).map_or(line.len(), |(i, _)| i);
    let start = at(column.saturating_sub(1));
    (start, at(column.saturating_sub(1) + len.max(1)).max(start))
}

/// The mistakes found in one file, kept as they are found so that all of
/// them are reported at once (at most `MAX_DIAGNOSTICS`, and how many
/// more).
#[derive(Debug, Default)]
pub struct Problems {
    errors: Vec<Error>,
    more: usize,
}

impl Problems {
    pub fn push(&mut self, e: Error) {
        let kept: usize = self.errors.iter().map(|e| e.diagnostics.len().max(1)).sum();
        if kept >= MAX_DIAGNOSTICS {
            self.more += e.diagnostics.len().max(1) + e.more;
        } else {
            self.errors.push(e);
        }
    }

    /// The value of `r`, or None with its error kept.
    pub fn take<T>(&mut self, r: Result<T>) -> Option<T> {
        r.map_err(|e| self.push(e)).ok()
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// Ok if nothing was found; else one error holding every mistake,
    /// in the order of the file's lines. `file` names the file for a
    /// mistake that came without one.
    pub fn finish(self, file: &str) -> Result<()> {
        if self.errors.is_empty() {
            return Ok(());
        }
        let mut errors = self.errors;
        if errors.len() == 1 && self.more == 0 {
            return Err(errors.remove(0));
        }
        // Bad input over a file that cannot be read: the input's code.
        let kind = if errors.iter().any(|e| e.kind == Kind::Input) {
            Kind::Input
        } else {
            errors[0].kind
        };
        let mut diagnostics: Vec<Diagnostic> = Vec::new();
        let mut more = self.more;
        for e in errors {
            more += e.more;
            if e.diagnostics.is_empty() {
                // Already names the file, as every message does.
                let message = e
                    .message
                    .strip_prefix(&format!("{file}: "))
                    .unwrap_or(&e.message);
                diagnostics.push(Diagnostic::new(file, "", None, message));
            } else {
                diagnostics.extend(e.diagnostics);
            }
        }
        diagnostics.sort_by_key(|d| d.at.as_ref().map_or(usize::MAX, |a| a.line));
        let mut lines: Vec<String> = diagnostics.iter().map(Diagnostic::plain).collect();
        let total = diagnostics.len() + more;
        lines[0].push_str(&format!(" (and {} more in the file)", mistakes(total - 1)));
        Err(Error {
            kind,
            message: lines.join("\n"),
            diagnostics,
            more,
        })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

thread_local! {
    static CONTAINED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, which may stop with a panic on input it cannot handle (the
/// strict PDF inspector on a foreign PDF): the panic's message then, and
/// no panic notice is printed, since the caller reports the problem itself.
pub fn contain<T>(f: impl FnOnce() -> T + UnwindSafe) -> Result<T, String> {
    let before = CONTAINED.replace(true);
    let result = std::panic::catch_unwind(f);
    CONTAINED.set(before);
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no details".into())
    })
}

/// True while the current thread runs inside `contain`: the panic hook
/// stays quiet.
pub fn panic_is_contained() -> bool {
    CONTAINED.get()
}
