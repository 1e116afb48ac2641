//! Hostile content shared by the error tests and the refusal benchmarks.

/// The built-in content with a "billion laughs" header: 9 levels of 9
/// aliases each, used once in a highlights block, so it would expand to
/// 9^9 values.
pub fn alias_bomb() -> String {
    let mut bomb = String::from("x-lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..9 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        bomb.push_str(&format!("x-lol{i}: &a{i} [{refs}]\n"));
    }
    let en = foldline::content::load::EMBEDDED_EN;
    format!(
        "{bomb}{}",
        en.replacen(
            "      - highlights:",
            "      - highlights: *a8\n      - highlights:",
            1
        )
    )
}
