import { COMMANDS } from '../../commands/index.js';
import type { Config } from '../config/config.js';
import { ButtonActions } from '../core/buttons.js';
import { ChatPrefs } from '../core/chat-prefs.js';
import type { ClassQuizStore } from '../core/class-quiz/store.js';
import { DEFAULT_CLASS_QUIZ_TIMING, type ClassQuizTiming } from '../core/class-quiz/timing.js';
import { classQuizStoreFor } from '../state/class-quiz.js';
import { shippedContent } from '../content/shipped.js';
import { LessonRetriever } from '../core/lessons/retrieval.js';
import type { Locale } from '../core/locale.js';
import type { ModelKitLoader } from '../core/model-port.js';
import type { KeyValueStore, Logger } from '../core/ports.js';
import type { TutorCommand, TutorServices } from '../core/services.js';
import { Progress } from '../core/progress.js';
import type { QuizBank } from '../core/quiz/bank.js';
import { PracticeStore } from '../core/quiz/practice-store.js';
import { Uploads } from '../core/uploads.js';
import { UserPrefs } from '../core/user-prefs.js';

export interface ServiceOptions {
  /** The commands the workers run and /help lists; default: commands/ (tests add a fixture command to a copy). */
  commands?: readonly TutorCommand[];
  /** Shared with the edge offline (one process); by default beside `store`. */
  classQuiz?: ClassQuizStore;
  classQuizTiming?: Partial<ClassQuizTiming>;
  /** Where handlers report a fault they answered around (a model that failed, answered with the lesson). */
  logger?: Logger;
}

/** Class quiz pacing from the configuration (QUIZ_LOBBY_SECONDS, QUIZ_REVEAL_SECONDS). */
export function quizTimingFrom(config: Pick<Config, 'QUIZ_LOBBY_SECONDS' | 'QUIZ_REVEAL_SECONDS'>): Partial<ClassQuizTiming> {
  return { lobbyMs: config.QUIZ_LOBBY_SECONDS * 1000, revealPauseMs: config.QUIZ_REVEAL_SECONDS * 1000 };
}

/** The question bank of locales/quiz, loaded and checked once per process. */
export function quizBank(): QuizBank {
  return shippedContent().quiz;
}

/** The core services a worker runs jobs with, on the given state store. */
export function createServices(store: KeyValueStore, defaultLocale: Locale, model?: ModelKitLoader, options: ServiceOptions = {}): TutorServices {
  // Loaded and checked once per process (src/content): the core is handed the lessons and the questions.
  const { catalog, quiz } = shippedContent();
  return {
    commands: options.commands ?? COMMANDS,
    catalog,
    retriever: new LessonRetriever(catalog),
    prefs: new UserPrefs(store),
    chatPrefs: new ChatPrefs(store),
    progress: new Progress(store),
    quiz,
    practice: new PracticeStore(store),
    classQuiz: options.classQuiz ?? classQuizStoreFor(store),
    classQuizTiming: { ...DEFAULT_CLASS_QUIZ_TIMING, ...options.classQuizTiming },
    store,
    buttons: new ButtonActions(store),
    uploads: new Uploads(store),
    storage: store.kind,
    defaultLocale,
    model,
    logger: options.logger,
  };
}
