//! Inline emphasis in content text: *italic*, **bold**, ***bold italic***.
//!
//! Markup never eats text: a run of `*` marks emphasis only where it opens
//! (not followed by a space, not inside a word) and a later run closes it
//! (not after a space, not inside a word); every other `*` prints, as in
//! "Dial *67 first" or "2*3". `\*` prints an asterisk where one would open
//! or close emphasis, `\\` a backslash; any other backslash prints as it is.
//! Pairing follows CommonMark's rule for runs of stars: a closer takes the
//! nearest opener, two stars of each at a time while both have two.

use super::fonts::FaceId;
use super::paragraph::Span;

/// A run of unescaped stars and what it may do.
struct Stars {
    /// Where the run stands among the pieces.
    at: usize,
    /// Stars not yet paired: these print.
    left: usize,
    can_open: bool,
    can_close: bool,
    /// Pairs this run opens and closes: (italic, bold).
    opens: (usize, usize),
    closes: (usize, usize),
}

/// Splits `text` into spans; `bold` sets the starting weight (headings,
/// where `**` sets the regular weight).
pub fn spans(text: &str, bold: bool) -> Vec<Span> {
    let chars: Vec<char> = text.chars().collect();
    // Text between runs of stars, and the runs, in order.
    let mut pieces: Vec<String> = vec![String::new()];
    let mut runs: Vec<Stars> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' if matches!(chars.get(i + 1), Some('*' | '\\')) => {
                pieces.last_mut().expect("never empty").push(chars[i + 1]);
                i += 2;
            }
            '*' => {
                let start = i;
                while chars.get(i) == Some(&'*') {
                    i += 1;
                }
                let before = start.checked_sub(1).map(|b| chars[b]);
                let after = chars.get(i).copied();
                let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
                let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
                runs.push(Stars {
                    at: pieces.len(),
                    left: i - start,
                    can_open: !space(after) && !word(before),
                    can_close: !space(before) && !word(after),
                    opens: (0, 0),
                    closes: (0, 0),
                });
                pieces.push(String::new());
            }
            c => {
                pieces.last_mut().expect("never empty").push(c);
                i += 1;
            }
        }
    }
    pair(&mut runs);

    let (mut italic, mut strong) = (0, 0);
    let mut spans: Vec<Span> = Vec::new();
    let mut push = |text: &str, italic: usize, strong: usize| {
        if text.is_empty() {
            return;
        }
        let face = FaceId::Regular.with(bold != (strong > 0), italic > 0);
        match spans.last_mut() {
            Some(last) if last.face == face => last.text.push_str(text),
            _ => spans.push(Span {
                text: text.to_string(),
                face,
            }),
        }
    };
    let mut runs = runs.iter().peekable();
    for (at, piece) in pieces.iter().enumerate() {
        if let Some(run) = runs.next_if(|r| r.at == at) {
            // Closing stars sit next to the text they end, opening stars
            // next to the text they begin; the unpaired ones between print.
            italic -= run.closes.0;
            strong -= run.closes.1;
            push(&"*".repeat(run.left), italic, strong);
            italic += run.opens.0;
            strong += run.opens.1;
        }
        push(piece, italic, strong);
    }
    spans
}

/// Pairs closing runs with the nearest open run before them.
fn pair(runs: &mut [Stars]) {
    let mut open: Vec<usize> = Vec::new();
    for i in 0..runs.len() {
        if runs[i].can_close {
            while runs[i].left > 0 {
                let Some(&o) = open.last() else { break };
                let n = if runs[i].left >= 2 && runs[o].left >= 2 {
                    2
                } else {
                    1
                };
                let kind = |p: &mut (usize, usize)| match n {
                    2 => p.1 += 1,
                    _ => p.0 += 1,
                };
                kind(&mut runs[o].opens);
                kind(&mut runs[i].closes);
                runs[o].left -= n;
                runs[i].left -= n;
                if runs[o].left == 0 {
                    open.pop();
                }
            }
        }
        if runs[i].can_open && runs[i].left > 0 {
            open.push(i);
        }
    }
}

/// The text without its markup, as it reads on the page.
pub fn plain(text: &str) -> String {
    spans(text, false).into_iter().map(|s| s.text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn faces(text: &str) -> Vec<(String, FaceId)> {
        spans(text, false)
            .into_iter()
            .map(|s| (s.text, s.face))
            .collect()
    }

    fn one(text: &str, face: FaceId) -> Vec<(String, FaceId)> {
        vec![(text.to_string(), face)]
    }

    #[test]
    fn seed_emphasis() {
        assert_eq!(
            faces("*If you call the **Placer Hotline***"),
            vec![
                ("If you call the ".to_string(), FaceId::Italic),
                ("Placer Hotline".to_string(), FaceId::BoldItalic)
            ]
        );
        assert_eq!(faces("***both***"), one("both", FaceId::BoldItalic));
        assert_eq!(
            faces("**A**, *b*."),
            vec![
                ("A".to_string(), FaceId::Bold),
                (", ".to_string(), FaceId::Regular),
                ("b".to_string(), FaceId::Italic),
                (".".to_string(), FaceId::Regular),
            ]
        );
    }

    #[test]
    fn stars_that_open_nothing_print() {
        for text in [
            "Dial *67 first",
            "2*3",
            "2*3*4",
            "5 * 3",
            "a lone *",
            "*",
            "**",
            "Note*",
            "un**real",
        ] {
            assert_eq!(faces(text), one(text, FaceId::Regular), "{text:?}");
        }
    }

    #[test]
    fn unpaired_stars_print_beside_the_emphasis() {
        assert_eq!(
            faces("Dial *67 or call **now**"),
            vec![
                ("Dial *67 or call ".to_string(), FaceId::Regular),
                ("now".to_string(), FaceId::Bold)
            ]
        );
        // Three stars close one italic: the other two print after it.
        assert_eq!(plain("*a***"), "a**");
        assert_eq!(plain("**a*"), "*a");
    }

    #[test]
    fn backslash_escapes_only_stars_and_itself() {
        assert_eq!(plain(r"5 \* 3 = **15**"), "5 * 3 = 15");
        assert_eq!(
            faces(r"\*not italic\*"),
            one("*not italic*", FaceId::Regular)
        );
        assert_eq!(plain(r"C:\files\\x"), r"C:\files\x");
        assert_eq!(plain(r"end\"), r"end\");
    }

    #[test]
    fn headings_start_bold() {
        let s = spans("Call **now**", true);
        assert_eq!(s[0].face, FaceId::Bold);
        assert_eq!(s[1].face, FaceId::Regular);
    }
}
