//! Never wrong text without a word (issue 24 §2): each class of PDF whose text a reader can
//! get wrong, as the smallest file that shows it. Each is read right, or refused with a
//! Chinese message; never read as other text.

use nianbao::pdf::{self, Error};

use crate::layouts::generator::Rng;
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
        let content = format!("BT /F1 2 Tf 72 700 Td <{shown}> Tj ET");
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

/// A simple Type 1 font (object 5) with `/Encoding` `encoding` whose descriptor (object 6)
/// embeds `program` as `key` (object 7, with `/Subtype` `subtype` when given).
fn embedded(encoding: &str, key: &str, subtype: &str, program: &[u8]) -> [Vec<u8>; 3] {
    let font = format!(
        "<</Type /Font /Subtype /Type1 /BaseFont /ABCDEF+CMMI10 {encoding} /FontDescriptor 6 0 R>>"
    );
    let descriptor = format!(
        "<</Type /FontDescriptor /FontName /ABCDEF+CMMI10 /Flags 4 /FontBBox [0 0 1000 1000] \
         /ItalicAngle 0 /Ascent 700 /Descent -200 /CapHeight 700 /StemV 80 {key} 7 0 R>>"
    );
    [
        font.into_bytes(),
        descriptor.into_bytes(),
        stream(subtype, program),
    ]
}

/// The text of a page showing the literal string `shown` in `font` (object 5, then 6, 7).
fn shown_in([font, more @ ..]: &[Vec<u8>; 3], shown: &str) -> Result<String, Error> {
    let content = format!("BT /F1 12 Tf 72 700 Td ({shown}) Tj ET");
    read(&content, font, more)
}

/// A Type 1 program whose cleartext part defines `encoding`, then the encrypted part.
fn type1_program(encoding: &str) -> Vec<u8> {
    let mut out = format!(
        "%!PS-AdobeFont-1.0: CMMI10 003.002\n11 dict begin\n/FontName /CMMI10 def\n\
         /FontMatrix [0.001 0 0 0.001 0 0] readonly def\n{encoding}\ncurrentdict end\n\
         currentfile eexec\n"
    )
    .into_bytes();
    out.extend([0xD9, 0xD6, 0x6F, 0x63, 0x3B, 0x84, 0x6A, 0x98, 0x9B, 0x99]);
    out
}

/// The refusal of a file whose every glyph is in font `font`, which does not say what they are.
fn refused(font: &str) -> Result<String, Error> {
    Err(Error::Font {
        font: font.into(),
        cmap: None,
    })
}

/// TeX's math italic puts the decimal point at 0x3A: read as ASCII, 0.8 was `0:8`.
const TEX_ENCODING: &str = "/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\n\
    dup 48 /zero put\ndup 56 /eight put\ndup 58 /period put\ndup 59 /comma put\n\
    dup 65 /uni5E74 put\nreadonly def";

/// A simple Type 1 font without `/Encoding` (or with `/Differences` only) has its program's
/// encoding: the `dup … put` lines of the cleartext, or `StandardEncoding`.
#[test]
fn a_type1_program_gives_its_own_encoding() {
    let program = type1_program(TEX_ENCODING);
    let font = embedded("", "/FontFile", "", &program);
    assert_eq!(shown_in(&font, "0:8;A"), Ok("0.8,年\n".to_string()));
    // Differences over the program's encoding.
    let font = embedded(
        "/Encoding <</Differences [65 /A]>>",
        "/FontFile",
        "",
        &program,
    );
    assert_eq!(shown_in(&font, "0:8A"), Ok("0.8A\n".to_string()));
    // A named base encoding is the base: the program's is not used.
    let font = embedded("/Encoding /WinAnsiEncoding", "/FontFile", "", &program);
    assert_eq!(shown_in(&font, "0:8"), Ok("0:8\n".to_string()));
    let standard = type1_program("/Encoding StandardEncoding def");
    let font = embedded("", "/FontFile", "", &standard);
    assert_eq!(shown_in(&font, "it\\047s"), Ok("it’s\n".to_string()));
    // Codes the program leaves undefined are undecodable, never ASCII.
    let font = embedded("", "/FontFile", "", &program);
    assert_eq!(
        shown_in(&font, "0:8xyz"),
        Err(Error::Garbled {
            undecodable: 3,
            glyphs: 6
        })
    );
    // A program that does not say (no cleartext encoding, damaged): undecodable.
    for bad in [
        b"not a font".to_vec(),
        type1_program("/Encoding ISOLatin1Encoding def"),
    ] {
        let font = embedded("", "/FontFile", "", &bad);
        assert_eq!(shown_in(&font, "0:8"), refused("CMMI10"));
    }
    // Without a program, a Type 1 font's own encoding is StandardEncoding.
    assert_eq!(simple("", "it\\047s"), Ok("it’s\n".to_string()));
}

/// A CFF INDEX of `items` (offsets of one byte).
fn cff_index(items: &[&[u8]]) -> Vec<u8> {
    let mut out = (items.len() as u16).to_be_bytes().to_vec();
    if items.is_empty() {
        return out;
    }
    out.push(1);
    let mut offset = 1u8;
    out.push(offset);
    for item in items {
        offset += item.len() as u8;
        out.push(offset);
    }
    for item in items {
        out.extend_from_slice(item);
    }
    out
}

/// A CFF font program of glyphs `.notdef`, period, zero, eight and `uni5E74` (a string of its
/// own), whose Top DICT has `encoding` (an offset, or `None` for the custom encoding
/// `custom`) and `extra` operators.
fn cff_program(encoding: Option<u32>, custom: &[u8], extra: &[u8]) -> Vec<u8> {
    // Offsets as 5-byte integers (operator 29), so the Top DICT's size does not depend on them.
    let int = |n: u32| {
        let mut b = vec![29];
        b.extend(n.to_be_bytes());
        b
    };
    let top_len = 3 * 6 + extra.len();
    let names = cff_index(&[b"Test"]);
    let strings = cff_index(&[b"uni5E74"]);
    let head = 4 + names.len() + (5 + top_len) + strings.len() + 2;
    let char_strings = cff_index(&[&[14], &[14], &[14], &[14], &[14]]);
    let charset_at = head + char_strings.len();
    // SIDs: period 15, zero 17, eight 25, uni5E74 391.
    let charset = [0, 0, 15, 0, 17, 0, 25, 0x01, 0x87];
    let encoding_at = charset_at + charset.len();
    let mut top = int(charset_at as u32);
    top.push(15);
    top.extend(int(encoding.unwrap_or(encoding_at as u32)));
    top.push(16);
    top.extend(int(head as u32));
    top.push(17);
    top.extend_from_slice(extra);
    assert_eq!(top.len(), top_len);
    let mut out = vec![1, 0, 4, 1];
    out.extend(names);
    out.extend(cff_index(&[&top]));
    out.extend(strings);
    out.extend(cff_index(&[]));
    assert_eq!(out.len(), head);
    out.extend(char_strings);
    out.extend(charset);
    out.extend_from_slice(custom);
    out
}

/// A CFF program (`/FontFile3`, `/Type1C`) says its encoding in its Top DICT: its own table of
/// codes to glyphs named by its charset, or Standard. What it cannot say plainly (Expert, a
/// CID-keyed font, damage) is undecodable.
#[test]
fn a_cff_program_gives_its_own_encoding() {
    let cff = |program: &[u8]| embedded("", "/FontFile3", "/Subtype /Type1C", program);
    // Format 0: codes 0x3A, 0x30, 0x38, 0x41 for glyphs 1-4.
    let custom = cff_program(None, &[0, 4, 0x3A, 0x30, 0x38, 0x41], &[]);
    assert_eq!(shown_in(&cff(&custom), "0:8A"), Ok("0.8年\n".to_string()));
    // Format 1 (ranges) with a supplement: code 0x2E is also the period (SID 15).
    let ranges = cff_program(None, &[0x81, 2, 0x3A, 0, 0x30, 0, 1, 0x2E, 0, 15], &[]);
    assert_eq!(shown_in(&cff(&ranges), "0:0."), Ok("0.0.\n".to_string()));
    // The predefined Standard encoding.
    let standard = cff_program(Some(0), &[], &[]);
    assert_eq!(
        shown_in(&cff(&standard), "it\\047s"),
        Ok("it’s\n".to_string())
    );
    // Expert, a CID-keyed font (ROS), a truncated program: not read.
    let expert = cff_program(Some(1), &[], &[]);
    let cid = cff_program(
        None,
        &[0, 4, 0x3A, 0x30, 0x38, 0x41],
        &[0x8B, 0x8B, 0x8B, 12, 30],
    );
    for bad in [expert, cid, custom[..custom.len() - 3].to_vec()] {
        assert_eq!(shown_in(&cff(&bad), "0:8"), refused("CMMI10"));
    }
    // A /FontFile3 that is not CFF (OpenType) does not say either.
    let other = embedded("", "/FontFile3", "/Subtype /OpenType", &custom);
    assert_eq!(shown_in(&other, "0:8"), refused("CMMI10"));
}

#[test]
fn damaged_font_programs_never_panic() {
    let cff = cff_program(None, &[0x81, 2, 0x3A, 0, 0x30, 0, 1, 0x2E, 0, 15], &[]);
    let type1 = type1_program(TEX_ENCODING);
    let mut rng = Rng::new(0x2545_F491_4F6C_DD1D);
    for (key, subtype, good) in [
        ("/FontFile3", "/Subtype /Type1C", &cff),
        ("/FontFile", "", &type1),
    ] {
        for i in 0..600 {
            let mut program = good.clone();
            if i % 3 == 0 {
                program.truncate(rng.below(good.len()));
            }
            for _ in 0..(1 + i % 5) {
                let at = rng.below(good.len());
                if let Some(b) = program.get_mut(at) {
                    *b = rng.next_u64() as u8;
                }
            }
            let font = embedded("", key, subtype, &program);
            if let Ok(text) = shown_in(&font, "0:8A") {
                assert!(!text.contains('\0'), "{key} case {i}");
            }
        }
    }
}

/// `text` in GBK bytes, as a literal string's body (`(`, `)` and `\` escaped).
fn gbk_literal(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    let mut out = Vec::new();
    for &b in bytes.iter() {
        if matches!(b, b'(' | b')' | b'\\') {
            out.push(b'\\');
        }
        out.push(b);
    }
    out
}

/// A simple TrueType font named `name` (bytes: GBK, UTF-8 or ASCII) with `/Encoding`
/// `encoding`, not embedded unless `more` says so in its descriptor (object 6).
fn chinese_simple(name: &[u8], encoding: &str, more: &str) -> [Vec<u8>; 2] {
    let mut font = b"<</Type /Font /Subtype /TrueType /BaseFont /".to_vec();
    font.extend_from_slice(name);
    font.extend_from_slice(
        format!(
            " {encoding} /FirstChar 32 /LastChar 254 /Widths [{}] /FontDescriptor 6 0 R>>",
            vec!["500"; 223].join(" ")
        )
        .as_bytes(),
    );
    let descriptor = format!(
        "<</Type /FontDescriptor /FontName /Song /Flags 34 /FontBBox [0 -140 1000 860] \
         /ItalicAngle 0 /Ascent 860 /Descent -140 /CapHeight 700 /StemV 80 {more}>>"
    );
    [font, descriptor.into_bytes()]
}

/// The text of a page showing `shown` (a literal string's body) in `font`, `more` objects
/// after it.
fn show_bytes(font: &[Vec<u8>], shown: &[u8]) -> Result<String, Error> {
    let mut content = b"BT /F1 12 Tf 72 700 Td (".to_vec();
    content.extend_from_slice(shown);
    content.extend_from_slice(b") Tj ET");
    let objects = page_objects("", String::new(), "");
    let mut objects: Vec<Vec<u8>> = objects.into_iter().map(String::into_bytes).collect();
    objects[3] = stream("", &content);
    objects[4] = font[0].clone();
    objects.extend_from_slice(&font[1..]);
    pdf::read(&pdf_file(&objects, "")).map(|p| p.document.to_text())
}

/// Chinese printer drivers set text in 宋体, 仿宋_GB2312, 黑体… as simple TrueType fonts, not
/// embedded, WinAnsiEncoding and no ToUnicode, while the bytes are GBK: read as WinAnsi,
/// 目录 was `Ä¿Â¼` and every heading was missed. The generator's GBK dialect sets its headings
/// so (`tests/layouts/pdf.rs`); these are the names such fonts come with.
#[test]
fn gbk_bytes_under_a_chinese_simple_font_are_read_as_gbk() {
    let text = "目录 2023年度报告（一）";
    let shown = gbk_literal(text);
    let (song, _, _) = encoding_rs::GBK.encode("宋体");
    let names: [&[u8]; 8] = [
        &song,
        b"#CB#CE#CC#E5",
        b"#B7#C2#CB#CE_GB2312",
        "黑体".as_bytes(),
        b"FangSong_GB2312",
        b"KaiTi_GB2312",
        b"SimSun,Bold",
        b"ABCDEF+SimHei",
    ];
    for name in names {
        for encoding in ["/Encoding /WinAnsiEncoding", ""] {
            let font = chinese_simple(name, encoding, "");
            assert_eq!(
                show_bytes(&font, &shown),
                Ok(format!("{text}\n")),
                "{}",
                String::from_utf8_lossy(name)
            );
        }
    }
    // A string whose bytes are not all GBK is refused by the font's name, never read as
    // WinAnsi (é is 0xE9, a GBK lead byte; at the end it has no second byte).
    let font = chinese_simple(&song, "/Encoding /WinAnsiEncoding", "");
    let refusal = show_bytes(&font, b"caf\xE9");
    assert_eq!(
        refusal,
        Err(Error::Font {
            font: "宋体".into(),
            cmap: Some("WinAnsiEncoding".into())
        })
    );
    let message = refusal.unwrap_err().to_string();
    assert!(
        message.contains("宋体") && message.contains("无法还原"),
        "{message}"
    );
    // A Latin font is what its encoding says, and so is an embedded Chinese one (its program
    // says what its codes draw) and one whose /Differences name glyphs.
    let arial = chinese_simple(b"Arial", "/Encoding /WinAnsiEncoding", "");
    assert_eq!(show_bytes(&arial, b"caf\xE9"), Ok("café\n".into()));
    let embedded = chinese_simple(b"SimSun", "/Encoding /WinAnsiEncoding", "/FontFile2 7 0 R");
    let program = stream("", b"not a font");
    let file = [embedded[0].clone(), embedded[1].clone(), program];
    assert_eq!(show_bytes(&file, b"caf\xE9"), Ok("café\n".into()));
    let named = chinese_simple(&song, "/Encoding <</Differences [233 /eacute]>>", "");
    let glyph_named = show_bytes(&named, b"caf\xE9");
    assert_eq!(
        glyph_named,
        Err(Error::Garbled {
            undecodable: 1,
            glyphs: 4
        }),
        "eacute is a glyph name we do not hold"
    );
}

/// The text of a page whose content is `content` in the Type0 font of [`TYPE0`], its
/// ToUnicode map `map`, the page's `/Properties` being `properties` (object 7).
fn marked(content: &str, map: &[(&str, &str)], properties: &str) -> Result<String, Error> {
    let mut objects: Vec<Vec<u8>> = page_objects(" /Properties 7 0 R", String::new(), "")
        .into_iter()
        .map(String::into_bytes)
        .collect();
    objects[3] = stream("", content.as_bytes());
    objects[4] = TYPE0.to_vec();
    objects.push(to_unicode(map));
    objects.push(properties.as_bytes().to_vec());
    pdf::read(&pdf_file(&objects, "")).map(|p| p.document.to_text())
}

/// `/ActualText` on marked content replaces the glyphs it covers, as viewers copy it: a glyph
/// its font gives no character (here private use), a ligature, a hyphen that is not there.
#[test]
fn actual_text_replaces_the_glyphs_it_covers() {
    // 年 度 报 告 on codes 1-4; code 5 is a private-use glyph (a year in a decorative font).
    let map = [
        ("0001", "5E74"),
        ("0002", "5EA6"),
        ("0003", "62A5"),
        ("0004", "544A"),
        ("0005", "E000"),
    ];
    let properties = "<</MC0 <</ActualText <FEFF0032003000320033>>>>>";
    let cases = [
        // Inline, in UTF-16 with its byte order mark.
        ("/Span <</ActualText <FEFF0032003000320033>>> BDC <00050005> Tj EMC", "2023年度报告"),
        // By name, from the page's /Properties.
        ("/Span /MC0 BDC <00050005> Tj EMC", "2023年度报告"),
        // PDFDocEncoding; an inner ActualText is the outer's.
        (
            "/Span <</ActualText (2023)>> BDC <0005> Tj /Span <</ActualText (x)>> BDC <0005> Tj EMC EMC",
            "2023年度报告",
        ),
        // Empty: the glyphs it covers are not text (the printed hyphen of a broken word).
        ("/Span <</ActualText ()>> BDC <0003> Tj EMC", "年度报告"),
        // A marked sequence without ActualText, an unclosed one: the glyphs as they are.
        ("/P <</MCID 0>> BDC <0002> Tj EMC /Span <</ActualText (9)>> BDC <0001> Tj", "度年年度报告"),
    ];
    for (marks, expected) in cases {
        let content = format!("BT /F1 12 Tf 72 700 Td {marks} <0001000200030004> Tj ET");
        let text = marked(&content, &map, properties);
        assert_eq!(text, Ok(format!("{expected}\n")), "{marks}");
    }
    // ActualText makes a file of undecodable glyphs readable: 201 of them.
    let content = format!(
        "BT /F1 2 Tf 72 700 Td /Span <</ActualText <FEFF5E74>>> BDC <{}> Tj EMC ET",
        "0005".repeat(201)
    );
    assert_eq!(marked(&content, &map, properties), Ok("年\n".into()));
}

/// A file of one page in `tree` (the page tree's extra entries) whose own extra entries are
/// `page`, showing `content` in Helvetica.
fn boxed(tree: &str, page: &str, content: &str) -> Result<String, Error> {
    let objects = vec![
        "<</Type /Catalog /Pages 2 0 R>>".to_string(),
        format!("<</Type /Pages /Kids [3 0 R] /Count 1 {tree}>>"),
        format!(
            "<</Type /Page /Parent 2 0 R {page} /Contents 4 0 R \
             /Resources <</Font <</F1 5 0 R>>>>>>"
        ),
        format!(
            "<</Length {}>>\nstream\n{content}\nendstream",
            content.len()
        ),
        "<</Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding>>"
            .to_string(),
    ];
    pdf::read(&pdf_file(&objects, "")).map(|p| p.document.to_text())
}

/// Text outside the page's crop box (a printer's stamp, a job number in the bleed) is not
/// shown, so it is not read: it stood in the lines it met, an extra number in a table row.
/// The crop box is inherited like the media box, and lies within it.
#[test]
fn text_outside_the_crop_box_is_not_read() {
    let content = "BT /F1 10 Tf 72 700 Td (Total 12 7) Tj ET \
                   BT /F1 10 Tf 620 700 Td (4711) Tj ET \
                   BT /F1 10 Tf 72 -20 Td (Printed 2024-01-15) Tj ET";
    let media = "/MediaBox [0 -36 700 878]";
    let crop = "/CropBox [0 0 595 842]";
    for (tree, page) in [
        ("", format!("{media} {crop}")),
        (crop, media.to_string()),
        (&*format!("{media} {crop}"), String::new()),
    ] {
        assert_eq!(
            boxed(tree, &page, content),
            Ok("Total 12 7\n".into()),
            "{tree} / {page}"
        );
    }
    // Without a crop box the media box is what is shown; a crop box outside it is none.
    for page in [
        media.to_string(),
        format!("{media} /CropBox [800 900 900 1000]"),
    ] {
        let text = boxed("", &page, content).expect("reads");
        assert!(
            text.contains("4711") && text.contains("Printed"),
            "{page}: {text}"
        );
    }
    // A page whose only text lies outside its crop box has no text.
    let stamp = "BT /F1 10 Tf 620 700 Td (4711) Tj ET";
    assert_eq!(
        boxed("", &format!("{media} {crop}"), stamp),
        Err(Error::NoText { pages: 1 })
    );
}

/// A Type0 font over predefined CMap `cmap`, no ToUnicode map.
fn predefined(cmap: &str) -> Vec<u8> {
    format!(
        "<</Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /{cmap} \
         /DescendantFonts [<</Type /Font /Subtype /CIDFontType0 /BaseFont /SimSun \
         /CIDSystemInfo <</Registry (Adobe) /Ordering (GB1) /Supplement 2>> /DW 1000>>]>>"
    )
    .into_bytes()
}

/// The Mac's GB 2312 CMap (`GBpc-EUC-H`) has one-byte codes 0x80 and 0xFD–0xFF (©, ™, …):
/// paired with the next byte as GBK, © and 年 read as one wrong character and the rest of the
/// string shifted. GB 18030's (`GBK2K-H`) four-byte codes are one glyph each. Neither's
/// characters outside GBK are held here: they stand as U+FFFD.
#[test]
fn other_gb_cmaps_split_their_codes_as_they_say() {
    let (nian, _, _) = encoding_rs::GBK.encode("年");
    let (bao, _, _) = encoding_rs::GBK.encode("报");
    let hex = |b: &[u8]| -> String { b.iter().map(|b| format!("{b:02X}")).collect() };
    let text = |cmap: &str, middle: &str| {
        let shown = format!(
            "{}{middle}{}",
            hex(&nian).repeat(100),
            hex(&bao).repeat(100)
        );
        read(
            &format!("BT /F1 2 Tf 72 700 Td <{shown}> Tj ET"),
            &predefined(cmap),
            &[],
        )
    };
    let expected = Ok(format!(
        "{}\u{FFFD}{}\n",
        "年".repeat(100),
        "报".repeat(100)
    ));
    assert_eq!(text("GBpc-EUC-H", "FD"), expected);
    assert_eq!(text("GBK2K-H", "81308130"), expected);
    // The same bytes under GBK-EUC-H: 0xFD pairs with 年's first byte (a GBK character, not
    // ©), which is why each CMap splits its own way.
    assert_ne!(text("GBK-EUC-H", "FD"), expected);
}

/// A vertical CMap (`-V`) stacks glyphs downwards: a vertical label in a narrow, tall cell
/// ran across into the cells to its right when its glyphs were advanced to the right.
#[test]
fn vertical_text_stacks_downwards() {
    let rules = "0.5 w 50 600 m 200 600 l S 50 720 m 200 720 l S \
                 50 600 m 50 720 l S 70 600 m 70 720 l S 200 600 m 200 720 l S";
    for cmap in ["UniGB-UCS2-V", "GBK-EUC-V", "UniGB-UTF16-V"] {
        let shown = if cmap.starts_with("GBK") {
            let (b, _, _) = encoding_rs::GBK.encode("年度报告");
            b.iter().map(|b| format!("{b:02X}")).collect::<String>()
        } else {
            "5E745EA662A5544A".to_string()
        };
        let content = format!(
            "{rules} BT /F1 12 Tf 60 715 Td <{shown}> Tj ET \
             BT /F2 10 Tf 120 650 Td (12) Tj ET"
        );
        let mut objects: Vec<Vec<u8>> =
            page_objects(" /Font <</F1 5 0 R /F2 6 0 R>>", String::new(), "")
                .into_iter()
                .map(String::into_bytes)
                .collect();
        // The page's resources: both fonts (page_objects' own /Font is overridden).
        objects[2] = b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
            /Resources <</Font <</F1 5 0 R /F2 6 0 R>>>>>>"
            .to_vec();
        objects[3] = stream("", content.as_bytes());
        objects[4] = predefined(cmap);
        objects.push(type1("/Encoding /WinAnsiEncoding"));
        let read = pdf::read(&pdf_file(&objects, "")).expect("reads");
        let grids: Vec<_> = read
            .document
            .blocks
            .iter()
            .filter_map(|b| match b {
                nianbao::doc::Block::Table(t) => Some(t.grid()),
                _ => None,
            })
            .collect();
        assert_eq!(
            grids,
            [vec![vec!["年度报告".to_string(), "12".to_string()]]],
            "{cmap}"
        );
    }
}

/// A Type0 Identity-H font, no ToUnicode, over a CID font of `subtype` whose
/// `/CIDSystemInfo` names `ordering`; its descriptor (object 6) embeds `program` as
/// `/FontFile3` (object 7) when given.
fn cid_font(subtype: &str, ordering: &str, program: Option<&[u8]>) -> Vec<Vec<u8>> {
    let font = format!(
        "<</Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H \
         /DescendantFonts [<</Type /Font /Subtype /{subtype} /BaseFont /STSong-Light \
         /CIDSystemInfo <</Registry (Adobe) /Ordering ({ordering}) /Supplement 2>> \
         /FontDescriptor 6 0 R /DW 1000>>]>>"
    );
    let file = if program.is_some() {
        "/FontFile3 7 0 R"
    } else {
        ""
    };
    let descriptor = format!(
        "<</Type /FontDescriptor /FontName /STSong-Light /Flags 4 /FontBBox [0 -140 1000 880] \
         /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 {file}>>"
    );
    let mut objects = vec![font.into_bytes(), descriptor.into_bytes()];
    if let Some(program) = program {
        objects.push(stream("/Subtype /CIDFontType0C", program));
    }
    objects
}

/// A CID-keyed CFF program whose `ROS` names Adobe and `ordering`.
fn cid_keyed_cff(ordering: &[u8]) -> Vec<u8> {
    // ROS: strings 391 (Adobe) and 392 (the ordering), supplement 2.
    let top: &[u8] = &[248, 27, 248, 28, 141, 12, 30];
    let mut out = vec![1, 0, 4, 1];
    out.extend(cff_index(&[b"STSong-Light"]));
    out.extend(cff_index(&[top]));
    out.extend(cff_index(&[b"Adobe", ordering]));
    out.extend(cff_index(&[]));
    out
}

/// A CFF CJK font without ToUnicode whose CIDs are Adobe-GB1's is read by the collection:
/// GB 2312's characters (Supplement 0) and the Latin ones; a CID of a later supplement is
/// undecodable. Before, every such font was refused.
#[test]
fn cff_cjk_fonts_are_read_by_the_adobe_gb1_collection() {
    // 年 度 报 告, space, 2 0 2 3 (proportional), ! (half-width).
    let shown = "0B4D 0607 0411 06E1 0001 0013 0011 0013 0014 032E";
    let content = format!("BT /F1 12 Tf 72 700 Td <{shown}> Tj ET");
    let reads = |objects: &[Vec<u8>]| read(&content, &objects[0], &objects[1..]);
    let expected = Ok("年度报告 2023!\n".to_string());
    assert_eq!(reads(&cid_font("CIDFontType0", "GB1", None)), expected);
    let gb1 = cid_keyed_cff(b"GB1");
    assert_eq!(
        reads(&cid_font("CIDFontType0", "GB1", Some(&gb1))),
        expected
    );
    // What does not say Adobe-GB1 in both places is refused, as before: the PDF naming another
    // collection, an embedded program of another (or not CID-keyed), a TrueType CID font.
    let refused = Err(Error::Font {
        font: "STSong-Light".into(),
        cmap: Some("Identity-H".into()),
    });
    let identity = cid_keyed_cff(b"Identity");
    let bare = cff_program(None, &[0, 4, 0x3A, 0x30, 0x38, 0x41], &[]);
    for objects in [
        cid_font("CIDFontType0", "Identity", None),
        cid_font("CIDFontType0", "GB1", Some(&identity)),
        cid_font("CIDFontType0", "GB1", Some(&bare)),
        cid_font("CIDFontType2", "GB1", None),
    ] {
        assert_eq!(reads(&objects), refused);
    }
    // A CID of a later supplement (10000, GBK's additions): U+FFFD among many.
    let shown = format!("{}2710{}", "0B4D".repeat(100), "0607".repeat(100));
    let content = format!("BT /F1 2 Tf 72 700 Td <{shown}> Tj ET");
    let objects = cid_font("CIDFontType0", "GB1", None);
    assert_eq!(
        read(&content, &objects[0], &objects[1..]),
        Ok(format!(
            "{}\u{FFFD}{}\n",
            "年".repeat(100),
            "度".repeat(100)
        ))
    );
}
