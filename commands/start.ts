import { ClassQuizEngine, NO_EFFECTS } from '../src/core/class-quiz/engine.js';
import { defineCommand } from '../src/core/define-command.js';
import { t } from '../src/core/i18n.js';
import { langOf } from '../src/core/locale.js';
import { quoteUserText } from '../src/core/reply-format.js';
import { lessonReply } from './explain/lesson.js';

const RESULTS_LINK = /^r[A-Za-z0-9_-]{12}$/;

export const start = defineCommand({
  name: 'start',
  menuOrder: 10,
  description: { en: 'Welcome and first steps', zh: '欢迎和入门指引' },
  options: [
    {
      name: 'topic',
      type: 'string',
      maxLength: 64,
      // Typed words too (`/start attention mechanism`): a lesson they name opens; others are said to be left aside.
      rest: true,
      description: { en: 'Open this lesson right away (deep links)', zh: '直接打开这一课（深度链接）' },
    },
  ],
  queue: 'fast',
  available: true,
  policy: { reply: 'private' },
  example: '/start',
  async handler(job, services) {
    const { topic } = job.args;
    const locale = job.context.locale;
    // Deep links (t.me/bot?start=attention) open a lesson directly.
    if (topic && services.catalog.has(topic)) return lessonReply(job, services, topic, 'beginner');
    // A class quiz's results link (t.me/bot?start=r…), made for the teacher who could not be messaged privately.
    if (topic && RESULTS_LINK.test(topic) && job.context.chat.kind === 'private') {
      const results = await new ClassQuizEngine(services, NO_EFFECTS).resultsByLink(job, topic);
      if (results) return results;
    }

    // Words typed after /start that clearly name a lesson open it, as a deep link would (`/start attention mechanism`).
    const named = topic ? services.retriever.find(topic) : undefined;
    if (named?.best && named.confident && named.alternatives.length === 0) return lessonReply(job, services, named.best.id, 'beginner');

    const first = services.catalog.topics[0];
    if (!first) throw new Error('the curriculum has no topics');
    const firstTitle = services.catalog.lesson(langOf(locale), first.id).title;
    const buttons = [
      { id: await services.buttons.register({ command: 'explain', args: { topic: first.id, level: 'beginner' } }), label: firstTitle },
      { id: await services.buttons.register({ command: 'explain', args: {} }), label: t(locale, 'start.buttonTopics') },
      { id: await services.buttons.register({ command: 'lang', args: {} }), label: t(locale, 'start.buttonLanguage') },
    ];
    // Other words are said to be left aside, not silently dropped.
    const ignored = topic ? [t(locale, 'start.ignored', { text: quoteUserText(topic, 40) })] : [];
    const text = [...ignored, t(locale, 'start.welcome'), t(locale, 'start.firstSteps')].join('\n\n');
    return { command: 'start', locale, text, buttons };
  },
});
