//! The run folder tells the truth about itself: after a run, or any
//! interruption of one, it is one complete run whose manifest lists
//! exactly its PDFs; runs do not mix; an empty list makes no run.

use crate::common;

use common::{csv_rows, files, foldline, run, stderr, temp_dir};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Checks `root` against its manifest: every row's file exists with that
/// size and SHA-256, nothing else is in the folder but manifest.csv and
/// proof.pdf (no unlisted PDF, no temporary file). Returns the files listed.
fn agrees_with_manifest(root: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(root.join("manifest.csv")).unwrap();
    let mut rows = csv_rows(&text).into_iter();
    let header = rows.next().unwrap();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (sha, bytes, file) = (col("sha256"), col("bytes"), col("file"));
    let mut listed = BTreeSet::new();
    for row in rows {
        let data = std::fs::read(root.join(&row[file]))
            .unwrap_or_else(|e| panic!("{} is listed but cannot be read: {e}", row[file]));
        let hex: String = Sha256::digest(&data)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(row[sha], hex, "{}: wrong sha256", row[file]);
        assert_eq!(row[bytes], data.len().to_string(), "{}", row[file]);
        listed.insert(row[file].to_string());
    }
    let mut expected = listed.clone();
    expected.extend(["manifest.csv".to_string(), "proof.pdf".to_string()]);
    assert_eq!(files(root), expected, "files not in the manifest");
    listed
}

/// Names in `dir` other than `keep`: staging folders, locks, .tmp files.
fn leftovers(dir: &Path, keep: &[&str]) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !keep.contains(&n.as_str()))
        .collect()
}

const FIRST: [&str; 8] = [
    "--counties",
    "Yolo,Placer",
    "--products",
    "card",
    "--lang",
    "en",
    "-o",
    "out",
];

/// Starts `run --counties all` into `out`, waits until it has made some
/// pieces (its staging folder holds PDFs), sends `signal` and waits.
fn interrupted(dir: &Path, signal: &str) -> Output {
    let child = foldline()
        .args([
            "run",
            "--counties",
            "all",
            "--products",
            "brochure,card",
            "-o",
            "out",
        ])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let staging = dir.join(format!(".out.foldline-staging-{}", child.id()));
    let start = Instant::now();
    while !staging.is_dir() || !files(&staging).iter().any(|f| f.ends_with(".pdf")) {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the run made nothing in two minutes"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let status = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn ctrl_c_during_a_run_leaves_the_previous_run_whole_and_no_staging_folder() {
    use std::os::unix::process::ExitStatusExt;
    let dir = temp_dir("run-sigint");
    let first = run(&dir, &FIRST);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = agrees_with_manifest(&dir.join("out"));
    let manifest = std::fs::read(dir.join("out/manifest.csv")).unwrap();

    for signal in ["-INT", "-TERM"] {
        let out = interrupted(&dir, signal);
        let msg = stderr(&out);
        assert_eq!(
            out.status.code(),
            Some(130),
            "{signal}: {:?} {msg}",
            out.status.signal()
        );
        assert!(msg.contains("the run was stopped"), "{msg}");
        assert!(msg.contains("out is as it was before it"), "{msg}");
        // The earlier run, unchanged, and nothing beside it.
        assert_eq!(agrees_with_manifest(&dir.join("out")), before);
        assert_eq!(
            std::fs::read(dir.join("out/manifest.csv")).unwrap(),
            manifest
        );
        assert_eq!(leftovers(&dir, &["out"]), Vec::<String>::new(), "{signal}");
    }
}

#[cfg(unix)]
#[test]
fn kill_9_during_a_run_leaves_a_whole_run_and_the_next_run_cleans_up() {
    let dir = temp_dir("run-sigkill");
    let first = run(&dir, &FIRST);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = agrees_with_manifest(&dir.join("out"));

    let out = interrupted(&dir, "-KILL");
    assert_eq!(out.status.code(), None, "it was killed");
    // The folder is still the first run; the killed run's staging folder
    // (and its unlocked lock file) are beside it, not in it.
    assert_eq!(agrees_with_manifest(&dir.join("out")), before);
    let left = leftovers(&dir, &["out"]);
    assert!(
        left.iter().any(|n| n.starts_with(".out.foldline-staging-")),
        "{left:?}"
    );

    // The next run takes the lock over and removes what was left.
    let again = run(
        &dir,
        &[
            "--counties",
            "Alpine,Yolo",
            "--products",
            "poster",
            "--lang",
            "es",
            "-o",
            "out",
        ],
    );
    assert!(!again.status.success(), "Alpine has no number");
    let made = agrees_with_manifest(&dir.join("out"));
    assert_eq!(
        made,
        BTreeSet::from(["yolo/es/poster-letter.pdf".to_string()])
    );
    assert_eq!(leftovers(&dir, &["out"]), Vec::<String>::new());
}

#[test]
fn a_second_run_replaces_the_folder_whole() {
    let dir = temp_dir("run-replace");
    assert!(run(&dir, &FIRST).status.success());
    assert_eq!(
        agrees_with_manifest(&dir.join("out")),
        BTreeSet::from([
            "placer/en/card.pdf".to_string(),
            "yolo/en/card.pdf".to_string()
        ])
    );
    let out = run(
        &dir,
        &[
            "--counties",
            "Sonoma",
            "--products",
            "brochure",
            "--lang",
            "es",
            "-o",
            "out",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // Placer's and Yolo's cards are gone, not left unlisted.
    assert_eq!(
        agrees_with_manifest(&dir.join("out")),
        BTreeSet::from(["sonoma/es/brochure.pdf".to_string()])
    );
    assert_eq!(leftovers(&dir, &["out"]), Vec::<String>::new());
}

#[test]
fn a_folder_foldline_did_not_make_is_refused_unless_forced() {
    let dir = temp_dir("run-foreign");
    std::fs::create_dir(dir.join("out")).unwrap();
    std::fs::write(dir.join("out/budget.xlsx"), b"someone's work").unwrap();
    let out = run(&dir, &FIRST);
    let msg = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{msg}");
    assert!(
        msg.contains("out holds files a foldline run did not make (budget.xlsx")
            && msg.contains("--force"),
        "{msg}"
    );
    assert_eq!(
        files(&dir.join("out")),
        BTreeSet::from(["budget.xlsx".to_string()])
    );
    assert_eq!(leftovers(&dir, &["out"]), Vec::<String>::new());

    // A run folder with a file added to it is not the run's alone either.
    std::fs::remove_file(dir.join("out/budget.xlsx")).unwrap();
    assert!(run(&dir, &FIRST).status.success());
    std::fs::write(dir.join("out/yolo/notes.txt"), b"call back Tuesday").unwrap();
    let out = run(&dir, &FIRST);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("yolo/notes.txt"), "{}", stderr(&out));

    let mut forced = FIRST.to_vec();
    forced.push("--force");
    let out = run(&dir, &forced);
    assert!(out.status.success(), "{}", stderr(&out));
    agrees_with_manifest(&dir.join("out"));
}

#[test]
fn a_run_into_a_folder_another_run_is_writing_is_refused() {
    let dir = temp_dir("run-locked");
    // Another run holding the lock: a process that holds an OS lock on the
    // lock file, as a running foldline does.
    let lock = dir.join(".out.foldline-lock");
    let file = std::fs::File::create(&lock).unwrap();
    file.lock().unwrap();
    std::fs::write(&lock, b"4242").unwrap();
    let out = run(&dir, &FIRST);
    let msg = stderr(&out);
    assert_eq!(out.status.code(), Some(4), "{msg}");
    assert!(
        msg.contains("another foldline run (process 4242) is writing out now"),
        "{msg}"
    );
    assert!(!dir.join("out").exists());
    drop(file);

    // A lock file left by a run that died (no process holds it) is taken over.
    let out = run(&dir, &FIRST);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(leftovers(&dir, &["out"]), Vec::<String>::new());
}

#[test]
fn two_runs_at_once_into_one_folder_do_not_mix() {
    let dir = temp_dir("run-two");
    let start = |lang: &str| {
        foldline()
            .args([
                "run",
                "--counties",
                "all",
                "--products",
                "card",
                "--lang",
                lang,
                "-o",
                "out",
            ])
            .current_dir(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let first = start("en");
    let lock = dir.join(".out.foldline-lock");
    let t = Instant::now();
    while std::fs::read_to_string(&lock).unwrap_or_default().trim() != first.id().to_string() {
        assert!(t.elapsed() < Duration::from_secs(60), "no lock appeared");
        std::thread::sleep(Duration::from_millis(2));
    }
    let second = start("es").wait_with_output().unwrap();
    let first = first.wait_with_output().unwrap();
    let msg = stderr(&second);
    assert_eq!(second.status.code(), Some(4), "{msg}");
    assert!(msg.contains("another foldline run"), "{msg}");
    assert!(!first.status.success(), "some counties have no number");
    let made = agrees_with_manifest(&dir.join("out"));
    assert!(made.iter().all(|f| f.contains("/en/")), "{made:?}");
    assert!(made.len() > 30, "{made:?}");
    assert_eq!(leftovers(&dir, &["out"]), Vec::<String>::new());
}

#[test]
fn an_empty_list_of_products_or_languages_is_refused_and_the_run_kept() {
    let dir = temp_dir("run-empty");
    assert!(run(&dir, &FIRST).status.success());
    let manifest = std::fs::read(dir.join("out/manifest.csv")).unwrap();
    std::fs::write(
        dir.join("plan.yaml"),
        "counties: Yolo\nproducts: []\noutput: out\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("plan2.yaml"),
        "counties: Yolo\nlanguages: \"\"\noutput: out\n",
    )
    .unwrap();
    for (args, says) in [
        (
            &["--counties", "Yolo", "--products", "", "-o", "out"][..],
            "--products is an empty list",
        ),
        (
            &["--counties", "Yolo", "--lang", " , ", "-o", "out"][..],
            "--lang is an empty list",
        ),
        (&["plan.yaml"][..], "plan.yaml:2: products is an empty list"),
        (
            &["plan2.yaml"][..],
            "plan2.yaml:2: languages is an empty list",
        ),
    ] {
        let out = run(&dir, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
        assert_eq!(
            std::fs::read(dir.join("out/manifest.csv")).unwrap(),
            manifest
        );
    }
}
