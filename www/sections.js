// Which of the six sections a finding lies in, for grouping the list and for the CSV.

/** The six sections' short names, as the template numbers them. */
export const SECTION_NAMES = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
];

/**
 * The number (1..6) of the section `diag` lies in: the last found section whose heading
 * starts at or before the finding. 0 for a finding about the whole text, or before section 一
 * (the title).
 */
export function sectionOf(report, diag) {
  if (!diag.span) {
    return 0;
  }
  let found = 0;
  for (const s of report.outline.sections) {
    if (s.found && s.span && s.span.start <= diag.span.start) {
      found = found === 0 || s.span.start >= startOf(report, found) ? s.number : found;
    }
  }
  return found;
}

function startOf(report, number) {
  const s = report.outline.sections.find((x) => x.number === number);
  return s && s.span ? s.span.start : -1;
}
