/**
 * English UI strings: the source of truth for message keys. `{{name}}` marks a placeholder;
 * locales/zh/ui.ts must have the same keys and placeholders (a test checks).
 */
export const en = {
  app: {
    name: 'GPT Tutor',
  },
  start: {
    welcome:
      '**Welcome to GPT Tutor!** I explain how GPT works, from the name to attention, at three levels: kid, beginner and expert.',
    firstSteps: 'Start here: **{{first}}**, or type a question in your own words. /help lists the commands.',
    buttonTopics: 'All topics',
    buttonLanguage: 'Language / 语言',
  },
  help: {
    title: '**Commands**',
    commandLine: '/{{name}} — {{description}}',
    examples:
      'Examples: `/explain attention`, `/explain topic:pretraining level:kid`, `/explain what does the T in GPT mean?`, `/lang zh`',
    plainText: 'Plain text without a command is treated as a question for /explain.',
    privacyMemory:
      'Your language choice and progress are kept in memory for this session only and are gone when the tutor stops; /forget deletes them now.',
    privacyRedis:
      'Your language choice and progress are stored on the tutor\'s server (Redis) for at most 180 days after they last changed; /forget deletes them now.',
    detailTitle: '**/{{name}}** — {{description}}',
    optionLine: '- `{{name}}`: {{description}}',
    unavailable: 'not available yet',
  },
  lang: {
    current: 'Current language: **{{language}}**. Choose another:',
    changed: 'Language set to **{{language}}**. I will answer you in it from now on.',
    reset: 'Language choice cleared: I will follow your app\'s language again.',
    groupChanged: 'This group\'s default language is now **{{language}}**. Members who chose a language with /lang keep theirs.',
    groupReset: 'This group\'s default language is cleared: I follow each member\'s app language.',
  },
  explain: {
    levelName: {
      kid: 'kid',
      beginner: 'beginner',
      expert: 'expert',
    },
    heading: '**{{title}}** · {{level}}',
    topicsTitle: '**Topics** (in learning order):',
    topicLine: '{{index}}. {{mark}}{{title}} · `{{id}}`',
    progress: 'You have opened {{seen}} of {{total}} lessons (✓).',
    topicsHint: 'Open one with `/explain <topic>` or ask a question in your own words.',
    noMatch: 'I have no lesson that matches “{{query}}”. Here are the topics I can explain:',
    didYouMean: 'Not sure I understood. Did you mean one of these?',
    buttonSimpler: 'Simpler',
    buttonDeeper: 'Deeper',
    buttonRelated: 'Related: {{title}}',
    buttonNext: 'Next: {{title}}',
    buttonPrerequisite: 'First read: {{title}}',
    buttonOpen: '{{title}}',
    buttonContinue: 'Continue: {{title}}',
  },
  generate: {
    note: '*{{model}} is a tiny GPT ({{parameters}} parameters) trained only on these lessons, so its text wanders; real GPTs learn from vastly more text.*',
    trimmed: 'Your prompt was longer than my context window ({{context}} tokens with the new ones), so I kept only its end.',
    howItChose: '**How it chose the first token** (top 5 of its predictions):',
    stepsTitle: '**Step by step** (the top 5 at each step, ✓ = chosen):',
    step: 'Step {{step}}: {{candidates}}',
    seed: 'Sampled with seed {{seed}}: `/generate seed:{{seed}} …` with the same prompt gives the same text.',
    greedy: 'Temperature 0: always the likeliest token, so the same prompt always gives the same text.',
    stoppedEnd: '(It stopped at its end token.)',
  },
  attention: {
    title: 'Attention · layer {{layer}}/{{layers}} · head {{head}}/{{heads}}',
    rows: 'looking (rows)',
    columns: 'looked at (columns)',
    howToRead:
      'Each row is a token of your sentence; the colours show how much it looks at each token up to itself (a row adds up to 1). The empty upper-right triangle is the causal mask: GPT never looks ahead. Try `layer:` and `head:` to see other heads.',
    links: '**Strongest links** (token → earlier token it looks at, share of its attention):',
    noLinks: 'The sentence is too short for links between tokens: type a few more words.',
    alt: 'Attention heatmap of “{{text}}”, layer {{layer}}, head {{head}}.',
  },
  forget: {
    done: 'Done: I deleted everything I kept about you ({{count}} records: language choice, lesson progress, practice history).',
  },
  queue: {
    position: 'Lots of questions right now: you are #{{position}} in line. Your answer is on its way.',
  },
  errors: {
    unknown_command: 'I don\'t know the command /{{command}}. Try /help.',
    unknown_subcommand: '/{{command}} has no sub-command “{{subcommand}}”. Choose one of: {{choices}}.',
    not_available: '/{{command}} is not available yet. It is being built; try /help for what works today.',
    option_required: '/{{command}} needs `{{option}}`. Example: {{example}}',
    option_too_long: '`{{option}}` is too long: at most {{max}} characters, please.',
    option_not_a_number: '`{{option}}` must be a number.',
    option_not_an_integer: '`{{option}}` must be a whole number.',
    option_out_of_range: '`{{option}}` must be between {{min}} and {{max}}.',
    option_invalid_choice: '`{{option}}` must be one of: {{choices}}.',
    unexpected_text: 'I did not understand “{{text}}” after /{{command}}. Try /help {{command}}.',
    button_expired: 'That button has expired. Please run the command again.',
    group_only: '/{{command}} … group only works in a group chat or a server. In a private chat, use `/{{command}} zh` or `/{{command}} en`.',
    admins_only: 'Only the group\'s admins (on Discord: members with Manage Server) can change that.',
    rate_limited: 'You are going a bit fast. Please try /{{command}} again in {{seconds}} s.',
    busy: 'I am very busy right now. Please try again in a minute.',
    timeout: 'Sorry, that took too long. Please try again in a minute.',
    internal: 'Sorry, something went wrong on my side. Please try again.',
  },
} as const;
