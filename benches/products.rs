//! `cargo bench`: wall time of whole `foldline` processes, the way staff run
//! them, plus the in-process cost of one brochure. Prints medians; no
//! pass/fail (timings belong in a benchmark, not in a test).

#[path = "../tests/it/common/inputs.rs"]
mod inputs;

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

/// Wall time of a run that must be refused with exit `code`: bad input
/// is answered quickly, never after a hang (issue 6: within 1 s).
fn refusal(name: &str, content: &[u8], code: i32, runs: usize) {
    let dir = std::env::temp_dir().join(format!("foldline-bench-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = std::fs::File::create(dir.join("bad.yaml")).unwrap();
    if content.is_empty() {
        file.set_len(50 * 1024 * 1024).unwrap(); // sparse 50 MB
    } else {
        std::fs::write(dir.join("bad.yaml"), content).unwrap();
    }
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_foldline"))
            .args(["brochure", "--content", "bad.yaml", "-o", "x.pdf"])
            .current_dir(&dir)
            .output()
            .unwrap();
        times.push(start.elapsed());
        assert_eq!(out.status.code(), Some(code), "{name}");
    }
    report(name, times);
    let _ = std::fs::remove_dir_all(&dir);
}

fn bad_inputs(runs: usize) {
    let en = foldline::content::load::EMBEDDED_EN;
    let bomb = inputs::alias_bomb();
    refusal("refused: alias bomb (9^9 values)", bomb.as_bytes(), 2, runs);
    refusal("refused: 50 MB file", b"", 2, runs);
    let deep = format!("meta: {}{}", "[".repeat(100_000), "]".repeat(100_000));
    refusal("refused: 100 000 nested brackets", deep.as_bytes(), 2, runs);
    // Just under the text limit, all in one panel: laid out at every type
    // size before the overflow error. The slowest refusal there is.
    let risk = "  risk_factors:\n    heading: Risk Factors\n    blocks:\n";
    let sentence = "Warning signs can be subtle and easy to miss. ";
    // The built-in content has about 6 000 characters of text of its own (ASCII).
    let room = foldline::content::check::MAX_TEXT_CHARS - 12 * 1024;
    let long = sentence.repeat(room / sentence.len());
    let full = en.replacen(risk, &format!("{risk}      - paragraph: \"{long}\"\n"), 1);
    let name = format!(
        "refused: {} KB of text that does not fit",
        long.len() / 1024
    );
    refusal(&name, full.as_bytes(), 3, runs);
}

/// The same brochure again and again in one process: after the first,
/// shaping, section layout and stream compression come from the caches
/// (the whole-process figures show the cold cost).
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

/// Reading a brochure's numbers back from its PDF (src/printed.rs), the
/// check every piece passes before it is written.
fn read_back(runs: usize) {
    use foldline::content::{self, Audience};
    use foldline::products::Product;
    let source = content::read(None, None).unwrap();
    let choice = content::choose(&source, &Audience::default()).unwrap();
    let filled = content::fill(&source, &choice).unwrap();
    let doc = Product::Brochure.build(&filled).unwrap();
    let bytes = foldline::render::render(&doc, &foldline::render::Options::PRINT_SHOP).unwrap();
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let printed =
            foldline::printed::read_back(&bytes, Product::Brochure, &filled, &choice, &source);
        std::hint::black_box(printed.unwrap());
        times.push(start.elapsed());
    }
    report("brochure numbers read back from its PDF", times);
}

/// A whole print run: every county x every product x en, es, in one process.
/// Counties the registry has no usable number for get 555-02xx numbers
/// here (valid in form; 555-01xx, the fictional range, is refused) so that
/// every piece is made; the files are deleted.
fn print_run(runs: usize) {
    use foldline::content::registry::{Registry, Status};
    let dir = std::env::temp_dir().join(format!("foldline-bench-run-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut plan = String::from("counties: all\nlanguages: [en, es]\noutput: out\nhotlines:\n");
    let registry = Registry::embedded().unwrap();
    for (i, c) in registry.counties.iter().enumerate() {
        if c.status() != Status::Sourced && c.name != "Placer" {
            plan.push_str(&format!("  {}: 916-555-02{:02}\n", c.name, i));
        }
    }
    std::fs::write(dir.join("plan.yaml"), plan).unwrap();
    let products = foldline::products::Product::ALL.len();
    let files = registry.counties.len() * products * 2;
    let mut times = Vec::with_capacity(runs);
    for i in 0..runs + 1 {
        let _ = std::fs::remove_dir_all(dir.join("out"));
        let start = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_foldline"))
            .args(["run", "plan.yaml"])
            .current_dir(&dir)
            .output()
            .unwrap();
        let t = start.elapsed();
        assert!(
            out.status.success(),
            "foldline run failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        if i >= 1 {
            times.push(t); // the first run warms the page cache
        }
    }
    report(
        &format!("run: 58 counties x {products} products x 2 languages ({files} files)"),
        times,
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `foldline watch`: the time from a save of the content file to the
/// line that says the new PDF is written, over `saves` saves.
fn watch(saves: usize) {
    use std::io::{BufRead, BufReader};
    let dir = std::env::temp_dir().join(format!("foldline-bench-watch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let bin = env!("CARGO_BIN_EXE_foldline");
    let made = Command::new(bin)
        .args(["new", "camp"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(made.status.success());
    let file = dir.join("camp.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let mut child = Command::new(bin)
        .args(["watch", "brochure", "--content", "camp.yaml"])
        .current_dir(&dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut next_build = |n: usize| loop {
        let line = lines.next().expect("watch stopped").unwrap();
        if line.starts_with(&format!("build {n}: ")) {
            break;
        }
        assert!(!line.starts_with("build"), "{line}");
    };
    next_build(1);
    let mut times = Vec::with_capacity(saves);
    for i in 0..saves {
        // Each save a different tagline, so each is a new PDF.
        let changed = text.replacen(
            "tagline: IT HAPPENS HERE",
            &format!("tagline: IT HAPPENS HERE {i}"),
            1,
        );
        // Between saves, time for the previews to be written.
        std::thread::sleep(Duration::from_millis(300));
        let start = Instant::now();
        std::fs::write(&file, changed).unwrap();
        next_build(i + 2);
        times.push(start.elapsed());
    }
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
    report("watch: save to new brochure PDF", times);
}

fn main() {
    // `cargo bench` passes --bench; a filter argument is not supported.
    watch(20);
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
    read_back(60);
    print_run(10);
    bad_inputs(10);
}
