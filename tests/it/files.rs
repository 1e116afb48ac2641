//! Files outside and inside: foldline writes only regular files or new
//! paths, never over what it reads, keeps a plan's output in the plan's
//! folder, reads only regular files of sane size, and says "could not
//! check" rather than "ok" about a PDF it cannot read.

use crate::common;

/// The built-in content with its phone icon as an image block of the PNG
/// foldline ships, for the tests of images and of figures.
static EMBEDDED_EN: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(common::en_with_phone_image);

use common::{foldline, pdf, stderr, temp_dir};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs foldline in `dir`, killing it after 20 s: a read that hangs on a
/// FIFO fails the test instead of stalling it.
fn foldline_in(dir: &Path, args: &[&str]) -> Output {
    let mut child = foldline()
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("foldline {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().unwrap()
}

/// Where the error about c.yaml's image is shown to be: the file and the
/// line and column of its path.
fn image_error(dir: &Path) -> String {
    let yaml = std::fs::read_to_string(dir.join("c.yaml")).unwrap();
    let (line, text) = yaml
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("file: \""))
        .unwrap();
    // The caret sits under the path, inside its quotes.
    let column = text.find('"').unwrap() + 2;
    format!(" --> c.yaml:{}:{column}\n", line + 1)
}

/// Asserts exit `code` and that stderr holds every one of `says`.
fn refused(dir: &Path, args: &[&str], code: i32, says: &[&str]) -> String {
    let out = foldline_in(dir, args);
    let msg = stderr(&out);
    assert_eq!(out.status.code(), Some(code), "foldline {args:?}: {msg}");
    for s in says {
        assert!(msg.contains(s), "foldline {args:?}: {s:?} not in {msg}");
    }
    assert!(!msg.contains("panicked"), "{msg}");
    msg
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

/// The built-in content with the phone icon replaced by `file`.
fn content_with_image(dir: &Path, file: &str) {
    let yaml = EMBEDDED_EN.replace(
        "file: assets/phone.png\n          width: 0.5",
        &format!("file: \"{file}\"\n          width: 0.5"),
    );
    assert_ne!(yaml, *EMBEDDED_EN);
    std::fs::write(dir.join("c.yaml"), yaml).unwrap();
}

#[cfg(unix)]
#[test]
fn output_must_be_a_regular_file_or_a_new_path() {
    use std::os::unix::fs::FileTypeExt;
    let dir = temp_dir("files-out");
    mkfifo(&dir.join("pipe.pdf"));
    let _socket = std::os::unix::net::UnixListener::bind(dir.join("sock.pdf")).unwrap();
    for (target, kind) in [
        ("/dev/null", "a character device"),
        ("pipe.pdf", "a FIFO (named pipe)"),
        ("sock.pdf", "a socket"),
    ] {
        for command in ["brochure", "card", "schema"] {
            refused(
                &dir,
                &[command, "-o", target],
                4,
                &[&format!(
                    "cannot write {target}: it is {kind}, not a regular file"
                )],
            );
        }
        refused(
            &dir,
            &["run", "--counties", "Yolo", "-o", target],
            4,
            &[&format!("it is {kind}, not a folder")],
        );
    }
    // `new` writes the schema beside the starter: refused before either.
    std::fs::create_dir(dir.join("sub")).unwrap();
    mkfifo(&dir.join("sub/foldline.schema.json"));
    refused(
        &dir,
        &["new", "sub/campaign"],
        4,
        &["cannot write sub/foldline.schema.json: it is a FIFO"],
    );
    assert!(!dir.join("sub/campaign.yaml").exists());
    // /dev/null is still the device (as root a rename would replace it).
    assert!(std::fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());
    assert!(std::fs::metadata(dir.join("pipe.pdf"))
        .unwrap()
        .file_type()
        .is_fifo());
    // A regular file as the run folder is refused too.
    std::fs::write(dir.join("notes.txt"), b"x").unwrap();
    refused(
        &dir,
        &["run", "--counties", "Yolo", "-o", "notes.txt"],
        4,
        &["it is a file, not a folder"],
    );
}

#[test]
fn a_plan_writes_only_inside_its_own_folder_unless_o_says_otherwise() {
    let dir = temp_dir("files-plan-out");
    std::fs::create_dir(dir.join("plans")).unwrap();
    let outside = dir.join("elsewhere");
    for (output, why) in [
        (outside.display().to_string(), "it is absolute"),
        ("../elsewhere".to_string(), "its .. go above it"),
        ("runs/../../elsewhere".to_string(), "its .. go above it"),
    ] {
        let plan = format!("counties: Yolo\nproducts: card\nlanguages: en\noutput: {output}\n");
        std::fs::write(dir.join("plans/plan.yaml"), plan).unwrap();
        refused(
            &dir,
            &["run", "plans/plan.yaml"],
            2,
            &[
                "plans/plan.yaml:4: output",
                &format!("the path \"{output}\" leaves the plan folder: {why}"),
            ],
        );
        assert!(!outside.exists(), "{output}");
    }
    // The person at the command line may write anywhere.
    let out = foldline_in(&dir, &["run", "plans/plan.yaml", "-o", "elsewhere"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(outside.join("yolo/en/card.pdf").is_file());
    // And a plan inside its folder still works.
    std::fs::write(
        dir.join("plans/plan.yaml"),
        "counties: Yolo\nproducts: card\nlanguages: en\noutput: runs/spring\n",
    )
    .unwrap();
    let out = foldline_in(&dir, &["run", "plans/plan.yaml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.join("plans/runs/spring/manifest.csv").is_file());
}

#[test]
fn no_command_overwrites_a_file_the_content_uses() {
    let dir = temp_dir("files-inputs");
    let icon = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/phone.png")).unwrap();
    std::fs::write(dir.join("logo.png"), &icon).unwrap();
    content_with_image(&dir, "logo.png");
    let content = std::fs::read(dir.join("c.yaml")).unwrap();

    refused(
        &dir,
        &["brochure", "--content", "c.yaml", "-o", "c.yaml"],
        2,
        &["the output file c.yaml is the content file"],
    );
    refused(
        &dir,
        &["poster", "--content", "c.yaml", "-o", "logo.png"],
        2,
        &["the output file logo.png is an image the content uses"],
    );
    // A preview picture named like the image.
    std::fs::copy(dir.join("logo.png"), dir.join("x-page1.png")).unwrap();
    content_with_image(&dir, "x-page1.png");
    refused(
        &dir,
        &["card", "--content", "c.yaml", "-o", "x.pdf", "--preview"],
        2,
        &["the output file x-page1.png is an image the content uses"],
    );
    content_with_image(&dir, "logo.png");
    // The schema over a content file.
    std::fs::write(dir.join("en.yaml"), &*EMBEDDED_EN).unwrap();
    refused(
        &dir,
        &["schema", "-o", "en.yaml"],
        2,
        &["en.yaml exists and is not a JSON schema"],
    );
    // A run folder that holds the plan, the content or an image is refused
    // even with --force, since the run replaces its folder whole.
    std::fs::create_dir(dir.join("campaign")).unwrap();
    std::fs::write(dir.join("campaign/logo.png"), &icon).unwrap();
    std::fs::write(dir.join("campaign/c.yaml"), &content).unwrap();
    std::fs::write(
        dir.join("campaign/plan.yaml"),
        "counties: Yolo\nproducts: card\nlanguages: en\ncontent:\n  en: c.yaml\n",
    )
    .unwrap();
    refused(
        &dir,
        &["run", "campaign/plan.yaml", "-o", "campaign", "--force"],
        2,
        &["it holds campaign/plan.yaml, which this run reads"],
    );
    std::fs::write(
        dir.join("plan.yaml"),
        "counties: Yolo\nproducts: card\nlanguages: en\ncontent:\n  en: campaign/c.yaml\n",
    )
    .unwrap();
    refused(
        &dir,
        &["run", "plan.yaml", "-o", "campaign", "--force"],
        2,
        &["it holds campaign/c.yaml, which this run reads"],
    );

    assert_eq!(std::fs::read(dir.join("c.yaml")).unwrap(), content);
    assert_eq!(std::fs::read(dir.join("logo.png")).unwrap(), icon);
    assert_eq!(
        std::fs::read(dir.join("en.yaml")).unwrap(),
        EMBEDDED_EN.as_bytes()
    );
    assert_eq!(std::fs::read(dir.join("campaign/logo.png")).unwrap(), icon);
    // An earlier schema may be replaced by a newer one.
    let out = foldline_in(&dir, &["schema", "-o", "s.json"]);
    assert!(out.status.success());
    let out = foldline_in(&dir, &["schema", "-o", "s.json"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn a_fifo_or_device_is_refused_at_once_as_content_plan_image_or_pdf() {
    let dir = temp_dir("files-fifo");
    mkfifo(&dir.join("pipe.yaml"));
    mkfifo(&dir.join("pipe.png"));
    mkfifo(&dir.join("pipe.pdf"));
    refused(
        &dir,
        &["brochure", "--content", "pipe.yaml", "-o", "out.pdf"],
        4,
        &["cannot read content file pipe.yaml: it is a FIFO (named pipe), not a regular file"],
    );
    refused(
        &dir,
        &["run", "pipe.yaml"],
        4,
        &["cannot read plan file pipe.yaml: it is a FIFO"],
    );
    content_with_image(&dir, "pipe.png");
    refused(
        &dir,
        &["brochure", "--content", "c.yaml", "-o", "out.pdf"],
        4,
        &[
            &image_error(&dir),
            "error: section 'how_to_report': cannot read image pipe.png: it is a FIFO",
        ],
    );
    refused(
        &dir,
        &["preflight", "pipe.pdf"],
        4,
        &["cannot read PDF pipe.pdf: it is a FIFO"],
    );
    refused(
        &dir,
        &["preflight", "/dev/zero"],
        4,
        &["cannot read PDF /dev/zero: it is a character device"],
    );
    refused(&dir, &["preflight", "."], 4, &["it is a folder"]);
    assert!(!dir.join("out.pdf").exists());
}

#[test]
fn preflight_refuses_a_pdf_over_the_size_limit() {
    let dir = temp_dir("files-big-pdf");
    let f = std::fs::File::create(dir.join("huge.pdf")).unwrap();
    f.set_len(foldline::preflight::MAX_PDF + 1).unwrap(); // sparse
    refused(
        &dir,
        &["preflight", "huge.pdf"],
        2,
        &["PDF huge.pdf is 209715201 bytes; a PDF may be at most 209715200 bytes"],
    );
}

#[test]
fn a_truncated_jpeg_is_refused_with_its_name() {
    let dir = temp_dir("files-jpeg");
    let img = image::RgbImage::from_fn(300, 300, |x, y| image::Rgb([x as u8, y as u8, 90]));
    img.save(dir.join("whole.jpg")).unwrap();
    let jpeg = std::fs::read(dir.join("whole.jpg")).unwrap();
    std::fs::write(dir.join("cut.jpg"), &jpeg[..jpeg.len() * 2 / 3]).unwrap();
    content_with_image(&dir, "whole.jpg");
    let out = foldline_in(&dir, &["brochure", "--content", "c.yaml", "-o", "out.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    content_with_image(&dir, "cut.jpg");
    refused(
        &dir,
        &["brochure", "--content", "c.yaml", "-o", "cut.pdf"],
        2,
        &["image cut.jpg: cannot be decoded", "cut short"],
    );
    assert!(!dir.join("cut.pdf").exists());
}

#[test]
fn preflight_never_says_ok_about_what_it_could_not_read() {
    let dir = temp_dir("files-preflight");
    let cat = "<< /Type /Catalog /Pages 2 0 R >>";
    let page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /TrimBox [20 20 180 180] /Contents 4 0 R /Resources << >> >>";
    let stream = "<< /Length 0 >>\nstream\n\nendstream";
    let cases: [(&str, Vec<u8>, &str); 5] = [
        (
            "loop.pdf",
            pdf(&[cat, "<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 1 >>", page, stream]),
            "its page tree has a loop",
        ),
        (
            "empty.pdf",
            pdf(&[cat, "<< /Type /Pages /Kids [] /Count 0 >>"]),
            "it has no pages",
        ),
        (
            "short-box.pdf",
            pdf(&[
                cat,
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200] /Contents 4 0 R /Resources << >> >>",
                stream,
            ]),
            "bad page box",
        ),
        (
            "odd-box.pdf",
            pdf(&[
                cat,
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /TrimBox [0 0 /x 5] /Contents 4 0 R /Resources << >> >>",
                stream,
            ]),
            "expected a number",
        ),
        (
            "count.pdf",
            pdf(&[cat, "<< /Type /Pages /Kids [3 0 R] /Count 3 >>", page, stream]),
            "holds 1 page(s) but its /Count says 3",
        ),
    ];
    for (name, bytes, says) in &cases {
        std::fs::write(dir.join(name), bytes).unwrap();
        let msg = refused(
            &dir,
            &["preflight", name],
            2,
            &[&format!("could not check {name}: "), says],
        );
        assert!(!msg.contains(" ok "), "{msg}");
    }
    // An encrypted copy of a real brochure (qpdf, AES-256, user password "u").
    let out = foldline_in(&dir, &["brochure", "-o", "plain.pdf"]);
    assert!(out.status.success());
    let qpdf = Command::new("qpdf")
        .args([
            "--encrypt",
            "u",
            "o",
            "256",
            "--",
            "plain.pdf",
            "locked.pdf",
        ])
        .current_dir(&dir)
        .status();
    match qpdf {
        Ok(s) if s.success() => {
            let out = foldline_in(&dir, &["preflight", "locked.pdf"]);
            assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
            assert!(
                stderr(&out).contains("could not check locked.pdf: it is encrypted"),
                "{}",
                stderr(&out)
            );
            assert!(
                out.stdout.is_empty(),
                "{}",
                String::from_utf8_lossy(&out.stdout)
            );
        }
        _ => eprintln!("qpdf is not installed: the encrypted case is not checked"),
    }
    let out = foldline_in(&dir, &["preflight", "plain.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_content_or_image_file_that_cannot_be_read_exits_4() {
    let dir = temp_dir("files-exit-4");
    refused(
        &dir,
        &["brochure", "--content", "missing.yaml", "-o", "out.pdf"],
        4,
        &["cannot read content file missing.yaml"],
    );
    refused(
        &dir,
        &["run", "missing-plan.yaml"],
        4,
        &["cannot read plan file missing-plan.yaml"],
    );
    content_with_image(&dir, "nothere.png");
    refused(
        &dir,
        &["brochure", "--content", "c.yaml", "-o", "out.pdf"],
        4,
        &[
            &image_error(&dir),
            "error: section 'how_to_report': cannot read image nothere.png",
        ],
    );
    refused(
        &dir,
        &["preflight", "nothere.pdf"],
        4,
        &["cannot read PDF nothere.pdf"],
    );
    // A regular file whose read fails (even for root): the process's own
    // memory at address 0.
    #[cfg(target_os = "linux")]
    refused(
        &dir,
        &["brochure", "--content", "/proc/self/mem", "-o", "out.pdf"],
        4,
        &["cannot read content file /proc/self/mem: "],
    );
    assert!(!dir.join("out.pdf").exists());
}
