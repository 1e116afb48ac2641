//! The integration tests, one binary: each module is one area of foldline,
//! run through the real `foldline` binary or its library. One binary links
//! once (a test binary holds all the built-in fonts), where one per file
//! linked 23 times and filled CI's disk.

mod common;

mod accessibility;
mod brochure;
mod card;
mod cli;
mod contrast;
mod counties;
mod design;
mod diff;
mod errors;
mod files;
mod fonts;
mod images;
mod languages;
mod markup;
mod numbers;
mod poster;
mod preview;
mod print_shop;
mod properties;
mod qr;
mod run;
mod run_folder;
mod schema;
mod tagged;
mod watch;
