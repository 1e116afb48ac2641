//! Help, completions, the manual page, `new` and `list`.

use crate::common;

use common::{foldline, run_ok, temp_dir};

fn stdout(args: &[&str]) -> String {
    let out = run_ok(&temp_dir("cli"), args);
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn help_shows_working_examples_for_every_subcommand() {
    let top = stdout(&["--help"]);
    assert!(
        top.contains("Examples:") && top.contains("foldline brochure"),
        "{top}"
    );
    let out = foldline().arg("--help").output().unwrap();
    let subcommands: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(String::from))
        .filter(|c| c != "help")
        .collect();
    assert!(subcommands.len() >= 4, "{subcommands:?}");
    for sub in subcommands {
        let help = stdout(&[&sub, "--help"]);
        assert!(
            help.contains("Example") && help.contains(&format!("foldline {sub}")),
            "{sub} help has no example:\n{help}"
        );
    }
}

#[test]
fn completions_and_manual_page_cover_the_commands() {
    for shell in ["bash", "zsh", "fish"] {
        let script = stdout(&["completions", shell]);
        assert!(
            script.contains("brochure") && script.contains("preflight"),
            "{shell}"
        );
    }
    let man = stdout(&["man"]);
    assert!(
        man.contains(".TH foldline 1") && man.contains("brochure"),
        "{man}"
    );
}

#[test]
fn a_new_content_file_loads_and_renders() {
    let dir = temp_dir("new");
    let out = run_ok(&dir, &["new", "campaign"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .collect::<Vec<_>>(),
        ["campaign.yaml", "foldline.schema.json"]
    );
    let text = std::fs::read_to_string(dir.join("campaign.yaml")).unwrap();
    assert!(text.contains("\n# foldline content file\n") && text.contains("blocks"));
    run_ok(
        &dir,
        &["brochure", "--content", "campaign.yaml", "-o", "c.pdf"],
    );
    assert!(
        common::pdftext::inspect(&std::fs::read(dir.join("c.pdf")).unwrap())
            .pages
            .len()
            == 2
    );
    // It never overwrites.
    let again = foldline()
        .args(["new", "campaign"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn list_shows_every_product_size_language_and_county() {
    let list = stdout(&["list"]);
    for product in ["brochure", "poster", "card"] {
        assert!(
            list.contains(&format!("\n  {product}  ")),
            "{product}:\n{list}"
        );
    }
    for size in foldline::products::PosterSize::ALL {
        let (w, h) = size.inches();
        assert!(
            list.contains(&format!("{} ({w} x {h} in)", size.name())),
            "{list}"
        );
    }
    // One line a built-in language: code, names, review status.
    for l in foldline::content::languages::LANGUAGES {
        let line = list
            .lines()
            .find(|line| line.trim_start().split(' ').next() == Some(l.code))
            .unwrap_or_else(|| panic!("{} not listed:\n{list}", l.code));
        let c = foldline::content::read(None, Some(l.code)).unwrap().content;
        let status = match c.meta.review {
            None => "original text",
            Some(_) => "draft translation, not reviewed",
        };
        assert!(
            line.contains(l.english) && line.contains(l.native) && line.contains(status),
            "{line}"
        );
    }
    assert!(list.contains("es-US (es)"), "aliases:\n{list}");
    // Names under each "  status (n, ...):" line, on lines indented 4.
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for line in list[list.find("COUNTIES").unwrap()..].lines().skip(1) {
        if let Some(names) = line.strip_prefix("    ") {
            let group = &mut groups.last_mut().unwrap().1;
            group.extend(names.split(',').map(|n| n.trim().to_string()));
            group.retain(|n| !n.is_empty());
        } else if let Some((status, _)) = line.trim().split_once(" (") {
            groups.push((status.to_string(), Vec::new()));
        }
    }
    let registry = foldline::content::registry::Registry::embedded().unwrap();
    let listed: usize = groups.iter().map(|(_, names)| names.len()).sum();
    assert_eq!(listed, registry.counties.len(), "{groups:?}");
    for county in &registry.counties {
        let (_, names) = groups
            .iter()
            .find(|(status, _)| status == county.status().name())
            .unwrap_or_else(|| panic!("no {} group:\n{list}", county.status().name()));
        assert!(
            names.contains(&county.name),
            "{} is not listed as {}",
            county.name,
            county.status().name()
        );
    }
}

#[test]
fn completion_offers_counties_languages_and_sizes_not_file_names() {
    let script = stdout(&["completions", "bash"]);
    // bash completion of a flag's value: the line after `--county)` etc.
    let values = |flag: &str| -> String {
        let at = script
            .find(&format!("{flag})"))
            .unwrap_or_else(|| panic!("{flag}"));
        script[at..].lines().nth(1).unwrap().to_string()
    };
    let registry = foldline::content::registry::Registry::embedded().unwrap();
    let county = values("--county");
    for c in &registry.counties {
        assert!(county.contains(&c.slug()), "{}: {county}", c.slug());
    }
    assert!(!county.contains("compgen -f"), "{county}");
    let lang = values("--lang");
    for l in foldline::content::languages::LANGUAGES {
        assert!(lang.contains(l.code), "{}: {lang}", l.code);
    }
    let size = values("--size");
    for s in ["letter", "tabloid", "18x24", "24x36"] {
        assert!(size.contains(s), "{size}");
    }
}

#[test]
fn every_command_has_its_own_manual_page() {
    let top = stdout(&["man"]);
    for command in [
        "brochure",
        "poster",
        "card",
        "watch",
        "list",
        "counties",
        "run",
        "diff",
        "preflight",
        "new",
        "schema",
        "completions",
        "man",
    ] {
        // foldline(1) points to foldline-COMMAND(1), and that page exists.
        assert!(
            top.contains(&format!("foldline\\-{command}(1)")),
            "{command}"
        );
        let page = stdout(&["man", command]);
        assert!(
            page.contains(&format!(".TH foldline-{command} 1")),
            "{command}: {page}"
        );
        assert!(page.contains("\\-\\-help"), "{command}: no options");
    }
    let out = foldline().args(["man", "nosuch"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the commands are brochure, poster"));
}

#[test]
fn a_content_file_gets_its_own_default_output_name() {
    let dir = temp_dir("cli-default-name");
    std::fs::write(
        dir.join("my-campaign.yaml"),
        foldline::content::load::EMBEDDED_EN,
    )
    .unwrap();
    let out = run_ok(&dir, &["brochure", "--content", "my-campaign.yaml"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "my-campaign-placer-brochure.pdf"
    );
    let out = run_ok(
        &dir,
        &["card", "--content", "my-campaign.yaml", "--county", "Yolo"],
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "my-campaign-yolo-card.pdf"
    );
    run_ok(&dir, &["brochure"]);
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "my-campaign-placer-brochure.pdf",
            "my-campaign-yolo-card.pdf",
            "my-campaign.yaml",
            "placer-brochure.pdf"
        ]
    );
}

#[test]
fn man_dir_writes_a_page_for_foldline_and_each_command() {
    let dir = common::temp_dir("man-dir");
    let out = common::foldline()
        .args(["man", "--dir"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for name in [
        "foldline",
        "foldline-brochure",
        "foldline-watch",
        "foldline-diff",
        "foldline-run",
    ] {
        let page = std::fs::read_to_string(dir.join(format!("{name}.1"))).unwrap();
        assert!(
            page.starts_with(".ie") || page.contains(".TH"),
            "{name}.1: {page}"
        );
        assert!(
            page.contains(&name.to_uppercase().replace('-', "\\-")) || page.contains(name),
            "{name}"
        );
    }
    assert!(!dir.join("foldline-help.1").exists());
}
