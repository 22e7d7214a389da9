//! Random and garbled text never panics, and every span lies inside the input on char
//! boundaries. The generator is a seeded xorshift; a failure prints the seed and the input.

use nianbao::docx::crc32;
use nianbao::report::Report;
use nianbao::span::Location;
use nianbao::{check, check_docx, check_html, Options};

use crate::fixture;
use crate::layouts::generator::hard::{cn_number, numbered_lists, numbered_measures};
use crate::layouts::generator::{raw_zip, RawEntry};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Pieces that matter to the parser: digits, separators, numerals, brackets, table words.
const PIECES: &[&str] = &[
    "0",
    "1",
    "12",
    "1,234",
    "3.5",
    "-",
    "—",
    "/",
    "无",
    "\t",
    "\n",
    "\r\n",
    "\r",
    " ",
    "  ",
    "|",
    "一、",
    "二、",
    "三、",
    "四、",
    "五、",
    "六、",
    "（一）",
    "(七)",
    "1.",
    "2、",
    "第三部分",
    "总计",
    "其他",
    "规章",
    "行政许可",
    "本年新收",
    "结转下年度继续办理",
    "予以公开",
    "部分公开",
    "第二十条第（一）项",
    "行政复议",
    "结果维持",
    "- 3 -",
    "\u{200B}",
    "\u{FEFF}",
    "\u{3000}",
    "\u{00A0}",
    "１２",
    "𝄞",
    "é",
    "国办公开办函〔2023〕30号",
    "社会 公益 组织",
];

fn random_text(rng: &mut Rng) -> String {
    let n = rng.below(400);
    (0..n).map(|_| PIECES[rng.below(PIECES.len())]).collect()
}

/// A seed report with random cuts, duplications and insertions.
fn garbled(rng: &mut Rng, base: &str) -> String {
    let chars: Vec<char> = base.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        match rng.below(40) {
            0 => i += rng.below(50),
            1 => out.push_str(PIECES[rng.below(PIECES.len())]),
            2 => {
                let from = rng.below(chars.len());
                out.extend(chars.iter().skip(from).take(rng.below(80)));
            }
            _ => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    out
}

fn assert_sound(text: &str, report: &Report, seed: u64) {
    let check_loc = |loc: &Location| {
        let (s, e) = (loc.start as usize, loc.end as usize);
        assert!(
            s <= e && e <= text.len(),
            "seed {seed}: span {s}..{e} outside {}",
            text.len()
        );
        assert!(
            text.is_char_boundary(s) && text.is_char_boundary(e),
            "seed {seed}: span {s}..{e} splits a char"
        );
        let (s16, e16) = (loc.start16.unwrap() as usize, loc.end16.unwrap() as usize);
        assert_eq!(
            s16,
            text[..s].encode_utf16().count(),
            "seed {seed}: start16"
        );
        assert_eq!(e16, text[..e].encode_utf16().count(), "seed {seed}: end16");
        let line = text[..s].split('\n').count() as u32;
        assert!(
            loc.line >= 1 && loc.line <= line.max(1) + text[..s].matches('\r').count() as u32,
            "seed {seed}: line"
        );
    };
    let mut all: Vec<&Location> = Vec::new();
    for d in &report.diagnostics {
        all.extend(d.span.iter());
        all.extend(d.related.iter());
    }
    for row in report
        .tables
        .s2
        .rows
        .iter()
        .chain(&report.tables.s3.rows)
        .chain(&report.tables.s3.extra_rows)
    {
        all.extend(row.span.iter());
        all.extend(row.cells.iter().flatten());
        assert_eq!(row.values.len(), row.cells.len());
    }
    all.extend(report.tables.s4.cells.iter().flatten());
    all.extend(
        report
            .outline
            .sections
            .iter()
            .filter_map(|s| s.span.as_ref()),
    );
    all.extend(report.outline.title_span.iter());
    for loc in all {
        check_loc(loc);
    }
    assert_eq!(report.tables.s3.rows.len(), 25);
    assert_eq!(report.tables.s4.values.len(), 15);
    assert_eq!(report.outline.sections.len(), 6);
}

const UTF16: Options = Options {
    utf16: true,
    laid_out: false,
    config: nianbao::config::Config::NONE,
    pages: Vec::new(),
};

/// The same, reading tab-separated lines as the grids a document was laid out as (the page's
/// check after an edit of pasted HTML).
const LAID_OUT: Options = Options {
    utf16: true,
    laid_out: true,
    config: nianbao::config::Config::NONE,
    pages: Vec::new(),
};

#[test]
fn random_text_never_panics_and_spans_are_sound() {
    for seed in 1..=400u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let text = random_text(&mut rng);
        for options in [UTF16, LAID_OUT] {
            let report = std::panic::catch_unwind(|| check(&text, &options))
                .unwrap_or_else(|_| panic!("seed {seed} panicked on {text:?}"));
            assert_sound(&text, &report, seed);
        }
    }
}

#[test]
fn garbled_seeds_never_panic_and_spans_are_sound() {
    let bases: Vec<String> = [
        "seeds/000_3fdcef6c825e6b6d.txt",
        "seeds/002_3c9d37f73f8f4a79.txt",
        "seeds/004_b5a011f3d089b4ff.txt",
        "reports/hongze-2023-pdf-raw.txt",
        "reports/shuyang-2025-ocr-markdown.txt",
    ]
    .iter()
    .map(|n| fixture(n))
    .collect();
    for seed in 1..=150u64 {
        let mut rng = Rng(seed.wrapping_mul(0xD1B5_4A32_D192_ED03));
        let base = &bases[seed as usize % bases.len()];
        let text = garbled(&mut rng, base);
        for options in [UTF16, LAID_OUT] {
            let report = std::panic::catch_unwind(|| check(&text, &options))
                .unwrap_or_else(|_| panic!("seed {seed} panicked; input:\n{text}"));
            assert_sound(&text, &report, seed);
        }
    }
}

#[test]
fn edge_inputs() {
    for text in [
        "",
        "\n",
        "\r",
        "\u{FEFF}",
        "一、",
        "三、收到和处理政府信息公开申请情况",
        "\t\t\t",
        "0 0 0 0 0",
    ] {
        let report = check(text, &UTF16);
        assert_sound(text, &report, 0);
    }
}

#[test]
fn large_and_repetitive_inputs_finish() {
    // Pathological shapes for the row matcher and the resolver: many labels without numbers,
    // many numbers without labels, and a big report. These must finish (linear-ish work).
    let labels = "1.属于国家秘密\n".repeat(20_000);
    let numbers = "三、收到和处理政府信息公开申请情况\n".to_string() + &"0 ".repeat(100_000);
    let big = fixture("seeds/002_3c9d37f73f8f4a79.txt").repeat(60);
    let rows = format!(
        "三、收到和处理政府信息公开申请情况\n{}",
        "（七）总计 1 1 1 1 1 1 1 1 1 1\n".repeat(5_000)
    );
    // A laid-out grid of 2,000 rows under a header, and rows of sevens for the line reading.
    let grid = format!(
        "三、收到和处理政府信息公开申请情况\n\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n{}",
        "1.属于国家秘密\t1\t\t0\t\t0\t\t1\n".repeat(2_000)
    );
    let sevens = format!(
        "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\n{}",
        "0 0 0 0 0 0 0\n".repeat(20_000)
    );
    for text in [labels, numbers, big, rows, grid, sevens] {
        for options in [UTF16, LAID_OUT] {
            let report = check(&text, &options);
            assert_sound(&text, &report, 0);
        }
    }
}

fn section_headings(report: &Report) -> Vec<Option<String>> {
    report
        .outline
        .sections
        .iter()
        .map(|s| s.heading.clone())
        .collect()
}

#[test]
fn chinese_numerals_count_like_a_list() {
    let got: Vec<String> = [1, 10, 11, 20, 21, 100, 105, 110, 700, 1010, 9999]
        .map(cn_number)
        .to_vec();
    assert_eq!(
        got,
        [
            "一",
            "十",
            "十一",
            "二十",
            "二十一",
            "一百",
            "一百零五",
            "一百一十",
            "七百",
            "一千零一十",
            "九千九百九十九"
        ]
    );
}

#[test]
fn seven_hundred_numbered_measures_keep_the_six_sections() {
    let seed = fixture("seeds/000_3fdcef6c825e6b6d.txt");
    let want = section_headings(&check(&seed, &UTF16));
    assert!(want.iter().all(Option::is_some), "{want:?}");
    let text = numbered_measures(700);
    let report = check(&text, &UTF16);
    assert_sound(&text, &report, 0);
    assert_eq!(section_headings(&report), want);
    let s001: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "S001")
        .map(|d| d.message.as_str())
        .collect();
    assert!(s001.is_empty(), "{s001:?}");
}

/// Its time is held to a budget by `npm run bench` (`tests/layouts/hard.rs`).
#[test]
fn ten_thousand_numbered_measures_keep_the_six_sections() {
    let seed = fixture("seeds/000_3fdcef6c825e6b6d.txt");
    let want = section_headings(&check(&seed, &UTF16));
    let text = numbered_measures(10_000);
    let report = check(&text, &UTF16);
    assert_sound(&text, &report, 0);
    assert_eq!(section_headings(&report), want);
}

#[test]
fn seven_hundred_heading_like_lines_keep_the_six_sections() {
    let seed = fixture("seeds/000_3fdcef6c825e6b6d.txt");
    let want = section_headings(&check(&seed, &UTF16));
    let text = numbered_lists(700);
    let report = check(&text, &UTF16);
    assert_sound(&text, &report, 0);
    assert_eq!(section_headings(&report), want);
    let rules: Vec<&str> = report.diagnostics.iter().map(|d| d.rule).collect();
    assert!(
        !rules.contains(&"S001") && !rules.contains(&"S018"),
        "{rules:?}"
    );
}

/// Its time is held to a budget by `npm run bench` (`tests/layouts/hard.rs`).
#[test]
fn ten_thousand_heading_like_lines_keep_the_six_sections() {
    let seed = fixture("seeds/000_3fdcef6c825e6b6d.txt");
    let want = section_headings(&check(&seed, &UTF16));
    let text = numbered_lists(10_000);
    let report = check(&text, &UTF16);
    assert_sound(&text, &report, 0);
    assert_eq!(section_headings(&report), want);
}

/// Beyond the outline's limit, one S018 says where the search stopped, and no section is
/// called missing: the sections after the cut were not looked for.
#[test]
fn heading_like_lines_beyond_the_limit_are_said_not_missing_sections() {
    let text = numbered_lists(nianbao::limits::MAX_HEADING_CANDIDATES + 10);
    let report = check(&text, &UTF16);
    assert_sound(&text, &report, 0);
    let rules: Vec<&str> = report.diagnostics.iter().map(|d| d.rule).collect();
    assert!(!rules.contains(&"S001"), "{rules:?}");
    let s018: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "S018")
        .collect();
    assert_eq!(s018.len(), 1, "{rules:?}");
    let span = s018[0].span.unwrap();
    let at = &text[span.start as usize..span.end as usize];
    assert!(at.contains("、落实第"), "{at}");
    assert!(report.outline.sections[0].found);
}

/// A .docx of stored parts: the content types and `word/document.xml` holding `document`.
fn stored_docx(document: &[u8]) -> Vec<u8> {
    let types: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#;
    let entry = |name, data: &'static [u8]| RawEntry {
        name,
        method: 0,
        crc: crc32(data),
        size: data.len() as u32,
        stored: data,
    };
    let document: &'static [u8] = Box::leak(document.to_vec().into_boxed_slice());
    raw_zip(&[
        entry("[Content_Types].xml", types),
        entry("word/document.xml", document),
    ])
}

fn rules_of(report: &Report) -> Vec<&'static str> {
    report.diagnostics.iter().map(|d| d.rule).collect()
}

#[test]
fn a_docx_whose_body_is_not_xml_says_its_text_cannot_be_read() {
    let mut rng = Rng(7);
    let binary: Vec<u8> = (0..4096).map(|_| rng.next() as u8).collect();
    for body in [
        &binary[..],
        b"\x00\x01\x02PK garbage",
        b"<html><p>not word</p></html>",
    ] {
        let err = check_docx(&stored_docx(body), &UTF16).expect_err("not a readable body");
        let message = err.to_string();
        assert!(
            message.contains("损坏") && message.contains("读不出文字"),
            "{message}"
        );
    }
}

/// An empty file, a file of white space, an empty .docx body and an empty page: each is one
/// finding that nothing was read, never six missing sections.
#[test]
fn empty_inputs_are_one_finding() {
    for text in ["", " \n\u{3000}\t\r\n"] {
        assert_eq!(rules_of(&check(text, &UTF16)), ["S016"], "{text:?}");
    }
    let empty_body = br#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p/><w:p><w:r><w:t xml:space="preserve">  </w:t></w:r></w:p><w:sectPr/></w:body></w:document>"#;
    let report = check_docx(&stored_docx(empty_body), &UTF16).expect("an empty body is read");
    assert_eq!(rules_of(&report), ["S016"]);
    for page in ["", "<html><body><p>&nbsp;</p></body></html>"] {
        assert_eq!(rules_of(&check_html(page, &UTF16)), ["S016"], "{page:?}");
    }
}

/// Where the compressed data of `word/document.xml` starts: after its local header.
fn document_data_start(bytes: &[u8]) -> usize {
    let name = b"word/document.xml";
    (0..bytes.len() - 30)
        .find(|&at| bytes[at..].starts_with(b"PK\x03\x04") && bytes[at + 30..].starts_with(name))
        .map(|at| {
            let extra = u16::from_le_bytes([bytes[at + 28], bytes[at + 29]]) as usize;
            at + 30 + name.len() + extra
        })
        .expect("a local header for word/document.xml")
}

/// What a reading of a .docx shows: its sections, findings and text.
fn docx_reading(report: &Report) -> (Vec<Option<String>>, Vec<String>, Option<String>) {
    let findings = report
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.rule, d.message))
        .collect();
    let text = report.source.as_ref().map(|s| s.text.clone());
    (section_headings(report), findings, text)
}

/// One flipped bit anywhere in a real .docx never panics and is never called a zip bomb: it
/// is read as before, or refused as damaged (损坏).
#[test]
fn single_bit_flips_in_a_docx_are_damage_never_a_bomb() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/grid");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "docx"))
        .collect();
    names.sort();
    assert!(names.len() >= 4, "{names:?}");
    for path in names {
        let bytes = std::fs::read(&path).unwrap();
        let good = docx_reading(&check_docx(&bytes, &UTF16).expect("the fixture reads"));
        let data = document_data_start(&bytes) * 8;
        let total = bytes.len() * 8;
        // The first 300 bits of the body's deflate data, then 300 bits across the whole file.
        let bits = (data..data + 300).chain((0..total).step_by(total / 300));
        for bit in bits {
            let mut flipped = bytes.clone();
            flipped[bit / 8] ^= 1 << (bit % 8);
            let read = std::panic::catch_unwind(|| check_docx(&flipped, &UTF16))
                .unwrap_or_else(|_| panic!("{}: bit {bit} panicked", path.display()));
            match read {
                Ok(report) => assert_eq!(
                    docx_reading(&report),
                    good,
                    "{}: bit {bit} read differently",
                    path.display()
                ),
                Err(e) => {
                    let message = e.to_string();
                    assert!(
                        message.contains("损坏") && !message.contains("炸弹"),
                        "{}: bit {bit}: {message}",
                        path.display()
                    );
                }
            }
        }
    }
}

/// No control character but tab and line feed in a document's laid-out text.
fn assert_no_controls(text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| c.is_control() && !matches!(c, '\t' | '\n'))
        .collect();
    assert!(bad.is_empty(), "{bad:?} in {text:?}");
}

/// References to NUL, surrogates and values beyond Unicode are U+FFFD, as browsers decode
/// them; other control characters, raw or referenced, never reach the text. The text input
/// refuses a NUL, so the laid-out text must never hold one.
#[test]
fn control_characters_in_html_never_reach_the_text() {
    let page = "<p>一、总体情况&#x0;&#0;&#X00;&#xD800;&#x110000;&#99999999999;</p>\
                <p>a\u{0}b\u{1}c&#1;d&#x7F;e&#x81;f\u{85}g&#11;h</p>\
                <table><tr><td>&#x0;\u{0}</td><td>二&#9;三</td></tr></table>";
    let report = check_html(page, &UTF16);
    let text = report.source.as_ref().unwrap().text.clone();
    assert_no_controls(&text);
    assert!(
        text.contains("一、总体情况\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"),
        "{text:?}"
    );
    assert!(text.contains("abcdef"), "{text:?}");
    assert_sound(&text, &report, 0);
}

#[test]
fn control_characters_in_a_docx_never_reach_the_text() {
    let body = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>\
                <w:p><w:r><w:t>一、总体情况&#0;&#x0;&#xD800;</w:t></w:r></w:p>\
                <w:p><w:r><w:t>a\u{1}b&#1;c&#x1F;d</w:t></w:r></w:p></w:body></w:document>";
    let report = check_docx(&stored_docx(body.as_bytes()), &UTF16).expect("reads");
    let text = report.source.as_ref().unwrap().text.clone();
    assert_no_controls(&text);
    assert!(
        text.contains("一、总体情况\u{FFFD}\u{FFFD}\u{FFFD}"),
        "{text:?}"
    );
    assert!(text.contains("abcd"), "{text:?}");
    assert_sound(&text, &report, 0);
}

/// A Word page with a 22 MB inline image (a base64 `data:` URI in an `<img>`) after section 二
/// is read whole: the sections after the image and the tables are as without it.
#[test]
fn a_page_with_a_22_mb_inline_image_is_read_whole() {
    let page = fixture("html/word-2016.html");
    let plain = check_html(&page, &UTF16);
    let heading = page.find("二、主动公开政府信息情况").unwrap();
    let at = heading + page[heading..].find("</p>").unwrap() + "</p>".len();
    let image = format!(
        "<p><img width=600 src=\"data:image/png;base64,{}\"></p>",
        "iVBORw0KGgo".repeat(2_000_000)
    );
    assert!(image.len() > 22_000_000);
    let with_image = format!("{}{image}{}", &page[..at], &page[at..]);
    let report = check_html(&with_image, &UTF16);
    assert!(
        report.outline.sections.iter().all(|s| s.found),
        "{:?}",
        rules_of(&report)
    );
    assert_eq!(section_headings(&report), section_headings(&plain));
    let values = |r: &Report| {
        let s3: Vec<_> = r
            .tables
            .s3
            .rows
            .iter()
            .map(|row| row.values.clone())
            .collect();
        (s3, r.tables.s4.values.clone())
    };
    assert_eq!(values(&report), values(&plain));
    assert_eq!(rules_of(&report), rules_of(&plain));
}
