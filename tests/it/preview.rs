//! `--preview` writes a PNG of every page beside the PDF.

use crate::common;

use common::{run_ok, temp_dir};

#[test]
fn previews_have_the_page_proportions_and_show_the_page() {
    let dir = temp_dir("preview");
    let out = run_ok(&dir, &["brochure", "--preview", "-o", "b.pdf"]);
    let printed = String::from_utf8_lossy(&out.stdout).into_owned();
    for n in [1, 2] {
        let name = format!("b-page{n}.png");
        assert!(printed.contains(&name), "{printed}");
        let img = image::open(dir.join(&name)).unwrap().to_rgb8();
        // The finished size, 11 x 8.5 in, at 100 dpi.
        assert_eq!((img.width(), img.height()), (1100, 850));
        let dark = img
            .pixels()
            .filter(|p| p.0.iter().map(|&c| c as u32).sum::<u32>() < 200)
            .count();
        let total = (img.width() * img.height()) as usize;
        assert!(
            dark > total / 200,
            "page {n} is nearly blank: {dark} dark pixels"
        );
    }
    assert!(!dir.join("b-page3.png").exists());
}
