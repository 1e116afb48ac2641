//! Help, completions, the manual page, `new` and `list`.

mod common;

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
