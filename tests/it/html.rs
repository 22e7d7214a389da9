//! HTML input: the clipboard's `text/html` from Word, WPS and a published web page, read through
//! `check_html` with every cell exactly as the fixture wrote it; and malformed HTML that never
//! panics.
//!
//! The fixtures in `tests/fixtures/html/` are written by hand after what each program emits:
//! `word-2016.html` (Word's clipboard HTML: `mso-` styles, `<o:p>`, conditional comments, a list
//! number in `<![if !supportLists]>`, hidden text, the misaligned-columns spacer row),
//! `wps.html` (quoted attributes, `<colgroup>`, `x:str`/`x:num`, `<br/>` inside labels,
//! full-width indentation) and `web-cms.html` (a TRS_Editor article: `<th>` headers, section
//! 二 as four small tables, entities, unclosed `<p>`s). All three carry the numbers below; the
//! WPS one writes section 四's 行政复议 总计 as 5, not 4.

use nianbao::report::{Number, Report};
use nianbao::{check_html, Options};

use crate::fixture;

/// Section 二 as written: 规章 and 行政规范性文件 (制发, 废止, 现行有效), then 行政许可,
/// 行政处罚, 行政强制 and 行政事业性收费 (万元).
const S2: [(&str, &[f64]); 6] = [
    ("regulations", &[1.0, 0.0, 5.0]),
    ("normative_docs", &[3.0, 1.0, 12.0]),
    ("licensing", &[156.0]),
    ("penalty", &[23.0]),
    ("coercion", &[2.0]),
    ("fees", &[1.2]),
];

/// Section 三 as written, 25 rows × (自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构,
/// 其他, 总计), in template order.
const S3: [[i64; 7]; 25] = [
    [62, 12, 1, 2, 7, 1, 85],
    [3, 0, 1, 0, 0, 0, 4],
    [30, 6, 1, 2, 3, 0, 42],
    [5, 1, 0, 0, 1, 0, 7],
    [1, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 1],
    [2, 1, 0, 0, 0, 0, 3],
    [0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 1, 0, 2],
    [0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 1],
    [8, 2, 0, 0, 1, 0, 11],
    [2, 0, 0, 0, 0, 0, 2],
    [1, 0, 1, 0, 0, 0, 2],
    [3, 0, 0, 0, 0, 1, 4],
    [2, 1, 0, 0, 0, 0, 3],
    [0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 0],
    [2, 0, 0, 0, 0, 0, 2],
    [0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 1],
    [61, 11, 2, 2, 6, 1, 83],
    [4, 1, 0, 0, 1, 0, 6],
];

/// Section 四 as written: 行政复议, 未经复议直接起诉, 复议后起诉, each (结果维持, 结果纠正,
/// 其他结果, 尚未审结, 总计).
const S4: [i64; 15] = [2, 1, 0, 1, 4, 1, 0, 0, 1, 2, 0, 1, 0, 0, 1];

/// The WPS fixture's section 四: 行政复议 总计 written as 5.
const S4_WPS: [i64; 15] = [2, 1, 0, 1, 5, 1, 0, 0, 1, 2, 0, 1, 0, 0, 1];

const FIXTURES: [&str; 3] = ["word-2016.html", "wps.html", "web-cms.html"];

fn report(name: &str) -> (String, Report) {
    let html = fixture(&format!("html/{name}"));
    let report = check_html(
        &html,
        &Options {
            utf16: true,
            ..Default::default()
        },
    );
    (html, report)
}

fn as_f64(n: Option<Number>) -> Option<f64> {
    n.map(|n| match n {
        Number::Int(i) => i as f64,
        Number::Dec(d) => d,
    })
}

/// Every span in the report, with where it was found.
fn spans(r: &Report) -> Vec<(String, u32, u32)> {
    let mut out = Vec::new();
    let mut add = |what: &str, loc: Option<&nianbao::span::Location>| {
        if let Some(l) = loc {
            out.push((what.to_string(), l.start, l.end));
        }
    };
    add("title", r.outline.title_span.as_ref());
    for s in &r.outline.sections {
        add("section", s.span.as_ref());
    }
    for row in r.tables.s2.rows.iter().chain(&r.tables.s3.rows) {
        add(row.key, row.span.as_ref());
        row.cells.iter().for_each(|c| add(row.key, c.as_ref()));
    }
    r.tables.s4.cells.iter().for_each(|c| add("s4", c.as_ref()));
    for d in &r.diagnostics {
        add(d.rule, d.span.as_ref());
        d.related.iter().for_each(|l| add(d.rule, Some(l)));
    }
    out
}

#[test]
fn every_fixture_has_six_sections_and_is_read_from_html() {
    for name in FIXTURES {
        let (_, r) = report(name);
        let source = r.source.as_ref().expect("HTML input carries its text");
        assert_eq!(source.kind, "html", "{name}");
        let found: Vec<u8> = r
            .outline
            .sections
            .iter()
            .filter(|s| s.found)
            .map(|s| s.number)
            .collect();
        assert_eq!(found, [1, 2, 3, 4, 5, 6], "{name}:\n{}", source.text);
        assert_eq!(
            r.outline.title.as_deref(),
            Some("青山县统计局2024年政府信息公开工作年度报告"),
            "{name}"
        );
        assert_eq!(r.outline.year, Some(2024), "{name}");
    }
}

#[test]
fn every_cell_is_read_exactly_as_written() {
    for name in FIXTURES {
        let (_, r) = report(name);
        let text = &r.source.as_ref().expect("source").text;
        for (key, want) in S2 {
            let row = r.tables.s2.rows.iter().find(|row| row.key == key);
            let got: Vec<Option<f64>> = row
                .map(|row| row.values.iter().map(|&v| as_f64(v)).collect())
                .unwrap_or_default();
            let want: Vec<Option<f64>> = want.iter().map(|&v| Some(v)).collect();
            assert_eq!(got, want, "{name}: s2 {key}\n{text}");
        }
        let s3: Vec<Vec<Option<i64>>> = r
            .tables
            .s3
            .rows
            .iter()
            .map(|row| {
                row.values
                    .iter()
                    .map(|v| v.and_then(Number::as_int))
                    .collect()
            })
            .collect();
        let want: Vec<Vec<Option<i64>>> = S3
            .iter()
            .map(|row| row.iter().map(|&v| Some(v)).collect())
            .collect();
        assert_eq!(s3, want, "{name}: s3\n{text}");
        let s4: Vec<Option<i64>> = r
            .tables
            .s4
            .values
            .iter()
            .map(|v| v.and_then(Number::as_int))
            .collect();
        let want = if name == "wps.html" { S4_WPS } else { S4 };
        assert_eq!(s4, want.map(Some), "{name}: s4\n{text}");
    }
}

#[test]
fn clean_tables_give_no_table_findings() {
    for name in FIXTURES {
        let (_, r) = report(name);
        let bad: Vec<String> = r
            .diagnostics
            .iter()
            .filter(|d| ["T001", "T002", "T005", "T009", "T011"].contains(&d.rule))
            .map(|d| format!("{} {}", d.rule, d.message))
            .collect();
        assert_eq!(bad, Vec::<String>::new(), "{name}");
    }
}

#[test]
fn arithmetic_findings_are_exactly_the_deliberate_one() {
    use nianbao::report::Value;
    for name in FIXTURES {
        let (_, r) = report(name);
        let text = &r.source.as_ref().expect("source").text;
        let arithmetic: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.rule.starts_with('A'))
            .collect();
        if name != "wps.html" {
            assert!(arithmetic.is_empty(), "{name}: {arithmetic:?}");
            continue;
        }
        assert_eq!(arithmetic.len(), 1, "{name}: {arithmetic:?}");
        let d = arithmetic[0];
        assert_eq!(d.rule, "A007");
        assert_eq!(d.expected, Some(Value::Int(4)));
        assert_eq!(d.actual, Some(Value::Int(5)));
        // The finding points at the 5 in section 四's row, and that is the cell it was read from.
        let span = d.span.expect("A007 has a place");
        assert_eq!(text.get(span.start as usize..span.end as usize), Some("5"));
        assert_eq!(r.tables.s4.cells[4], Some(span));
    }
}

#[test]
fn spans_lie_in_the_source_text_on_char_boundaries() {
    for name in FIXTURES {
        let (_, r) = report(name);
        assert!(spans(&r).len() > 200, "{name}: {} spans", spans(&r).len());
        assert_spans_inside(&r, name);
    }
}

/// Every span of `r` lies in its source text, on char boundaries.
fn assert_spans_inside(r: &Report, what: &str) {
    let text = &r.source.as_ref().expect("source").text;
    for (rule, start, end) in spans(r) {
        let (start, end) = (start as usize, end as usize);
        let inside = start <= end && end <= text.len();
        assert!(
            inside && text.is_char_boundary(start) && text.is_char_boundary(end),
            "{what}: {rule} {start}..{end}"
        );
    }
}

#[test]
fn section_three_cells_point_at_their_numbers() {
    for name in FIXTURES {
        let (_, r) = report(name);
        let text = &r.source.as_ref().expect("source").text;
        for (row, want) in r.tables.s3.rows.iter().zip(S3) {
            for (cell, want) in row.cells.iter().zip(want) {
                let cell = cell.expect("every cell located");
                assert_eq!(
                    text.get(cell.start as usize..cell.end as usize),
                    Some(want.to_string().as_str()),
                    "{name}: {}",
                    row.key
                );
            }
        }
    }
}

#[test]
fn hidden_and_head_content_never_reach_the_text() {
    let (_, r) = report("word-2016.html");
    let text = &r.source.as_ref().expect("source").text;
    for hidden in [
        "隐藏的修订说明",
        "Normal",
        "mso-",
        "宋体",
        "StartFragment",
        "o:p",
    ] {
        assert!(!text.contains(hidden), "{hidden} in\n{text}");
    }
    // The list number Word keeps in a downlevel-revealed block stays.
    assert!(text.contains("（二）依申请公开。"), "{text}");
}

/// A tiny deterministic PRNG (xorshift64*), so failures name a reproducible seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

fn tag_soup(seed: u64) -> String {
    const PIECES: &[&str] = &[
        "<table>",
        "</table>",
        "<tr>",
        "</tr>",
        "<td>",
        "</td>",
        "<th colspan=2>",
        "<td rowspan='3'>",
        "<td colspan=\"0\">",
        "<td rowspan=99999>",
        "<tbody>",
        "</tbody>",
        "<p>",
        "</p>",
        "<p style='display:none'>",
        "<span style=\"mso-hide:all\">",
        "</span>",
        "<div>",
        "</div>",
        "<br>",
        "</br>",
        "<pre>",
        "</pre>",
        "<o:p>",
        "</o:p>",
        "<o:p/>",
        "<!--",
        "-->",
        "<!--[if gte mso 9]>",
        "<![endif]-->",
        "<![if !supportLists]>",
        "<![endif]>",
        "<![CDATA[",
        "]]>",
        "<!DOCTYPE html>",
        "<?xml version='1.0'?>",
        "<style>",
        "</style>",
        "<script>",
        "</script>",
        "<head>",
        "</head>",
        "<body>",
        "<xml>",
        "</xml>",
        "&nbsp;",
        "&amp",
        "&#x56FD;",
        "&#99999999;",
        "&#",
        "&ldquo;",
        "<",
        ">",
        "\"",
        "'",
        "=",
        "\n",
        " ",
        "\u{3000}",
        "一、总体情况",
        "三、本年度办理结果",
        "（七）总计",
        "0",
        "12",
        "1,234",
        "\t",
        "<caption>",
        "<colgroup><col width=3>",
        "<template>",
        "<a href=x",
        "<td x:str",
        "</td x>",
        "</>",
        "</ p>",
        "<P CLASS=MsoNormal>",
        "中",
        "é",
    ];
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let len = 50 + rng.next() % 400;
    (0..len).map(|_| rng.pick(PIECES)).collect()
}

fn assert_sound(html: &str, what: &str) {
    let r = check_html(
        html,
        &Options {
            utf16: true,
            ..Default::default()
        },
    );
    assert_spans_inside(&r, what);
}

#[test]
fn random_tag_soup_never_panics() {
    for seed in 0..400 {
        let html = tag_soup(seed);
        let result = std::panic::catch_unwind(|| assert_sound(&html, &format!("seed {seed}")));
        assert!(result.is_ok(), "tag soup seed {seed}:\n{html}");
    }
}

#[test]
fn truncated_fixtures_never_panic() {
    for name in FIXTURES {
        let html = fixture(&format!("html/{name}"));
        let mut cut = 0;
        while cut < html.len() {
            let end = (0..4)
                .map(|k| cut + k)
                .find(|&i| html.is_char_boundary(i))
                .unwrap_or(html.len());
            assert_sound(&html[..end], &format!("{name} cut at {end}"));
            cut += 97;
        }
    }
}
