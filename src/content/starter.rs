//! `foldline new`: a starter content file for a new campaign or county,
//! the built-in content with a guide to every field in front of it.

use super::load::EMBEDDED_EN;

const GUIDE: &str = r#"# foldline content file
#
# Edit the text below and run:  foldline brochure --content THIS_FILE.yaml
# Check it as you go:            foldline brochure --content THIS_FILE.yaml --preview
#
# The first line lets an editor with YAML support (VS Code with the YAML
# extension, or any editor using yaml-language-server) check this file as
# you type, and complete keys, with foldline.schema.json from the same folder.
#
# How this file is built
#   meta:       title        the campaign title (used in the PDF's title)
#               language     en or es; chooses hyphenation
#               county       the county this content is written for
#               hotline      that county's hotline; any other county needs --hotline
#   theme:      primary, accent, tint, on_primary: colours as CMYK percentages
#               [cyan, magenta, yellow, black]; small text is always 100 % black
#               logo: {file: agency.png, width: 1.0, alt: text}  optional: your agency's
#                 PNG or JPEG, printed at the foot of the brochure's cover and back
#   sections:   one entry per topic, under a short key you choose (what_is, risk_factors ...)
#               heading      the section's title (optional)
#               only_county  print this section only for that county (partner names, credits)
#               blocks       the section's content, in order; each block is one of:
#                 - paragraph: text          running text
#                 - subheading: text         a bold line introducing what follows
#                 - bullets: {marker: arrow | diamond | dot, items: [text, ...]}
#                 - grid: {columns: 2, items: [text, ...]}      short items in boxes
#                 - highlights: [text, ...]  words set large on the accent colour
#                 - hotline: {number: "{hotline}"}              the number, large, in a box
#                   (optional label: whose line it is, above; note: another way to reach it, below)
#                 - hotlines: [{label: text, number: text, note: text}, ...]
#                                            several in one box, side by side where they fit
#                 - callout: {title: text, lines: [text, ...]}  a boxed note
#                 - statistic: {figure: "65%", text: text}       a figure set large beside what it counts (source: optional)
#                 - citation: text           a source, small italic
#                 - chain: {alt: text, links: [{label: text, text: text}, ...]}  boxes joined by arrows
#                 - steps: [{label: text, text: text}, ...]     numbered steps down a column (text optional)
#                 - credits: [text, ...]     small centred lines
#                 - cover: {kicker: text, title: text, tagline: text}
#                 - qr: {data: "tel:+18883737888", caption: text, size: 0.9, alt: text}   size in inches
#                 - image: {file: logo.png, width: 1.5, alt: text}  PNG or JPEG beside this file, width in inches
#                 - icon: {name: phone, width: 0.5}  drawn in the theme colour (name: pin, a map pin, for a cover); add alt: if it says more than the words beside it
#                 chain, qr and image are figures: alt says in words what a screen reader
#                 reads for one (what it shows; for a QR code, what scanning does), or
#                 decorative: true marks one that only decorates (screen readers skip it)
#   brochure:   which sections go on which panel of the tri-fold, left to right as printed:
#               outside: the flap that folds in, the back, the front cover
#               inside:  left, middle, right
#               each panel: name, sections (from the top), bottom (against the foot),
#               style: cover (full colour, centred)
#               reading_order (optional): the panels' names in the order a person reads
#               the folded piece, for screen readers (cover, flap, inside left to right, back)
#   poster:     foldline poster --size letter | tabloid | 18x24 | 24x36 [--tear-off N]
#               head         sections on the colour band at the top (the cover)
#               sections     below it, shared out over `columns` (1, 2 ...)
#               bottom       across the foot (the hotlines)
#               tear_off     sections printed on each tear-off tab, turned to read upwards
#               body text is at least 16 pt on Letter, larger on larger sheets
#   card:       foldline card [--sheet]: a 3.5 x 2 in wallet card
#               front, back  each with head, sections, bottom, and style: cover (full colour)
#               text is at least 7 pt
#
# In any text: *italic*, **bold**, ***bold italic***; {county} and {hotline} are
# replaced by the county and hotline given with --county and --hotline.
# Stars mark emphasis only in pairs that hug text (*like this*, never inside a
# word): any other * prints as it is ("Dial *67 first", "2*3"). \* prints a star that would start or end emphasis
# (inside "double quotes" write \\*). A soft hyphen, written \u00AD inside
# "double quotes" ("case\u00ADworker"), marks where a long word may break: it
# prints as a hyphen when the line breaks there and as nothing otherwise.
# Never type a hotline number here that has no source: pass it with --hotline.

"#;

/// The schema file `foldline new` writes beside the starter, which its
/// first line names for editors.
pub const SCHEMA_FILE: &str = "foldline.schema.json";

/// The starter file's text: the schema line, the guide, then the built-in
/// content without its own schema line (which names the shipped schema).
pub fn starter() -> String {
    let content = EMBEDDED_EN
        .strip_prefix(&super::schema::modeline(SHIPPED_SCHEMA))
        .unwrap_or(EMBEDDED_EN);
    format!("{}{GUIDE}{content}", super::schema::modeline(SCHEMA_FILE))
}

/// Where the shipped content files find their schema (content/csec/*.yaml
/// name content/foldline.schema.json).
pub const SHIPPED_SCHEMA: &str = "../foldline.schema.json";
