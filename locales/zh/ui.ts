import type { UiStrings } from '../../src/core/i18n-types.js';

/** 简体中文界面文字；繁体由 OpenCC 在输出时转换，不另写一份。 */
export const zh: UiStrings = {
  app: {
    name: 'GPT 小老师',
  },
  start: {
    welcome: '**欢迎来到 GPT 小老师！** 我用三种难度（小朋友、入门、专家）讲解 GPT 的原理：从名字的含义一直讲到注意力机制。',
    firstSteps: '从这里开始：**{{first}}**，也可以直接用自己的话提问。输入 /help 查看全部命令。',
    buttonTopics: '全部知识点',
    buttonLanguage: '语言 / Language',
  },
  help: {
    title: '**命令列表**',
    commandLine: '/{{name}} — {{description}}',
    examples: '例如：`/explain attention`、`/explain topic:pretraining level:kid`、`/explain 什么是预训练`、`/lang en`',
    plainText: '不带命令的文字会当作问题，交给 /explain 回答。',
    privacyMemory: '你的语言设置和学习进度只保存在本次运行的内存里，小老师停止后就会清除；输入 /forget 可以立即删除。',
    privacyRedis: '你的语言设置和学习进度保存在小老师的服务器（Redis）上，最后一次改动后最多保留 180 天；输入 /forget 可以立即删除。',
    detailTitle: '**/{{name}}** — {{description}}',
    optionLine: '- `{{name}}`：{{description}}',
    unavailable: '尚未开放',
  },
  lang: {
    current: '当前语言：**{{language}}**。可以改成：',
    changed: '语言已设为 **{{language}}**，之后我会用它回答你。',
    reset: '已清除语言设置：我会重新跟随你的应用语言。',
  },
  explain: {
    levelName: {
      kid: '小朋友',
      beginner: '入门',
      expert: '专家',
    },
    heading: '**{{title}}** · {{level}}',
    topicsTitle: '**知识点**（按学习顺序）：',
    topicLine: '{{index}}. {{mark}}{{title}} · `{{id}}`',
    progress: '你已经打开了 {{total}} 课中的 {{seen}} 课（✓）。',
    topicsHint: '输入 `/explain <知识点>` 打开一课，或者直接用自己的话提问。',
    noMatch: '没有找到和“{{query}}”对应的课程。我能讲解这些知识点：',
    didYouMean: '不太确定你想问哪一个，是下面这些吗？',
    buttonSimpler: '讲简单点',
    buttonDeeper: '讲深入点',
    buttonRelated: '相关：{{title}}',
    buttonNext: '下一课：{{title}}',
    buttonPrerequisite: '先学：{{title}}',
    buttonOpen: '{{title}}',
    buttonContinue: '继续：{{title}}',
  },
  forget: {
    done: '已删除：我保存的关于你的所有数据都清除了（共 {{count}} 条：语言设置、学习进度、练习记录）。',
  },
  queue: {
    position: '现在提问的人很多：你排在第 {{position}} 位，答案马上就来。',
  },
  errors: {
    unknown_command: '我不认识命令 /{{command}}，试试 /help。',
    unknown_subcommand: '/{{command}} 没有子命令“{{subcommand}}”，可选：{{choices}}。',
    not_available: '/{{command}} 还没有开放，正在开发中。输入 /help 看看现在能用的命令。',
    option_required: '/{{command}} 需要参数 `{{option}}`。例如：{{example}}',
    option_too_long: '`{{option}}` 太长了，最多 {{max}} 个字符。',
    option_not_a_number: '`{{option}}` 必须是数字。',
    option_not_an_integer: '`{{option}}` 必须是整数。',
    option_out_of_range: '`{{option}}` 必须在 {{min}} 到 {{max}} 之间。',
    option_invalid_choice: '`{{option}}` 只能是：{{choices}}。',
    unexpected_text: '看不懂 /{{command}} 后面的“{{text}}”。试试 /help {{command}}。',
    button_expired: '这个按钮已经过期，请重新输入命令。',
    rate_limited: '你操作得有点快，请 {{seconds}} 秒后再试 /{{command}}。',
    busy: '我现在太忙了，请一分钟后再试。',
    timeout: '抱歉，处理时间太长了，请一分钟后再试。',
    internal: '抱歉，我这边出了点问题，请再试一次。',
  },
};
