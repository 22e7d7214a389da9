//! Word .docx input: a full 2021-format report written as a .docx by the test itself (merged
//! cells as Word writes them: `w:gridSpan` and `w:vMerge`) is read exactly, through the library
//! and the CLI; damaged, foreign and malicious files give the right error, never a panic
//! (`npm run bench` holds their time to a budget: `tests/layouts/hard.rs`).

use nianbao::docx::{crc32, Error, Office};

use crate::layouts::generator::hard::{
    damaged_copies, deflated_zeros, dense_zip, honest_bomb, lying_bomb, prefixes, random_zips,
    BOMB_ZEROS, DOCX_DAMAGE_SEED,
};
use crate::layouts::generator::{raw_zip, RawEntry};
use nianbao::report::{Number, Report};
use nianbao::template::{S2_GROUPS, S3_GROUP_LABELS, S3_ROWS, S4_COLUMNS, S4_RESULT_LABELS};
use nianbao::{check_docx, Options};

/// One zip entry as the test writes it.
struct Entry<'a> {
    name: &'a str,
    data: &'a [u8],
    deflate: bool,
}

/// The zip archive of `entries`, written by hand: local headers, central directory, end record.
fn zip(entries: &[Entry<'_>]) -> Vec<u8> {
    let parts: Vec<(Vec<u8>, u32, u32)> = entries
        .iter()
        .map(|e| {
            let stored = if e.deflate {
                miniz_oxide::deflate::compress_to_vec(e.data, 6)
            } else {
                e.data.to_vec()
            };
            (stored, crc32(e.data), e.data.len() as u32)
        })
        .collect();
    let with_data: Vec<RawEntry<'_>> = entries
        .iter()
        .zip(&parts)
        .map(|(e, (stored, crc, size))| RawEntry {
            name: e.name,
            method: if e.deflate { 8 } else { 0 },
            crc: *crc,
            size: *size,
            stored,
        })
        .collect();
    raw_zip(&with_data)
}

/// An entry whose header fields are given as they are to be written (true or not).
const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults/></w:styles>"#;

/// A .docx package around `document_xml`, every part deflated as Word does.
fn docx(document_xml: &str) -> Vec<u8> {
    let part = |name, data: &'static str| Entry {
        name,
        data: data.as_bytes(),
        deflate: true,
    };
    zip(&[
        part("[Content_Types].xml", CONTENT_TYPES),
        part("_rels/.rels", RELS),
        Entry {
            name: "word/document.xml",
            data: document_xml.as_bytes(),
            deflate: true,
        },
        part("word/styles.xml", STYLES),
    ])
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A paragraph; the text is split into two runs, as Word often does.
fn p(text: &str) -> String {
    let cut = text.char_indices().nth(2).map_or(text.len(), |(i, _)| i);
    let (a, b) = text.split_at(cut);
    format!(
        r#"<w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t>{}</w:t></w:r><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
        escape(a),
        escape(b)
    )
}

/// How a cell takes part in a vertical merge.
#[derive(Clone, Copy)]
enum V {
    No,
    Restart,
    Continue,
}

/// A table cell spanning `span` grid columns.
fn tc(text: &str, span: usize, v: V) -> String {
    let grid = if span > 1 {
        format!(r#"<w:gridSpan w:val="{span}"/>"#)
    } else {
        String::new()
    };
    let merge = match v {
        V::No => "",
        V::Restart => r#"<w:vMerge w:val="restart"/>"#,
        V::Continue => "<w:vMerge/>",
    };
    format!(
        r#"<w:tc><w:tcPr><w:tcW w:w="800" w:type="dxa"/>{grid}{merge}</w:tcPr>{}</w:tc>"#,
        p(text)
    )
}

fn tr(cells: &[String]) -> String {
    format!(
        r#"<w:tr><w:trPr><w:jc w:val="center"/></w:trPr>{}</w:tr>"#,
        cells.concat()
    )
}

fn tbl(rows: &[String]) -> String {
    format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="800"/></w:tblGrid>{}</w:tbl>"#,
        rows.concat()
    )
}

fn value(n: Number) -> String {
    match n {
        Number::Int(i) => i.to_string(),
        Number::Dec(x) => x.to_string(),
    }
}

/// The numbers the generated report holds.
struct Numbers {
    s2: Vec<Vec<Number>>,
    s3: Vec<[i64; 7]>,
    s4: [i64; 15],
}

/// Consistent, mostly non-zero numbers: every identity of sections 三 and 四 holds.
fn numbers() -> Numbers {
    let s2 = vec![
        vec![Number::Int(2), Number::Int(1), Number::Int(10)],
        vec![Number::Int(3), Number::Int(1), Number::Int(12)],
        vec![Number::Int(25)],
        vec![Number::Int(7)],
        vec![Number::Int(1)],
        vec![Number::Dec(1.5)],
    ];
    let mut s3 = vec![[0i64; 7]; 25];
    for c in 0..6 {
        for (i, row) in s3.iter_mut().enumerate().take(23).skip(2) {
            row[c] = ((i + c) % 4) as i64 + 1;
        }
        let total: i64 = s3[2..23].iter().map(|r| r[c]).sum();
        s3[23][c] = total;
        s3[24][c] = (c % 3) as i64 + 1;
        s3[1][c] = (c % 2) as i64;
        s3[0][c] = total + s3[24][c] - s3[1][c];
    }
    for row in &mut s3 {
        row[6] = row[..6].iter().sum();
    }
    let s4 = [1, 2, 0, 1, 4, 2, 0, 1, 0, 3, 0, 1, 0, 0, 1];
    Numbers { s2, s3, s4 }
}

fn section2(n: &Numbers) -> String {
    let mut rows = Vec::new();
    let mut values = n.s2.iter();
    for group in &S2_GROUPS {
        rows.push(tr(&[tc(group.caption, 4, V::No)]));
        let mut header = vec![tc("信息内容", 1, V::No)];
        let wide = 4 - group.columns.len();
        for (i, column) in group.columns.iter().enumerate() {
            header.push(tc(column, if i == 0 { wide } else { 1 }, V::No));
        }
        rows.push(tr(&header));
        for row in group.rows {
            let mut cells = vec![tc(row.label, 1, V::No)];
            for (i, v) in values.next().expect("values").iter().enumerate() {
                cells.push(tc(&value(*v), if i == 0 { wide } else { 1 }, V::No));
            }
            rows.push(tr(&cells));
        }
    }
    tbl(&rows)
}

fn section3(n: &Numbers) -> String {
    let results = S3_GROUP_LABELS[0];
    let mut rows = vec![
        tr(&[
            tc(
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                3,
                V::Restart,
            ),
            tc("申请人情况", 7, V::No),
        ]),
        tr(&[
            tc("", 3, V::Continue),
            tc("自然人", 1, V::Restart),
            tc("法人或其他组织", 5, V::No),
            tc("总计", 1, V::Restart),
        ]),
    ];
    let mut third = vec![tc("", 3, V::Continue), tc("", 1, V::Continue)];
    for label in [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ] {
        third.push(tc(label, 1, V::No));
    }
    third.push(tc("", 1, V::Continue));
    rows.push(tr(&third));
    let mut last_group = None;
    for (def, values) in S3_ROWS.iter().zip(&n.s3) {
        let mut cells = Vec::new();
        match def.group {
            None => cells.push(tc(def.label, 3, V::No)),
            Some(group) => {
                let first_of_results =
                    !matches!(last_group, Some(g) if S3_GROUP_LABELS.contains(&g));
                cells.push(if first_of_results {
                    tc(results, 1, V::Restart)
                } else {
                    tc("", 1, V::Continue)
                });
                if group == results {
                    cells.push(tc(def.label, 2, V::No));
                } else {
                    cells.push(if last_group == Some(group) {
                        tc("", 1, V::Continue)
                    } else {
                        tc(group, 1, V::Restart)
                    });
                    cells.push(tc(def.label, 1, V::No));
                }
            }
        }
        last_group = def.group;
        cells.extend(values.iter().map(|v| tc(&v.to_string(), 1, V::No)));
        rows.push(tr(&cells));
    }
    tbl(&rows)
}

fn section4(n: &Numbers) -> String {
    let mut second: Vec<String> = S4_RESULT_LABELS
        .iter()
        .map(|l| tc(l, 1, V::Restart))
        .collect();
    second.push(tc("未经复议直接起诉", 5, V::No));
    second.push(tc("复议后起诉", 5, V::No));
    let mut third: Vec<String> = (0..5).map(|_| tc("", 1, V::Continue)).collect();
    for _ in 0..2 {
        third.extend(S4_RESULT_LABELS.iter().map(|l| tc(l, 1, V::No)));
    }
    let values: Vec<String> = n.s4.iter().map(|v| tc(&v.to_string(), 1, V::No)).collect();
    tbl(&[
        tr(&[tc("行政复议", 5, V::No), tc("行政诉讼", 10, V::No)]),
        tr(&second),
        tr(&third),
        tr(&values),
    ])
}

/// The document.xml of a full 2021-format report with the numbers of [`numbers`].
fn report_xml(n: &Numbers) -> String {
    let prose = |lines: &[&str]| lines.iter().map(|l| p(l)).collect::<String>();
    let body = [
        prose(&[
            "青山县统计局2024年政府信息公开工作年度报告",
            "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）编制。本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。",
            "一、总体情况",
            "（一）主动公开。本局通过县人民政府门户网站政府信息公开专栏主动公开机构职能、政策文件、统计数据等政府信息。",
            "（二）依申请公开。本年度本局依法办理政府信息公开申请，按时答复。",
            "（三）政府信息管理。本局落实公文公开属性源头认定和发布前保密审查制度。",
            "（四）政府信息公开平台建设。本局依托县人民政府门户网站政府信息公开专栏发布政府信息。",
            "（五）监督保障。本局明确专人负责政府信息公开工作。",
            "二、主动公开政府信息情况",
        ]),
        section2(n),
        p("三、收到和处理政府信息公开申请情况"),
        section3(n),
        p("四、政府信息公开行政复议、行政诉讼情况"),
        section4(n),
        prose(&[
            "五、存在的主要问题及改进情况",
            "本局政府信息公开工作存在的主要问题：政策解读形式较为单一。改进情况：下一步将增加图表等解读形式。",
            "六、其他需要报告的事项",
            "本年度本局未收取信息处理费。",
            "青山县统计局",
            "2025年1月20日",
        ]),
    ]
    .concat();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" mc:Ignorable="w14"><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#
    )
}

fn report_docx() -> (Numbers, Vec<u8>) {
    let n = numbers();
    let bytes = docx(&report_xml(&n));
    (n, bytes)
}

fn check(bytes: &[u8]) -> Result<Report, Error> {
    check_docx(bytes, &Options::default())
}

#[test]
fn a_word_report_with_merged_cells_is_read_exactly() {
    let (n, bytes) = report_docx();
    let report = check(&bytes).expect("a readable .docx");
    let source = report.source.as_ref().expect("source");
    assert_eq!(source.kind, "docx");
    let text = &source.text;
    let found: Vec<bool> = report.outline.sections.iter().map(|s| s.found).collect();
    assert_eq!(found, [true; 6], "{text}");
    assert_eq!(report.outline.year, Some(2024));
    let s2: Vec<Vec<Option<Number>>> = report
        .tables
        .s2
        .rows
        .iter()
        .map(|r| r.values.clone())
        .collect();
    let want2: Vec<Vec<Option<Number>>> =
        n.s2.iter()
            .map(|r| r.iter().copied().map(Some).collect())
            .collect();
    assert_eq!(s2, want2, "{text}");
    assert_eq!(report.tables.s3.rows.len(), 25);
    for (row, want) in report.tables.s3.rows.iter().zip(&n.s3) {
        let want: Vec<Option<Number>> = want.iter().map(|&v| Some(Number::Int(v))).collect();
        assert_eq!(row.values, want, "row {}\n{text}", row.key);
    }
    let want4: Vec<Option<Number>> = n.s4.iter().map(|&v| Some(Number::Int(v))).collect();
    assert_eq!(report.tables.s4.values, want4, "{text}");
    assert_eq!(report.tables.s4.columns.len(), S4_COLUMNS.len());
    let unexpected: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| ["T001", "T002", "T005", "T009", "T011"].contains(&d.rule))
        .map(|d| format!("{} {}", d.rule, d.message))
        .collect();
    assert!(unexpected.is_empty(), "{unexpected:#?}\n{text}");
    // Every place the report names is text of `source.text`, and every cell holds its value.
    let spans = report
        .diagnostics
        .iter()
        .flat_map(|d| d.span.iter().chain(&d.related))
        .chain(
            report
                .tables
                .s3
                .rows
                .iter()
                .flat_map(|r| r.cells.iter().flatten()),
        )
        .chain(report.tables.s4.cells.iter().flatten());
    for loc in spans {
        let slice = text.get(loc.start as usize..loc.end as usize);
        assert!(slice.is_some(), "{loc:?} outside source.text");
    }
    for (row, want) in report.tables.s3.rows.iter().zip(&n.s3) {
        for (cell, v) in row.cells.iter().zip(want) {
            let cell = cell.expect("every cell located");
            assert_eq!(&text[cell.start as usize..cell.end as usize], v.to_string());
        }
    }
}

#[test]
fn merged_cells_are_laid_out_as_a_browser_copies_them() {
    let (_, bytes) = report_docx();
    let report = check(&bytes).expect("readable");
    let text = report.source.expect("source").text;
    let lines: Vec<&str> = text.lines().collect();
    let line = |start: &str| {
        *lines
            .iter()
            .find(|l| l.trim_start().starts_with(start))
            .unwrap_or_else(|| panic!("{start}\n{text}"))
    };
    assert!(line("三、本年度办理结果").starts_with("三、本年度办理结果\t（一）予以公开\t\t"));
    assert!(line("（三）不予公开").starts_with("\t（三）不予公开\t1.属于国家秘密\t"));
    assert!(lines
        .iter()
        .any(|l| l.starts_with("\t\t2.其他法律行政法规禁止公开\t")));
    let note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
    assert!(
        text.contains(&format!("{note}\t\t\t申请人情况{}\n", "\t".repeat(6))),
        "{text}"
    );
    assert!(text.contains("\n\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n"));
    let litigation = format!("行政复议\t\t\t\t\t行政诉讼{}\n", "\t".repeat(9));
    assert!(text.contains(&litigation), "{text}");
}

/// Refused without inflating them; their time is held to a budget by `npm run bench`
/// (`tests/layouts/hard.rs`).
#[test]
fn zip_bombs_are_refused_without_inflating_them() {
    let sanity = miniz_oxide::inflate::decompress_to_vec(&deflated_zeros(100_000)).expect("valid");
    assert_eq!(sanity, vec![0; 100_000]);
    assert!(deflated_zeros(BOMB_ZEROS).len() < 2 * 1024 * 1024);
    assert_eq!(
        check(&honest_bomb()).map(|_| ()),
        Err(Error::EntryTooLarge {
            bytes: BOMB_ZEROS as u64
        })
    );
    assert_eq!(check(&lying_bomb()).map(|_| ()), Err(Error::Bomb));
    // Highly compressed but within the size cap: refused by its ratio.
    assert_eq!(check(&dense_zip()).map(|_| ()), Err(Error::Bomb));
}

#[test]
fn truncated_copies_say_the_file_is_incomplete() {
    let (_, bytes) = report_docx();
    for prefix in prefixes(&bytes) {
        let len = prefix.len();
        let err = check(&prefix).map(|_| ()).expect_err("a prefix is refused");
        let expected = if len < 2 {
            Error::NotZip
        } else {
            Error::Truncated
        };
        assert_eq!(err, expected, "prefix of {len} bytes");
        assert!(err.to_string().contains('请'));
    }
}

#[test]
fn damaged_and_random_bytes_give_an_error_not_a_panic() {
    let (_, bytes) = report_docx();
    // A copy with bytes changed may still read (a flipped byte in a name); it must not panic.
    // Every third copy is cut short, and that is always said.
    for (i, damaged) in damaged_copies(vec![bytes], DOCX_DAMAGE_SEED, 300, 8).enumerate() {
        let result = check(&damaged).map(|_| ());
        if i % 3 == 0 {
            let cut = matches!(result, Err(Error::Truncated | Error::NotZip));
            assert!(cut, "copy {i} of {} bytes: {result:?}", damaged.len());
        }
    }
    for (i, random) in random_zips(DOCX_DAMAGE_SEED, 300).enumerate() {
        assert!(check(&random).is_err(), "random zip {i}");
    }
}

#[test]
fn other_files_are_named() {
    let xlsx = zip(&[Entry {
        name: "xl/workbook.xml",
        data: b"<workbook/>",
        deflate: true,
    }]);
    assert_eq!(
        check(&xlsx).map(|_| ()),
        Err(Error::OtherOffice(Office::Excel))
    );
    let plain = zip(&[Entry {
        name: "报告.txt",
        data: "一、总体情况".as_bytes(),
        deflate: false,
    }]);
    assert_eq!(check(&plain).map(|_| ()), Err(Error::NoDocument));
    let doc = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0";
    assert_eq!(check(doc).map(|_| ()), Err(Error::OldWord));
    assert_eq!(check(b"%PDF-1.7\n%\xE2\xE3").map(|_| ()), Err(Error::Pdf));
    assert!(Error::OtherOffice(Office::Excel)
        .to_string()
        .contains("Excel"));
}
