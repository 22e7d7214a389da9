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

/// A simple Type 1 font, not embedded, with `/Encoding` `encoding`.
fn type1(encoding: &str) -> Vec<u8> {
    format!("<</Type /Font /Subtype /Type1 /BaseFont /Times-Roman {encoding}>>").into_bytes()
}

/// The text of a page showing the literal string `shown` in a font with `/Encoding` `encoding`.
fn simple(encoding: &str, shown: &str) -> Result<String, Error> {
    let content = format!("BT /F1 12 Tf 72 700 Td ({shown}) Tj ET");
    read(&content, &type1(encoding), &[])
}

/// MacRomanEncoding's high half is not Latin-1's: a Mac file's “client” and doesn’t were read
/// as `ÒclientÓ` and `doesnÕt`.
#[test]
fn mac_roman_is_read_as_mac_roman() {
    let shown = "\\322client\\323 doesn\\325t \\312caf\\216";
    let expected = Ok("“client” doesn’t café\n".to_string());
    assert_eq!(simple("/Encoding /MacRomanEncoding", shown), expected);
    // As the base of differences too.
    let dict = "/Encoding <</Type /Encoding /BaseEncoding /MacRomanEncoding /Differences [1 /A]>>";
    assert_eq!(simple(dict, shown), expected);
    assert_eq!(
        simple("/Encoding /WinAnsiEncoding", shown),
        Ok("ÒclientÓ doesnÕt ÊcafŽ\n".to_string()),
        "the same bytes in WinAnsi"
    );
}

/// StandardEncoding's 0x27 is ’ and 0x60 is ‘ (Type 1 fonts' quoteright and quoteleft), and its
/// high half is its own: “ is 0xAA, ” 0xBA, — 0xD0.
#[test]
fn standard_encoding_is_read_as_standard() {
    let shown = "\\140Open\\047 \\252Government\\272 \\320 it\\047s";
    let expected = Ok("‘Open’ “Government” — it’s\n".to_string());
    assert_eq!(simple("/Encoding /StandardEncoding", shown), expected);
    let dict = "/Encoding <</BaseEncoding /StandardEncoding /Differences [1 /A]>>";
    assert_eq!(simple(dict, shown), expected);
}
