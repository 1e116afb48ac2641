//! Phone numbers: checked before anything is printed, then written in the
//! house style of the seed brochure (1.866.293.1940).

use crate::error::{Error, Result};

/// Parses a North American number: 10 digits, optionally a leading 1 or
/// +1; letters on the keypad (834-KIDS) count as their digits. Refuses what
/// the North American Numbering Plan never assigns.
pub fn normalize(input: &str) -> Result<String> {
    parse(input).map_err(|why| invalid(input, &why))
}

/// As [`normalize`]; the error is only the reason.
fn parse(input: &str) -> std::result::Result<String, String> {
    let trimmed = input.trim();
    // `+` is the international prefix: only `+1` (the NANP's country code) leads.
    if let Some(plus) = trimmed.find('+') {
        let after = trimmed[plus + 1..].trim_start_matches([' ', '-', '.', '(']);
        if plus != 0 || !after.starts_with('1') {
            return Err(
                "a '+' can only lead the number as +1, the North American country code".to_string(),
            );
        }
    }
    let mut digits = String::new();
    // Where the first letter's digit went, to keep letters out of area codes.
    let mut first_letter = None;
    for group in trimmed[trimmed.starts_with('+') as usize..].split([' ', '-', '.', '(', ')']) {
        let letters = group.chars().filter(char::is_ascii_alphabetic).count();
        if letters > 0 && letters < group.chars().count() {
            return Err(format!("\"{group}\" mixes letters and digits (a letter O for a zero?); write a word number like 834-KIDS with whole words"));
        }
        for c in group.chars() {
            match c {
                '0'..='9' => digits.push(c),
                'A'..='Z' | 'a'..='z' => {
                    first_letter.get_or_insert(digits.len());
                    digits.push(keypad(c.to_ascii_uppercase()));
                }
                _ => return Err(format!("it contains '{c}'")),
            }
        }
    }
    let national = match digits.len() {
        10 if digits.starts_with('1') => {
            return Err("it has 10 digits starting with 1, so one is missing: a number is 1 and 10 digits, or 10 digits alone".to_string())
        }
        10 => digits.as_str(),
        11 if digits.starts_with('1') => &digits[1..],
        n => {
            return Err(format!("it has {n} digits, not 10 (or 11 starting with 1)"))
        }
    };
    if first_letter.is_some_and(|i| i < digits.len() - 7) {
        return Err("an area code is always written in digits".to_string());
    }
    let (area, rest) = national.split_at(3);
    let (exchange, line) = rest.split_at(3);
    // Area code and exchange never start with 0 or 1 in the North American plan.
    if area.starts_with(['0', '1']) || exchange.starts_with(['0', '1']) {
        return Err("the area code and exchange cannot start with 0 or 1".to_string());
    }
    // 211 to 911 are service codes (911 is emergency), never an area code or exchange.
    for (part, name) in [(area, "area code"), (exchange, "exchange")] {
        if part.ends_with("11") {
            return Err(format!(
                "the {name} {part} is a service code like 911, not part of a phone number"
            ));
        }
    }
    if exchange == "555" && line.starts_with("01") {
        return Err(format!("555-{line} is in the range 555-0100 to 555-0199 kept for films and examples; no one answers it"));
    }
    let toll_free = matches!(area, "800" | "833" | "844" | "855" | "866" | "877" | "888");
    Ok(if toll_free {
        format!("1.{area}.{exchange}.{line}")
    } else {
        format!("{area}.{exchange}.{line}")
    })
}

/// A phone number as written in a text: its byte offset, what it says and
/// what it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written<'a> {
    pub at: usize,
    pub text: &'a str,
    /// The number in house style, or why it is not a phone number.
    pub number: std::result::Result<String, String>,
}

/// Digits from which a run of digits is read as a phone number: a local
/// number without its area code (seven) is one too, and is refused.
const PHONE_DIGITS: usize = 7;

/// Every phone number written in `text`, valid or not: the one rule by
/// which the content check, the manifest and the proof sheet recognise a
/// number. A run of digits joined by `-`, `.`, `(`, `)`, single spaces and a
/// leading `+` (and, after a `-`, upper-case keypad words as in 1-800-834-KIDS)
/// with 7 or more digits is a phone number, except a quantity grouped in
/// threes (1.000.000, 12 000 000) of up to 9 digits. So a typo such as
/// 1.866.293.194 or 866-293-19400 is caught, not taken for some other number.
pub fn find(text: &str) -> Vec<Written<'_>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts = bytes[i].is_ascii_digit()
            || (matches!(bytes[i], b'+' | b'(')
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit));
        let after_word = i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] >= 0x80);
        if !starts || after_word {
            i += 1;
            continue;
        }
        let end = scan(bytes, i);
        let written = &text[i..end];
        let digits = written.chars().filter(char::is_ascii_alphanumeric).count();
        if digits >= PHONE_DIGITS && !(digits <= 9 && is_quantity(written)) {
            found.push(Written {
                at: i,
                text: written,
                number: parse(written),
            });
        }
        i = end.max(i + 1);
    }
    found
}

/// The end of the number-like run that starts at `start`.
fn scan(bytes: &[u8], start: usize) -> usize {
    let mut end = start;
    let mut digits = 0;
    let mut i = start;
    while i < bytes.len() {
        let b = bytes[i];
        let next_is_digit = bytes
            .get(i + 1)
            .is_some_and(|n| n.is_ascii_digit() || *n == b'(');
        if b.is_ascii_digit() {
            digits += 1;
        } else if b.is_ascii_uppercase() && i > start && bytes[i - 1] == b'-' && digits >= 3 {
            // A keypad word: the whole upper-case word, or nothing.
            let word_end = (i..bytes.len())
                .find(|&j| !bytes[j].is_ascii_uppercase())
                .unwrap_or(bytes.len());
            if bytes
                .get(word_end)
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b >= 0x80)
            {
                break;
            }
            digits += word_end - i;
            i = word_end;
            end = i;
            continue;
        } else if !(matches!(b, b'-' | b'.' | b'(' | b')')
            || (b == b' ' && next_is_digit)
            || (b == b'+' && i == start))
        {
            break;
        }
        i += 1;
        if b.is_ascii_alphanumeric() || b == b')' {
            end = i;
        }
    }
    // A ")" without its "(" belongs to the sentence, not the number.
    let run = &bytes[start..end];
    if run.ends_with(b")") && !run.contains(&b'(') {
        end -= 1;
    }
    end
}

/// 1.000.000, 12,000 or 10 000 000: groups of three after the first,
/// one separator throughout.
fn is_quantity(written: &str) -> bool {
    let Some(sep) = written.chars().find(|c| !c.is_ascii_digit()) else {
        return false;
    };
    if !matches!(sep, '.' | ' ') {
        return false;
    }
    let groups: Vec<&str> = written.split(sep).collect();
    groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))
        && groups[1..].iter().all(|g| g.len() == 3)
}

fn keypad(c: char) -> char {
    match c {
        'A'..='C' => '2',
        'D'..='F' => '3',
        'G'..='I' => '4',
        'J'..='L' => '5',
        'M'..='O' => '6',
        'P'..='S' => '7',
        'T'..='V' => '8',
        _ => '9',
    }
}

fn invalid(input: &str, why: &str) -> Error {
    Error::input(format!(
        "the hotline \"{input}\" is not a valid phone number: {why}. Give a 10-digit North American number such as 831-755-4661 or 1-866-293-1940"
    ))
}

/// Text short codes: a word in capitals and 5 or 6 digits in brackets
/// after it, as (byte offset, length, digits).
pub fn short_codes(text: &str) -> Vec<(usize, usize, &str)> {
    let mut found = Vec::new();
    for (open, _) in text.match_indices(" (") {
        let rest = &text[open + 2..];
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if !(5..=6).contains(&digits) || !rest[digits..].starts_with(')') {
            continue;
        }
        let word = text[..open]
            .rsplit(|c: char| !c.is_ascii_uppercase())
            .next()
            .unwrap_or("");
        if word.len() >= 3 {
            let start = open - word.len();
            found.push((start, open + 2 + digits + 1 - start, &rest[..digits]));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn formats_in_house_style() {
        for (input, want) in [
            ("1.866.293.1940", "1.866.293.1940"),
            ("866-293-1940", "1.866.293.1940"),
            ("8662931940", "1.866.293.1940"),
            ("18662931940", "1.866.293.1940"),
            ("+1-866-293-1940", "1.866.293.1940"),
            (" 866 293 1940 ", "1.866.293.1940"),
            ("831-755-4661", "831.755.4661"),
            ("(831) 755-4661", "831.755.4661"),
            ("+1 831 755 4661", "831.755.4661"),
            ("1 (916) 875-5437", "916.875.5437"),
            // Word numbers as counties print them (San Luis Obispo, Sacramento, Santa Clara).
            ("1-800-834-KIDS", "1.800.834.5437"),
            ("(800) 834-KIDS", "1.800.834.5437"),
            ("805-781-kids", "805.781.5437"),
            ("916-875-KIDS", "916.875.5437"),
            ("1-833-SCC-KIDS", "1.833.722.5437"),
            ("1-800-PQRS-TUV", "1.800.777.7888"),
            ("1-800-WXYZ-ABC", "1.800.999.9222"),
            // Toll-free area codes get the leading 1; others do not.
            ("844-835-3685", "1.844.835.3685"),
            ("855-555-0200", "1.855.555.0200"),
            ("877-881-1116", "1.877.881.1116"),
            ("888-456-9380", "1.888.456.9380"),
            ("1-530-225-5144", "530.225.5144"),
        ] {
            assert_eq!(normalize(input).unwrap(), want, "{input}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        for bad in [
            "",
            "911",
            "KIDS",
            "831-755-466",
            "831-755-46611",
            "2-831-755-4661",
            "11-866-293-1940",
            "031-755-4661",
            "131-755-4661",
            "831-055-4661",
            "831-155-4661",
            "831_755_4661",
            "831/755/4661",
            "1-800-834-KIDSS",
            "1-800-KIDS",
            // A letter O typed for a zero is not read as a word number.
            "866-293-194O",
            "866-293-1940 x12",
            "866-293-1940 ext 12",
            "KID-555-0100",
            "+44 20 7946 0958",
            // North American rules: no N11 service code, no fictional 555-01xx, + only as +1.
            "911-555-1234",
            "831-911-4661",
            "831-411-4661",
            "211-755-4661",
            "916-555-0100",
            "1-916-555-0199",
            "+2 831 755 4661",
            "1+831-755-4661",
            "831+755+4661",
            "+ 44 831 755 4661",
            "866–293–1940",
        ] {
            assert!(normalize(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn the_error_names_the_input_and_the_reason() {
        let e = normalize("866-293-194O").unwrap_err().message;
        assert!(e.contains("866-293-194O") && e.contains("194O"), "{e}");
        let e = normalize("831-755-466").unwrap_err().message;
        assert!(e.contains("9 digits"), "{e}");
    }

    #[test]
    fn finds_every_number_written_in_a_text() {
        let numbers = |text: &str| -> Vec<(String, bool)> {
            super::find(text)
                .into_iter()
                .map(|w| (w.text.to_string(), w.number.is_ok()))
                .collect()
        };
        let ok = |s: &str| (s.to_string(), true);
        let bad = |s: &str| (s.to_string(), false);
        assert_eq!(
            numbers("Call **1.888.373.7888** or"),
            [ok("1.888.373.7888")]
        );
        assert_eq!(numbers("Call 1-800-834-KIDS now."), [ok("1-800-834-KIDS")]);
        assert_eq!(
            numbers("(831) 755-4661 or 1.866.293.1940."),
            [ok("(831) 755-4661"), ok("1.866.293.1940")]
        );
        assert_eq!(numbers("tel:+18883737888"), [ok("+18883737888")]);
        assert_eq!(
            numbers("Text BEFREE (233733), 24-hr., 65 %, Dial *67 first, 2*3, in 2024"),
            []
        );
        assert_eq!(numbers("1.000.000 children, 12 000 000 views"), []);
        // Typos and what is not a whole number are found, and refused.
        assert_eq!(numbers("Call 1.866.293.194 now"), [bad("1.866.293.194")]);
        assert_eq!(numbers("Call 866-293-19400"), [bad("866-293-19400")]);
        assert_eq!(numbers("Call 755-4661"), [bad("755-4661")]);
        assert_eq!(numbers("Call 866-293-194O"), [bad("866-293-194")]);
        assert_eq!(numbers("Call 916-555-0123 today"), [bad("916-555-0123")]);
        assert_eq!(numbers("years 2024-2025"), [bad("2024-2025")]);
        // Not inside a word or a hash.
        assert_eq!(numbers("a61b92f8b2bd9b9279192c332"), []);
        assert_eq!(numbers("(1.888.373.7888)"), [ok("(1.888.373.7888)")]);
        assert_eq!(numbers("the line 1.888.373.7888)"), [ok("1.888.373.7888")]);
    }
}
