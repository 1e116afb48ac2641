//! `cargo bench`: wall time of whole `foldline` processes, the way staff run
//! them, plus the in-process cost of one brochure. Prints medians; no
//! pass/fail (timings belong in a benchmark, not in a test).

use std::process::Command;
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn report(name: &str, runs: Vec<Duration>) {
    let n = runs.len();
    let min = *runs.iter().min().unwrap();
    let med = median(runs);
    println!(
        "{name:<40} median {:>8.2} ms   min {:>8.2} ms   ({n} runs)",
        med.as_secs_f64() * 1e3,
        min.as_secs_f64() * 1e3
    );
}

fn process(name: &str, args: &[&str], runs: usize) {
    let dir = std::env::temp_dir().join(format!("foldline-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut times = Vec::with_capacity(runs);
    for i in 0..runs + 3 {
        let start = Instant::now();
        let status = Command::new(env!("CARGO_BIN_EXE_foldline"))
            .args(args)
            .current_dir(&dir)
            .output()
            .unwrap()
            .status;
        let t = start.elapsed();
        assert!(status.success(), "foldline {args:?} failed");
        if i >= 3 {
            times.push(t); // the first runs warm the page cache
        }
    }
    report(name, times);
    let _ = std::fs::remove_dir_all(&dir);
}

fn in_process(runs: usize) {
    let audience = foldline::content::Audience::default();
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let content = foldline::content::load(None, &audience).unwrap();
        let doc = foldline::products::trifold::build(&content).unwrap();
        let bytes = foldline::render::render(&doc, &foldline::render::Options::PRINT_SHOP).unwrap();
        std::hint::black_box(bytes);
        times.push(start.elapsed());
    }
    report("brochure in process (load+layout+render)", times);
}

fn main() {
    // `cargo bench` passes --bench; a filter argument is not supported.
    process("brochure, whole process", &["brochure", "-o", "b.pdf"], 60);
    process(
        "brochure --county --hotline, whole process",
        &[
            "brochure",
            "--county",
            "Monterey",
            "--hotline",
            "831-755-4661",
            "-o",
            "m.pdf",
        ],
        60,
    );
    for size in ["letter", "tabloid", "18x24", "24x36"] {
        process(
            &format!("poster --size {size}, whole process"),
            &["poster", "--size", size, "-o", "p.pdf"],
            30,
        );
    }
    process(
        "poster --tear-off 8, whole process",
        &["poster", "--tear-off", "8", "-o", "t.pdf"],
        30,
    );
    process("card, whole process", &["card", "-o", "c.pdf"], 60);
    process(
        "card --sheet, whole process",
        &["card", "--sheet", "-o", "s.pdf"],
        60,
    );
    in_process(60);
}
