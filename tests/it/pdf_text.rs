//! Never wrong text without a word (issue 24 §2): each class of PDF whose text a reader can
//! get wrong, as the smallest file that shows it. Each is read right, or refused with a
//! Chinese message; never read as other text.

use nianbao::pdf::{self, Error};

use crate::pdf::{page_objects, pdf_file};

/// A stream object holding `data`.
fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<<{dict} /Length {}>>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

/// The text of a one-page file whose content is `content`, `/F1` being `font` (object 5), with
/// `more` objects from 6.
fn read(content: &str, font: &[u8], more: &[Vec<u8>]) -> Result<String, Error> {
    let objects = page_objects("", String::new(), "");
    let mut objects: Vec<Vec<u8>> = objects.into_iter().map(String::into_bytes).collect();
    objects[3] = stream("", content.as_bytes());
    objects[4] = font.to_vec();
    objects.extend_from_slice(more);
    pdf::read(&pdf_file(&objects, "")).map(|p| p.document.to_text())
}

/// A ToUnicode map (a stream object) of `bfchar` entries.
fn to_unicode(entries: &[(&str, &str)]) -> Vec<u8> {
    let pairs: Vec<String> = entries
        .iter()
        .map(|(c, u)| format!("<{c}> <{u}>"))
        .collect();
    let map = format!(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
         1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
         {} beginbfchar {} endbfchar\n\
         endcmap CMapName currentdict /CMap defineresource pop end end",
        pairs.len(),
        pairs.join(" ")
    );
    stream("", map.as_bytes())
}

/// A Type0 Identity-H font whose ToUnicode map is object 6.
const TYPE0: &[u8] = b"<</Type /Font /Subtype /Type0 /BaseFont /ABCDEF+SimSun \
    /Encoding /Identity-H /ToUnicode 6 0 R /DescendantFonts [<</Type /Font \
    /Subtype /CIDFontType2 /BaseFont /ABCDEF+SimSun /CIDSystemInfo <</Registry (Adobe) \
    /Ordering (Identity) /Supplement 0>> /DW 1000>>]>>";

/// Noncharacters (U+FFFF, U+FFFE, U+FDD0–U+FDEF, U+nFFFE/F) and U+FFFD from a ToUnicode map
/// mean the producer had no character for the glyph, as private use does: undecodable, so
/// one among many stands as U+FFFD and many are refused.
#[test]
fn noncharacters_from_a_to_unicode_map_are_undecodable() {
    for bad in [
        "FFFF", "FFFE", "FDD0", "FDEF", "D83FDFFE", "DBFFDFFF", "FFFD",
    ] {
        let map = to_unicode(&[("0001", "5E74"), ("0002", bad), ("0003", "62A5")]);
        let shown = format!("{}0002{}", "0001".repeat(100), "0003".repeat(100));
        let content = format!("BT /F1 12 Tf 72 700 Td <{shown}> Tj ET");
        let expected = format!("{}\u{FFFD}{}\n", "年".repeat(100), "报".repeat(100));
        assert_eq!(
            read(&content, TYPE0, std::slice::from_ref(&map)),
            Ok(expected),
            "{bad}"
        );
        let content = "BT /F1 12 Tf 72 700 Td <000100020003> Tj ET";
        assert_eq!(
            read(content, TYPE0, &[map]),
            Err(Error::Garbled {
                undecodable: 1,
                glyphs: 3
            }),
            "{bad}"
        );
    }
}
