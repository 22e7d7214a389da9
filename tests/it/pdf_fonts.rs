//! PDF fonts without a ToUnicode map, read from the TrueType program they embed: its `cmap`
//! inverted gives each glyph's character, as a viewer's copy-paste does. Fonts that do not
//! say (no program, a CFF program, no or a broken `cmap`) are refused by name, never read
//! as guesses.
//!
//! The fixtures in `pdf-cmap/` are `pdf/hongze-2023.pdf` (WPS: Type0 Identity-H fonts) and
//! `pdf/blanks-2021.pdf` (LibreOffice: symbolic TrueType fonts) with every `/ToUnicode`
//! removed (a folder of their own, so the CLI's folder test of `pdf/` does not see them).
//! Neither producer writes a Unicode `cmap` into its subset fonts (WPS writes no `cmap` at all,
//! LibreOffice only a (1,0) table of codes to glyphs), so each font program was given a (3,1)
//! subtable built from the producer's own ToUnicode map, as a print driver embedding the full
//! font would have; the Kangxi radicals and CJK compatibility ideographs that normalise to one
//! of its ideographs map to the same glyph, as in SimSun. The stripped originals themselves
//! (no `cmap` to read) are made in memory here and must be refused.

use nianbao::doc::{Block, Document};
use nianbao::pdf::{self, Error};
use nianbao::{check_pdf, Options};

use crate::layouts::generator::Rng;
use crate::pdf::{page_objects, pdf_file};

/// The bytes of `tests/fixtures/NAME`.
fn bytes(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The Hongze fixture's one glyph a `cmap` cannot name: WPS writes the tall merged cell
/// 三、本年度办理结果 in vertical text (an Identity-V font over the same 宋体 program), whose 、
/// is glyph 22116, the vertical form of glyph 451. The ToUnicode map gave both U+3001; a `cmap` maps U+3001 to one glyph (451),
/// and the vertical form is reached only by the font's `vert` substitution, which we do not
/// read. So it stands as U+FFFD, as any undecodable glyph under 1% does.
const VERTICAL_COMMA: (&str, &str) = ("三、本年度办理结果", "三\u{FFFD}本年度办理结果");

/// `document` with `from` replaced by `to` in every paragraph and cell.
fn replaced(mut document: Document, (from, to): (&str, &str)) -> Document {
    for block in &mut document.blocks {
        match block {
            Block::Paragraph(text) => *text = text.replace(from, to),
            Block::Table(table) => {
                for cell in table.rows.iter_mut().flatten() {
                    cell.text = cell.text.replace(from, to);
                }
            }
        }
    }
    document
}

#[test]
fn fonts_with_a_cmap_read_like_their_to_unicode() {
    let original = pdf::read(&bytes("pdf/blanks-2021.pdf")).expect("reads");
    let stripped = pdf::read(&bytes("pdf-cmap/blanks-2021.pdf")).expect("reads");
    assert_eq!(stripped, original);
    let original = pdf::read(&bytes("pdf/hongze-2023.pdf")).expect("reads");
    let stripped = pdf::read(&bytes("pdf-cmap/hongze-2023.pdf")).expect("reads");
    assert_eq!(stripped.pages, original.pages);
    assert_eq!(
        stripped.document,
        replaced(original.document, VERTICAL_COMMA)
    );
}

#[test]
fn the_report_of_fonts_with_a_cmap_is_the_report_of_the_original() {
    let findings = |name: &str| {
        let r = check_pdf(&bytes(name), &Options::default()).expect(name);
        let mut found: Vec<(&str, String)> = r
            .diagnostics
            .iter()
            .map(|d| (d.rule, d.message.clone()))
            .collect();
        found.sort();
        (found, r.tables.s3.rows.len(), r.tables.s4.values.clone())
    };
    assert_eq!(
        findings("pdf-cmap/hongze-2023.pdf"),
        findings("pdf/hongze-2023.pdf")
    );
    assert_eq!(
        findings("pdf-cmap/blanks-2021.pdf"),
        findings("pdf/blanks-2021.pdf")
    );
}

/// `file` with every `/ToUnicode N 0 R` blanked out (same length, so offsets stay right).
fn without_to_unicode(mut file: Vec<u8>) -> Vec<u8> {
    let key = b"/ToUnicode ";
    let mut at = 0;
    while let Some(found) = file[at..].windows(key.len()).position(|w| w == key) {
        let start = at + found;
        let end = start + file[start..].iter().position(|&b| b == b'R').unwrap() + 1;
        file[start..end].fill(b' ');
        at = end;
    }
    file
}

#[test]
fn fonts_with_no_unicode_cmap_are_refused_as_before() {
    // WPS's subset fonts have no `cmap` at all: refused by the first font that shows text.
    let file = without_to_unicode(bytes("pdf/hongze-2023.pdf"));
    assert_eq!(
        pdf::read(&file),
        Err(Error::Font {
            font: "TimesNewRomanPSMT".into(),
            cmap: Some("Identity-H".into())
        })
    );
    // LibreOffice's give codes to glyphs (a (1,0) table) and no characters. FIXME: the codes
    // are still read as WinAnsi, as before this reader, which is a guess for a symbolic
    // font; the file is refused only because more than 1% of them are not text.
    let file = without_to_unicode(bytes("pdf/blanks-2021.pdf"));
    assert!(
        matches!(pdf::read(&file), Err(Error::Garbled { .. })),
        "{:?}",
        pdf::read(&file).map(|p| p.document.to_text())
    );
}

// Hand-built files: a page showing one string in a font whose TrueType program holds only a
// `cmap` table (all we read of it).

/// A format 4 `cmap` subtable of (first code, last code, first glyph) segments.
fn format4(segments: &[(u16, u16, u16)]) -> Vec<u8> {
    let mut all: Vec<(u16, u16, u16)> = segments.to_vec();
    all.push((0xFFFF, 0xFFFF, 0));
    let n = all.len() as u16;
    let mut out = Vec::new();
    for v in [4, 16 + 8 * n, 0, 2 * n, 0, 0, 0] {
        out.extend(v.to_be_bytes());
    }
    out.extend(all.iter().flat_map(|s| s.1.to_be_bytes()));
    out.extend([0, 0]);
    out.extend(all.iter().flat_map(|s| s.0.to_be_bytes()));
    // The closing segment maps 0xFFFF to glyph 0 (delta 1).
    out.extend(all.iter().flat_map(|s| {
        let delta = if s.0 == 0xFFFF {
            1
        } else {
            s.2.wrapping_sub(s.0)
        };
        delta.to_be_bytes()
    }));
    out.extend(all.iter().flat_map(|_| [0, 0]));
    out
}

/// A TrueType program with the tables `tables` (tag, bytes).
fn sfnt(tables: &[(&[u8; 4], Vec<u8>)]) -> Vec<u8> {
    let mut out = vec![0, 1, 0, 0];
    out.extend((tables.len() as u16).to_be_bytes());
    out.extend([0; 6]);
    let mut offset = 12 + 16 * tables.len();
    for (tag, data) in tables {
        out.extend(*tag);
        out.extend(0u32.to_be_bytes());
        out.extend((offset as u32).to_be_bytes());
        out.extend((data.len() as u32).to_be_bytes());
        offset += data.len();
    }
    for (_, data) in tables {
        out.extend(data);
    }
    out
}

/// A `cmap` table of (platform, encoding, subtable).
fn cmap(subtables: &[(u16, u16, Vec<u8>)]) -> Vec<u8> {
    let mut out = vec![0, 0];
    out.extend((subtables.len() as u16).to_be_bytes());
    let mut offset = 4 + 8 * subtables.len();
    for (p, e, data) in subtables {
        out.extend(p.to_be_bytes());
        out.extend(e.to_be_bytes());
        out.extend((offset as u32).to_be_bytes());
        offset += data.len();
    }
    for (_, _, data) in subtables {
        out.extend(data);
    }
    out
}

/// A font with a (3,1) `cmap`: 年 度 报 告 on glyphs 1-4, 0-9 on 10-19, space on 20, and the
/// Kangxi radical ⼀ (U+2F00) and 一 (U+4E00) both on glyph 21.
fn cjk_font() -> Vec<u8> {
    let unicode = format4(&[
        (0x20, 0x20, 20),
        (0x30, 0x39, 10),
        (0x2F00, 0x2F00, 21),
        (0x4E00, 0x4E00, 21),
        (0x544A, 0x544A, 4),
        (0x5E74, 0x5E74, 1),
        (0x5EA6, 0x5EA6, 2),
        (0x62A5, 0x62A5, 3),
    ]);
    sfnt(&[(b"cmap", cmap(&[(3, 1, unicode)]))])
}

/// A stream object; binary data is written as ASCIIHex, so it goes through the filters.
fn stream(dict: &str, data: &[u8]) -> String {
    let hex: String = data.iter().map(|b| format!("{b:02X}")).collect::<String>() + ">";
    format!(
        "<<{dict} /Filter /ASCIIHexDecode /Length {}>>\nstream\n{hex}\nendstream",
        hex.len()
    )
}

/// One page showing the hex string `shown` in font 5 (`font`), with `more` objects from 6.
fn page(shown: &str, font: &str, more: &[String]) -> Vec<u8> {
    let content = format!("BT /F1 12 Tf 72 700 Td <{shown}> Tj ET");
    let mut objects = page_objects("", stream("", content.as_bytes()), font);
    objects.extend_from_slice(more);
    pdf_file(&objects, "")
}

/// A Type0 Identity-H font whose descendant (object 6) is `subtype` with `extra` entries and
/// descriptor 7 embedding `program` as `/FontFile2` (or `key`), object 8.
fn type0(subtype: &str, extra: &str, key: &str, program: &[u8]) -> (String, Vec<String>) {
    let font = "<</Type /Font /Subtype /Type0 /BaseFont /ABCDEF+SimSun /Encoding /Identity-H \
                /DescendantFonts [6 0 R]>>"
        .to_string();
    let more = vec![
        format!(
            "<</Type /Font /Subtype /{subtype} /BaseFont /ABCDEF+SimSun /FontDescriptor 7 0 R \
             /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> \
             /DW 1000 {extra}>>"
        ),
        "<</Type /FontDescriptor /FontName /ABCDEF+SimSun /Flags 4 /FontBBox [0 0 1000 1000] \
         /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 /FontFile2 8 0 R>>"
            .replace("/FontFile2", key),
        stream("", program),
    ];
    (font, more)
}

/// The text of a page showing `shown` in a CIDFontType2 font embedding `program`.
fn read_cid(shown: &str, program: &[u8]) -> Result<String, Error> {
    let (font, more) = type0(
        "CIDFontType2",
        "/CIDToGIDMap /Identity",
        "/FontFile2",
        program,
    );
    pdf::read(&page(shown, &font, &more)).map(|p| p.document.to_text())
}

fn refused() -> Result<String, Error> {
    Err(Error::Font {
        font: "SimSun".into(),
        cmap: Some("Identity-H".into()),
    })
}

#[test]
fn cids_are_glyphs_by_identity_or_by_the_cid_to_gid_map() {
    // CIDs = glyphs: 年度报告 2023, and glyph 21 (一 and ⼀) reads as the ideograph.
    let shown = "0001000200030004 0014 000C000A000C000D 0015";
    assert_eq!(read_cid(shown, &cjk_font()), Ok("年度报告 2023一\n".into()));
    // CIDs 0x100… through a /CIDToGIDMap stream (glyph ids, big-endian, indexed by CID).
    let mut map = vec![0u8; 2 * 0x105];
    for (cid, glyph) in [(0x100, 4u16), (0x101, 3), (0x102, 2), (0x103, 1)] {
        map[2 * cid..2 * cid + 2].copy_from_slice(&glyph.to_be_bytes());
    }
    let (font, mut more) = type0(
        "CIDFontType2",
        "/CIDToGIDMap 9 0 R",
        "/FontFile2",
        &cjk_font(),
    );
    more.push(stream("", &map));
    let text = pdf::read(&page("0100010101020103", &font, &more)).map(|p| p.document.to_text());
    assert_eq!(text, Ok("告报度年\n".into()));
}

#[test]
fn fonts_whose_program_does_not_say_are_refused_by_name() {
    let shown = "0001000200030004";
    // No `cmap` table; a cmap with only a symbol subtable.
    assert_eq!(read_cid(shown, &sfnt(&[(b"glyf", vec![0; 16])])), refused());
    let symbol = cmap(&[(3, 0, format4(&[(0xF020, 0xF07E, 1)]))]);
    assert_eq!(read_cid(shown, &sfnt(&[(b"cmap", symbol)])), refused());
    // A CFF program (CIDFontType0, /FontFile3): its CIDs need the Adobe-GB1 collection.
    let (font, more) = type0("CIDFontType0", "", "/FontFile3", &cjk_font());
    let cff = pdf::read(&page(shown, &font, &more));
    assert_eq!(cff.map(|p| p.document.to_text()), refused());
    // Not a font program at all.
    assert_eq!(read_cid(shown, b"not a font"), refused());
}

#[test]
fn broken_cmaps_are_refused_never_read_in_part() {
    let shown = "0001000200030004";
    let good = cjk_font();
    // Truncated anywhere inside the cmap: the directory's length runs past the end.
    for len in [good.len() - 1, good.len() - 20, 40, 13] {
        assert_eq!(read_cid(shown, &good[..len]), refused(), "{len}");
    }
    // A glyph-array offset past the end of the table.
    let mut far = format4(&[(0x5E74, 0x5E75, 1)]);
    let at = far.len() - 4;
    far[at..at + 2].copy_from_slice(&0x7000u16.to_be_bytes());
    let font = sfnt(&[(b"cmap", cmap(&[(3, 1, far)]))]);
    assert_eq!(read_cid(shown, &font), refused());
    // A subtable offset past the end; a table offset past the end.
    let mut lost = cmap(&[(3, 1, format4(&[(0x5E74, 0x5E74, 1)]))]);
    lost[8..12].copy_from_slice(&0x00FF_FFFFu32.to_be_bytes());
    assert_eq!(read_cid(shown, &sfnt(&[(b"cmap", lost)])), refused());
    let mut moved = good.clone();
    moved[20..24].copy_from_slice(&u32::MAX.to_be_bytes());
    assert_eq!(read_cid(shown, &moved), refused());
    // Huge counts: 2^32-1 groups in a format 12 subtable, a group over every code point,
    // 65,535 tables in the directory, segments that overlap over and over.
    let mut groups = vec![0, 12, 0, 0, 0, 0, 0, 40, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF];
    groups.extend([0, 0, 0x5E, 0x74, 0, 0, 0x5E, 0x74, 0, 0, 0, 1]);
    let mut every = vec![0, 12, 0, 0, 0, 0, 0, 28, 0, 0, 0, 0, 0, 0, 0, 1];
    every.extend([0, 0, 0, 0, 0, 0x10, 0xFF, 0xFF, 0, 0, 0, 1]);
    let overlapping = format4(&vec![(0, 0xFFFE, 1); 200]);
    for sub in [groups, every, overlapping] {
        let font = sfnt(&[(b"cmap", cmap(&[(3, 10, sub)]))]);
        assert_eq!(read_cid(shown, &font), refused());
    }
    let mut tables = good;
    tables[4..6].copy_from_slice(&u16::MAX.to_be_bytes());
    tables[12..16].copy_from_slice(b"glyf");
    assert_eq!(read_cid(shown, &tables), refused());
}

#[test]
fn random_damage_to_a_font_program_never_panics() {
    let good = cjk_font();
    let mut rng = Rng::new(0x853C_49E6_748F_EA9B);
    let mut next = move || rng.next_u64();
    for i in 0..400 {
        let mut program = good.clone();
        if i % 4 == 0 {
            program.truncate((next() as usize) % good.len());
        }
        for _ in 0..(1 + i % 6) {
            if let Some(b) = program.get_mut(next() as usize % good.len()) {
                *b = next() as u8;
            }
        }
        // Damage may map a glyph elsewhere; it must not panic, and what it reads is text.
        if let Ok(text) = read_cid("0001000200030004", &program) {
            assert!(!text.contains('\0'), "case {i}");
        }
    }
}

#[test]
fn a_symbolic_truetype_font_reads_its_codes_through_both_cmaps() {
    // Codes 0x41-0x44 draw glyphs 1-4 by the (3,0) table at U+F041; the (3,1) table says
    // those glyphs are 年度报告. Without an /Encoding, WinAnsi would read "ABCD".
    let tables = cmap(&[
        (3, 0, format4(&[(0xF041, 0xF044, 1)])),
        (
            3,
            1,
            format4(&[
                (0x544A, 0x544A, 4),
                (0x5E74, 0x5E74, 1),
                (0x5EA6, 0x5EA6, 2),
                (0x62A5, 0x62A5, 3),
            ]),
        ),
    ]);
    let font = "<</Type /Font /Subtype /TrueType /BaseFont /ABCDEF+SimSun /FirstChar 65 \
                /LastChar 68 /Widths [1000 1000 1000 1000] /FontDescriptor 6 0 R>>";
    let more = [
        "<</Type /FontDescriptor /FontName /ABCDEF+SimSun /Flags 4 /FontBBox [0 0 1000 1000] \
         /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 /FontFile2 7 0 R>>"
            .to_string(),
        stream("", &sfnt(&[(b"cmap", tables)])),
    ];
    let text = pdf::read(&page("41424344", font, &more)).map(|p| p.document.to_text());
    assert_eq!(text, Ok("年度报告\n".into()));
}
