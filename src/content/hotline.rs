//! Phone numbers: checked before anything is printed, then written in the
//! house style of the seed brochure (1.866.293.1940).

use crate::error::{Error, Result};

/// Parses a North American number: 10 digits, optionally a leading 1;
/// letters on the keypad (834-KIDS) count as their digits.
pub fn normalize(input: &str) -> Result<String> {
    let mut digits = String::new();
    for c in input.chars() {
        match c {
            '0'..='9' => digits.push(c),
            'A'..='Z' | 'a'..='z' => digits.push(keypad(c.to_ascii_uppercase())),
            ' ' | '-' | '.' | '(' | ')' | '+' => {}
            _ => return Err(invalid(input, &format!("it contains '{c}'"))),
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
            ("831-755-4661", "831.755.4661"),
            ("(831) 755-4661", "831.755.4661"),
            ("+1 831 755 4661", "831.755.4661"),
            ("1-800-834-KIDS", "1.800.834.5437"),
        ] {
            assert_eq!(normalize(input).unwrap(), want, "{input}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        for bad in [
            "",
            "911",
            "831-755-466",
            "831-755-46611",
            "2-831-755-4661",
            "031-755-4661",
            "831-055-4661",
            "831_755_4661",
        ] {
            assert!(normalize(bad).is_err(), "{bad} was accepted");
        }
    }
}
