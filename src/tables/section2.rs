//! Section 二: 主动公开政府信息情况, six rows under four 第二十条 captions.
//!
//! Rows are read in template order; each group's header text (caption, `信息内容` and the value
//! column headers) is the text between the previous group's last value and the group's first
//! row. When words of the 2019 trial format stand in the table (`上一年项目数量`,
//! `第二十条第（九）项`…), the table is read as a 2019 table ([`S2_GROUPS_2019`]) — what it is —
//! and the words are recorded so that the report is named as old-format once.

use std::ops::Range;

use super::header::{self, HeaderIssue};
use super::rows::{forget_values, unreliable, Reader, RowRead, RowSpec};
use crate::outline::Outline;
use crate::span::Span;
use crate::template::{Group2, OLD_FORMAT_TELLS, S2_CONTENT_HEADER, S2_GROUPS, S2_GROUPS_2019};
use crate::text::{compact, Normalized};

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
                optional: false,
            })
        })
        .collect()
}

pub(super) fn read(norm: &Normalized, outline: &Outline, s3_start: Option<usize>) -> Table2 {
    let mut table = Table2 {
        rows: specs(&S2_GROUPS).iter().map(RowRead::missing).collect(),
        groups: &S2_GROUPS,
        ..Table2::default()
    };
    let Some(region) = region(norm, outline, s3_start) else {
        return table;
    };
    let reader = Reader::new(norm, region.clone());
    let all = reader.text_in(0..reader.tokens.len());
    for tell in OLD_FORMAT_TELLS {
        let t = compact(tell);
        if let Some(span) = all.text.find(&t).and_then(|p| all.span(p..p + t.len())) {
            table.old_format.push((tell, span));
        }
    }
    if !table.old_format.is_empty() {
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
    table.rows = rows;
    table.unreliable = unreliable(&table.rows, UNRELIABLE_ROWS);
    if table.unreliable.is_some() {
        forget_values(&mut table.rows);
    }
    table.region = Some(region);
    table
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
