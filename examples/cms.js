// The CMS example's own script: 发布 stays disabled until <nianbao-checker> reports no errors.

const publish = document.getElementById('publish');
const hint = document.getElementById('publish-hint');

document.addEventListener('nianbao-result', (event) => {
  const { report, counts } = event.detail;
  publish.disabled = !report || counts.error > 0;
  hint.classList.toggle('blocked', Boolean(report) && counts.error > 0);
  if (!report) {
    hint.textContent = '输入年报正文并通过检查后才能发布';
  } else if (counts.error > 0) {
    hint.textContent = `年报检查还有 ${counts.error} 处错误，改正后才能发布`;
  } else {
    hint.textContent = '年报检查没有错误，可以发布';
  }
});

publish.addEventListener('click', () => {
  hint.textContent = '已发布（示例页面，内容没有发送到任何地方）';
});

document.getElementById('save').addEventListener('click', () => {
  hint.textContent = '草稿已保存（示例页面，内容没有发送到任何地方）';
});

for (const button of document.querySelectorAll('[data-command]')) {
  button.addEventListener('mousedown', (event) => event.preventDefault());
  button.addEventListener('click', () => document.execCommand(button.dataset.command));
}
