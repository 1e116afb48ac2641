//! Help, completions and the manual page.

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
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "campaign.yaml");
    let text = std::fs::read_to_string(dir.join("campaign.yaml")).unwrap();
    assert!(text.starts_with("# foldline content file") && text.contains("blocks"));
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
