// Display text the report does not carry (yet). Everything here is presentation: names for
// the three severities and the headers of the section 二 and 四 tables as the template prints
// them. When the report exposes the headers itself (`tables.s2.groups`,
// `tables.s4.columns`), the page uses those instead; see tables.js.

/** Severities from most to least serious, with their Chinese names. */
export const SEVERITIES = [
  { id: 'error', zh: '错误' },
  { id: 'warning', zh: '警告' },
  { id: 'info', zh: '提示' },
];

/** A symbol per severity, so that colour is never the only sign. */
export const SEVERITY_SYMBOL = { error: '✕', warning: '!', info: 'i' };

/** The Chinese name of a severity id. */
export function severityZh(id) {
  const found = SEVERITIES.find((s) => s.id === id);
  return found ? found.zh : id;
}

/** Rank for comparing severities: higher is more serious. */
export function severityRank(id) {
  const i = SEVERITIES.findIndex((s) => s.id === id);
  return i < 0 ? -1 : SEVERITIES.length - i;
}

/** Section 二 as the template prints it: caption, value columns, and the row keys below. */
export const S2_GROUPS_FALLBACK = [
  {
    caption: '第二十条第（一）项',
    columns: ['本年制发件数', '本年废止件数', '现行有效件数'],
    rows: ['regulations', 'normative_docs'],
  },
  { caption: '第二十条第（五）项', columns: ['本年处理决定数量'], rows: ['licensing'] },
  { caption: '第二十条第（六）项', columns: ['本年处理决定数量'], rows: ['penalty', 'coercion'] },
  { caption: '第二十条第（八）项', columns: ['本年收费金额（单位：万元）'], rows: ['fees'] },
];

/** The leading header of every section 二 group. */
export const S2_CONTENT_HEADER = '信息内容';

/** Section 四: three groups of five columns. */
export const S4_GROUPS_FALLBACK = ['行政复议', '未经复议直接起诉', '复议后起诉'];
export const S4_LABELS_FALLBACK = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];

/** The group header above the seven columns of section 三. */
export const S3_GROUP_HEADER = '申请人情况';

/** Over the five kinds of 法人或其他组织 in section 三. */
export const S3_LEGAL_HEADER = '法人或其他组织';

/** The note the template prints in section 三's corner. */
export const S3_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
