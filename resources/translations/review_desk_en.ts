<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>App</name>
    <message>
        <source>设置文件无法读取，已使用默认设置。</source>
        <translation>The settings could not be read; defaults are used.</translation>
    </message>
    <message>
        <source>无法打开设置中的审查记录库，本次使用本机默认记录库：%1</source>
        <translation>The store in the settings cannot be opened; the local default store is used this time: %1</translation>
    </message>
</context>
<context>
    <name>DecisionPanel</name>
    <message>
        <source>公开属性</source>
        <translation>Disclosure</translation>
    </message>
    <message>
        <source>法律依据，一行一条</source>
        <translation>Legal basis, one per line</translation>
    </message>
    <message>
        <source>理由（以公共利益或第三方同意为由公开时必填）</source>
        <translation>Reason (required when disclosing for public interest or third-party consent)</translation>
    </message>
    <message>
        <source>理由依据</source>
        <translation>Grounds</translation>
    </message>
    <message>
        <source>法律依据</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>确认公开属性（Ctrl+Enter）</source>
        <translation>Confirm disclosure (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>确认公开属性</source>
        <translation>Confirm disclosure</translation>
    </message>
    <message>
        <source>审核（须由审查人以外的人进行）</source>
        <translation>Approval (by someone other than the reviewer)</translation>
    </message>
    <message>
        <source>审核意见（退回时必填）</source>
        <translation>Approver&apos;s note (required to return)</translation>
    </message>
    <message>
        <source>审核通过</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>退回修改</source>
        <translation>Return for rework</translation>
    </message>
    <message>
        <source>请在左侧选择文件，或打开要审查的文件（Ctrl+O）。</source>
        <translation>Pick a document on the left, or open one to review (Ctrl+O).</translation>
    </message>
    <message>
        <source>状态：%1&#x3000;审查人：%2</source>
        <translation>State: %1   Reviewer: %2</translation>
    </message>
    <message>
        <source>%1 退回了本文件：%2</source>
        <translation>%1 returned this document: %2</translation>
    </message>
    <message>
        <source>第 %1 页整页不公开：公开属性须为删减后公开，请重新确认公开属性。</source>
        <translation>Page %1 is withheld whole: the disclosure attribute must be “published after redaction”; decide the attribute again.</translation>
    </message>
    <message>
        <source>第 %1 页未能识别文字，尚未人工确认，不能审核通过（确认：C）。</source>
        <translation>Page %1 could not be read and has not been confirmed by hand: it cannot be approved yet (confirm: C).</translation>
    </message>
    <message>
        <source>您（%1）是本文件的审查人：请由另一位同事审核（菜单“设置 → 切换用户”）。</source>
        <translation>You (%1) reviewed this document: a colleague must approve it (Settings → Switch user).</translation>
    </message>
    <message>
        <source>仍有 %1 条待定的发现。</source>
        <translation>%1 findings are still undecided.</translation>
    </message>
    <message>
        <source>工具建议：%1</source>
        <translation>Proposed: %1</translation>
    </message>
    <message>
        <source>冲突：</source>
        <translation>Conflict: </translation>
    </message>
    <message>
        <source>第 %1 页已人工确认</source>
        <translation>Page %1 confirmed by hand</translation>
    </message>
    <message>
        <source>第 %1 页整页不公开（删减后副本中以空白页替换）</source>
        <translation>Page %1 withheld whole (a blank page in the redacted copy)</translation>
    </message>
    <message>
        <source>退回时请写明意见。</source>
        <translation>Write a note to return the document.</translation>
    </message>
</context>
<context>
    <name>DocumentView</name>
    <message>
        <source>页眉</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>页脚</source>
        <translation>Footer</translation>
    </message>
    <message>
        <source>脚注</source>
        <translation>Footnote</translation>
    </message>
    <message>
        <source>批注</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>文本框</source>
        <translation>Text box</translation>
    </message>
    <message>
        <source>文件属性</source>
        <translation>Property</translation>
    </message>
    <message>
        <source>链接地址</source>
        <translation>Link target</translation>
    </message>
    <message>
        <source>隐藏内容</source>
        <translation>Hidden</translation>
    </message>
    <message>
        <source>【第 %1 页】</source>
        <extracomment>Blocks rendered at once; a sheet of a million cells is shown as a window around the finding.</extracomment>
        <translation>[Page %1]</translation>
    </message>
    <message>
        <source>【工作表 %1】</source>
        <translation>[Sheet %1]</translation>
    </message>
    <message>
        <source>……此处起（第 %1 个文本块）未显示，共 %2 个；选中后面的发现即可跳转</source>
        <translation>… not shown from block %1 of %2; select a later finding to go there</translation>
    </message>
    <message>
        <source>【预览：删减后副本的文字，遮盖方式同导出（rules/masking.yaml）】</source>
        <translation>[Preview: the text of the redacted copy, masked as the export masks it (rules/masking.yaml)]</translation>
    </message>
    <message>
        <source>【预览（简易遮盖，仅供参考：删减模块尚未就绪，导出效果可能不同）】</source>
        <translation>[Preview with simple masks only: the redaction module is not ready, the export may differ]</translation>
    </message>
    <message>
        <source>将选中文字添加为发现</source>
        <translation>Add the selected text as a finding</translation>
    </message>
</context>
<context>
    <name>ExportActions</name>
    <message>
        <source>导出删减后副本…</source>
        <translation>Export redacted copy…</translation>
    </message>
    <message>
        <source>导出本文件审查单（PDF）…</source>
        <translation>Export this document&apos;s review sheet (PDF)…</translation>
    </message>
    <message>
        <source>导出审查记录（XLSX）…</source>
        <translation>Export review log (XLSX)…</translation>
    </message>
    <message>
        <source>导出审查记录（CSV）…</source>
        <translation>Export review log (CSV)…</translation>
    </message>
    <message>
        <source>导出统计表（XLSX）…</source>
        <translation>Export statistics (XLSX)…</translation>
    </message>
    <message>
        <source>删减后副本保存到</source>
        <translation>Save the redacted copy in</translation>
    </message>
    <message>
        <source>审查单-%1.pdf</source>
        <translation>review-sheet-%1.pdf</translation>
    </message>
    <message>
        <source>导出审查单</source>
        <translation>Export review sheet</translation>
    </message>
    <message>
        <source>审查记录.%1</source>
        <translation>review-log.%1</translation>
    </message>
    <message>
        <source>导出审查记录</source>
        <translation>Export review log</translation>
    </message>
    <message>
        <source>统计期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>期间，如 2026-01-01..2026-12-31（留空为全部）：</source>
        <translation>Period, e.g. 2026-01-01..2026-12-31 (empty for all):</translation>
    </message>
    <message>
        <source>期间格式应为 起始日期..结束日期</source>
        <translation>Write the period as start..end</translation>
    </message>
    <message>
        <source>导出统计表</source>
        <translation>Export statistics</translation>
    </message>
    <message>
        <source>统计表.xlsx</source>
        <translation>statistics.xlsx</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>内容（已遮盖）</source>
        <translation>Value (masked)</translation>
    </message>
    <message>
        <source>处理</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>为何标出</source>
        <translation>Why flagged</translation>
    </message>
    <message>
        <source>建议</source>
        <translation>Proposed</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Where</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>What</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>%1 处发现</source>
        <translation>%1 findings</translation>
    </message>
    <message>
        <source>第 %1 条 → %2</source>
        <translation>#%1 → %2</translation>
    </message>
    <message>
        <source>%1 条</source>
        <translation>%1</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>登记</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>记录扫描结果</source>
        <translation>Scan recorded</translation>
    </message>
    <message>
        <source>记录扫描结果（续）</source>
        <translation>Scan recorded (continued)</translation>
    </message>
    <message>
        <source>开始审查</source>
        <translation>Review started</translation>
    </message>
    <message>
        <source>逐条决定</source>
        <translation>Finding decided</translation>
    </message>
    <message>
        <source>手工添加发现</source>
        <translation>Finding added</translation>
    </message>
    <message>
        <source>批量接受建议</source>
        <translation>Proposals accepted</translation>
    </message>
    <message>
        <source>决定公开属性</source>
        <translation>Disclosure decided</translation>
    </message>
    <message>
        <source>审核通过</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>导出删减后副本</source>
        <translation>Redacted copy exported</translation>
    </message>
    <message>
        <source>删减后副本自检未通过，已删除</source>
        <translation>Redacted copy failed its check and was deleted</translation>
    </message>
    <message>
        <source>人工确认未识别页面</source>
        <translation>Unread page confirmed by hand</translation>
    </message>
    <message>
        <source>导出审查记录</source>
        <translation>Export review log</translation>
    </message>
    <message>
        <source>记录库设置</source>
        <translation>Store setting</translation>
    </message>
    <message>
        <source>主动公开</source>
        <translation>Proactive</translation>
    </message>
    <message>
        <source>删减后公开</source>
        <translation>Redacted</translation>
    </message>
    <message>
        <source>依申请公开</source>
        <translation>On request</translation>
    </message>
    <message>
        <source>不予公开</source>
        <translation>Withheld</translation>
    </message>
    <message>
        <source>已扫描</source>
        <translation>Scanned</translation>
    </message>
    <message>
        <source>审查中</source>
        <translation>In review</translation>
    </message>
    <message>
        <source>待审核</source>
        <translation>Awaiting approval</translation>
    </message>
    <message>
        <source>已审核</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>已退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
    <message>
        <source>保留</source>
        <translation>Keep</translation>
    </message>
    <message>
        <source>删除/遮盖</source>
        <translation>Redact</translation>
    </message>
    <message>
        <source>自定义遮盖</source>
        <translation>Custom mask</translation>
    </message>
    <message>
        <source>待人工判断</source>
        <translation>Needs review</translation>
    </message>
    <message>
        <source>手工添加</source>
        <translation>Added by hand</translation>
    </message>
    <message>
        <source>待定</source>
        <translation>Undecided</translation>
    </message>
    <message>
        <source>自然人姓名</source>
        <translation>Person&apos;s name</translation>
    </message>
    <message>
        <source>公民身份号码</source>
        <translation>Resident ID</translation>
    </message>
    <message>
        <source>电话号码</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <source>银行卡号</source>
        <translation>Bank card</translation>
    </message>
    <message>
        <source>电子邮箱</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>详细住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>护照号码</source>
        <translation>Passport</translation>
    </message>
    <message>
        <source>通行证号码</source>
        <translation>Travel permit</translation>
    </message>
    <message>
        <source>机动车号牌</source>
        <translation>Licence plate</translation>
    </message>
    <message>
        <source>健康信息</source>
        <translation>Health information</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <source>密级标志</source>
        <translation>Secrecy marking</translation>
    </message>
    <message>
        <source>工作秘密</source>
        <translation>Work secret</translation>
    </message>
    <message>
        <source>内部资料标注</source>
        <translation>Internal marking</translation>
    </message>
    <message>
        <source>过程性信息</source>
        <translation>Process information</translation>
    </message>
    <message>
        <source>公开属性附注</source>
        <translation>Disclosure note</translation>
    </message>
    <message>
        <source>国家秘密</source>
        <translation>State secret</translation>
    </message>
    <message>
        <source>公文附注</source>
        <translation>Document&apos;s own note</translation>
    </message>
    <message>
        <source>内部事务信息</source>
        <translation>Internal affairs</translation>
    </message>
    <message>
        <source>行政执法案卷信息</source>
        <translation>Enforcement file</translation>
    </message>
    <message>
        <source>个人隐私</source>
        <translation>Personal privacy</translation>
    </message>
    <message>
        <source>商业秘密</source>
        <translation>Trade secret</translation>
    </message>
    <message>
        <source>法律、行政法规禁止公开</source>
        <translation>Prohibited by law</translation>
    </message>
    <message>
        <source>危及国家安全、公共安全、经济安全、社会稳定</source>
        <translation>Endangers security or stability</translation>
    </message>
    <message>
        <source>不公开会对公共利益造成重大影响</source>
        <translation>Public interest override</translation>
    </message>
    <message>
        <source>第三方同意公开</source>
        <translation>Third-party consent</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>经办记录（谁在何时做了什么）</source>
        <extracomment>Findings from which a document&apos;s summary is made off the UI thread.</extracomment>
        <translation>History (who did what, when)</translation>
    </message>
    <message>
        <source>取消（Esc）</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>打开文件(&amp;O)…</source>
        <translation>&amp;Open files…</translation>
    </message>
    <message>
        <source>打开文件夹(&amp;D)…</source>
        <translation>Open fol&amp;der…</translation>
    </message>
    <message>
        <source>最近打开(&amp;R)</source>
        <translation>&amp;Recent</translation>
    </message>
    <message>
        <source>刷新队列</source>
        <translation>Refresh queue</translation>
    </message>
    <message>
        <source>取消后台任务</source>
        <translation>Cancel background work</translation>
    </message>
    <message>
        <source>退出(&amp;Q)</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>审查(&amp;R)</source>
        <translation>&amp;Review</translation>
    </message>
    <message>
        <source>导出(&amp;E)</source>
        <translation>&amp;Export</translation>
    </message>
    <message>
        <source>设置(&amp;S)</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <source>切换用户…</source>
        <translation>Switch user…</translation>
    </message>
    <message>
        <source>本单位名单…</source>
        <translation>Office lists…</translation>
    </message>
    <message>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>键盘操作</source>
        <translation>Keyboard</translation>
    </message>
    <message>
        <source>政府信息公开审查台 review_desk</source>
        <translation>review_desk — disclosure review</translation>
    </message>
    <message>
        <source>当前用户：%1</source>
        <translation>User: %1</translation>
    </message>
    <message>
        <source>正在重新打开 %1 …</source>
        <translation>Reopening %1 …</translation>
    </message>
    <message>
        <source>原文件不在登记的位置：%1</source>
        <translation>The file is no longer where it was registered: %1</translation>
    </message>
    <message>
        <source>已导出：%1（链头 %2）</source>
        <translation>Exported: %1 (chain head %2)</translation>
    </message>
    <message>
        <source>正在识别扫描页… %1</source>
        <translation>Reading scanned pages… %1</translation>
    </message>
    <message>
        <source>正在识别 %1：第 %2/%3 页</source>
        <translation>Reading %1 by OCR: page %2 of %3</translation>
    </message>
    <message>
        <source>已取消后台任务。</source>
        <translation>Background work cancelled.</translation>
    </message>
    <message>
        <source>切换用户</source>
        <translation>Switch user</translation>
    </message>
    <message>
        <source>审查记录中显示的姓名：</source>
        <translation>Name shown in the review record:</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>新的审查记录库在下次启动时使用。</source>
        <translation>The new store is used from the next start.</translation>
    </message>
    <message>
        <source>已把“%1”加入本单位公职人员名册（下次扫描时生效）。</source>
        <translation>Added “%1” to the office&apos;s roster of officials (applies from the next scan).</translation>
    </message>
    <message>
        <source>审查</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>公开属性</source>
        <translation>Disclosure</translation>
    </message>
    <message>
        <source>文件与窗口</source>
        <translation>Files and window</translation>
    </message>
    <message>
        <source>公文与表格 (*.docx *.doc *.wps *.pdf *.xlsx *.xls *.et *.ods *.csv *.txt);;扫描件与照片 (*.jpg *.jpeg *.png *.tif *.tiff *.bmp);;所有文件 (*)</source>
        <translation>Documents and sheets (*.docx *.doc *.wps *.pdf *.xlsx *.xls *.et *.ods *.csv *.txt);;Scans and photos (*.jpg *.jpeg *.png *.tif *.tiff *.bmp);;All files (*)</translation>
    </message>
    <message>
        <source>选择要审查的文件</source>
        <translation>Choose files to review</translation>
    </message>
    <message>
        <source>选择要审查的文件夹</source>
        <translation>Choose a folder to review</translation>
    </message>
</context>
<context>
    <name>OfficeListsDialog</name>
    <message>
        <source>本单位名单</source>
        <translation>Office lists</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>职务（备注）</source>
        <translation>Post (note)</translation>
    </message>
    <message>
        <source>始终删除的词</source>
        <translation>Term always redacted</translation>
    </message>
    <message>
        <source>发现类型</source>
        <translation>Finding type</translation>
    </message>
    <message>
        <source>名册上的姓名作为依法履职的公职人员，在每次扫描中始终保留。</source>
        <translation>Names on the roster are officials acting in office: kept in every scan.</translation>
    </message>
    <message>
        <source>公职人员名册</source>
        <translation>Roster of officials</translation>
    </message>
    <message>
        <source>这些词在每一处出现的位置都会被删除，不论检测结果如何。</source>
        <translation>These terms are redacted wherever they occur, whatever the detectors say.</translation>
    </message>
    <message>
        <source>始终删除</source>
        <translation>Always redact</translation>
    </message>
    <message>
        <source>保存位置：%1（下次扫描时生效）</source>
        <translation>Saved in %1 (applies from the next scan)</translation>
    </message>
    <message>
        <source>添加一行</source>
        <translation>Add row</translation>
    </message>
    <message>
        <source>删除所选行</source>
        <translation>Remove row</translation>
    </message>
    <message>
        <source>（保存将覆盖该文件）</source>
        <translation> (saving replaces the file)</translation>
    </message>
    <message>
        <source>名单有误：%1</source>
        <translation>The lists are invalid: %1</translation>
    </message>
</context>
<context>
    <name>Prompts</name>
    <message>
        <source>添加发现</source>
        <translation>Add finding</translation>
    </message>
    <message>
        <source>选中文字的类型：</source>
        <translation>Type of the selected text:</translation>
    </message>
    <message>
        <source>自定义遮盖</source>
        <translation>Custom mask</translation>
    </message>
    <message>
        <source>保留前几个字符</source>
        <translation>Keep first characters</translation>
    </message>
    <message>
        <source>保留后几个字符</source>
        <translation>Keep last characters</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>文件</source>
        <extracomment>The attribute column&apos;s data for the badge delegate: (attribute, proposed only?). Why the row has no summary yet, or why its text cannot be shown (a failed re-open).</extracomment>
        <translation>File</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>公开属性</source>
        <translation>Disclosure</translation>
    </message>
    <message>
        <source>发现</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>经办</source>
        <translation>Held by</translation>
    </message>
    <message>
        <source>空心：工具建议，尚未决定；实心：审查人已决定</source>
        <translation>Outlined: the tool&apos;s proposal, not yet decided; filled: decided by the reviewer</translation>
    </message>
    <message>
        <source>扫描中…</source>
        <translation>Scanning…</translation>
    </message>
    <message>
        <source>无法读取</source>
        <translation>Unreadable</translation>
    </message>
    <message>
        <source>（无法显示）</source>
        <translation> (text unavailable)</translation>
    </message>
    <message>
        <source>建议：%1</source>
        <translation>Proposed: %1</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>%1 → 待审核</source>
        <translation>%1 → awaiting approval</translation>
    </message>
    <message>
        <source>%1（审核）</source>
        <translation>%1 (approver)</translation>
    </message>
    <message>
        <source>%1（%2 退回）</source>
        <translation>%1 (returned by %2)</translation>
    </message>
</context>
<context>
    <name>ReviewPane</name>
    <message>
        <source>下一条发现</source>
        <translation>Next finding</translation>
    </message>
    <message>
        <source>上一条发现</source>
        <translation>Previous finding</translation>
    </message>
    <message>
        <source>下一条待定的发现</source>
        <translation>Next undecided finding</translation>
    </message>
    <message>
        <source>删除/遮盖此处</source>
        <translation>Redact this finding</translation>
    </message>
    <message>
        <source>保留此处</source>
        <translation>Keep this finding</translation>
    </message>
    <message>
        <source>自定义遮盖（保留首尾若干字）</source>
        <translation>Custom mask (keep some first/last characters)</translation>
    </message>
    <message>
        <source>撤销上一步决定</source>
        <translation>Undo last decision</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>本文件中此类型全部保留</source>
        <translation>Keep every finding of this type in this document</translation>
    </message>
    <message>
        <source>此值的每一处都删除</source>
        <translation>Redact every occurrence of this value</translation>
    </message>
    <message>
        <source>此姓名的每一处都保留（可加入名册）</source>
        <translation>Keep every occurrence of this name (optionally add to roster)</translation>
    </message>
    <message>
        <source>将选中文字添加为发现</source>
        <translation>Add the selected text as a finding</translation>
    </message>
    <message>
        <source>其余发现全部接受建议</source>
        <translation>Accept the proposal for the rest</translation>
    </message>
    <message>
        <source>预览删减后副本</source>
        <translation>Preview redacted copy</translation>
    </message>
    <message>
        <source>确认此页已人工审查</source>
        <translation>Confirm this page was reviewed by hand</translation>
    </message>
    <message>
        <source>此页整页不公开</source>
        <translation>Withhold this whole page</translation>
    </message>
    <message>
        <source>上一页扫描页</source>
        <translation>Previous scanned page</translation>
    </message>
    <message>
        <source>下一页扫描页</source>
        <translation>Next scanned page</translation>
    </message>
    <message>
        <source>下一份文件</source>
        <translation>Next document</translation>
    </message>
    <message>
        <source>上一份文件</source>
        <translation>Previous document</translation>
    </message>
    <message>
        <source>将本文件中全部 %1 处“%2”标为保留？</source>
        <translation>Keep all %1 findings of type “%2” in this document?</translation>
    </message>
    <message>
        <source>批量保留</source>
        <translation>Keep all</translation>
    </message>
    <message>
        <source>把“%1”加入本单位公职人员名册？以后的扫描中，此姓名将始终作为公职人员保留。</source>
        <translation>Add “%1” to the office&apos;s roster of officials? Later scans will always keep this name as an official&apos;s.</translation>
    </message>
    <message>
        <source>本单位名册</source>
        <translation>Office roster</translation>
    </message>
    <message>
        <source>确认您已对照页面图像人工审查第 %1 页的全部内容？此页文字未能识别，页上的信息不能在本工具中标记删除：导出的删减后副本中，此页原样保留（页上有个人信息时，请改用“整页不公开（W）”）。</source>
        <translation>Confirm that you have reviewed all of page %1 by hand against the page image? Its text could not be recognised, so nothing on it can be marked for redaction here: the exported redacted copy keeps this page as it is (if it holds personal data, use “Withhold whole page (W)” instead).</translation>
    </message>
    <message>
        <source>第 %1 页整页不公开？导出的删减后副本中，此页以同样大小的空白页替换，页上只有“（本页不予公开）”；本文件的公开属性须为删减后公开（默认理由：个人隐私）。</source>
        <translation>Withhold page %1 whole? In the exported redacted copy this page is replaced by a blank page of the same size that reads only “（本页不予公开）” (this page is not disclosed); the document must be published after redaction (default ground: personal privacy).</translation>
    </message>
    <message>
        <source>整页不公开</source>
        <translation>Withhold whole page</translation>
    </message>
</context>
<context>
    <name>ScanPageView</name>
    <message>
        <source>◀ 上一页</source>
        <extracomment>A withheld page under a grey veil: still legible enough for the reviewer to check it.</extracomment>
        <translation>◀ Previous page</translation>
    </message>
    <message>
        <source>下一页 ▶</source>
        <translation>Next page ▶</translation>
    </message>
    <message>
        <source>确认此页已人工审查（C）</source>
        <translation>Confirm this page was reviewed by hand (C)</translation>
    </message>
    <message>
        <source>整页不公开（W）</source>
        <translation>Withhold whole page (W)</translation>
    </message>
    <message>
        <source>页面图像无法显示：%1</source>
        <translation>The page image cannot be shown: %1</translation>
    </message>
    <message>
        <source>第 %1 页（扫描页 %2/%3），OCR 平均置信度 %4，%5 处发现</source>
        <translation>Page %1 (scanned page %2/%3), mean OCR confidence %4, %5 findings</translation>
    </message>
    <message>
        <source>第 %1 页整页不公开：删减后副本中以空白页替换，页上只有“（本页不予公开）”。</source>
        <translation>Page %1 is withheld whole: the redacted copy has a blank page in its place that reads only “（本页不予公开）”.</translation>
    </message>
    <message>
        <source>第 %1 页未能识别文字，已人工确认。</source>
        <translation>Page %1 could not be read; confirmed by hand.</translation>
    </message>
    <message>
        <source>第 %1 页未能识别文字，须人工审查：请对照页面图像阅读全页，再确认。</source>
        <translation>Page %1 could not be read and must be reviewed by hand: read the whole page on its image, then confirm.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>中文</source>
        <translation>Chinese</translation>
    </message>
    <message>
        <source>记录库留空即使用本机默认的 SQLite 文件；团队共用时填写 postgresql://用户@主机/库名。语言在下次启动时生效。</source>
        <translation>Leave the store empty for the local SQLite file; a team enters postgresql://user@host/db. The language applies from the next start.</translation>
    </message>
    <message>
        <source>当前用户（显示名）</source>
        <translation>User (display name)</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>审查记录库</source>
        <translation>Review store</translation>
    </message>
</context>
<context>
    <name>SheetView</name>
    <message>
        <source>将此单元格添加为发现</source>
        <extracomment>Which colour a cell with several findings shows: the one that most needs the reviewer.</extracomment>
        <translation>Add this cell as a finding</translation>
    </message>
</context>
<context>
    <name>ShortcutOverlay</name>
    <message>
        <source>键盘操作</source>
        <translation>Keyboard</translation>
    </message>
    <message>
        <source>按任意键关闭</source>
        <translation>Press any key to close</translation>
    </message>
</context>
</TS>
