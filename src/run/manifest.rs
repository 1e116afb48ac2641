//! manifest.csv: one row per file a run made, with its hotline, the
//! number's source and a SHA-256 the print shop can check files against.

use super::Made;
use crate::printed::Printed;

/// Every column about numbers comes from the PDF as read back: `hotline`
/// and `source` are the county's number and its source if the file prints
/// it (empty, "not printed", if it does not); `printed` is every number
/// read back, "number ×times (source)", separated by "; ".
pub const HEADER: [&str; 10] = [
    "county", "language", "product", "hotline", "source", "printed", "pages", "bytes", "sha256",
    "file",
];

pub fn csv(made: &[Made]) -> String {
    let mut out = row(HEADER.iter().map(|s| s.to_string()));
    for m in made {
        let county = m.printed.iter().find(|p| p.number == m.hotline);
        out.push_str(&row([
            m.county.clone(),
            m.language.clone(),
            m.product.file_stem(),
            county.map_or(String::new(), |p| p.number.clone()),
            county.map_or("the county's number is not printed".into(), |p| {
                p.source.clone()
            }),
            m.printed
                .iter()
                .map(Printed::describe)
                .collect::<Vec<_>>()
                .join("; "),
            m.pages.to_string(),
            m.bytes.to_string(),
            m.sha256.clone(),
            m.file.clone(),
        ]));
    }
    out
}

/// RFC 4180: a field with a comma, quote or line break is quoted, its
/// quotes doubled; rows end in CRLF.
fn row(fields: impl IntoIterator<Item = String>) -> String {
    let fields: Vec<String> = fields
        .into_iter()
        .map(|f| {
            if f.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f
            }
        })
        .collect();
    format!("{}\r\n", fields.join(","))
}

#[cfg(test)]
mod tests {
    use super::row;

    #[test]
    fn quotes_only_what_needs_it() {
        assert_eq!(
            row(["a".into(), "b,c".into(), "say \"hi\"".into()]),
            "a,\"b,c\",\"say \"\"hi\"\"\"\r\n"
        );
    }
}
