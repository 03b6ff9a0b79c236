import { COMMANDS } from '../../commands/index.js';
import { ButtonActions } from '../core/buttons.js';
import { ChatPrefs } from '../core/chat-prefs.js';
import { Catalog } from '../core/lessons/catalog.js';
import { LessonRetriever } from '../core/lessons/retrieval.js';
import type { Locale } from '../core/locale.js';
import type { ModelKit } from '../core/model-port.js';
import type { KeyValueStore } from '../core/ports.js';
import type { TutorServices } from '../core/services.js';
import { Progress } from '../core/progress.js';
import { QuizBank } from '../core/quiz/bank.js';
import { PracticeStore } from '../core/quiz/practice-store.js';
import { QUIZ_QUESTIONS, QUIZ_TEXTS } from '../../locales/quiz.js';
import { UserPrefs } from '../core/user-prefs.js';

/** The core services a worker runs jobs with, on the given state store. */
export function createServices(store: KeyValueStore, defaultLocale: Locale, model?: () => Promise<ModelKit>): TutorServices {
  const catalog = new Catalog();
  return {
    commands: COMMANDS,
    catalog,
    retriever: new LessonRetriever(catalog),
    prefs: new UserPrefs(store),
    chatPrefs: new ChatPrefs(store),
    progress: new Progress(store),
    quiz: new QuizBank(QUIZ_QUESTIONS, QUIZ_TEXTS),
    practice: new PracticeStore(store),
    store,
    buttons: new ButtonActions(store),
    storage: store.kind,
    defaultLocale,
    model,
  };
}
