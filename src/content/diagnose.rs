//! Turning YAML and serde messages into ones staff can act on: a
//! did-you-mean for typos, plain words for types, a hint for the common
//! slips of hand-edited YAML.

/// A parser's message in plain words, a few words to say at the spot, and
/// what to do.
#[derive(Debug, PartialEq)]
pub struct Explained {
    pub message: String,
    pub label: Option<String>,
    pub help: Option<String>,
}

/// `message` as yaml_serde wrote it (positions removed), explained.
pub fn explain(message: &str) -> Explained {
    let plain = plain_types(message);
    Explained {
        label: label(&plain),
        message: plain,
        help: did_you_mean(message).or_else(|| hint(message)),
    }
}

/// A few words for the spot a parser's message points at.
fn label(message: &str) -> Option<String> {
    if let Some((_, expected)) = message.rsplit_once(", expected ") {
        if !expected.contains("one of") && !expected.contains('`') {
            return Some(format!("expected {expected}"));
        }
    }
    const LABELS: [(&str, &str); 10] = [
        ("unknown field `", "not a key foldline knows here"),
        ("unknown variant `", "not one of the values listed"),
        ("missing field `", "something is missing from these lines"),
        ("duplicate field `", "given a second time"),
        ("tab character", "a tab"),
        ("mapping values are not allowed", "a colon and a space"),
        ("unknown anchor", "read as an alias"),
        ("cannot start any plain token", "cannot start text"),
        ("did not find expected", "the line does not fit here"),
        ("invalid length", "the wrong number of values"),
    ];
    LABELS
        .iter()
        .find(|(pattern, _)| message.contains(pattern))
        .map(|(_, label)| label.to_string())
}

/// A hint for slips that only the line itself tells apart, where the
/// parser's message would point at the wrong cure: a key indented more
/// than the key above it ("mapping values are not allowed", which usually
/// means an unquoted ": " in text), and text that starts with `*`
/// (read as an alias). `line` is the 1-based number of `source`.
pub fn from_the_line(
    message: &str,
    text: &str,
    line: usize,
    source: &str,
    column: usize,
) -> Option<Explained> {
    let body = source.trim_start();
    let indent = source.len() - body.len();
    let value = body.trim_start_matches("- ");
    if message.contains("mapping values are not allowed") {
        let above = text
            .lines()
            .take(line.saturating_sub(1))
            .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .last()?;
        let above_indent = above.len() - above.trim_start().len();
        let is_key = |l: &str| {
            let t = l.trim_start().trim_start_matches("- ");
            t.split_once(':')
                .is_some_and(|(k, v)| !k.is_empty() && !k.contains(' ') && !v.trim().is_empty())
        };
        if indent > above_indent && is_key(source) && is_key(above) {
            return Some(Explained {
                message: format!("{message}: this line is indented more than the line above it"),
                label: Some("indented too far".into()),
                help: Some(format!(
                    "keys of one mapping start in the same column, so `{}` should start in column {}, under `{}`",
                    body.split(':').next().unwrap_or(""),
                    above_indent + 1,
                    above.trim_start().split(':').next().unwrap_or("")
                )),
            });
        }
    }
    let at = source
        .chars()
        .skip(column.saturating_sub(1))
        .collect::<String>();
    let starts_with_star = value.starts_with('*') || at.starts_with('*');
    if starts_with_star && (message.contains("alias") || message.contains("anchor")) {
        return Some(Explained {
            message: message.to_string(),
            label: Some("read as an alias".into()),
            help: Some(format!(
                "A text that starts with * must be in double quotes: YAML reads a leading * as an alias. Write - \"{}\"",
                value.trim_end()
            )),
        });
    }
    None
}

/// Drops every " at line N column M" (yaml_serde repeats the position we
/// show in front) and a trailing " at position N".
pub fn strip_positions(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let n = digits(after);
        match after[n..].strip_prefix(" column ") {
            Some(col) if n > 0 => rest = &col[digits(col)..],
            _ => {
                out.push_str(" at line ");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The names in backticks: for "unknown field `titel`, expected one of
/// `title`, `language`" the unknown name first, then the valid ones.
fn quoted(message: &str) -> Vec<&str> {
    message.split('`').skip(1).step_by(2).collect()
}

fn did_you_mean(message: &str) -> Option<String> {
    let what = if message.contains("unknown field `") {
        "key"
    } else if message.contains("unknown variant `") {
        "value"
    } else {
        return None;
    };
    let names = quoted(message);
    let (unknown, valid) = names.split_first()?;
    if what == "value" && message.contains("blocks[") && unknown.contains(char::is_whitespace) {
        return Some(
            "Each block starts with its kind and a colon, as in `- paragraph: your text`; the kinds are listed above".into(),
        );
    }
    if valid.is_empty() {
        return None;
    }
    Some(match nearest(unknown, valid.iter().copied()) {
        Some(best) => format!("Did you mean `{best}`?"),
        None => format!("`{unknown}` is not a {what} foldline knows here; use one of those listed"),
    })
}

/// The candidate most like `word` (a typo of it), if any is close enough.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word, &c.to_lowercase()), c))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .filter(|(score, _)| *score >= 0.75)
        .map(|(_, c)| c)
}

/// Rust type names in serde's "expected ..." as words.
fn plain_types(message: &str) -> String {
    let mut out = message.to_string();
    for (rust, words) in [
        ("expected u8", "expected a whole number from 0 to 255"),
        ("expected u16", "expected a whole number"),
        ("expected u32", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected usize", "expected a whole number"),
        ("expected f32", "expected a number"),
        ("expected f64", "expected a number"),
        (
            "expected a sequence",
            "expected a list (lines starting with `- `)",
        ),
        (
            "expected an array of length 4",
            "expected a list of 4 numbers such as [0, 85, 95, 0]",
        ),
    ] {
        if let Some(rest) = out.strip_suffix(rust).map(str::to_string) {
            out = format!("{rest}{words}");
        }
    }
    if let Some(i) = out.find("expected struct ") {
        out.truncate(i);
        out.push_str("expected `key: value` lines");
    }
    out.replace("invalid type: map,", "invalid type: `key: value` lines,")
        .replace("invalid type: sequence,", "invalid type: a list,")
}

/// What to do about the usual slips in hand-written YAML.
fn hint(message: &str) -> Option<String> {
    if message.contains("missing field `") {
        let field = quoted(message).into_iter().next()?;
        let parent = match message.split_once(": missing field") {
            Some((path, _)) => format!("under `{path}`"),
            None => "at the top of the file".into(),
        };
        return Some(format!("Add `{field}:` {parent}"));
    }
    const RULES: [(&str, &str); 11] = [
        ("duplicate field `", "Each key may appear only once in the same place; remove or rename one of them"),
        ("tab character", "Indent with spaces, never tabs"),
        ("mapping values are not allowed", "Text that contains a colon followed by a space (\": \") must be in double quotes: put the whole text in \"...\""),
        ("unknown anchor", "A value that starts with * is read as a YAML alias; to start text with *italic*, put the whole text in double quotes"),
        ("cannot start any plain token", "Text that starts with a character such as @, ` or % must be in double quotes: put the whole text in \"...\""),
        ("did not find expected key", "Check the indentation of this line against the lines above, and that every quote opened above is closed"),
        ("did not find expected", "Check the indentation of this line against the lines above, and that every quote or bracket opened above is closed"),
        ("end of stream", "A quote or bracket opened above is never closed"),
        ("more than one document", "A content file holds one document: remove the `---` line that starts a second one"),
        ("recursion limit exceeded", "The file nests lists and keys more than 128 levels deep; no content needs that"),
        ("repetition limit exceeded", "YAML aliases (*name) repeat too much; write the text out instead"),
    ];
    RULES
        .iter()
        .find(|(pattern, _)| message.contains(pattern))
        .map(|(_, hint)| hint.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_key() {
        let m = explain(
            "meta: unknown field `titel`, expected one of `title`, `language`, `county`, `hotline`",
        );
        assert_eq!(m.help.as_deref(), Some("Did you mean `title`?"));
        assert_eq!(m.label.as_deref(), Some("not a key foldline knows here"));
        let m = explain("sections.a.blocks[0]: unknown variant `paragrah`, expected one of `paragraph`, `subheading`");
        assert_eq!(m.help.as_deref(), Some("Did you mean `paragraph`?"));
        let m = explain("x: unknown field `zzzz`, expected `title` or `language`");
        assert!(m.help.unwrap().contains("`zzzz` is not a key"));
    }

    #[test]
    fn strips_every_position() {
        assert_eq!(
            strip_positions("found a tab at line 12 column 1, while scanning at line 12 column 1"),
            "found a tab, while scanning"
        );
        assert_eq!(strip_positions("at line x"), "at line x");
    }

    #[test]
    fn missing_field_says_where_to_add_it() {
        let m = explain("meta: missing field `hotline`");
        assert_eq!(m.help.as_deref(), Some("Add `hotline:` under `meta`"));
        let m = explain("missing field `meta`");
        assert_eq!(
            m.help.as_deref(),
            Some("Add `meta:` at the top of the file")
        );
    }

    #[test]
    fn types_in_words() {
        let m = explain("a.columns: invalid type: string \"two\", expected u8");
        assert_eq!(
            m.message,
            "a.columns: invalid type: string \"two\", expected a whole number from 0 to 255"
        );
        assert_eq!(
            m.label.as_deref(),
            Some("expected a whole number from 0 to 255")
        );
        assert_eq!(
            explain("invalid type: sequence, expected struct Content").message,
            "invalid type: a list, expected `key: value` lines"
        );
    }
}
