import { randomBytes } from 'node:crypto';
import { QUIZ_JOIN_OPTIONS, QUIZ_PLAY_OPTIONS } from './button-options.js';
import type { ButtonActions } from '../buttons.js';
import { t } from '../i18n.js';
import type { TutorJob } from '../jobs.js';
import { argsSchema } from '../options.js';
import type { JobSubmitter, Logger, OutboxSender } from '../ports.js';
import type { QuizBank } from '../quiz/bank.js';
import type { Reply } from '../reply.js';
import { localize } from '../reply-format.js';
import { questionPost, tickJob, tickJobId } from './posts.js';
import { LETTERS } from './render.js';
import type { ClassQuizStore } from './store.js';
import type { ClassQuizTiming } from './timing.js';

const playArgs = argsSchema(QUIZ_PLAY_OPTIONS);
const joinArgs = argsSchema(QUIZ_JOIN_OPTIONS);
// Pending live-counter edits kept by one process: one per open question; old ones are dropped past this.
const MAX_LIVE_COUNTERS = 1_000;

export interface DeskDeps {
  store: ClassQuizStore;
  bank: QuizBank;
  buttons: ButtonActions;
  /** Where the live "12 answered" edits go: the quiz chat's outbox. */
  outbox: OutboxSender;
  /** To close a question at once when every player has answered. */
  submitter: JobSubmitter;
  timing: ClassQuizTiming;
  logger: Logger;
}

interface LiveCounter {
  answered: number;
  players: number;
  lastSentAt: number;
  timer?: NodeJS.Timeout | undefined;
}

/**
 * A class quiz's buttons, answered at the edge (the adapter's process) without a queue: an answer is one atomic
 * store operation, acknowledged privately at once in the student's language. Behind it, the question's live counter
 * is edited at most every `liveUpdateMs` (the chat's message budget), and when every player has answered the
 * question closes without waiting for its timer.
 */
export class ClassQuizDesk {
  private readonly counters = new Map<string, LiveCounter>();
  private sequence = 0;
  // Names this desk's live edits. Not the pid: a restarted bot often has the same one (pid 1 in a container), and
  // the outbox keeps the ids of delivered edits, so the new process's first edits of a question would be dropped.
  private readonly instance = randomBytes(6).toString('base64url');

  constructor(private readonly deps: DeskDeps) {}

  async handle(job: Omit<TutorJob, 'address'>): Promise<Reply> {
    const locale = job.context.locale;
    const player = { userId: job.context.user.id, name: job.context.user.displayName ?? job.context.user.id };
    if (job.subcommand === 'join') {
      const { q } = joinArgs.parse(job.args);
      const quiz = await this.deps.store.load(q);
      if (!quiz || quiz.phase === 'finished') return this.ack(locale, t(locale, 'classQuiz.ackOver'));
      const { joined, players } = await this.deps.store.join(q, player);
      return this.ack(locale, t(locale, joined ? 'classQuiz.ackJoined' : 'classQuiz.ackAlreadyIn', { players }));
    }
    const { q, i, o } = playArgs.parse(job.args);
    const outcome = await this.deps.store.answer(q, i, player, o);
    if (outcome.status === 'again') return this.ack(locale, t(locale, 'classQuiz.ackAgain'));
    if (outcome.status === 'closed') return this.ack(locale, t(locale, 'classQuiz.ackClosed'));
    this.countLive(q, i, outcome.answered, outcome.players);
    // Everyone has answered — unless nobody had joined when it opened: then the first answer would close it on the rest.
    if (outcome.playersAtOpen > 0 && outcome.answered >= outcome.players) void this.closeEarly(q, i);
    return this.ack(locale, t(locale, 'classQuiz.ackRecorded', { letter: LETTERS[o] ?? '?' }));
  }

  /** Stops pending counter edits (shutdown). */
  close(): void {
    for (const counter of this.counters.values()) clearTimeout(counter.timer);
    this.counters.clear();
  }

  private ack(locale: Reply['locale'], text: string): Reply {
    return localize({ command: 'quiz', locale, text, buttons: [], askerOnly: true });
  }

  private countLive(quizId: string, index: number, answered: number, players: number): void {
    const key = `${quizId}:${index}`;
    let counter = this.counters.get(key);
    if (!counter) {
      if (this.counters.size >= MAX_LIVE_COUNTERS) this.dropOldestCounter();
      counter = { answered, players, lastSentAt: 0 };
      this.counters.set(key, counter);
    }
    counter.answered = Math.max(counter.answered, answered);
    counter.players = Math.max(counter.players, players);
    if (counter.timer) return;
    const waitMs = Math.max(0, counter.lastSentAt + this.deps.timing.liveUpdateMs - Date.now());
    counter.timer = setTimeout(() => void this.sendLive(key, quizId, index), waitMs);
    counter.timer.unref();
  }

  private async sendLive(key: string, quizId: string, index: number): Promise<void> {
    const counter = this.counters.get(key);
    if (!counter) return;
    counter.timer = undefined;
    counter.lastSentAt = Date.now();
    try {
      const quiz = await this.deps.store.load(quizId);
      if (!quiz || quiz.phase !== 'question' || quiz.index !== index) {
        this.counters.delete(key);
        return;
      }
      const live = t(quiz.locale, 'classQuiz.live', { answered: counter.answered, players: counter.players });
      this.sequence += 1;
      const delivery = await questionPost(quiz, this.deps.bank, this.deps.buttons, `live-${quiz.id}-${index}-${this.instance}-${this.sequence}`, live);
      await this.deps.outbox.send(delivery);
    } catch (error) {
      this.deps.logger.warn({ err: error, quiz: quizId }, 'class quiz: live counter not sent');
    }
  }

  private async closeEarly(quizId: string, index: number): Promise<void> {
    try {
      const quiz = await this.deps.store.load(quizId);
      if (!quiz || quiz.phase !== 'question' || quiz.index !== index) return;
      await this.deps.submitter.submit('fast', tickJob(quiz, 'close', index), { jobId: tickJobId(quiz, 'close', index, 'all-answered'), timer: true });
    } catch (error) {
      this.deps.logger.warn({ err: error, quiz: quizId }, 'class quiz: early close not scheduled (its timer still closes it)');
    }
  }

  private dropOldestCounter(): void {
    const [key, counter] = this.counters.entries().next().value!;
    clearTimeout(counter.timer);
    this.counters.delete(key);
  }
}
