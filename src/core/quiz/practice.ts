import { randomBytes } from 'node:crypto';
import { UserError } from '../errors.js';
import { t } from '../i18n.js';
import type { TutorJob } from '../jobs.js';
import { langOf } from '../locale.js';
import { escapeMarkdown } from '../markdown.js';
import type { Button, Reply } from '../reply.js';
import { errorReply } from '../reply-format.js';
import type { TutorServices } from '../services.js';
import type { Question } from './bank.js';
import { pickRound, reviewRound, weakTopics } from './pick.js';
import { quizTopicFor } from './topic.js';
import type { Round } from './practice-store.js';

// Answer buttons are one-off: they need only outlive a student who pauses for a day.
const ANSWER_BUTTON_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_WEAK_TOPICS_SHOWN = 3;
// A right option's explanation opens with its own praise ("Right.", "正确。"): after "✅ Right!" it would be said twice.
const OWN_PRAISE = /^\s*(?:(?:right|correct|exactly|yes)\s*[.!:,;]|(?:正确|对|没错|答对了)\s*[。！：，；.!:,;])\s*/i;

/**
 * Private practice: rounds of a few questions, each answered by a button, told at once why the pick is right or which
 * misconception it reveals; what was missed comes back in `/quiz review`.
 */
export class Practice {
  constructor(
    private readonly job: TutorJob,
    private readonly services: TutorServices,
  ) {}

  private get who() {
    return [this.job.context.platform, this.job.context.user.id] as const;
  }

  private get locale() {
    return this.job.context.locale;
  }

  /** A new round: on one topic (a topic id or a free description), or chosen from the student's weak spots. */
  async start(topicQuery: string | undefined): Promise<Reply> {
    const topic = topicQuery ? quizTopicFor(this.services, topicQuery) : undefined;
    const [stats, seenLessons] = await Promise.all([this.services.practice.stats(...this.who), this.services.progress.seen(...this.who)]);
    const ids = pickRound(this.services.quiz, stats, { topic, seenLessons });
    return this.begin({ mode: 'practice', topic, ids, index: 0, correct: 0 });
  }

  /** `/quiz start` where no class can play (a private chat): where class quizzes run, then a practice round. */
  async instead(where: string, topicQuery: string | undefined): Promise<Reply> {
    const round = await this.start(topicQuery);
    return { ...round, text: [where, t(this.locale, 'quiz.practiceInstead'), round.text].join('\n\n') };
  }

  /** A message with practice one press away (`/quiz stop` where no class quiz can run). */
  async offer(text: string): Promise<Reply> {
    const id = await this.services.buttons.register({ command: 'quiz', subcommand: 'practice', args: {} });
    return { command: 'quiz', locale: this.locale, text, buttons: [{ id, label: t(this.locale, 'quiz.buttonPractise') }] };
  }

  async review(): Promise<Reply> {
    const ids = reviewRound(this.services.quiz, await this.services.practice.stats(...this.who));
    if (ids.length === 0) return { command: 'quiz', locale: this.locale, text: t(this.locale, 'quiz.nothingToReview'), buttons: [await this.againButton()] };
    return this.begin({ mode: 'review', ids, index: 0, correct: 0 });
  }

  /** The next question of the round in progress (the open one again if it is unanswered), or a new round. */
  async next(): Promise<Reply> {
    const round = await this.services.practice.round(...this.who);
    if (!round || round.index >= round.ids.length) return this.start(undefined);
    return this.ask(round);
  }

  /** An answer button: counts once (the open question is claimed atomically), then feedback and what comes next. */
  async answer(nonce: string, option: number): Promise<Reply> {
    const questionId = await this.services.practice.claim(...this.who, nonce);
    const question = questionId ? this.services.quiz.get(questionId) : undefined;
    if (!question) return this.closed();
    const correct = option === question.correct;
    const stats = await this.services.practice.record(...this.who, { questionId: question.id, topic: question.topic, correct });

    const round = await this.services.practice.round(...this.who);
    const inRound = round?.nonce === nonce;
    if (round && inRound) {
      round.index += 1;
      round.correct += correct ? 1 : 0;
      round.nonce = undefined;
    }
    const ended = !round || !inRound || round.index >= round.ids.length;
    await this.services.practice.saveRound(...this.who, ended ? undefined : round);

    const lines = [this.feedback(question, option, correct)];
    const buttons: Button[] = [];
    if (!ended && round) {
      buttons.push({ id: await this.services.buttons.register({ command: 'quiz', subcommand: 'next', args: {} }), label: t(this.locale, 'quiz.buttonNext') });
    } else {
      const perfect = round !== undefined && inRound && round.correct === round.ids.length;
      if (round && inRound) lines.push(t(this.locale, perfect ? 'quiz.perfectRound' : 'quiz.roundScore', { correct: round.correct, total: round.ids.length }));
      // After a perfect round there is nothing of it to revisit; older misses stay behind the review button.
      const weak = perfect ? [] : weakTopics(stats).slice(0, MAX_WEAK_TOPICS_SHOWN);
      if (weak.length > 0) lines.push(t(this.locale, 'quiz.weakTopics', { topics: weak.map((id) => this.title(id)).join(t(this.locale, 'quiz.topicSeparator')) }));
      else if (!perfect) lines.push(t(this.locale, 'quiz.noWeakTopics'));
      buttons.push(await this.againButton());
      // Only questions still in the bank: a question moved to another topic (a new id) is not reviewed under its old one.
      const missed = stats.missed.filter((missedId) => this.services.quiz.get(missedId) !== undefined).length;
      if (missed > 0) {
        const id = await this.services.buttons.register({ command: 'quiz', subcommand: 'review', args: {} });
        buttons.push({ id, label: t(this.locale, 'quiz.buttonReview', { count: missed }) });
      }
    }
    buttons.push(await this.lessonButton(question.topic));
    return { command: 'quiz', locale: this.locale, text: lines.join('\n\n'), buttons, topic: question.topic, correct };
  }

  private async begin(round: Round): Promise<Reply> {
    const previous = await this.services.practice.round(...this.who);
    if (previous?.nonce) await this.services.practice.close(...this.who, previous.nonce);
    return this.ask(round);
  }

  private async ask(round: Round): Promise<Reply> {
    const question = this.services.quiz.get(round.ids[round.index] ?? '');
    if (!question) return this.start(undefined); // The bank changed under a stored round: start afresh.
    if (round.nonce) await this.services.practice.close(...this.who, round.nonce);
    const nonce = randomBytes(6).toString('base64url');
    await this.services.practice.open(...this.who, nonce, question.id);
    await this.services.practice.saveRound(...this.who, { ...round, nonce });

    const text = question.text[langOf(this.locale)];
    const heading = t(this.locale, round.mode === 'review' ? 'quiz.reviewHeading' : 'quiz.questionHeading', {
      number: round.index + 1,
      total: round.ids.length,
      topic: this.title(question.topic),
    });
    const buttons = await Promise.all(
      text.options.map(async (label, option) => ({
        id: await this.services.buttons.register({ command: 'quiz', subcommand: 'answer', args: { n: nonce, o: option } }, ANSWER_BUTTON_TTL_MS),
        label,
      })),
    );
    return { command: 'quiz', locale: this.locale, text: `${heading}\n\n${escapeMarkdown(text.question)}`, buttons, topic: question.topic };
  }

  private feedback(question: Question, option: number, correct: boolean): string {
    const text = question.text[langOf(this.locale)];
    const explain = (index: number) => escapeMarkdown((text.explanations[index] ?? '').replace(OWN_PRAISE, ''));
    if (correct) return t(this.locale, 'quiz.right', { explanation: explain(option) });
    const picked = text.options[option];
    const lines = picked === undefined ? [] : [t(this.locale, 'quiz.wrong', { picked: escapeMarkdown(picked), explanation: explain(option) })];
    lines.push(t(this.locale, 'quiz.answerWas', { answer: escapeMarkdown(text.options[question.correct] ?? ''), explanation: explain(question.correct) }));
    return lines.join('\n\n');
  }

  /** An answer to a question that is no longer open: answered already, from an old round, or a made-up nonce. */
  private async closed(): Promise<Reply> {
    const reply = errorReply('quiz', this.locale, new UserError('question_closed'));
    const round = await this.services.practice.round(...this.who);
    const onward =
      round && round.index < round.ids.length
        ? { id: await this.services.buttons.register({ command: 'quiz', subcommand: 'next', args: {} }), label: t(this.locale, 'quiz.buttonNext') }
        : await this.againButton();
    return { ...reply, buttons: [onward] };
  }

  private title(topicId: string): string {
    return this.services.catalog.has(topicId) ? this.services.catalog.lesson(langOf(this.locale), topicId).title : topicId;
  }

  private async againButton(): Promise<Button> {
    return { id: await this.services.buttons.register({ command: 'quiz', subcommand: 'practice', args: {} }), label: t(this.locale, 'quiz.buttonAgain') };
  }

  private async lessonButton(topicId: string): Promise<Button> {
    const id = await this.services.buttons.register({ command: 'explain', args: { topic: topicId } });
    return { id, label: t(this.locale, 'quiz.buttonLesson', { title: this.title(topicId) }) };
  }
}
