//! Writes a [`Filled`] report as text in one [`Layout`].
//!
//! The tables are first built as grids of cells (`Grid`): `Some(text)` is a cell as a browser
//! copy emits it (possibly empty), `None` is a grid position covered by a merged cell. Most
//! layouts are a serialisation of the grids (tab-separated, one cell per line, space-aligned,
//! one long line); the PDF and Markdown layouts are written by hand after the extractions in
//! `tests/fixtures/reports/`.

use super::{Filled, Format, Layout, Rng};
use nianbao::template::{
    S2_CONTENT_HEADER, S2_FEE_KEY, S2_GROUPS, S2_GROUPS_2019, S3_COLUMNS, S3_GROUP_LABELS,
    S3_HEADER_EXTRAS, S3_OLD_OTHER, S3_OTHER_RANGE, S3_ROWS, S4_GROUPS, S4_HEADER_WORDS,
    S4_RESULT_LABELS, SECTIONS,
};

/// How an empty (zero) cell is written.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Zero {
    Digit,
    /// `—`, `-`, `/` or `无` for most zeros.
    Marks,
    /// Nothing at all for most zeros.
    Empty,
}

/// How numbers are written.
#[derive(Clone, Copy, Debug)]
struct Style {
    full_width: bool,
    thousands: bool,
    zero: Zero,
}

const PLAIN: Style = Style {
    full_width: false,
    thousands: false,
    zero: Zero::Digit,
};

/// Where the merged leading cells of section 三 (`三、本年度办理结果`, `（三）不予公开`…) go.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Merged {
    /// On the first row of their group only, as a browser copy gives them.
    FirstOnly,
    Repeated,
    Absent,
    OwnLine,
}

/// Arrangements of section 四's two-level header.
#[derive(Clone, Copy, Debug)]
enum Header4 {
    /// The browser copy of the template (spec §6).
    Browser,
    /// Group names, then the sub-group names, then all 15 labels on one line.
    FlatLabels,
    /// One small block per group: its name, its five labels, its five numbers.
    Groups,
    /// Every label split in two and stacked one piece per line (PDF raw text).
    Stacked,
}

/// Writes the report.
pub fn render(f: &Filled, layout: Layout, rng: &mut Rng) -> String {
    let style = match layout {
        Layout::FullWidthDigits => Style {
            full_width: true,
            ..PLAIN
        },
        Layout::Thousands => Style {
            thousands: true,
            ..PLAIN
        },
        Layout::BlankMarks => Style {
            zero: Zero::Marks,
            ..PLAIN
        },
        Layout::BlankEmpty => Style {
            zero: Zero::Empty,
            ..PLAIN
        },
        _ => PLAIN,
    };
    let t = Texts::new(f, style, rng);
    let tab = |g: Grid| tabbed(&g, "\t");
    let (s2, s3, s4, head) = match layout {
        Layout::CellPerLine => (
            cell_per_line(&t.grid2()),
            cell_per_line(&t.grid3(Merged::FirstOnly)),
            cell_per_line(&t.grid4(Header4::Browser)),
            "",
        ),
        Layout::SpaceAligned => (
            aligned(&t.grid2()),
            aligned(&t.grid3(Merged::FirstOnly)),
            aligned(&t.grid4(Header4::Browser)),
            "",
        ),
        Layout::WrappedLabels => (
            tab(t.grid2()),
            wrapped(&t, rng),
            tab(t.grid4(Header4::Browser)),
            "",
        ),
        Layout::StackedHeaders => (
            tab(t.grid2()),
            stacked3(&t, rng),
            tab(t.grid4(Header4::Stacked)),
            "",
        ),
        Layout::MergedRepeated => (
            tab(t.grid2()),
            tab(t.grid3(Merged::Repeated)),
            tab(t.grid4(Header4::Browser)),
            "",
        ),
        Layout::MergedAbsent => (
            tab(t.grid2()),
            tab(t.grid3(Merged::Absent)),
            tab(t.grid4(Header4::Browser)),
            "",
        ),
        Layout::MergedOwnLine => (
            tab(t.grid2()),
            tab(t.grid3(Merged::OwnLine)),
            tab(t.grid4(Header4::Browser)),
            "",
        ),
        Layout::S4Headers => {
            let arrangement = *rng.pick(&[
                Header4::Browser,
                Header4::FlatLabels,
                Header4::Groups,
                Header4::Stacked,
            ]);
            (
                tab(t.grid2()),
                tab(t.grid3(Merged::FirstOnly)),
                tab(t.grid4(arrangement)),
                "",
            )
        }
        Layout::CrlfNbsp => (
            nbsp(&t.grid2(), rng),
            nbsp(&t.grid3(Merged::FirstOnly), rng),
            nbsp(&t.grid4(Header4::Browser), rng),
            "",
        ),
        Layout::OneLine => (
            one_line(&t.grid2()),
            one_line(&t.grid3(Merged::FirstOnly)),
            one_line(&t.grid4(Header4::Browser)),
            "",
        ),
        Layout::Markdown => (markdown2(&t), markdown3(&t, rng), markdown4(&t), "## "),
        Layout::PdfRaw => (pdf_raw2(&t, rng), pdf_raw3(&t, rng), pdf_raw4(&t), ""),
        Layout::PdfLayout => (
            aligned(&t.grid2()),
            pdf_layout3(&t, rng),
            pdf_layout4(&t),
            "",
        ),
        Layout::PdfBlocks => (blocks2(&t, rng), blocks3(&t, rng), blocks4(&t, rng), ""),
        Layout::DisplacedLabels => (
            tab(t.grid2()),
            displaced3(&t, rng),
            tab(t.grid4(Header4::Browser)),
            "",
        ),
        Layout::MarkdownUnlabelled => (
            markdown2(&t),
            markdown_unlabelled3(&t, rng),
            markdown4(&t),
            "## ",
        ),
        _ => (
            tab(t.grid2()),
            tab(t.grid3(Merged::FirstOnly)),
            tab(t.grid4(Header4::Browser)),
            "",
        ),
    };
    let text = document(f, head, [s2, s3, s4]);
    if layout == Layout::CrlfNbsp {
        text.replace('\n', "\r\n")
    } else {
        text
    }
}

// ---------------------------------------------------------------------------------------------
// The document around the tables

fn document(f: &Filled, head: &str, tables: [String; 3]) -> String {
    document_with(f, head, tables)
}

/// The report's text around its three tables, headings prefixed with `head`.
pub(super) fn document_with(f: &Filled, head: &str, [s2, s3, s4]: [String; 3]) -> String {
    let y = f.year;
    let h = |i: usize| format!("{head}{}\n", SECTIONS[i].heading);
    let mut out = format!("{}{y}年政府信息公开工作年度报告\n\n", f.agency);
    out += &format!("本报告根据《中华人民共和国政府信息公开条例》编制，所列数据统计期限自{y}年1月1日起至{y}年12月31日止。\n");
    out += &h(0);
    out += &format!(
        "{y}年，本机关认真贯彻落实《条例》，全年主动公开政府信息{}条，依申请公开工作规范有序。\n",
        100 + y % 97
    );
    out += &h(1);
    out += &s2;
    out += "\n";
    out += &h(2);
    out += &s3;
    out += "\n";
    out += &h(3);
    out += &s4;
    out += "\n";
    out += &h(4);
    out += &format!(
        "{y}年政府信息公开工作仍存在公开内容不够丰富等问题，下一步将加强培训、完善制度。\n"
    );
    out += &h(5);
    out += "本年度未收取信息处理费。\n";
    out
}

// ---------------------------------------------------------------------------------------------
// Numbers

fn number(v: i64, st: Style, rng: &mut Rng) -> String {
    if v == 0 {
        match st.zero {
            Zero::Marks if rng.chance(70) => return rng.pick(&["—", "-", "/", "无"]).to_string(),
            Zero::Empty if rng.chance(70) => return String::new(),
            _ => {}
        }
    }
    let mut digits = v.unsigned_abs().to_string();
    if st.thousands && v.abs() >= 1000 {
        digits = group_thousands(&digits);
    }
    let text = if v < 0 { format!("-{digits}") } else { digits };
    if st.full_width {
        full_width(&text)
    } else {
        text
    }
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c),
            '.' => '．',
            c => c,
        })
        .collect()
}

/// An amount in ten-thousandths of 万元, without trailing zeros.
fn amount(v: i64, st: Style, rng: &mut Rng) -> String {
    let (whole, frac) = (v / 10_000, v % 10_000);
    if frac == 0 {
        return number(whole, st, rng);
    }
    let whole = if whole == 0 {
        "0".to_string()
    } else {
        number(
            whole,
            Style {
                zero: Zero::Digit,
                ..st
            },
            rng,
        )
    };
    let frac = format!("{frac:04}");
    let text = format!("{whole}.{}", frac.trim_end_matches('0'));
    if st.full_width {
        full_width(&text)
    } else {
        text
    }
}

// ---------------------------------------------------------------------------------------------
// The tables as texts

/// Section 二 as written: groups of (caption, column headers, rows).
pub(super) struct Group2 {
    pub caption: &'static str,
    pub columns: Vec<&'static str>,
    pub rows: Vec<(&'static str, Vec<String>)>,
}

/// A section 三 row as written, with the merged labels it stands under.
pub(super) struct Row3 {
    pub outer: Option<&'static str>,
    pub inner: Option<&'static str>,
    pub label: &'static str,
    pub cells: Vec<String>,
}

/// A table as grid positions: `Some` is a cell, `None` a position covered by a merged cell.
type Grid = Vec<Vec<Option<String>>>;

/// The cells of the three tables as written.
pub(super) struct Texts {
    pub s2: Vec<Group2>,
    pub s3: Vec<Row3>,
    pub s4: Vec<String>,
}

impl Texts {
    /// The cells as a document with real tables holds them: zeros often left empty.
    pub(super) fn for_grid(f: &Filled, rng: &mut Rng) -> Texts {
        let style = Style {
            zero: Zero::Empty,
            ..PLAIN
        };
        Texts::new(f, style, rng)
    }

    /// The cells with every zero written as 0, as some reports fill their tables.
    pub(super) fn with_zeros(f: &Filled, rng: &mut Rng) -> Texts {
        Texts::new(f, PLAIN, rng)
    }

    fn new(f: &Filled, st: Style, rng: &mut Rng) -> Texts {
        let mut num = |v: &i64| number(*v, st, rng);
        let s3 = s3_rows(f)
            .into_iter()
            .map(|(row, values)| Row3 {
                cells: values.iter().map(&mut num).collect(),
                ..row
            })
            .collect();
        let s4 = f.s4.iter().map(&mut num).collect();
        let s2 = groups(f, st, rng);
        Texts { s2, s3, s4 }
    }

    fn grid2(&self) -> Grid {
        let mut g = Grid::new();
        for group in &self.s2 {
            g.push(spanned(vec![Some(group.caption.to_string())], 4));
            let mut head = vec![Some(S2_CONTENT_HEADER.to_string())];
            head.extend(group.columns.iter().map(|c| Some(c.to_string())));
            g.push(spanned(head, 4));
            for (label, cells) in &group.rows {
                let mut line = vec![Some(label.to_string())];
                line.extend(cells.iter().cloned().map(Some));
                g.push(spanned(line, 4));
            }
        }
        g
    }

    fn grid3(&self, merged: Merged) -> Grid {
        let text = |s: &str| Some(s.to_string());
        let mut g: Grid = vec![
            spanned(
                vec![
                    text(S3_HEADER_EXTRAS[0]),
                    None,
                    None,
                    text(S3_HEADER_EXTRAS[1]),
                ],
                10,
            ),
            vec![
                Some(String::new()),
                None,
                None,
                text(S3_COLUMNS[0]),
                text(S3_HEADER_EXTRAS[2]),
                None,
                None,
                None,
                None,
                text(S3_COLUMNS[6]),
            ],
        ];
        let mut third = vec![Some(String::new()), None, None, Some(String::new())];
        third.extend(S3_COLUMNS[1..6].iter().map(|c| text(c)));
        third.push(Some(String::new()));
        g.push(third);
        let mut previous: (Option<&str>, Option<&str>) = (None, None);
        for row in &self.s3 {
            let first_outer = row.outer.is_some() && row.outer != previous.0;
            let first_inner = row.inner.is_some() && row.inner != previous.1;
            previous = (row.outer, row.inner);
            let show = |label: Option<&str>, first: bool| match merged {
                Merged::FirstOnly if first => label.map(str::to_string),
                Merged::FirstOnly => label.map(|_| String::new()),
                Merged::Repeated => label.map(str::to_string),
                Merged::Absent | Merged::OwnLine => None,
            };
            if merged == Merged::OwnLine {
                for (label, first) in [(row.outer, first_outer), (row.inner, first_inner)] {
                    if let (Some(l), true) = (label, first) {
                        g.push(spanned(vec![text(l)], 10));
                    }
                }
            }
            let mut stub: Vec<Option<String>> =
                [show(row.outer, first_outer), show(row.inner, first_inner)]
                    .into_iter()
                    .flatten()
                    .map(Some)
                    .collect();
            stub.push(text(row.label));
            let mut line = spanned(stub, 3);
            line.extend(row.cells.iter().cloned().map(Some));
            g.push(line);
        }
        g
    }

    fn grid4(&self, arrangement: Header4) -> Grid {
        let text = |s: &str| Some(s.to_string());
        let [review, litigation, direct, after, ..] = S4_HEADER_WORDS else {
            unreachable!()
        };
        let labels = || S4_RESULT_LABELS.iter().map(|l| text(l));
        let values = |range: std::ops::Range<usize>| {
            self.s4[range].iter().cloned().map(Some).collect::<Vec<_>>()
        };
        match arrangement {
            Header4::Browser => {
                let mut second: Vec<_> = labels().collect();
                second.extend([text(direct), text(after)]);
                vec![
                    vec![text(review), text(litigation)],
                    second,
                    labels().chain(labels()).collect(),
                    values(0..15),
                ]
            }
            Header4::FlatLabels => vec![
                vec![text(review), text(litigation)],
                vec![text(direct), text(after)],
                labels().chain(labels()).chain(labels()).collect(),
                values(0..15),
            ],
            Header4::Groups => (0..3)
                .flat_map(|g| {
                    [
                        vec![text(S4_GROUPS[g])],
                        labels().collect(),
                        values(g * 5..g * 5 + 5),
                    ]
                })
                .collect(),
            Header4::Stacked => {
                let mut g = vec![vec![text(review), text(litigation)]];
                let stacked = |g: &mut Grid| {
                    for l in S4_RESULT_LABELS {
                        g.extend(pieces(l).into_iter().map(|p| vec![Some(p)]));
                    }
                };
                stacked(&mut g);
                g.push(vec![text(direct), text(after)]);
                stacked(&mut g);
                stacked(&mut g);
                g.push(values(0..15));
                g
            }
        }
    }
}

/// `cells` followed by `None` up to `width` positions.
fn spanned(mut cells: Vec<Option<String>>, width: usize) -> Vec<Option<String>> {
    while cells.len() < width {
        cells.push(None);
    }
    cells
}

/// A header label cut into pieces of two characters, as narrow PDF cells print it.
fn pieces(label: &str) -> Vec<String> {
    let chars: Vec<char> = label.chars().collect();
    chars.chunks(2).map(|c| c.iter().collect()).collect()
}

fn s3_rows(f: &Filled) -> Vec<(Row3, [i64; 7])> {
    let results = S3_GROUP_LABELS[0];
    let mut out = Vec::new();
    for (r, def) in S3_ROWS.iter().enumerate() {
        let old = f.format == Format::Y2019 && S3_OTHER_RANGE.contains(&r);
        if old && r != S3_OTHER_RANGE.start {
            continue;
        }
        let (outer, inner) = match def.group {
            None => (None, None),
            Some(g) if g == results || old => (Some(results), None),
            Some(g) => (Some(results), Some(g)),
        };
        let label = if old { S3_OLD_OTHER.label } else { def.label };
        let row = Row3 {
            outer,
            inner,
            label,
            cells: Vec::new(),
        };
        out.push((row, f.s3[r]));
    }
    out
}

/// Section 二 of the report's format, its numbers written in `st`.
fn groups(f: &Filled, st: Style, rng: &mut Rng) -> Vec<Group2> {
    let template: &[nianbao::template::Group2] = match f.format {
        Format::Y2021 => &S2_GROUPS,
        Format::Y2019 => &S2_GROUPS_2019,
    };
    let mut values = f.s2.iter();
    template
        .iter()
        .map(|g| Group2 {
            caption: g.caption,
            columns: g.columns.to_vec(),
            rows: g
                .rows
                .iter()
                .map(|row| {
                    let v = values.next().map(Vec::as_slice).unwrap_or(&[]);
                    let fee = f.format == Format::Y2021 && row.key == S2_FEE_KEY;
                    let cells = v
                        .iter()
                        .map(|x| {
                            if fee {
                                amount(*x, st, rng)
                            } else {
                                number(*x, st, rng)
                            }
                        })
                        .collect();
                    (row.label, cells)
                })
                .collect(),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Serialisations of a grid

fn tabbed(g: &Grid, sep: &str) -> String {
    g.iter()
        .map(|line| line.iter().flatten().cloned().collect::<Vec<_>>().join(sep) + "\n")
        .collect()
}

/// Seed 000: every cell on its own line after a tab, a blank line after each row.
fn cell_per_line(g: &Grid) -> String {
    g.iter()
        .map(|line| {
            line.iter()
                .flatten()
                .map(|c| format!("\t{c}\n"))
                .collect::<String>()
                + "\n"
        })
        .collect()
}

/// All cells of the table on one line, separated by single spaces.
fn one_line(g: &Grid) -> String {
    let cells: Vec<&String> = g
        .iter()
        .flatten()
        .flatten()
        .filter(|c| !c.is_empty())
        .collect();
    cells
        .iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(" ")
        + "\n"
}

/// Display width: CJK and full-width characters count two columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
        .sum()
}

/// Columns padded with spaces to a common width; a merged cell uses the width of the positions
/// it covers.
fn aligned(g: &Grid) -> String {
    let columns = g.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; columns];
    for line in g {
        for (i, cell) in line.iter().enumerate() {
            let spans = line.get(i + 1).is_some_and(Option::is_none);
            if let (Some(c), false) = (cell, spans) {
                widths[i] = widths[i].max(width(c));
            }
        }
    }
    let mut out = String::new();
    for line in g {
        let mut text = String::new();
        let mut target: usize = 0;
        for (i, cell) in line.iter().enumerate() {
            if let Some(c) = cell {
                let pad =
                    target
                        .saturating_sub(width(&text))
                        .max(if text.is_empty() { 0 } else { 2 });
                text += &" ".repeat(pad);
                text += c;
            }
            target += widths[i] + 2;
        }
        out += text.trim_end();
        out += "\n";
    }
    out
}

/// Cells separated by a tab or by no-break spaces; a no-break space inside some labels.
fn nbsp(g: &Grid, rng: &mut Rng) -> String {
    let mut out = String::new();
    for line in g {
        let cells: Vec<String> = line
            .iter()
            .flatten()
            .map(|c| {
                let chars: Vec<char> = c.chars().collect();
                if chars.len() > 3 && chars.iter().all(|c| !c.is_ascii_digit()) && rng.chance(30) {
                    let at = 1 + rng.below(chars.len() - 2);
                    chars[..at]
                        .iter()
                        .chain(['\u{a0}'].iter())
                        .chain(chars[at..].iter())
                        .collect()
                } else {
                    c.clone()
                }
            })
            .collect();
        let sep = if rng.chance(50) { "\t" } else { "\u{a0}\u{a0}" };
        out += &cells.join(sep);
        out += "\n";
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Seed 004 and stacked headers

/// Splits a label into 1–3 fragments at character boundaries, long labels only.
fn fragments(label: &str, rng: &mut Rng) -> Vec<String> {
    let chars: Vec<char> = label.chars().collect();
    if chars.len() < 10 {
        return vec![label.to_string()];
    }
    let parts = if chars.len() > 24 { 3 } else { 2 };
    let mut cuts: Vec<usize> = (1..parts)
        .map(|k| k * chars.len() / parts + rng.below(3))
        .collect();
    cuts.dedup();
    let mut out = Vec::new();
    let mut from = 0;
    for cut in cuts.into_iter().chain([chars.len()]) {
        out.push(chars[from..cut].iter().collect());
        from = cut;
    }
    out
}

/// Section 三 as seed 004 gives it: long labels wrapped over lines with the numbers between
/// the fragments, the merged labels wrapped over the first lines of their group.
fn wrapped(t: &Texts, rng: &mut Rng) -> String {
    let mut out = tabbed(&t.grid3(Merged::Absent)[..3].to_vec(), "\t");
    let mut outer_left: Vec<String> = Vec::new();
    let mut previous: (Option<&str>, Option<&str>) = (None, None);
    for row in &t.s3 {
        if row.outer.is_some() && row.outer != previous.0 {
            outer_left = fragments(row.outer.unwrap_or_default(), rng);
        }
        let first_inner = row.inner.is_some() && row.inner != previous.1;
        previous = (row.outer, row.inner);
        let frags = fragments(row.label, rng);
        let numbers_after = rng.below(frags.len());
        for (k, frag) in frags.iter().enumerate() {
            let mut fields: Vec<String> = Vec::new();
            if row.outer.is_some() {
                fields.push(if outer_left.is_empty() {
                    String::new()
                } else {
                    outer_left.remove(0)
                });
            }
            if let Some(inner) = row.inner {
                fields.push(if first_inner && k == 0 {
                    inner.to_string()
                } else {
                    String::new()
                });
            }
            fields.push(frag.clone());
            if k == numbers_after {
                fields.extend(row.cells.iter().cloned());
            }
            out += &fields.join("\t");
            out += "\n";
        }
    }
    out
}

/// Section 三 with its column headers split and stacked, in one line with spaces or one piece
/// per line.
fn stacked3(t: &Texts, rng: &mut Rng) -> String {
    let mut out = format!("{}\t{}\n", S3_HEADER_EXTRAS[0], S3_HEADER_EXTRAS[1]);
    let headers = [S3_COLUMNS[0], S3_HEADER_EXTRAS[2], S3_COLUMNS[6]]
        .into_iter()
        .chain(S3_COLUMNS[1..6].iter().copied());
    for h in headers {
        let p = pieces(h);
        out += &if rng.chance(50) {
            p.join(" ")
        } else {
            p.join("\n")
        };
        out += "\n";
    }
    let body = t.grid3(Merged::FirstOnly);
    out + &tabbed(&body[3..].to_vec(), "\t")
}

// ---------------------------------------------------------------------------------------------
// Markdown as OCR tools write it (tests/fixtures/reports/shuyang-2025-ocr-markdown.txt)

/// `（三）不予公开` → `(三) 不予公开`, `1.属于国家秘密` → `1. 属于国家秘密`.
fn ocr_label(label: &str) -> String {
    let l = label
        .replace('（', "(")
        .replacen('）', ") ", 1)
        .replace('）', ")");
    match l.split_once('.') {
        Some((n, rest)) if n.len() == 1 => format!("{n}. {rest}"),
        _ => l,
    }
}

fn pipe(cells: &[String]) -> String {
    format!("| {} |\n", cells.join(" | "))
}

fn pipe_table(head: &[String], rows: &[Vec<String>]) -> String {
    let mut out = pipe(head);
    out += &format!("|{}\n", "---|".repeat(head.len()));
    for r in rows {
        out += &pipe(r);
    }
    out
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn markdown2(t: &Texts) -> String {
    let mut out = String::new();
    for g in &t.s2 {
        let mut head = vec![S2_CONTENT_HEADER.to_string()];
        head.extend(strings(&g.columns));
        let rows: Vec<Vec<String>> = g
            .rows
            .iter()
            .map(|(l, cells)| {
                std::iter::once(l.to_string())
                    .chain(cells.iter().cloned())
                    .collect()
            })
            .collect();
        out += &format!("\n### {}\n{}", g.caption, pipe_table(&head, &rows));
    }
    out
}

fn markdown3(t: &Texts, rng: &mut Rng) -> String {
    let mut out = format!(
        "\n{}\n",
        S3_HEADER_EXTRAS[0].replace('（', "(").replace('）', ")")
    );
    if rng.chance(50) {
        for who in [S3_COLUMNS[0], S3_HEADER_EXTRAS[2], S3_COLUMNS[6]] {
            out += &format!("\n### {} ({who})\n", S3_HEADER_EXTRAS[1]);
            out += &pipe_table(&strings(&["(数据项目)", "数量"]), &[strings(&["-", "-"])]);
        }
    }
    let filler: Vec<String> = std::iter::once("类别".to_string())
        .chain((1..=6).map(|i| format!("数据{i}")))
        .chain(["总计".to_string()])
        .collect();
    let mut i = 0;
    let mut outer_done = false;
    while i < t.s3.len() {
        let row = &t.s3[i];
        let group = row.inner;
        let n = if group.is_some() {
            t.s3[i..].iter().take_while(|r| r.inner == group).count()
        } else {
            1
        };
        if row.outer.is_some() && !outer_done {
            out += &format!("\n### {}\n", row.outer.unwrap_or_default());
            outer_done = true;
        }
        let heading = ocr_label(group.unwrap_or(row.label));
        let body = |r: &Row3| -> Vec<String> {
            let label = ocr_label(r.label);
            let label = if r.inner.is_none() {
                label
                    .split_once(['、', ' '])
                    .map_or(label.clone(), |(_, l)| l.trim().to_string())
            } else {
                label
            };
            std::iter::once(label)
                .chain(r.cells.iter().cloned())
                .collect()
        };
        let rows: Vec<Vec<String>> = t.s3[i..i + n].iter().map(body).collect();
        out += &format!("\n### {heading}\n");
        if n > 2 && rng.chance(30) {
            let split = 1 + rng.below(n - 1);
            out += &pipe_table(&filler, &rows[..split]);
            out += "\n";
            let other = strings(&[
                "项目",
                "本年新收件数",
                "上年结转件数",
                "予以公开",
                "部分公开",
                "不予公开",
                "结转下年度",
                "总计",
            ]);
            out += &pipe_table(&other, &rows[split..]);
        } else {
            out += &pipe_table(&filler, &rows);
        }
        i += n;
    }
    out
}

fn markdown4(t: &Texts) -> String {
    let mut out = String::new();
    for (g, name) in S4_GROUPS.iter().enumerate() {
        out += &format!("\n### {name}\n");
        out += &pipe_table(
            &strings(&S4_RESULT_LABELS),
            &[t.s4[g * 5..g * 5 + 5].to_vec()],
        );
    }
    out
}

// ---------------------------------------------------------------------------------------------
// PDF raw text (tests/fixtures/reports/hongze-2023-pdf-raw.txt)

fn page_marker(rng: &mut Rng) -> String {
    format!("\n- {} -\n", rng.range(2, 9))
}

fn pdf_raw2(t: &Texts, rng: &mut Rng) -> String {
    let mut lines = Vec::new();
    for g in &t.s2 {
        lines.push(g.caption.to_string());
        lines.push(format!("{} {}", S2_CONTENT_HEADER, g.columns.join(" ")));
        for (label, cells) in &g.rows {
            lines.push(format!("{label} {}", cells.join(" ")));
        }
    }
    let at = rng.below(lines.len());
    lines.insert(at, page_marker(rng));
    lines.join("\n") + "\n"
}

fn pdf_raw3(t: &Texts, rng: &mut Rng) -> String {
    let note: Vec<char> = S3_HEADER_EXTRAS[0].chars().collect();
    let cut = note.len() / 2 + rng.below(6);
    let mut lines = vec![
        note[..cut].iter().collect::<String>(),
        note[cut..].iter().collect(),
        S3_HEADER_EXTRAS[1].to_string(),
        S3_COLUMNS[0].to_string(),
        S3_HEADER_EXTRAS[2].to_string(),
        S3_COLUMNS[6].to_string(),
    ];
    for c in &S3_COLUMNS[1..6] {
        lines.extend(pieces(c));
    }
    // Some PDF tables repeat their header after a page break.
    let header = lines.clone();
    let repeat_header = rng.below(2) == 0;
    let marker_at = 2 + rng.below(t.s3.len() - 2);
    let mut previous: (Option<&str>, Option<&str>) = (None, None);
    for (i, row) in t.s3.iter().enumerate() {
        if i == marker_at {
            lines.push(page_marker(rng));
            if repeat_header {
                lines.extend(header.iter().cloned());
            }
        }
        if let (Some(outer), true) = (row.outer, row.outer != previous.0) {
            lines.extend(outer.chars().map(String::from));
        }
        if let (Some(inner), true) = (row.inner, row.inner != previous.1) {
            lines.push(inner.to_string());
        }
        previous = (row.outer, row.inner);
        let numbers = row.cells.join(" ");
        let chars: Vec<char> = row.label.chars().collect();
        if chars.len() > 20 {
            let cut = 12 + rng.below(chars.len() - 14);
            lines.push(chars[..cut].iter().collect());
            lines.push(chars[cut..].iter().collect());
            lines.push(numbers);
        } else {
            lines.push(format!("{} {numbers}", row.label));
        }
    }
    lines.join("\n") + "\n"
}

fn pdf_raw4(t: &Texts) -> String {
    tabbed(&t.grid4(Header4::Stacked), " ")
}

// ---------------------------------------------------------------------------------------------
// PDF -layout text (tests/fixtures/reports/hongze-2023-pdf-layout.txt)

fn spaced(label: &str) -> String {
    let chars: Vec<String> = label.chars().map(String::from).collect();
    chars.join(" ")
}

fn pdf_layout3(t: &Texts, rng: &mut Rng) -> String {
    let pad = |n: usize| " ".repeat(n);
    let note: Vec<char> = S3_HEADER_EXTRAS[0].chars().collect();
    let mut out = format!(
        "{}{}\n\n{}{}\n",
        pad(58),
        S3_HEADER_EXTRAS[1],
        pad(56),
        S3_HEADER_EXTRAS[2]
    );
    out += &format!(
        "{}\n{}\n",
        note[..24].iter().collect::<String>(),
        note[24..].iter().collect::<String>()
    );
    let p = |i: usize| pieces(S3_COLUMNS[i]);
    out += &format!(
        "{}{}{}{} {}{}{}\n",
        pad(45),
        S3_COLUMNS[0],
        pad(9),
        p(3)[0],
        p(4)[0],
        pad(16),
        S3_COLUMNS[6]
    );
    out += &format!("{}{} {}\n", pad(51), p(1)[0], p(2)[0]);
    out += &format!("{}{} {} {}\n", pad(57), p(3)[1], p(4)[1], S3_COLUMNS[5]);
    out += &format!("{}{} {}\n", pad(51), p(1)[1], p(2)[1]);
    out += &format!("{}{} {}\n\n", pad(57), p(3)[2], p(4)[2]);
    let numbers = |cells: &[String]| -> String {
        cells
            .iter()
            .map(|c| format!("{c:<5}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let group_len = |g: Option<&str>| t.s3.iter().filter(|r| r.inner == g).count();
    let outer_len = t.s3.iter().filter(|r| r.outer.is_some()).count();
    let (mut in_outer, mut in_inner) = (0, 0);
    let mut previous_inner = None;
    let marker_at = 4 + rng.below(t.s3.len() - 4);
    for (i, row) in t.s3.iter().enumerate() {
        if i == marker_at {
            out += &format!("\n{}-{}-\n\n", pad(70), rng.range(2, 9));
        }
        if row.inner != previous_inner {
            in_inner = 0;
            previous_inner = row.inner;
        }
        if let Some(inner) = row.inner {
            if in_inner == group_len(Some(inner)) / 2 {
                out += &format!("{}{inner}\n", pad(18));
            }
            in_inner += 1;
        }
        if let Some(outer) = row.outer {
            if in_outer == outer_len / 2 {
                out += &format!("\n {}\n\n", spaced(outer));
            }
            in_outer += 1;
        }
        let indent = match (row.outer, row.inner) {
            (None, _) => 0,
            (Some(_), None) => 18,
            (Some(_), Some(_)) => 28,
        };
        let label_width = width(row.label);
        if indent + label_width > 44 {
            let chars: Vec<char> = row.label.chars().collect();
            let cut = (44 - indent) / 2;
            out += &format!(
                "{}{}\n",
                pad(indent),
                chars[..cut].iter().collect::<String>()
            );
            out += &format!(
                "{}{}\n",
                pad(indent + 4 * rng.below(2)),
                chars[cut..].iter().collect::<String>()
            );
            out += &format!("{}{}\n", pad(46), numbers(&row.cells));
        } else {
            out += &format!(
                "{}{}{}{}\n",
                pad(indent),
                row.label,
                pad(46 - indent - label_width),
                numbers(&row.cells)
            );
        }
    }
    out
}

fn pdf_layout4(t: &Texts) -> String {
    let [review, litigation, direct, after, ..] = S4_HEADER_WORDS else {
        unreachable!()
    };
    let halves = |k: usize| -> String {
        S4_RESULT_LABELS
            .iter()
            .map(|l| pieces(l).get(k).cloned().unwrap_or_default())
            .collect::<Vec<_>>()
            .join("   ")
    };
    let mut out = format!("          {review}                              {litigation}\n\n");
    out += &format!("                              {direct}                  {after}\n\n");
    out += &format!("{}   {}   {}\n", halves(0), halves(0), halves(0));
    out += &format!("{}   {}   {}\n\n", halves(1), halves(1), halves(1));
    out += &t
        .s4
        .iter()
        .map(|c| format!("{c:<4}"))
        .collect::<Vec<_>>()
        .join(" ");
    out + "\n"
}

// ---------------------------------------------------------------------------------------------
// PDF reading-order blocks (tests/fixtures/reports/hongze-2023-pdf-blocks.txt): ambiguous

fn blocks2(t: &Texts, rng: &mut Rng) -> String {
    let mut out = String::new();
    for g in &t.s2 {
        out += &format!("{}\n{}\n\n", g.caption, S2_CONTENT_HEADER);
        for c in &g.columns {
            out += &format!("{c}\n\n");
        }
        for (label, cells) in &g.rows {
            if cells.len() == 1 && rng.chance(50) {
                out += &format!("{}\n\n{label}\n\n", cells[0]);
            } else {
                out += &format!("{label}\n\n");
                for c in cells {
                    out += &format!("{c}\n\n");
                }
            }
        }
    }
    out
}

fn blocks3(t: &Texts, rng: &mut Rng) -> String {
    let mut out = format!("{}\n\n{}\n\n", S3_HEADER_EXTRAS[1], S3_HEADER_EXTRAS[0]);
    out += &format!("{}\n{}\n\n", S3_HEADER_EXTRAS[2], S3_COLUMNS[0]);
    out += &S3_COLUMNS[1..6].join(" ");
    out += &format!("\n\n{}\n\n", S3_COLUMNS[6]);
    let n = t.s3.len();
    let start = 3 + rng.below(3);
    let end = (start + 6 + rng.below(10)).min(n - 2);
    let single = |out: &mut String, row: &Row3| {
        *out += &format!("{}\n\n", row.label);
        for c in &row.cells {
            *out += &format!("{c}\n\n");
        }
    };
    for row in &t.s3[..start] {
        single(&mut out, row);
    }
    for col in 0..7 {
        for row in &t.s3[start..end] {
            out += &row.cells[col];
            out += "\n";
        }
        out += "\n";
    }
    out += &format!("{}\n\n", spaced(S3_GROUP_LABELS[0]));
    let mut previous = None;
    for row in &t.s3[start..end] {
        out += row.label;
        out += "\n";
        if row.inner.is_some() && row.inner != previous {
            out += row.inner.unwrap_or_default();
            out += "\n";
        }
        previous = row.inner;
    }
    out += "\n";
    for row in &t.s3[end..] {
        single(&mut out, row);
    }
    out
}

fn blocks4(t: &Texts, rng: &mut Rng) -> String {
    let header = t.grid4(Header4::Stacked);
    let mut out = tabbed(&header[..header.len() - 1].to_vec(), "\n");
    for (i, v) in t.s4.iter().enumerate() {
        if i == 14 && rng.chance(50) {
            out += &format!("{}\n\n", S4_RESULT_LABELS[4]);
        }
        out += &format!("{v}\n\n");
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Labels displaced from their numbers (PDF reading order)

/// Where each section 三 row's label and numbers go when some labels are displaced: `moved`
/// rows have their label written `shift` rows later (or earlier) on a line of its own, and
/// their numbers on a line without a label or — sometimes — run on to the line of the row
/// before. Group labels (三、本年度办理结果, （三）不予公开…) come before or after their rows.
struct Displaced {
    /// Row index → (shift, run on to the previous line); shift > 0: label after, < 0: before.
    moved: Vec<(usize, i64, bool)>,
    groups_after: bool,
}

impl Displaced {
    fn new(rows: usize, rng: &mut Rng) -> Displaced {
        let mut moved: Vec<(usize, i64, bool)> = Vec::new();
        for _ in 0..1 + rng.below(3) {
            let r = 1 + rng.below(rows - 2);
            // Keep displaced rows apart, so that every row between them keeps its label.
            if moved.iter().any(|&(m, _, _)| m.abs_diff(r) < 5) {
                continue;
            }
            let shift = 1 + rng.below(3) as i64;
            let shift = if rng.chance(70) { shift } else { -shift };
            moved.push((r, shift, rng.chance(30)));
        }
        Displaced {
            moved,
            groups_after: rng.chance(50),
        }
    }

    fn of(&self, r: usize) -> Option<(i64, bool)> {
        self.moved
            .iter()
            .find(|&&(m, _, _)| m == r)
            .map(|&(_, s, j)| (s, j))
    }

    /// The lines of section 三's rows: (label or none, cells), in the order they are written.
    fn lines(&self, rows: &[Row3]) -> Vec<(Option<String>, Vec<String>)> {
        let n = rows.len() as i64;
        let mut out: Vec<(Option<String>, Vec<String>)> = Vec::new();
        // Labels written at a row other than their own: (after row, label).
        let mut pending: Vec<(i64, &str)> = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            if let Some((shift, _)) = self.of(r) {
                pending.push(((r as i64 + shift).clamp(0, n - 1), row.label));
            }
        }
        let mut previous: (Option<&str>, Option<&str>) = (None, None);
        for (r, row) in rows.iter().enumerate() {
            let ri = r as i64;
            for (_, label) in pending.iter().filter(|(at, _)| *at == ri && *at < ri + 1) {
                // Labels displaced before their rows stand before this row's line.
                if rows.iter().position(|x| x.label == *label).unwrap_or(0) > r {
                    out.push((Some(label.to_string()), Vec::new()));
                }
            }
            let groups: Vec<&str> = [
                (row.outer, row.outer != previous.0),
                (row.inner, row.inner != previous.1),
            ]
            .into_iter()
            .filter_map(|(g, first)| g.filter(|_| first))
            .collect();
            previous = (row.outer, row.inner);
            if !self.groups_after {
                out.extend(groups.iter().map(|g| (Some(g.to_string()), Vec::new())));
            }
            match self.of(r) {
                Some((_, true)) if !out.is_empty() => {
                    if let Some(last) = out.iter_mut().rev().find(|l| !l.1.is_empty()) {
                        last.1.extend(row.cells.iter().cloned());
                    } else {
                        out.push((None, row.cells.clone()));
                    }
                }
                Some(_) => out.push((None, row.cells.clone())),
                None => out.push((Some(row.label.to_string()), row.cells.clone())),
            }
            if self.groups_after {
                out.extend(groups.iter().map(|g| (Some(g.to_string()), Vec::new())));
            }
            for (_, label) in pending.iter().filter(|(at, _)| *at == ri) {
                // Labels displaced after their rows stand after this row's line.
                if rows
                    .iter()
                    .position(|x| x.label == *label)
                    .unwrap_or(usize::MAX)
                    <= r
                {
                    out.push((Some(label.to_string()), Vec::new()));
                }
            }
        }
        out
    }
}

/// Section 三 as PDF text whose row labels were displaced: tab-separated lines.
fn displaced3(t: &Texts, rng: &mut Rng) -> String {
    let mut out = tabbed(&t.grid3(Merged::Absent)[..3].to_vec(), "\t");
    for (label, cells) in Displaced::new(t.s3.len(), rng).lines(&t.s3) {
        let mut line: Vec<String> = label.into_iter().collect();
        line.extend(cells);
        out += &line.join("\t");
        out += "\n";
    }
    out
}

/// Section 三 as an OCR tool's Markdown made from a PDF whose labels were displaced: rows of
/// numbers with an empty label cell, and labels in rows of their own.
fn markdown_unlabelled3(t: &Texts, rng: &mut Rng) -> String {
    let head: Vec<String> = std::iter::once("项目".to_string())
        .chain(S3_COLUMNS.iter().map(|c| c.to_string()))
        .collect();
    let rows: Vec<Vec<String>> = Displaced::new(t.s3.len(), rng)
        .lines(&t.s3)
        .into_iter()
        .map(|(label, cells)| {
            let width = cells.len().max(7);
            let mut cells = cells;
            cells.resize(width, String::new());
            std::iter::once(label.map(|l| ocr_label(&l)).unwrap_or_default())
                .chain(cells)
                .collect()
        })
        .collect();
    format!("\n{}", pipe_table(&head, &rows))
}
