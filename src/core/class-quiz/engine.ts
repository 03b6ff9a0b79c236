import { randomBytes } from 'node:crypto';
import { speaksAsThisChat } from '../chat-identity.js';
import { finalDeliveryId } from '../delivery.js';
import { UserError } from '../errors.js';
import { t } from '../i18n.js';
import type { TutorJob } from '../jobs.js';
import { langOf } from '../locale.js';
import { escapeMarkdown } from '../markdown.js';
import type { JobEffects } from '../ports.js';
import type { Reply } from '../reply.js';
import type { TutorServices } from '../services.js';
import { describeImportProblems, fileTooLarge, parseQuestionFile } from './import.js';
import { chatDelivery, QUIZ_BUTTON_TTL_MS, questionPost, questionStreamId, tickJob, tickJobId } from './posts.js';
import { finalText, itemText, questionText, resultsCsv, revealText } from './render.js';
import { quizTopicFor } from '../quiz/topic.js';
import { scoreQuestion } from './scoring.js';
import type { ClassQuiz, QuizItem, Scoring } from './types.js';

export const DEFAULT_QUESTIONS = 5;
export const DEFAULT_SECONDS = 20;
/** Tries of a stop overtaken by concurrent steps: each one that loses sees the quiz one step further on. */
const STOP_ATTEMPTS = 3;
const CUSTOM_SET_WORDS = new Set(['custom', 'set', 'mine', 'own', '自定义', '自己的', '本群']);

/** For engine calls that neither post nor set timers (reading results). */
export const NO_EFFECTS: JobEffects = {
  post: () => Promise.reject(new Error('this call cannot post')),
  schedule: () => Promise.reject(new Error('this call cannot set timers')),
};

export interface StartOptions {
  topic?: string | undefined;
  questions?: number | undefined;
  seconds?: number | undefined;
  scoring?: Scoring | undefined;
}

export function chatKeyOf(job: Pick<TutorJob, 'context'>): string {
  return `${job.context.platform}:${job.context.chat.id}`;
}

/**
 * Class quizzes on the worker side: start one, move it on when its timers fire (open a question, close it and
 * reveal, finish with a podium and a report), stop or skip on request, hand out results, import a chat's questions.
 * Every step can run twice (a worker dies mid-step, a timer fires twice) and does the same: messages have fixed
 * delivery ids and timers fixed job ids, and each step first checks the quiz is where it expects.
 */
export class ClassQuizEngine {
  constructor(
    private readonly services: TutorServices,
    private readonly effects: JobEffects,
  ) {}

  private get store() {
    return this.services.classQuiz;
  }

  private get timing() {
    return this.services.classQuizTiming;
  }

  async start(job: TutorJob, options: StartOptions): Promise<Reply> {
    const locale = job.context.chat.defaultLocale ?? job.context.locale;
    const chatKey = chatKeyOf(job);
    const { items, title, note } = await this.pickItems(job, chatKey, options);
    const quiz: ClassQuiz = {
      id: randomBytes(9).toString('base64url'),
      platform: job.context.platform,
      chatId: job.context.chat.id,
      chatKey,
      locale,
      starterId: job.context.user.id,
      outbox: job.address.outbox,
      route: job.address.route,
      title,
      scoring: options.scoring ?? 'speed',
      secondsPerQuestion: options.seconds ?? DEFAULT_SECONDS,
      items,
      phase: 'lobby',
      index: -1,
      standings: [],
      history: [],
      startedAt: Date.now(),
      version: 0,
    };
    const begun = await this.store.begin(quiz);
    if (!begun.begun) return this.plain(job, t(locale, 'classQuiz.alreadyRunning'));
    await this.schedule(quiz, 'open', 0, this.timing.lobbyMs);
    const join = await this.services.buttons.register({ command: 'quiz', subcommand: 'join', args: { q: quiz.id }, chat: quiz.chatKey }, QUIZ_BUTTON_TTL_MS);
    const lobby = t(locale, 'classQuiz.lobby', {
      title: escapeMarkdown(title),
      count: items.length,
      seconds: quiz.secondsPerQuestion,
      scoring: t(locale, quiz.scoring === 'speed' ? 'classQuiz.scoringSpeed' : 'classQuiz.scoringPlain'),
      lobby: Math.round(this.timing.lobbyMs / 1000),
    });
    return { command: 'quiz', locale, text: note ? `${lobby}\n\n${note}` : lobby, buttons: [{ id: join, label: t(locale, 'classQuiz.buttonJoin') }] };
  }

  /** A timer fired: `open-<i>` or `close-<i>`. */
  async tick(quizId: string, step: string): Promise<void> {
    const match = /^(open|close)-(\d{1,3})$/.exec(step);
    const quiz = await this.store.load(quizId);
    if (!match || !quiz) return;
    const index = Number(match[2]);
    if (match[1] === 'open') await this.open(quiz, index);
    else await this.close(quiz, index);
  }

  /**
   * Stops the chat's quiz and frees the chat, whatever state its claim is in: a step overtaken by another (a timer
   * closing the same question) saved nothing, so the quiz is read again and stopped from where that step left it;
   * a quiz already finished whose claim was never released (a worker died between the two) is released.
   */
  async stop(job: TutorJob): Promise<Reply> {
    const chatKey = chatKeyOf(job);
    const quizId = await this.store.running(chatKey);
    let quiz = quizId ? await this.store.load(quizId) : undefined;
    if (!quizId || !quiz) throw new UserError('quiz_not_running');
    this.checkStarterOrAdmin(job, quiz);
    const locale = quiz.locale;
    for (let attempt = 0; quiz && attempt < STOP_ATTEMPTS; attempt++) {
      if (quiz.phase === 'question') await this.close(quiz, quiz.index, { andThen: 'stop' });
      else if (quiz.phase === 'finished') await this.store.finish(quiz);
      else await this.finish(quiz, true);
      quiz = (await this.store.running(chatKey)) === quizId ? await this.store.load(quizId) : undefined;
    }
    return this.plain(job, t(locale, 'classQuiz.stopping'));
  }

  async skip(job: TutorJob): Promise<Reply> {
    const quiz = await this.runningQuiz(job);
    this.checkStarterOrAdmin(job, quiz);
    // A distinct job id: the regular timer for the same step is already set and would swallow a second add.
    if (quiz.phase === 'lobby') await this.schedule(quiz, 'open', 0, 0, 'skip');
    else if (quiz.phase === 'question') await this.schedule(quiz, 'close', quiz.index, 0, 'skip');
    else if (quiz.phase === 'reveal') await this.schedule(quiz, 'open', quiz.index + 1, 0, 'skip');
    return this.plain(job, t(quiz.locale, 'classQuiz.skipped'));
  }

  /** The last finished quiz's answers as CSV, for its starter or an admin, sent privately. */
  async results(job: TutorJob): Promise<Reply> {
    const locale = job.context.locale;
    const quizId = await this.store.lastFinished(chatKeyOf(job));
    const quiz = quizId ? await this.store.load(quizId) : undefined;
    if (!quiz) return this.plain(job, t(locale, 'classQuiz.noResults'));
    this.checkStarterOrAdmin(job, quiz);
    // Asked as the group itself (an anonymous admin): there is no private chat to write to, and a start link would be
    // opened by a real person the link was not made for. A button instead: an admin presses it as themselves (their
    // rights are checked then) and gets the results privately, or their own start link.
    if (speaksAsThisChat(job.context)) {
      const again = await this.services.buttons.register({ command: 'quiz', subcommand: 'results', args: {}, chat: chatKeyOf(job) });
      return { ...this.plain(job, t(locale, 'classQuiz.resultsAnonymous')), buttons: [{ id: again, label: t(locale, 'classQuiz.resultsAnonymousButton') }] };
    }
    const token = `r${randomBytes(9).toString('base64url')}`;
    await this.store.saveResultsLink(token, { quizId: quiz.id, userId: job.context.user.id });
    return {
      ...this.resultsReply(quiz, locale),
      directMessage: { startParam: token, fallbackText: t(locale, 'classQuiz.resultsFallback'), linkLabel: t(locale, 'classQuiz.resultsLink') },
    };
  }

  /** `/start r…` in a private chat: the results a deep link stands for, for the person it was made for. */
  async resultsByLink(job: TutorJob, token: string): Promise<Reply | undefined> {
    const link = await this.store.resultsLink(token);
    if (!link || link.userId !== job.context.user.id) return undefined;
    const quiz = await this.store.load(link.quizId);
    return quiz ? this.resultsReply(quiz, job.context.locale) : undefined;
  }

  async import(job: TutorJob, file: string): Promise<Reply> {
    const locale = job.context.locale;
    // The edge checked both before the file was fetched (the sub-command's policy); a job is checked again here.
    if (job.context.chat.kind !== 'group') throw new UserError('import_group_only');
    if (!job.context.user.chatAdmin) throw new UserError('admins_only');
    const attachment = await this.services.uploads.claim(file);
    if (attachment === 'expired') throw new UserError('upload_expired');
    if (!attachment) throw new UserError('file_required');
    // A file the adapter did not download (over the limit) has no bytes: the parser reports its size.
    const result = attachment.bytes ? parseQuestionFile(attachment.name, attachment.bytes) : fileTooLarge(attachment.size);
    const report = describeImportProblems(locale, result);
    if (result.errors.length === 0 && result.questions.length > 0) {
      await this.store.saveCustomSet(chatKeyOf(job), result.questions);
      return this.plain(job, `${report}\n\n${t(locale, 'classQuiz.importDone', { count: result.questions.length })}`);
    }
    return this.plain(job, report);
  }

  private async open(quiz: ClassQuiz, index: number): Promise<void> {
    const expected = (quiz.phase === 'lobby' && index === 0) || (quiz.phase === 'reveal' && quiz.index === index - 1) || (quiz.phase === 'question' && quiz.index === index);
    if (!expected || index >= quiz.items.length) return;
    if (quiz.phase !== 'question') {
      quiz.phase = 'question';
      quiz.index = index;
      // Overtaken (another worker opened it first): that worker posts the question and sets its timer.
      if (!(await this.store.save(quiz))) return;
    }
    const openMs = quiz.secondsPerQuestion * this.timing.secondMs + this.timing.answerGraceMs;
    await this.store.open(quiz.id, index, openMs);
    const players = (await this.store.players(quiz.id)).length;
    const live = t(quiz.locale, 'classQuiz.live', { answered: 0, players });
    await this.effects.post(await questionPost(quiz, this.services.quiz, this.services.buttons, `post-${questionStreamId(quiz, index)}`, live));
    await this.schedule(quiz, 'close', index, openMs);
  }

  private async close(quiz: ClassQuiz, index: number, options: { andThen?: 'stop' } = {}): Promise<void> {
    if (quiz.phase !== 'question' || quiz.index !== index) return;
    await this.store.close(quiz.id, index);
    const [answers, players] = await Promise.all([this.store.answers(quiz.id, index), this.store.players(quiz.id)]);
    const item = itemText(this.services.quiz, quiz.items[index]!, quiz.locale);
    const { standings, scored } = scoreQuestion(
      quiz.standings,
      answers,
      new Map(players.map((player) => [player.userId, player.name])),
      item.correct,
      quiz.secondsPerQuestion * this.timing.secondMs,
      quiz.scoring,
    );
    quiz.standings = standings;
    quiz.history[index] = scored;
    const last = index + 1 >= quiz.items.length || options.andThen === 'stop';

    const stream = questionStreamId(quiz, index);
    const closed = questionText(quiz, item, t(quiz.locale, 'classQuiz.timeUp', { answered: answers.length }));
    await this.effects.post(chatDelivery(quiz, stream, finalDeliveryId(stream), { command: 'quiz', locale: quiz.locale, text: closed, buttons: [] }, true));
    const reveal = revealText(quiz, item, scored, last, Math.round(this.timing.revealPauseMs / 1000));
    const revealStream = `qz${quiz.id}r${index}`;
    await this.effects.post(chatDelivery(quiz, revealStream, finalDeliveryId(revealStream), { command: 'quiz', locale: quiz.locale, text: reveal, buttons: [] }, true));

    if (last) {
      await this.finish(quiz, options.andThen === 'stop' && index + 1 < quiz.items.length);
      return;
    }
    quiz.phase = 'reveal';
    // Overtaken (the timer's close and the all-answered close ran together): the winner sets the next timer. A late
    // loser must not put the quiz back to this reveal after the next question has opened.
    if (!(await this.store.save(quiz))) return;
    await this.schedule(quiz, 'open', index + 1, this.timing.revealPauseMs);
  }

  private async finish(quiz: ClassQuiz, stoppedEarly: boolean): Promise<void> {
    if (quiz.phase === 'finished') return;
    quiz.phase = 'finished';
    const stream = `qz${quiz.id}end`;
    const text = finalText(quiz, this.services.quiz, stoppedEarly);
    // The podium goes back to the chat itself: a quiz in a thread or topic ends where the class can see it.
    await this.effects.post(chatDelivery(quiz, stream, finalDeliveryId(stream), { command: 'quiz', locale: quiz.locale, text, buttons: [], mainChat: true }, true));
    await this.store.finish(quiz);
  }

  private async schedule(quiz: ClassQuiz, action: 'open' | 'close', index: number, delayMs: number, reason = 'timer'): Promise<void> {
    await this.effects.schedule('fast', tickJob(quiz, action, index), { delayMs, jobId: tickJobId(quiz, action, index, reason), timer: true });
  }

  private async pickItems(job: TutorJob, chatKey: string, options: StartOptions): Promise<{ items: QuizItem[]; title: string; note?: string }> {
    const locale = job.context.chat.defaultLocale ?? job.context.locale;
    const wanted = options.questions ?? DEFAULT_QUESTIONS;
    const topic = options.topic?.trim();
    let pool: QuizItem[];
    let title: string;
    if (topic && CUSTOM_SET_WORDS.has(topic.toLowerCase())) {
      const set = await this.store.customSet(chatKey);
      if (!set || set.length === 0) throw new UserError('quiz_no_custom_set');
      pool = set.map((custom) => ({ custom }));
      title = t(locale, 'classQuiz.customSet');
    } else if (topic) {
      const topicId = quizTopicFor(this.services, topic);
      pool = this.services.quiz.forTopic(topicId).map((question) => ({ bankId: question.id }));
      title = this.services.catalog.lesson(langOf(locale), topicId).title;
    } else {
      pool = this.services.quiz.all.map((question) => ({ bankId: question.id }));
      title = t(locale, 'classQuiz.allTopics');
    }
    const items = shuffle(pool).slice(0, wanted);
    const note = items.length < wanted ? t(locale, 'classQuiz.notEnoughQuestions', { available: items.length }) : undefined;
    return note ? { items, title, note } : { items, title };
  }

  private async runningQuiz(job: TutorJob): Promise<ClassQuiz> {
    const quizId = await this.store.running(chatKeyOf(job));
    const quiz = quizId ? await this.store.load(quizId) : undefined;
    if (!quiz || quiz.phase === 'finished') throw new UserError('quiz_not_running');
    return quiz;
  }

  private checkStarterOrAdmin(job: TutorJob, quiz: ClassQuiz): void {
    if (job.context.user.id !== quiz.starterId && !job.context.user.chatAdmin) throw new UserError('quiz_starter_only');
  }

  private resultsReply(quiz: ClassQuiz, locale: ClassQuiz['locale']): Reply {
    const csv = resultsCsv(quiz, this.services.quiz);
    return {
      command: 'quiz',
      locale,
      text: t(locale, 'classQuiz.resultsTitle', { title: escapeMarkdown(quiz.title) }),
      buttons: [],
      file: { name: `quiz-results-${quiz.id}.csv`, mime: 'text/csv', base64: Buffer.from(`\uFEFF${csv}`, 'utf8').toString('base64') },
    };
  }

  private plain(job: TutorJob, text: string): Reply {
    return { command: 'quiz', locale: job.context.locale, text, buttons: [] };
  }
}

function shuffle<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
