//! Section 二: 主动公开政府信息情况, six rows under four 第二十条 captions.
//!
//! Rows are read in template order; each group's header text (caption, `信息内容` and the value
//! column headers) is the text between the previous group's last value and the group's first
//! row. When words of the 2019 trial format stand in the table (`上一年项目数量`,
//! `第二十条第（九）项`…), the table is read as a 2019 table ([`S2_GROUPS_2019`]) — what it is —
//! and the words are recorded so that the report is named as old-format once.

use std::ops::Range;

use super::grid::{self, names_header, Columns, Grids, Spec};
use super::header::{self, HeaderIssue};
use super::labels::furniture_words;
use super::reader::Reader;
use super::row::{forget_values, unreliable, Cell, Fit, RowRead, RowSpec};
use crate::outline::Outline;
use crate::span::Span;
use crate::template::{
    Group2, OLD_FORMAT_TELLS, S2_AMOUNT_WITH_UNIT, S2_COLUMNS_2019_ONLY, S2_COLUMNS_2021_ONLY,
    S2_CONTENT_HEADER, S2_GROUPS, S2_GROUPS_2019,
};
use crate::text::{compact, contains, Normalized};

/// This many rows whose values cannot be placed make the whole table unreliable.
const UNRELIABLE_ROWS: usize = 2;

/// Section 二's table as read.
#[derive(Debug, Default)]
pub struct Table2 {
    pub region: Option<Range<usize>>,
    /// The six rows in template order.
    pub rows: Vec<RowRead>,
    /// Header issues with the caption of the group they belong to.
    pub header: Vec<(&'static str, HeaderIssue)>,
    /// Words of the 2019 format found in the table, with their spans.
    pub old_format: Vec<(&'static str, Span)>,
    /// When the table cannot be read reliably: how many rows could not be placed.
    pub unreliable: Option<usize>,
    /// The groups the table was read with: the 2021 template's, or the 2019 format's.
    pub groups: &'static [Group2],
    /// True when the table was read as a 2019-format table.
    pub format_2019: bool,
    /// True when the values were placed from the order of the numbers (numbers apart from their
    /// labels), because that was certain.
    pub from_blocks: bool,
    /// Numbers after a label the template does not have (an extra row).
    pub orphans: Vec<Cell>,
    /// For each group read by a grid (HTML, .docx, a ruled PDF table): its caption and its
    /// grid columns against the group's.
    pub columns: Vec<(&'static str, Columns)>,
}

impl Table2 {
    /// True when at least one row was found.
    pub fn is_found(&self) -> bool {
        self.rows.iter().any(RowRead::is_found)
    }
}

fn specs(groups: &'static [Group2]) -> Vec<RowSpec> {
    groups
        .iter()
        .flat_map(|g| {
            g.rows.iter().map(move |def| RowSpec {
                def,
                width: g.columns.len(),
                amounts: g.columns.contains(&S2_AMOUNT_WITH_UNIT),
            })
        })
        .collect()
}

pub(super) fn read(
    norm: &Normalized,
    outline: &Outline,
    s3_start: Option<usize>,
    grids: &Grids,
) -> Table2 {
    let mut table = Table2 {
        rows: specs(&S2_GROUPS).iter().map(RowRead::missing).collect(),
        groups: &S2_GROUPS,
        ..Table2::default()
    };
    let Some(region) = region(norm, outline, s3_start) else {
        return table;
    };
    let reader = Reader::new(norm, region.clone());
    let words = reader.words_in(0..reader.tokens.len());
    if OLD_FORMAT_TELLS
        .iter()
        .any(|t| words.contains(compact(t).as_str()))
    {
        let all = reader.text_in(0..reader.tokens.len());
        for tell in OLD_FORMAT_TELLS {
            let t = compact(tell);
            if let Some(span) = all.text.find(&t).and_then(|p| all.span(p..p + t.len())) {
                table.old_format.push((tell, span));
            }
        }
    }
    // Read as a 2019 table when its column headers are the 2019 format's; a 2021 table with an
    // old row (其他对外管理服务事项) stays a 2021 table.
    let count = |headers: &[&str]| {
        headers
            .iter()
            .filter(|h| words.contains(compact(h).as_str()))
            .count()
    };
    if count(S2_COLUMNS_2019_ONLY) > count(S2_COLUMNS_2021_ONLY) {
        table.groups = &S2_GROUPS_2019;
        table.format_2019 = true;
    }
    let specs = specs(table.groups);
    let rows = reader.read_rows(&specs, 0, None);
    let mut prev_end = 0;
    let mut at = 0;
    for group in table.groups.iter() {
        let group_rows = rows.get(at..at + group.rows.len()).unwrap_or(&[]);
        at += group.rows.len();
        let Some(first) = group_rows.iter().find(|r| r.is_found()) else {
            continue;
        };
        let head = reader.text_in(prev_end..first.label_token);
        let mut expected = vec![(group.caption, 1), (S2_CONTENT_HEADER, 1)];
        expected.extend(group.columns.iter().map(|c| (*c, 1)));
        table.header.extend(
            header::check(&head, &expected)
                .into_iter()
                .map(|i| (group.caption, i)),
        );
        prev_end = group_rows
            .iter()
            .filter(|r| r.is_found())
            .map(|r| r.end_token)
            .max()
            .unwrap_or(prev_end);
    }
    // Numbers that no row claims — between rows, or between the first caption and the first
    // row — mean the numbers may not follow their labels: the reading is then uncertain.
    let first_caption = reader
        .tokens
        .iter()
        .position(|t| compact(reader.norm_text(t.range())).starts_with("第二十条"))
        .unwrap_or(0);
    table.rows = rows;
    let by_grid = read_grid(grids, table.groups, &mut table.rows, &mut table.columns);
    table.unreliable = unreliable(&table.rows, UNRELIABLE_ROWS);
    let mut found: Vec<&RowRead> = table.rows.iter().filter(|r| r.is_found()).collect();
    crate::sort::by_key(&mut found, |r| r.start_token);
    // Numbers no row claims. After words that are not table furniture they are an extra row
    // the template does not have (kept, and reported); right after captions and headers they
    // mean the numbers may not follow their labels, and the reading is uncertain.
    let mut stray = found
        .first()
        .map_or(0, |f| reader.values_in(first_caption..f.start_token).len());
    for (a, b) in found.iter().zip(found.iter().skip(1)) {
        let between = a.end_token..b.start_token;
        let values = reader.values_in(between.clone());
        if values.is_empty() {
            continue;
        }
        if let Some(read) = &by_grid {
            // A grid places every number in its row: one on a row read is that row's.
            table.orphans.extend(
                values
                    .into_iter()
                    .filter(|c| !read.claims(c.span.start as usize)),
            );
        } else if labelled(&reader, between) {
            table.orphans.extend(values);
        } else {
            stray += values.len();
        }
    }
    if table.unreliable.is_none() && stray > 0 {
        table.unreliable = Some(
            table
                .rows
                .iter()
                .filter(|r| matches!(r.fit, Fit::Ambiguous { .. }))
                .count()
                .max(1),
        );
    }
    if table.unreliable.is_some() {
        if in_order(&reader, first_caption, &mut table.rows) {
            table.unreliable = None;
            table.from_blocks = true;
        } else {
            forget_values(&mut table.rows);
        }
    }
    table.region = Some(region);
    table
}

/// Reads the rows whose labels stand in a grid by the grid, each group's rows under its own
/// column headers (a group of one column writes its value in a cell merged over the others);
/// each group's columns so read go to `columns`.
fn read_grid(
    grids: &Grids,
    groups: &[Group2],
    rows: &mut [RowRead],
    columns: &mut Vec<(&'static str, Columns)>,
) -> Option<grid::GridRead> {
    let mut read: Option<grid::GridRead> = None;
    let mut rest = rows;
    for group in groups {
        let n = group.rows.len().min(rest.len());
        let (these, after) = std::mem::take(&mut rest).split_at_mut(n);
        rest = after;
        let names = |j: usize, path: &[String]| {
            path.last()
                .zip(group.columns.get(j))
                .is_some_and(|(leaf, label)| names_header(leaf, label))
        };
        // The 2019 format's 采购总金额 is written with its unit: such a cell is the amount.
        let amounts: Vec<usize> = group
            .columns
            .iter()
            .position(|c| *c == S2_AMOUNT_WITH_UNIT)
            .into_iter()
            .collect();
        let spec = Spec {
            width: group.columns.len(),
            names: Some(&names),
            amounts: &amounts,
        };
        if let Some(more) = grid::read_rows(grids, these, &spec) {
            columns.push((group.caption, more.columns));
            let all = read.get_or_insert_with(grid::GridRead::default);
            all.lines.extend(more.lines);
        }
    }
    read
}

/// True when the first values in `range` come after words that are not table furniture: the
/// label of a row the template does not have.
fn labelled(reader: &Reader, range: std::ops::Range<usize>) -> bool {
    let first_value = range
        .clone()
        .find(|&i| reader.tokens.get(i).is_some_and(|t| t.is_value()))
        .unwrap_or(range.end);
    let words = reader.words_in(range.start..first_value);
    let mut rest = compact(&words);
    for word in furniture_words() {
        rest = rest.replace(word.as_str(), "");
    }
    rest.chars().any(|c| !c.is_ascii_punctuation())
}

/// Reads the rows from the order of the numbers alone when that is certain: the region holds
/// exactly as many numbers as the rows have columns, every row's label stands in it, and every
/// row of several columns was read by its label at the place the order gives it. Rows of one
/// column then take the remaining numbers in template order (numbers printed before or after
/// their labels, as reading-order PDF extraction gives them).
fn in_order(reader: &Reader, from: usize, rows: &mut [RowRead]) -> bool {
    let stream = reader.values_in(from..reader.tokens.len());
    let widths: usize = rows.iter().map(|r| r.width).sum();
    let text = compact(&reader.words_in(0..reader.tokens.len()));
    let labelled = rows
        .iter()
        .all(|r| r.def.anchors.iter().any(|a| contains(&text, a)));
    if stream.len() != widths || !labelled {
        return false;
    }
    let mut at = 0;
    for row in rows.iter() {
        let placed = row.fit == Fit::Exact
            && row.found.len() == row.width
            && row
                .found
                .iter()
                .enumerate()
                .all(|(i, c)| stream.get(at + i).is_some_and(|s| s.span == c.span));
        if row.width > 1 && !placed {
            return false;
        }
        at += row.width;
    }
    let mut at = 0;
    for row in rows.iter_mut() {
        let cells: Vec<_> = stream.iter().skip(at).take(row.width).cloned().collect();
        at += row.width;
        row.place(cells);
    }
    true
}

/// Section 二's body, cut where section 三's table begins; without a heading, from the first
/// 第二十条 caption.
fn region(norm: &Normalized, outline: &Outline, s3_start: Option<usize>) -> Option<Range<usize>> {
    let end_cap = s3_start.unwrap_or(norm.text.len());
    if let Some(body) = outline.body(2) {
        let end = if body.contains(&end_cap) {
            end_cap
        } else {
            body.end
        };
        return Some(body.start..end);
    }
    let from = outline.body(1).map_or(0, |b| b.start);
    let caption = norm.text.get(from..)?.find("第二十条")? + from;
    (caption < end_cap).then_some(caption..end_cap)
}
