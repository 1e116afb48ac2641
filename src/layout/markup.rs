//! Inline emphasis in content text: *italic*, **bold**, ***bold italic***.
//! A backslash keeps the next character as it is (\* prints an asterisk).

use super::fonts::FaceId;
use super::paragraph::Span;

/// Splits `text` into spans; `bold` sets the starting weight (headings).
pub fn spans(text: &str, bold: bool) -> Vec<Span> {
    let (mut bold, mut italic) = (bold, false);
    let mut spans: Vec<Span> = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    let flush = |current: &mut String, spans: &mut Vec<Span>, face: FaceId| {
        if !current.is_empty() {
            spans.push(Span {
                text: std::mem::take(current),
                face,
            });
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '\\' => current.push(chars.next().unwrap_or('\\')),
            '*' => {
                let mut stars = 1;
                while chars.peek() == Some(&'*') {
                    chars.next();
                    stars += 1;
                }
                flush(&mut current, &mut spans, FaceId::Regular.with(bold, italic));
                if stars % 2 == 1 {
                    italic = !italic;
                }
                if stars >= 2 {
                    bold = !bold;
                }
            }
            _ => current.push(c),
        }
    }
    flush(&mut current, &mut spans, FaceId::Regular.with(bold, italic));
    spans
}

/// The text without its markup, as it reads on the page.
pub fn plain(text: &str) -> String {
    spans(text, false).into_iter().map(|s| s.text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_emphasis() {
        let s = spans("*If you call the **Placer Hotline***", false);
        let faces: Vec<_> = s.iter().map(|s| (s.text.as_str(), s.face)).collect();
        assert_eq!(
            faces,
            vec![
                ("If you call the ", FaceId::Italic),
                ("Placer Hotline", FaceId::BoldItalic)
            ]
        );
    }

    #[test]
    fn escaped_star_is_text() {
        assert_eq!(plain(r"5 \* 3 = **15**"), "5 * 3 = 15");
    }
}
