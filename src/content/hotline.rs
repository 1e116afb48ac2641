//! Phone numbers: checked before anything is printed, then written in the
//! house style of the seed brochure (1.866.293.1940).

use crate::error::{Error, Result};

/// Parses a North American number: 10 digits, optionally a leading 1;
/// letters on the keypad (834-KIDS) count as their digits.
pub fn normalize(input: &str) -> Result<String> {
    let mut digits = String::new();
    // Where the first letter's digit went, to keep letters out of area codes.
    let mut first_letter = None;
    for group in input.split([' ', '-', '.', '(', ')', '+']) {
        let letters = group.chars().filter(char::is_ascii_alphabetic).count();
        if letters > 0 && letters < group.chars().count() {
            return Err(invalid(
                input,
                &format!("\"{group}\" mixes letters and digits (a letter O for a zero?); write a word number like 834-KIDS with whole words"),
            ));
        }
        for c in group.chars() {
            match c {
                '0'..='9' => digits.push(c),
                'A'..='Z' | 'a'..='z' => {
                    first_letter.get_or_insert(digits.len());
                    digits.push(keypad(c.to_ascii_uppercase()));
                }
                _ => return Err(invalid(input, &format!("it contains '{c}'"))),
            }
        }
    }
    let national = match digits.len() {
        10 => digits.as_str(),
        11 if digits.starts_with('1') => &digits[1..],
        n => {
            return Err(invalid(
                input,
                &format!("it has {n} digits, not 10 (or 11 starting with 1)"),
            ))
        }
    };
    if first_letter.is_some_and(|i| i < digits.len() - 7) {
        return Err(invalid(input, "an area code is always written in digits"));
    }
    // Area code and exchange never start with 0 or 1 in the North American plan.
    if matches!(national.as_bytes()[0], b'0' | b'1')
        || matches!(national.as_bytes()[3], b'0' | b'1')
    {
        return Err(invalid(
            input,
            "the area code and exchange cannot start with 0 or 1",
        ));
    }
    let (area, rest) = national.split_at(3);
    let (exchange, line) = rest.split_at(3);
    let toll_free = matches!(area, "800" | "833" | "844" | "855" | "866" | "877" | "888");
    Ok(if toll_free {
        format!("1.{area}.{exchange}.{line}")
    } else {
        format!("{area}.{exchange}.{line}")
    })
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
        "the hotline \"{input}\" is not a valid phone number: {why}. Give a 10-digit North American number such as 916-555-0100 or 1-866-293-1940"
    ))
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
            ("855-555-0100", "1.855.555.0100"),
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
}
