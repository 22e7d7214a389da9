//! The official format (国办公开办函〔2021〕30号) as data, in one place.
//!
//! Everything the parser looks for and every label a finding names comes from here: the six
//! section titles, the rows of the three tables with stable keys and exact labels, the column
//! headers, and the variants seen in real reports (old 2019 labels, common misspellings) mapped
//! to the canonical label. Labels are stored exactly as the template prints them (full-width
//! brackets, `1.` with an ASCII full stop, curly quotes); matching compares them after
//! [`crate::text::compact`], which folds widths and removes white space.
//!
//! Invariant: keys are stable (they are the JSON contract); labels are the template's exact text.
//!
//! The identities the tables must satisfy are data too, in [`identities`].

pub mod identities;

/// The notice that fixes the format.
pub const TEMPLATE: &str = "国办公开办函〔2021〕30号";

/// The notice of the trial format that 2019 and 2020 reports follow.
pub const TEMPLATE_2019: &str = "国办公开办函〔2019〕60号";

/// One statutory section.
#[derive(Debug)]
pub struct SectionDef {
    pub number: u8,
    /// The full canonical heading, numeral included.
    pub heading: &'static str,
    /// The heading without its numeral.
    pub title: &'static str,
    /// Words that identify the section when the heading is retyped; all must occur.
    pub keywords: &'static [&'static [&'static str]],
    /// Retyped headings seen in real reports (without numeral), accepted with a warning.
    pub variants: &'static [&'static str],
}

/// The six sections, in order.
pub const SECTIONS: [SectionDef; 6] = [
    SectionDef {
        number: 1,
        heading: "一、总体情况",
        title: "总体情况",
        keywords: &[&["总体情况"], &["基本情况"], &["总体", "概况"]],
        variants: &["工作基本情况", "基本情况", "总体概况", "概述"],
    },
    SectionDef {
        number: 2,
        heading: "二、主动公开政府信息情况",
        title: "主动公开政府信息情况",
        keywords: &[&["主动公开", "信息情况"], &["主动公开政府信息"]],
        variants: &["主动公开政府信息的情况", "主动公开情况"],
    },
    SectionDef {
        number: 3,
        heading: "三、收到和处理政府信息公开申请情况",
        title: "收到和处理政府信息公开申请情况",
        keywords: &[&["收到", "申请"], &["处理", "公开申请"], &["依申请公开"]],
        variants: &["收到和处理政府信息公开申请的情况"],
    },
    SectionDef {
        number: 4,
        heading: "四、政府信息公开行政复议、行政诉讼情况",
        title: "政府信息公开行政复议、行政诉讼情况",
        keywords: &[&["行政复议"], &["行政诉讼"]],
        variants: &[
            "因政府信息公开工作被申请行政复议提起行政诉讼情况",
            "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            "政府信息公开行政复议、行政诉讼的情况",
        ],
    },
    SectionDef {
        number: 5,
        heading: "五、存在的主要问题及改进情况",
        title: "存在的主要问题及改进情况",
        keywords: &[&["问题", "改进"], &["存在", "问题"]],
        variants: &[
            "政府信息公开工作存在的主要问题及改进情况",
            "存在问题及改进情况",
            "存在的主要问题和改进情况",
            "存在的主要问题及改进措施",
        ],
    },
    SectionDef {
        number: 6,
        heading: "六、其他需要报告的事项",
        title: "其他需要报告的事项",
        keywords: &[&["其他需要报告"], &["其他", "事项"]],
        variants: &["其他需要报告事项", "其他事项"],
    },
];

/// The sub-topics the notice lists for section 一; written as top-level headings they shift the
/// statutory numbering.
pub const SECTION1_TOPICS: &[&str] = &[
    "主动公开",
    "依申请公开",
    "政府信息管理",
    "平台建设",
    "监督保障",
];

/// A row of a table: stable key, exact label, and how to find it in retyped text.
#[derive(Debug)]
pub struct RowDef {
    pub key: &'static str,
    /// The exact label the template prints.
    pub label: &'static str,
    /// The group caption or merged label above the row, if any (for messages and matching).
    pub group: Option<&'static str>,
    /// Distinctive words: the row is recognised when its label text contains one of them.
    pub anchors: &'static [&'static str],
    /// When true, an anchor must be the whole label (after its numbering), not a part of it.
    pub whole: bool,
    /// Retyped labels seen in real reports, with the canonical label as suggestion.
    pub variants: &'static [&'static str],
}

const fn row(
    key: &'static str,
    label: &'static str,
    group: Option<&'static str>,
    anchors: &'static [&'static str],
) -> RowDef {
    RowDef {
        key,
        label,
        group,
        anchors,
        whole: false,
        variants: &[],
    }
}

// ---------------------------------------------------------------------------------------------
// Section 二

/// A caption group of section 二 (第二十条第（X）项) with its column headers.
#[derive(Debug)]
pub struct Group2 {
    pub caption: &'static str,
    /// Value column headers (the leading `信息内容` excluded).
    pub columns: &'static [&'static str],
    pub rows: &'static [RowDef],
}

/// The leading header cell of every section 二 group.
pub const S2_CONTENT_HEADER: &str = "信息内容";

/// The four groups of section 二, in order.
pub const S2_GROUPS: [Group2; 4] = [
    Group2 {
        caption: "第二十条第（一）项",
        columns: &["本年制发件数", "本年废止件数", "现行有效件数"],
        rows: &[
            RowDef {
                whole: true,
                ..row("regulations", "规章", None, &["规章"])
            },
            RowDef {
                variants: &["规范性文件"],
                ..row("normative_docs", "行政规范性文件", None, &["规范性文件"])
            },
        ],
    },
    Group2 {
        caption: "第二十条第（五）项",
        columns: &["本年处理决定数量"],
        rows: &[row("licensing", "行政许可", None, &["行政许可"])],
    },
    Group2 {
        caption: "第二十条第（六）项",
        columns: &["本年处理决定数量"],
        rows: &[
            row("penalty", "行政处罚", None, &["行政处罚"]),
            row("coercion", "行政强制", None, &["行政强制"]),
        ],
    },
    Group2 {
        caption: "第二十条第（八）项",
        columns: &["本年收费金额（单位：万元）"],
        rows: &[row("fees", "行政事业性收费", None, &["事业性收费"])],
    },
];

/// Section 二 of the 2019 trial format (国办公开办函〔2019〕60号), read as what it is when a report
/// uses it: five groups, three value columns in most.
pub const S2_GROUPS_2019: [Group2; 5] = [
    Group2 {
        caption: "第二十条第（一）项",
        columns: &["本年新制作数量", "本年新公开数量", "对外公开总数量"],
        rows: &[
            RowDef {
                whole: true,
                ..row("regulations", "规章", None, &["规章"])
            },
            row("normative_docs", "规范性文件", None, &["规范性文件"]),
        ],
    },
    Group2 {
        caption: "第二十条第（五）项",
        columns: &["上一年项目数量", "本年增/减", "处理决定数量"],
        rows: &[
            row("licensing", "行政许可", None, &["行政许可"]),
            row(
                "other_services",
                "其他对外管理服务事项",
                None,
                &["对外管理服务"],
            ),
        ],
    },
    Group2 {
        caption: "第二十条第（六）项",
        columns: &["上一年项目数量", "本年增/减", "处理决定数量"],
        rows: &[
            row("penalty", "行政处罚", None, &["行政处罚"]),
            row("coercion", "行政强制", None, &["行政强制"]),
        ],
    },
    Group2 {
        caption: "第二十条第（八）项",
        columns: &["上一年项目数量", "本年增/减"],
        rows: &[row("fees", "行政事业性收费", None, &["事业性收费"])],
    },
    Group2 {
        caption: "第二十条第（九）项",
        columns: &["采购项目数量", "采购总金额"],
        rows: &[row("procurement", "政府集中采购", None, &["集中采购"])],
    },
];

/// The key of the one section 二 row whose value is an amount (万元), not a count.
pub const S2_FEE_KEY: &str = "fees";

/// The 2019 format's one amount column: its header fixes no unit, so reports write the amount
/// with its unit (`251000元`, `75394432.52元`), and such a cell is read as the amount.
pub const S2_AMOUNT_WITH_UNIT: &str = "采购总金额";

/// Column headers retyped in real reports, mapped to the canonical header.
pub const COLUMN_VARIANTS: &[(&str, &str)] = &[
    ("本年度止件数", "本年废止件数"),
    ("本年度废止件数", "本年废止件数"),
    ("本年发布件数", "本年制发件数"),
    ("现行有效", "现行有效件数"),
    ("社会组织", "社会公益组织"),
    ("社会公益", "社会公益组织"),
    ("公益组织", "社会公益组织"),
    ("法律服务", "法律服务机构"),
    ("合计", "总计"),
];

/// Column headers of the 2019 trial format; any of them marks an old-format table.
/// The value column headers only the 2021 format's section 二 has.
pub const S2_COLUMNS_2021_ONLY: &[&str] = &[
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "本年收费金额",
];

/// The value column headers only the 2019 format's section 二 has.
pub const S2_COLUMNS_2019_ONLY: &[&str] = &[
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "采购项目数量",
];

pub const OLD_FORMAT_TELLS: &[&str] = &[
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "其他对外管理服务事项",
    "第二十条第（九）项",
    "采购项目数量",
    "政府集中采购",
];

// ---------------------------------------------------------------------------------------------
// Section 三

/// The seven value columns of section 三, in order.
pub const S3_COLUMNS: [&str; 7] = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
];

/// Header texts of section 三 that are not value columns (group headers and the note).
pub const S3_HEADER_EXTRAS: &[&str] = &[
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "申请人情况",
    "法人或其他组织",
];

/// Index of the 总计 column in section 三.
pub const S3_TOTAL_COL: usize = 6;

const RESULTS: Option<&str> = Some("三、本年度办理结果");
const DENIED: Option<&str> = Some("（三）不予公开");
const UNABLE: Option<&str> = Some("（四）无法提供");
const NOT_PROCESSED: Option<&str> = Some("（五）不予处理");
const OTHER: Option<&str> = Some("（六）其他处理");

/// Merged labels that span several rows of section 三 and carry no numbers of their own.
pub const S3_GROUP_LABELS: &[&str] = &[
    "三、本年度办理结果",
    "（三）不予公开",
    "（四）无法提供",
    "（五）不予处理",
    "（六）其他处理",
];

/// The 25 rows of section 三, in template order.
pub const S3_ROWS: [RowDef; 25] = [
    row(
        "new",
        "一、本年新收政府信息公开申请数量",
        None,
        &["本年新收"],
    ),
    row(
        "carried_over",
        "二、上年结转政府信息公开申请数量",
        None,
        &["上年结转"],
    ),
    row("granted", "（一）予以公开", RESULTS, &["予以公开"]),
    row(
        "partial",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        RESULTS,
        &["部分公开"],
    ),
    row("denied_1", "1.属于国家秘密", DENIED, &["国家秘密"]),
    RowDef {
        variants: &["2.其他法律法规禁止公开", "2.其他法律行政止公开"],
        ..row(
            "denied_2",
            "2.其他法律行政法规禁止公开",
            DENIED,
            &["其他法律", "禁止公开"],
        )
    },
    row(
        "denied_3",
        "3.危及“三安全一稳定”",
        DENIED,
        &["三安全", "一稳定"],
    ),
    row("denied_4", "4.保护第三方合法权益", DENIED, &["第三方"]),
    row("denied_5", "5.属于三类内部事务信息", DENIED, &["内部事务"]),
    row("denied_6", "6.属于四类过程性信息", DENIED, &["过程性"]),
    row("denied_7", "7.属于行政执法案卷", DENIED, &["执法案卷"]),
    row("denied_8", "8.属于行政查询事项", DENIED, &["查询事项"]),
    row(
        "unable_1",
        "1.本机关不掌握相关政府信息",
        UNABLE,
        &["不掌握"],
    ),
    row(
        "unable_2",
        "2.没有现成信息需要另行制作",
        UNABLE,
        &["另行制作", "没有现成"],
    ),
    row(
        "unable_3",
        "3.补正后申请内容仍不明确",
        UNABLE,
        &["补正后", "仍不明确"],
    ),
    row(
        "not_processed_1",
        "1.信访举报投诉类申请",
        NOT_PROCESSED,
        &["信访", "举报投诉"],
    ),
    row(
        "not_processed_2",
        "2.重复申请",
        NOT_PROCESSED,
        &["重复申请"],
    ),
    row(
        "not_processed_3",
        "3.要求提供公开出版物",
        NOT_PROCESSED,
        &["出版物"],
    ),
    row(
        "not_processed_4",
        "4.无正当理由大量反复申请",
        NOT_PROCESSED,
        &["大量反复"],
    ),
    row(
        "not_processed_5",
        "5.要求行政机关确认或重新出具已获取信息",
        NOT_PROCESSED,
        &["重新出具", "确认或"],
    ),
    row(
        "other_1",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        OTHER,
        &["不补正"],
    ),
    row(
        "other_2",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        OTHER,
        &["收费通知", "缴纳费用"],
    ),
    RowDef {
        whole: true,
        ..row("other_3", "3.其他", OTHER, &["其他"])
    },
    RowDef {
        whole: true,
        ..row("total", "（七）总计", RESULTS, &["总计", "合计"])
    },
    row(
        "carry_forward",
        "四、结转下年度继续办理",
        None,
        &["结转下年"],
    ),
];

/// The single （六）其他处理 row of the 2019 trial format, which stands where `other_1..3` stand.
pub const S3_OLD_OTHER: RowDef = RowDef {
    whole: true,
    ..row("other", "（六）其他处理", RESULTS, &["其他处理"])
};

/// Index range of the `other_1..3` rows in [`S3_ROWS`].
pub const S3_OTHER_RANGE: std::ops::Range<usize> = 20..23;

/// Keys of the 21 leaf rows whose sum is （七）总计.
pub const S3_LEAF_RANGE: std::ops::Range<usize> = 2..23;

/// A row of section 三, typed: a misspelt row does not compile. `S3Row::X as usize` is the
/// row's index in [`S3_ROWS`] (a test checks the order against the keys).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum S3Row {
    New,
    CarriedOver,
    Granted,
    Partial,
    Denied1,
    Denied2,
    Denied3,
    Denied4,
    Denied5,
    Denied6,
    Denied7,
    Denied8,
    Unable1,
    Unable2,
    Unable3,
    NotProcessed1,
    NotProcessed2,
    NotProcessed3,
    NotProcessed4,
    NotProcessed5,
    Other1,
    Other2,
    Other3,
    Total,
    CarryForward,
}

impl S3Row {
    /// Every row, in template order.
    pub const ALL: [S3Row; 25] = [
        S3Row::New,
        S3Row::CarriedOver,
        S3Row::Granted,
        S3Row::Partial,
        S3Row::Denied1,
        S3Row::Denied2,
        S3Row::Denied3,
        S3Row::Denied4,
        S3Row::Denied5,
        S3Row::Denied6,
        S3Row::Denied7,
        S3Row::Denied8,
        S3Row::Unable1,
        S3Row::Unable2,
        S3Row::Unable3,
        S3Row::NotProcessed1,
        S3Row::NotProcessed2,
        S3Row::NotProcessed3,
        S3Row::NotProcessed4,
        S3Row::NotProcessed5,
        S3Row::Other1,
        S3Row::Other2,
        S3Row::Other3,
        S3Row::Total,
        S3Row::CarryForward,
    ];

    /// The eight sub-rows of （三）不予公开.
    pub const DENIED: &'static [S3Row] = S3Row::ALL.as_slice().split_at(12).0.split_at(4).1;
    /// The three sub-rows of （四）无法提供.
    pub const UNABLE: &'static [S3Row] = S3Row::ALL.as_slice().split_at(15).0.split_at(12).1;
    /// The five sub-rows of （五）不予处理.
    pub const NOT_PROCESSED: &'static [S3Row] = S3Row::ALL.as_slice().split_at(20).0.split_at(15).1;
    /// The three sub-rows of （六）其他处理.
    pub const OTHER: &'static [S3Row] = S3Row::ALL.as_slice().split_at(23).0.split_at(20).1;

    /// The row's template definition.
    #[allow(clippy::indexing_slicing)] // one variant per entry (see the typed_keys test)
    pub fn def(self) -> &'static RowDef {
        &S3_ROWS[self as usize]
    }

    /// True for the 21 result rows whose sum is （七）总计.
    pub fn is_leaf(self) -> bool {
        S3_LEAF_RANGE.contains(&(self as usize))
    }

    /// True for the three （六）其他处理 rows the 2019 format writes as one.
    pub fn is_other(self) -> bool {
        S3_OTHER_RANGE.contains(&(self as usize))
    }
}

/// A value column of section 三, typed; `S3Col::X as usize` indexes [`S3_COLUMNS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum S3Col {
    Natural,
    Business,
    Research,
    Charity,
    Legal,
    Other,
    Total,
}

impl S3Col {
    /// Every column, in template order.
    pub const ALL: [S3Col; 7] = [
        S3Col::Natural,
        S3Col::Business,
        S3Col::Research,
        S3Col::Charity,
        S3Col::Legal,
        S3Col::Other,
        S3Col::Total,
    ];

    /// The six applicant columns whose sum is 总计: all but the last.
    pub const APPLICANTS: &'static [S3Col] = S3Col::ALL.as_slice().split_at(6).0;

    /// The column's header as the template prints it.
    #[allow(clippy::indexing_slicing)] // one variant per entry (see the typed_keys test)
    pub fn label(self) -> &'static str {
        S3_COLUMNS[self as usize]
    }
}

/// Index of a section 三 row by key.
pub fn s3_index(key: &str) -> Option<usize> {
    S3_ROWS.iter().position(|r| r.key == key)
}

// ---------------------------------------------------------------------------------------------
// Section 四

/// One value column of section 四.
#[derive(Debug)]
pub struct Column4 {
    pub key: &'static str,
    pub group: &'static str,
    pub label: &'static str,
}

const fn col4(key: &'static str, group: &'static str, label: &'static str) -> Column4 {
    Column4 { key, group, label }
}

/// The three groups of section 四, each 维持/纠正/其他/尚未审结/总计.
pub const S4_GROUPS: [&str; 3] = [
    "行政复议",
    "行政诉讼（未经复议直接起诉）",
    "行政诉讼（复议后起诉）",
];

/// The four result labels and the total label of each section 四 group.
pub const S4_RESULT_LABELS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

/// A group of section 四, typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum S4Group {
    Review,
    LitigationDirect,
    LitigationAfterReview,
}

/// A result column within a group of section 四, typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum S4Result {
    Upheld,
    Corrected,
    Other,
    Pending,
    Total,
}

impl S4Group {
    /// The three groups, in template order.
    pub const ALL: [S4Group; 3] = [
        S4Group::Review,
        S4Group::LitigationDirect,
        S4Group::LitigationAfterReview,
    ];

    /// The group's caption as the template prints it.
    #[allow(clippy::indexing_slicing)] // one variant per entry (see the typed_keys test)
    pub fn label(self) -> &'static str {
        S4_GROUPS[self as usize]
    }
}

impl S4Result {
    /// The four results whose sum is the group's 总计.
    pub const PARTS: [S4Result; 4] = [
        S4Result::Upheld,
        S4Result::Corrected,
        S4Result::Other,
        S4Result::Pending,
    ];
}

/// The index in [`S4_COLUMNS`] (and in section 四's row of values) of a group's result: the one
/// place that knows the columns run group by group, five to a group.
pub fn s4_index(group: S4Group, result: S4Result) -> usize {
    group as usize * S4_RESULT_LABELS.len() + result as usize
}

/// The 15 value columns of section 四, in template order.
pub const S4_COLUMNS: [Column4; 15] = [
    col4("review.upheld", "行政复议", "结果维持"),
    col4("review.corrected", "行政复议", "结果纠正"),
    col4("review.other", "行政复议", "其他结果"),
    col4("review.pending", "行政复议", "尚未审结"),
    col4("review.total", "行政复议", "总计"),
    col4("litigation_direct.upheld", "未经复议直接起诉", "结果维持"),
    col4(
        "litigation_direct.corrected",
        "未经复议直接起诉",
        "结果纠正",
    ),
    col4("litigation_direct.other", "未经复议直接起诉", "其他结果"),
    col4("litigation_direct.pending", "未经复议直接起诉", "尚未审结"),
    col4("litigation_direct.total", "未经复议直接起诉", "总计"),
    col4("litigation_after_review.upheld", "复议后起诉", "结果维持"),
    col4(
        "litigation_after_review.corrected",
        "复议后起诉",
        "结果纠正",
    ),
    col4("litigation_after_review.other", "复议后起诉", "其他结果"),
    col4("litigation_after_review.pending", "复议后起诉", "尚未审结"),
    col4("litigation_after_review.total", "复议后起诉", "总计"),
];

/// Section 四's one row of 15 values, for reading it like any other row.
pub const S4_ROW: RowDef = row("s4", "四、政府信息公开行政复议、行政诉讼情况", None, &[]);

/// Every header text of section 四 (group headers and column labels).
pub const S4_HEADER_WORDS: &[&str] = &[
    "行政复议",
    "行政诉讼",
    "未经复议直接起诉",
    "复议后起诉",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "总计",
];

/// How the section 四 headers must appear: (label, times).
pub const S4_HEADER_COUNTS: &[(&str, usize)] = &[
    ("行政复议", 1),
    ("行政诉讼", 1),
    ("未经复议直接起诉", 1),
    ("复议后起诉", 1),
    ("结果维持", 3),
    ("结果纠正", 3),
    ("其他结果", 3),
    ("尚未审结", 3),
    ("总计", 3),
];

// ---------------------------------------------------------------------------------------------
// Citations

/// The wrong number some reports cite for the format notice.
pub const WRONG_CITATION_YEARS: &[&str] = &["2019", "2020", "2022", "2023", "2024", "2025"];

/// Template texts in compacted form ([`crate::text::compact`]), computed once.
#[derive(Debug)]
pub struct Compacted {
    /// Section titles without numeral, index 0 = section 一.
    pub section_titles: Vec<String>,
    /// Known retyped titles per section.
    pub section_variants: Vec<Vec<String>>,
    /// Section 三 row labels in template order.
    pub s3_labels: Vec<String>,
    /// Section 三's column headers and header extras.
    pub s3_header_words: Vec<String>,
}

/// The compacted template texts (built on first use).
pub fn compacted() -> &'static Compacted {
    static CELL: std::sync::OnceLock<Compacted> = std::sync::OnceLock::new();
    CELL.get_or_init(|| {
        use crate::text::compact;
        Compacted {
            section_titles: SECTIONS.iter().map(|s| compact(s.title)).collect(),
            section_variants: SECTIONS
                .iter()
                .map(|s| s.variants.iter().map(|v| compact(v)).collect())
                .collect(),
            s3_labels: S3_ROWS.iter().map(|r| compact(r.label)).collect(),
            s3_header_words: S3_COLUMNS
                .iter()
                .chain(S3_HEADER_EXTRAS)
                .map(|c| compact(c))
                .collect(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_keys_follow_the_template_order() {
        let keys: Vec<String> = S3Row::ALL
            .iter()
            .map(|r| format!("{r:?}").to_lowercase())
            .collect();
        let expected: Vec<String> = S3_ROWS.iter().map(|r| r.key.replace('_', "")).collect();
        assert_eq!(keys, expected);
        assert_eq!(S3Col::ALL.map(S3Col::label), S3_COLUMNS);
        for g in S4Group::ALL {
            for (r, label) in S4Result::PARTS
                .iter()
                .chain(&[S4Result::Total])
                .zip(S4_RESULT_LABELS)
            {
                let col = &S4_COLUMNS[s4_index(g, *r)];
                assert_eq!(col.label, label);
                assert!(g.label().contains(col.group), "{g:?} {}", col.group);
            }
        }
        assert_eq!(S3Row::ALL.iter().filter(|r| r.is_leaf()).count(), 21);
        for (rows, group) in [
            (S3Row::DENIED, DENIED),
            (S3Row::UNABLE, UNABLE),
            (S3Row::NOT_PROCESSED, NOT_PROCESSED),
            (S3Row::OTHER, OTHER),
        ] {
            let under: Vec<S3Row> = S3Row::ALL
                .into_iter()
                .filter(|r| r.def().group == group)
                .collect();
            assert_eq!(rows, under.as_slice());
        }
        assert_eq!(S3Col::APPLICANTS.len(), 6);
        assert!(!S3Col::APPLICANTS.contains(&S3Col::Total));
    }

    #[test]
    fn keys_are_unique_and_in_contract_order() {
        let keys: Vec<_> = S3_ROWS.iter().map(|r| r.key).collect();
        assert_eq!(keys.first(), Some(&"new"));
        assert_eq!(keys.last(), Some(&"carry_forward"));
        let mut sorted = keys.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), 25);
        assert_eq!(S3_ROWS[S3_LEAF_RANGE].len(), 21);
        assert!(S3_ROWS[S3_OTHER_RANGE]
            .iter()
            .all(|r| r.key.starts_with("other_")));
        let s2: Vec<_> = S2_GROUPS
            .iter()
            .flat_map(|g| g.rows.iter().map(|r| r.key))
            .collect();
        assert_eq!(
            s2,
            [
                "regulations",
                "normative_docs",
                "licensing",
                "penalty",
                "coercion",
                "fees"
            ]
        );
    }

    #[test]
    fn every_row_has_an_anchor_inside_its_label() {
        for r in S3_ROWS
            .iter()
            .chain(S2_GROUPS.iter().flat_map(|g| g.rows.iter()))
        {
            assert!(r.anchors.iter().any(|a| r.label.contains(a)), "{}", r.key);
        }
    }
}
