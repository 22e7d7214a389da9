//! A report's numbers: consistent (every identity of the template holds) or with one cell
//! changed, the change recorded.
//!
//! Identities kept: section 三's 总计 column is the sum of the six applicant columns in every
//! row; （七）总计 is the sum of the 21 result rows in every column; 一 + 二 = （七） + 四 in every
//! column; in section 四 each group's 总计 is the sum of its four results. Section 二 has no
//! identity. Numbers are mostly 0 and small, now and then in the hundreds or thousands, so that
//! thousands separators and wide columns occur.

use super::Rng;
use nianbao::template::{s3_index, S2_GROUPS_2019, S3_LEAF_RANGE, S3_OTHER_RANGE, S3_TOTAL_COL};

/// Which template the tables follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Y2021,
    /// The 2019 trial format: section 二 with old columns and rows, section 三 with a single
    /// （六）其他处理 row (its numbers are kept in `other_1`; `other_2` and `other_3` stay 0).
    Y2019,
}

/// A cell that identities involve.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellRef {
    S3 { row: usize, col: usize },
    S4 { col: usize },
}

/// The one cell of an inconsistent report that breaks its identities.
#[derive(Clone, Copy, Debug)]
pub struct Changed {
    pub cell: CellRef,
    pub from: i64,
    pub to: i64,
}

/// One report's numbers, as written in its tables.
#[derive(Clone, Debug)]
pub struct Filled {
    pub format: Format,
    pub agency: &'static str,
    pub year: u16,
    /// Section 二's rows in the order of the format's groups (`S2_GROUPS`, or `S2_GROUPS_2019`
    /// for the 2019 format), one value per column. 2021: the fee (last row) is in
    /// ten-thousandths of 万元. 2019: `本年增/减` may be negative.
    pub s2: Vec<Vec<i64>>,
    pub s3: [[i64; 7]; 25],
    pub s4: [i64; 15],
    pub changed: Option<Changed>,
}

const AGENCIES: &[&str] = &[
    "洪泽区人民政府",
    "经开区管委会",
    "高新区管委会办公室",
    "某市生态环境局",
    "某县教育体育局",
    "某镇人民政府",
];

/// A count as reports have them: mostly 0, often small, sometimes large.
fn count(rng: &mut Rng) -> i64 {
    match rng.below(100) {
        0..=54 => 0,
        55..=89 => rng.range(1, 20),
        90..=97 => rng.range(21, 400),
        _ => rng.range(1000, 4999),
    }
}

fn small(rng: &mut Rng) -> i64 {
    if rng.chance(60) {
        0
    } else {
        rng.range(1, 15)
    }
}

impl Filled {
    /// Numbers for which every identity holds.
    pub fn consistent(rng: &mut Rng, format: Format) -> Filled {
        let year = match format {
            Format::Y2021 => rng.range(2021, 2025) as u16,
            Format::Y2019 => rng.range(2019, 2020) as u16,
        };
        Filled {
            format,
            agency: AGENCIES[rng.below(AGENCIES.len())],
            year,
            s2: section2(rng, format),
            s3: section3(rng, format),
            s4: section4(rng),
            changed: None,
        }
    }

    /// Changes one cell of section 三 or 四 so that its identities fail, and records it.
    pub fn break_one(&mut self, rng: &mut Rng) {
        let delta = rng.range(1, 5);
        let cell = if rng.chance(80) {
            let mut row = rng.below(25);
            if self.format == Format::Y2019 && S3_OTHER_RANGE.contains(&row) {
                row = S3_OTHER_RANGE.start;
            }
            CellRef::S3 {
                row,
                col: rng.below(7),
            }
        } else {
            CellRef::S4 { col: rng.below(15) }
        };
        let slot = match cell {
            CellRef::S3 { row, col } => &mut self.s3[row][col],
            CellRef::S4 { col } => &mut self.s4[col],
        };
        let from = *slot;
        let to = if from >= delta && rng.chance(50) {
            from - delta
        } else {
            from + delta
        };
        *slot = to;
        self.changed = Some(Changed { cell, from, to });
    }
}

fn section2(rng: &mut Rng, format: Format) -> Vec<Vec<i64>> {
    let big = |rng: &mut Rng| match rng.below(4) {
        0 => 0,
        1 => rng.range(1, 99),
        2 => rng.range(100, 999),
        _ => rng.range(1000, 600_000),
    };
    match format {
        Format::Y2021 => {
            let fee = match rng.below(3) {
                0 => 0,
                1 => rng.range(1, 9999) * 10_000,
                _ => rng.range(1, 99_999_999) / 100 * 100,
            };
            vec![
                vec![small(rng), small(rng), small(rng)],
                vec![small(rng), small(rng), rng.range(0, 60)],
                vec![big(rng)],
                vec![big(rng)],
                vec![big(rng)],
                vec![fee],
            ]
        }
        Format::Y2019 => S2_GROUPS_2019
            .iter()
            .flat_map(|g| g.rows.iter().map(move |_| g.columns))
            .map(|columns| {
                columns
                    .iter()
                    .map(|c| match *c {
                        "本年增/减" => rng.range(-50, 50),
                        "本年新制作数量" | "本年新公开数量" | "对外公开总数量" => {
                            small(rng)
                        }
                        _ => big(rng),
                    })
                    .collect()
            })
            .collect(),
    }
}

fn section3(rng: &mut Rng, format: Format) -> [[i64; 7]; 25] {
    let mut s3 = [[0i64; 7]; 25];
    let at = |key: &str| s3_index(key).expect("template row");
    let (new, carried, total, forward) = (
        at("new"),
        at("carried_over"),
        at("total"),
        at("carry_forward"),
    );
    let old_single = format == Format::Y2019;
    for r in S3_LEAF_RANGE {
        if old_single && S3_OTHER_RANGE.contains(&r) && r != S3_OTHER_RANGE.start {
            continue;
        }
        for (c, cell) in s3[r].iter_mut().take(S3_TOTAL_COL).enumerate() {
            *cell = if c == 0 { count(rng) } else { small(rng) / 3 };
        }
    }
    #[allow(clippy::needless_range_loop)] // One column across four named rows reads best indexed.
    for c in 0..S3_TOTAL_COL {
        s3[total][c] = S3_LEAF_RANGE.map(|r| s3[r][c]).sum();
        s3[forward][c] = small(rng) / 2;
        let available = s3[total][c] + s3[forward][c];
        s3[carried][c] = rng.range(0, available.min(12));
        s3[new][c] = available - s3[carried][c];
    }
    for row in s3.iter_mut() {
        row[S3_TOTAL_COL] = row[..S3_TOTAL_COL].iter().sum();
    }
    s3
}

fn section4(rng: &mut Rng) -> [i64; 15] {
    let mut s4 = [0i64; 15];
    for g in 0..3 {
        for i in 0..4 {
            s4[g * 5 + i] = small(rng);
        }
        s4[g * 5 + 4] = s4[g * 5..g * 5 + 4].iter().sum();
    }
    s4
}
