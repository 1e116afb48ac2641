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

#[derive(Debug)]
pub struct Error {
    pub kind: Kind,
    pub message: String,
}

impl Error {
    pub fn input(message: impl Into<String>) -> Self {
        Error {
            kind: Kind::Input,
            message: message.into(),
        }
    }
    pub fn fit(message: impl Into<String>) -> Self {
        Error {
            kind: Kind::Fit,
            message: message.into(),
        }
    }
    pub fn io(message: impl Into<String>) -> Self {
        Error {
            kind: Kind::Io,
            message: message.into(),
        }
    }

    /// The same error with where it happened put first, as in
    /// "brochure, inside page, panel 'inside-middle': ...".
    pub fn within(self, place: &str) -> Self {
        Error {
            kind: self.kind,
            message: format!("{place}: {}", self.message),
        }
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
