import type { ButtonActions } from './buttons.js';
import type { ChatPrefs } from './chat-prefs.js';
import type { ClassQuizStore } from './class-quiz/store.js';
import type { ClassQuizTiming } from './class-quiz/timing.js';
import type { CommandDefinition } from './command.js';
import type { TutorJob } from './jobs.js';
import type { Catalog } from './lessons/catalog.js';
import type { LessonRetriever } from './lessons/retrieval.js';
import type { Locale } from './locale.js';
import type { ModelKitLoader } from './model-port.js';
import type { JobEffects, KeyValueStore, Logger, ReportUpdate } from './ports.js';
import type { Progress } from './progress.js';
import type { QuizBank } from './quiz/bank.js';
import type { PracticeStore } from './quiz/practice-store.js';
import type { Reply } from './reply.js';
import type { Uploads } from './uploads.js';
import type { UserPrefs } from './user-prefs.js';

/** What job handlers work with: the curriculum and the small state the tutor keeps. */
export interface TutorServices {
  /** The commands this tutor runs, with their handlers: what /help lists and what the processor routes jobs to. */
  commands: readonly TutorCommand[];
  catalog: Catalog;
  retriever: LessonRetriever;
  prefs: UserPrefs;
  chatPrefs: ChatPrefs;
  progress: Progress;
  quiz: QuizBank;
  practice: PracticeStore;
  classQuiz: ClassQuizStore;
  classQuizTiming: ClassQuizTiming;
  /** The state store itself, for /forget. */
  store: KeyValueStore;
  buttons: ButtonActions;
  /** Attached files held by the edge, claimed once by the job that needs them. */
  uploads: Uploads;
  /** Where per-user state lives, as /help tells users. */
  storage: 'memory' | 'redis';
  defaultLocale: Locale;
  /** The tutor's GPT, loaded on first use (workers that never run model jobs never load it); absent when not shipped. */
  model?: ModelKitLoader | undefined;
  /** Faults a handler answered around (the user got a reply; operators should still see the cause). */
  logger?: Logger | undefined;
}

/**
 * Runs one job of a command; `report` streams updates (partial text) while it works; `effects` (absent where a
 * processor is called on its own, as in some tests) posts messages and sets timers. Null: nothing to answer.
 */
export type JobHandler = (job: TutorJob, services: TutorServices, report: ReportUpdate, effects: JobEffects | undefined) => Promise<Reply | null>;

/**
 * A command as a worker knows it: its definition and what runs its jobs (`defineCommand` in define-command.ts
 * builds one; a definition without a handler is not a TutorCommand, so it cannot be listed).
 */
export interface TutorCommand extends CommandDefinition {
  /** Checks the job's arguments against its (sub-)command's options (InvalidJobError if they do not fit) and runs it. */
  run: JobHandler;
}
