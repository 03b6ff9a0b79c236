import { start } from '../../../commands/start.js';
import { t } from '../i18n.js';
import { langOf } from '../locale.js';
import { argsSchema } from '../options.js';
import { quoteUserText } from '../replies.js';
import type { JobHandler } from '../services.js';
import { lessonReply } from './explain.js';
import { ClassQuizEngine, NO_EFFECTS } from '../class-quiz/engine.js';

const startArgs = argsSchema(start.options);
const RESULTS_LINK = /^r[A-Za-z0-9_-]{12}$/;

export const handleStart: JobHandler = async (job, services) => {
  const { topic } = startArgs.parse(job.args);
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
};
