mod cli;

use std::io::Write;

fn main() {
    // A panic is a bug in foldline, never the user's mistake: say so in one
    // paragraph instead of Rust's backtrace notice. No file is left
    // half-written, since output is renamed into place only once complete.
    std::panic::set_hook(Box::new(|info| {
        if foldline::error::panic_is_contained() {
            return;
        }
        let payload = info.payload();
        let what = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("no details");
        let at = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        let _ = writeln!(
            std::io::stderr(),
            "error: foldline hit an internal error, a bug and not a problem with your content or flags: {what}{at}. Files are only ever written whole, so none is left half-written. Please report it with the command and the content file you used."
        );
    }));
    match std::panic::catch_unwind(cli::run) {
        Ok(Ok(())) => {}
        Ok(Err(e)) => {
            let mut stderr = std::io::stderr();
            // Mistakes in a file are shown as rustc shows them: each with
            // its line and what to do; in colour on a terminal.
            let colour = foldline::error::colour_on(&stderr);
            let _ = writeln!(stderr, "{}", e.shown(colour));
            std::process::exit(e.exit_code());
        }
        Err(_) => std::process::exit(70),
    }
}
