//! `foldline watch` through the real binary: it rebuilds after a save,
//! keeps the last good PDF after a bad one, and (with --serve) its preview
//! page works in a real browser.
use crate::common;

use common::pdftext::inspect;
use common::{foldline, pdf_tokens, temp_dir};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

/// A running `foldline watch`, its standard output read line by line.
struct Watch {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
}

impl Watch {
    fn start(dir: &Path, args: &[&str]) -> Watch {
        let mut child = foldline()
            .arg("watch")
            .args(args)
            .current_dir(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let out = BufReader::new(child.stdout.take().unwrap());
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in out.lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Watch {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// Waits (at most 30 s, a loaded machine is slow) for a line that
    /// starts with `start`, and gives it.
    fn line(&mut self, start: &str) -> String {
        loop {
            match self.lines.recv_timeout(Duration::from_secs(30)) {
                Ok(l) => {
                    self.seen.push(l.clone());
                    if l.starts_with(start) {
                        return l;
                    }
                }
                Err(_) => panic!("no line starting {start:?}; watch printed {:#?}", self.seen),
            }
        }
    }

    /// The lines printed after the one that starts with `start`, until the next build.
    fn after(&mut self, start: &str) -> String {
        self.line(start);
        let mut text = Vec::new();
        while let Ok(l) = self.lines.recv_timeout(Duration::from_millis(500)) {
            self.seen.push(l.clone());
            text.push(l);
        }
        text.join("\n")
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A folder with a starter content file, camp.yaml.
fn campaign(name: &str) -> (PathBuf, PathBuf) {
    let dir = temp_dir(name);
    let out = foldline()
        .args(["new", "camp"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(out.status.success());
    let file = dir.join("camp.yaml");
    (dir, file)
}

fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).unwrap();
}

fn words(pdf: &Path) -> Vec<String> {
    pdf_tokens(&inspect(&std::fs::read(pdf).unwrap()))
}

#[test]
fn watch_rebuilds_after_a_save_and_keeps_the_last_good_pdf_after_a_bad_one() {
    let (dir, file) = campaign("watch");
    let mut watch = Watch::start(&dir, &["brochure", "--content", "camp.yaml"]);
    let first = watch.line("build 1");
    assert!(
        first.starts_with("build 1: camp-placer-brochure.pdf, 2 pages, "),
        "{first}"
    );
    let pdf = dir.join("camp-placer-brochure.pdf");
    assert!(!words(&pdf).iter().any(|w| w == "TOGETHER"));
    // The previews are written after the PDF; the next build's line shows
    // the first build's previews are complete.
    edit(
        &file,
        "tagline: IT HAPPENS HERE",
        "tagline: IT HAPPENS HERE TOGETHER",
    );
    watch.line("build 2: camp-placer-brochure.pdf, 2 pages");
    assert!(words(&pdf).iter().any(|w| w == "TOGETHER"));
    for png in [
        "camp-placer-brochure-page1.png",
        "camp-placer-brochure-page2.png",
    ] {
        let bytes = std::fs::read(dir.join(png)).unwrap();
        assert_eq!(&bytes[1..4], b"PNG", "{png}");
    }

    // A bad save: the error in full, with its place, and the PDF as it was.
    let good = std::fs::read(&pdf).unwrap();
    edit(&file, "  language: en", "  language: [en");
    let error = watch.after("build 3 failed (the last good PDF is kept):");
    assert!(error.contains("camp.yaml:"), "{error}");
    assert!(error.contains("meta.language"), "{error}");
    assert_eq!(std::fs::read(&pdf).unwrap(), good);

    // Mended: built again.
    edit(&file, "  language: [en", "  language: en");
    watch.line("build 4: camp-placer-brochure.pdf, 2 pages");
    assert!(words(&pdf).iter().any(|w| w == "TOGETHER"));
}

#[test]
fn watch_needs_a_content_file_unless_it_serves_the_built_in_one() {
    let out = foldline().args(["watch", "brochure"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--content FILE"), "{err}");
}

/// The page as Chromium has it once its script has run (it polls).
fn dom(browser: &Path, url: &str) -> String {
    let out = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=4000",
            "--dump-dom",
            url,
        ])
        .stderr(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "chromium failed on {url}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn browser() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let dirs: Vec<PathBuf> = std::env::split_paths(&path).collect();
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|b| dirs.iter().map(move |d| d.join(b)))
        .find(|p| p.is_file())
}

#[test]
fn the_preview_page_shows_the_pages_then_an_error_then_the_new_pages() {
    let Some(browser) = browser() else {
        eprintln!("SKIPPED: no chromium on PATH; install Debian's chromium (.ci/run does) to test the preview page");
        return;
    };
    let (dir, file) = campaign("serve");
    let mut watch = Watch::start(&dir, &["brochure", "--content", "camp.yaml", "--serve"]);
    let banner = watch.line("preview page: ");
    let url = banner["preview page: ".len()..]
        .split(' ')
        .next()
        .unwrap()
        .to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    watch.line("build 1: ");

    // Loads, shows both pages as pictures the browser decoded.
    let page = dom(&browser, &url);
    assert!(page.contains(r#"data-build="1" data-state="ok""#), "{page}");
    for n in 1..=2 {
        let img = format!(r#"data-page="{n}" src="/page/{n}.png?b=1" data-loaded="yes""#);
        assert!(page.contains(&img), "page {n} not shown: {page}");
    }
    // The pickers say what is shown: the content's county and language.
    let placer = r#"<option value="placer" selected="">Placer</option>"#;
    assert!(page.contains(placer), "{page}");
    assert!(
        page.contains(r#"<option value="en" selected="">English"#),
        "{page}"
    );

    // A bad save: the error in plain words over the last good pages.
    edit(&file, "  language: en", "  language: [en");
    watch.line("build 2 failed");
    let page = dom(&browser, &url);
    assert!(
        page.contains(r#"data-build="2" data-state="error""#),
        "{page}"
    );
    assert!(page.contains("The last save did not build"), "{page}");
    assert!(page.contains("meta.language"), "{page}");
    assert!(
        page.contains(placer),
        "the county picker lost its county: {page}"
    );
    assert!(
        page.contains(r#"src="/page/1.png?b=1" data-loaded="yes""#),
        "{page}"
    );

    // A good one: the new pages, no error.
    edit(&file, "  language: [en", "  language: en");
    watch.line("build 3: ");
    let page = dom(&browser, &url);
    assert!(page.contains(r#"data-build="3" data-state="ok""#), "{page}");
    assert!(
        page.contains(r#"src="/page/2.png?b=3" data-loaded="yes""#),
        "{page}"
    );

    // Loopback only, and only under its own name: another Host is refused
    // (DNS rebinding), and no file is served from disk.
    let port = url.trim_end_matches('/').rsplit(':').next().unwrap();
    for (host, path) in [
        (format!("evil.example:{port}"), "/state"),
        (format!("127.0.0.1:{port}"), "/camp.yaml"),
    ] {
        let reply = http_get(port, &host, path);
        assert!(reply.starts_with("HTTP/1.1 404"), "{host}{path}: {reply}");
    }
}

fn http_get(port: &str, host: &str, path: &str) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(format!("127.0.0.1:{port}")).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    let _ = s.read_to_string(&mut reply);
    reply
}

#[test]
fn watch_run_makes_the_run_again_after_a_save_of_the_plan_or_its_content() {
    let (dir, file) = campaign("watch-run");
    let plan = dir.join("plan.yaml");
    let plan_text = "counties: [Yolo]\nproducts: [card]\nlanguages: [en]\noutput: out\ncontent:\n  en: camp.yaml\n";
    std::fs::write(&plan, plan_text).unwrap();
    let mut watch = Watch::start(&dir, &["run", "plan.yaml"]);
    let first = watch.line("build 1");
    assert!(
        first.starts_with("build 1: made 1 of 1 files in "),
        "{first}"
    );
    let card = dir.join("out/yolo/en/card.pdf");
    assert!(!words(&card).iter().any(|w| w == "TOGETHER"));
    // A save of the content file the plan names.
    edit(
        &file,
        "tagline: IT HAPPENS HERE",
        "tagline: IT HAPPENS HERE TOGETHER",
    );
    watch.line("build 2: made 1 of 1 files in ");
    assert!(words(&card).iter().any(|w| w == "TOGETHER"));
    // A bad save of the plan: said in full, the run's folder as it was.
    let manifest = std::fs::read(dir.join("out/manifest.csv")).unwrap();
    edit(&plan, "counties: [Yolo]", "counties: [Yolo, Atlantis]");
    let error = watch.after("build 3 failed (the last run's folder is kept as it was):");
    assert!(error.contains("Atlantis"), "{error}");
    assert_eq!(
        std::fs::read(dir.join("out/manifest.csv")).unwrap(),
        manifest
    );
}
