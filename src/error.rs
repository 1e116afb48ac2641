//! One error type for the whole pipeline. Every message is a paragraph a
//! member of staff can act on; the kind decides the exit code.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Bad flags or bad content: fix the input and run again.
    Input,
    /// The content does not fit the product.
    Fit,
    /// Reading or writing files failed.
    Io,
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
