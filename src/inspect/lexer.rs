//! A small reader of content-stream syntax (numbers, names, strings,
//! arrays, dictionaries and operators), for the streams foldline reads back
//! after every piece it writes. lopdf's parser (nom) is general and was
//! about a quarter of a brochure's whole run; this one is a single pass
//! over the bytes. It gives up (None) on what it does not know, inline
//! images and PostScript procedures among them, and the caller then uses
//! lopdf's parser, so foreign PDFs read as before.

use lopdf::content::Operation;
use lopdf::{Dictionary, Object, StringFormat};

pub fn operations(data: &[u8]) -> Option<Vec<Operation>> {
    let mut lexer = Lexer { data, at: 0 };
    // About one operator in 12 bytes of a page.
    let mut ops = Vec::with_capacity(data.len() / 12);
    let mut operands = Vec::new();
    loop {
        lexer.skip_space();
        let Some(&b) = data.get(lexer.at) else {
            return operands.is_empty().then_some(ops);
        };
        if is_regular(b) && !is_number_start(b) {
            let word = lexer.word();
            match word {
                b"true" => operands.push(Object::Boolean(true)),
                b"false" => operands.push(Object::Boolean(false)),
                b"null" => operands.push(Object::Null),
                // An inline image's data is not syntax.
                b"BI" | b"ID" | b"EI" => return None,
                _ => ops.push(Operation {
                    operator: String::from_utf8(word.to_vec()).ok()?,
                    operands: std::mem::take(&mut operands),
                }),
            }
        } else {
            operands.push(lexer.value()?);
        }
    }
}

struct Lexer<'a> {
    data: &'a [u8],
    at: usize,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\0')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_space(b) && !is_delimiter(b)
}

fn is_number_start(b: u8) -> bool {
    b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.')
}

impl<'a> Lexer<'a> {
    fn skip_space(&mut self) {
        while let Some(&b) = self.data.get(self.at) {
            if is_space(b) {
                self.at += 1;
            } else if b == b'%' {
                while self
                    .data
                    .get(self.at)
                    .is_some_and(|&c| c != b'\n' && c != b'\r')
                {
                    self.at += 1;
                }
            } else {
                break;
            }
        }
    }

    /// A run of regular characters.
    fn word(&mut self) -> &'a [u8] {
        let start = self.at;
        while self.data.get(self.at).is_some_and(|&b| is_regular(b)) {
            self.at += 1;
        }
        &self.data[start..self.at]
    }

    /// One operand: a number, name, string, array or dictionary.
    fn value(&mut self) -> Option<Object> {
        self.skip_space();
        match *self.data.get(self.at)? {
            b'/' => {
                self.at += 1;
                Some(Object::Name(name(self.word())?))
            }
            b'(' => self.literal(),
            b'<' if self.data.get(self.at + 1) == Some(&b'<') => self.dictionary(),
            b'<' => self.hex(),
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_space();
                    if *self.data.get(self.at)? == b']' {
                        self.at += 1;
                        return Some(Object::Array(items));
                    }
                    items.push(self.element()?);
                }
            }
            b if is_number_start(b) => number(self.word()),
            _ => None,
        }
    }

    /// A value inside an array or dictionary, where true, false and null
    /// are values and any other word is an error.
    fn element(&mut self) -> Option<Object> {
        match *self.data.get(self.at)? {
            b if is_regular(b) && !is_number_start(b) => match self.word() {
                b"true" => Some(Object::Boolean(true)),
                b"false" => Some(Object::Boolean(false)),
                b"null" => Some(Object::Null),
                _ => None,
            },
            _ => self.value(),
        }
    }

    fn dictionary(&mut self) -> Option<Object> {
        self.at += 2;
        let mut dict = Dictionary::new();
        loop {
            self.skip_space();
            if self.data.get(self.at..self.at + 2)? == b">>" {
                self.at += 2;
                return Some(Object::Dictionary(dict));
            }
            let Object::Name(key) = self.value()? else {
                return None;
            };
            self.skip_space();
            dict.set(key, self.element()?);
        }
    }

    fn hex(&mut self) -> Option<Object> {
        self.at += 1;
        // Nibbles straight into bytes: glyph strings are most of a page.
        let digits = self.data[self.at..].iter().position(|&b| b == b'>');
        let mut bytes = Vec::with_capacity(digits.map_or(0, |n| n.div_ceil(2)));
        let mut high: Option<u8> = None;
        loop {
            let b = *self.data.get(self.at)?;
            self.at += 1;
            let nibble = match b {
                b'>' => break,
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                b if is_space(b) => continue,
                _ => return None,
            };
            match high.take() {
                Some(h) => bytes.push(h << 4 | nibble),
                None => high = Some(nibble),
            }
        }
        // An odd last digit is followed by 0.
        if let Some(h) = high {
            bytes.push(h << 4);
        }
        Some(Object::String(bytes, StringFormat::Hexadecimal))
    }

    fn literal(&mut self) -> Option<Object> {
        self.at += 1;
        let mut out = Vec::new();
        let mut depth = 0;
        loop {
            let b = *self.data.get(self.at)?;
            self.at += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' if depth == 0 => return Some(Object::String(out, StringFormat::Literal)),
                b')' => {
                    depth -= 1;
                    out.push(b);
                }
                b'\\' => {
                    let e = *self.data.get(self.at)?;
                    self.at += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.data.get(self.at) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.at += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        // A backslash at a line end continues the string.
                        b'\r' => {
                            if self.data.get(self.at) == Some(&b'\n') {
                                self.at += 1;
                            }
                        }
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                _ => out.push(b),
            }
        }
    }
}

/// A name's bytes with its #xx escapes decoded.
fn name(raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'#' {
            let hex = std::str::from_utf8(raw.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(raw[i]);
            i += 1;
        }
    }
    Some(out)
}

fn number(word: &[u8]) -> Option<Object> {
    let text = std::str::from_utf8(word).ok()?;
    if word.contains(&b'.') {
        let v: f32 = text.parse().ok()?;
        v.is_finite().then_some(Object::Real(v))
    } else {
        text.parse().ok().map(Object::Integer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same operations as lopdf's own parser.
    fn same(data: &[u8]) {
        let ours = operations(data).expect("read");
        let theirs = lopdf::content::Content::decode(data).unwrap().operations;
        assert_eq!(format!("{ours:?}"), format!("{theirs:?}"));
    }

    #[test]
    fn reads_what_lopdf_reads() {
        same(b"q 1 0 0 1 9 9 cm BT /F1 12 Tf 0.5 0 0 1 -3.25 .5 Tm [(Hi\\)) -250 <00410042>] TJ ET Q");
        same(b"/Span << /ActualText (behavior) /Lang (en-US) >> BDC (a\\\\b\\101) Tj EMC /Artifact BMC EMC");
        same(b"% comment\n0.1 0.2 0.3 0.4 k 10 20 30 40 re f /GS#20a gs [3 2] 0 d");
        same(b"2 beginbfchar <0001> <0041> <0002> <D83DDE00> endbfchar 1 beginbfrange <10> <1f> <0030> endbfrange");
        same(b"<4 14> Tj <aBc> Tj <> Tj");
    }

    #[test]
    fn gives_up_on_what_it_does_not_know() {
        assert!(operations(b"BI /W 1 /H 1 ID \x00 EI").is_none());
        assert!(operations(b"{ 1 2 add } exec").is_none());
        assert!(operations(b"(unterminated").is_none());
        assert!(operations(b"1 2").is_none());
    }
}
