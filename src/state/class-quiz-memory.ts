import { CUSTOM_SET_TTL_MS, RESULTS_TTL_MS, RUNNING_TTL_MS, type ClassQuizStore } from '../core/class-quiz/store.js';
import type { AnswerOutcome, ClassQuiz, CustomItem, Player, RecordedAnswer } from '../core/class-quiz/types.js';
import { anonymousPlayerId, withoutPerson } from '../core/class-quiz/forget.js';
import { wellFormed, wellFormedDeep } from '../core/well-formed.js';

interface Live {
  index: number;
  openedAt: number;
  closesAt: number;
  closed: boolean;
  playersAtOpen: number;
}

// Offline state is one process's memory: keep the most recent quizzes only.
const MAX_QUIZZES = 500;

/** The offline twin of RedisClassQuizStore: the same rules, in one process (each method runs without awaiting). */
export class MemoryClassQuizStore implements ClassQuizStore {
  private readonly quizzes = new Map<string, { json: string; expiresAt: number }>();
  private readonly runningByChat = new Map<string, { id: string; expiresAt: number }>();
  private readonly lastByChat = new Map<string, string>();
  private readonly live = new Map<string, Live>();
  private readonly answerSheets = new Map<string, Map<string, RecordedAnswer>>();
  private readonly playerLists = new Map<string, Map<string, string>>();
  private readonly customSets = new Map<string, { items: CustomItem[]; expiresAt: number }>();
  private readonly links = new Map<string, { value: { quizId: string; userId: string }; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async begin(quiz: ClassQuiz): Promise<{ begun: true } | { begun: false; runningId: string }> {
    const running = this.runningByChat.get(quiz.chatKey);
    if (running && running.expiresAt > this.now()) return { begun: false, runningId: running.id };
    this.runningByChat.set(quiz.chatKey, { id: quiz.id, expiresAt: this.now() + RUNNING_TTL_MS });
    this.store(quiz);
    return { begun: true };
  }

  async running(chatKey: string): Promise<string | undefined> {
    const running = this.runningByChat.get(chatKey);
    return running && running.expiresAt > this.now() ? running.id : undefined;
  }

  async load(quizId: string): Promise<ClassQuiz | undefined> {
    const entry = this.quizzes.get(quizId);
    return entry && entry.expiresAt > this.now() ? (JSON.parse(entry.json) as ClassQuiz) : undefined;
  }

  async save(quiz: ClassQuiz): Promise<boolean> {
    const stored = this.quizzes.get(quiz.id);
    if (stored && (JSON.parse(stored.json) as ClassQuiz).version !== quiz.version) return false;
    quiz.version += 1;
    this.store(quiz);
    return true;
  }

  async open(quizId: string, index: number, windowMs: number): Promise<void> {
    if (this.live.get(quizId)?.index === index) return;
    const now = this.now();
    this.live.set(quizId, { index, openedAt: now, closesAt: now + windowMs, closed: false, playersAtOpen: this.players_(quizId).size });
  }

  async answer(quizId: string, index: number, player: Player, option: number): Promise<AnswerOutcome> {
    const sheet = this.sheet(quizId, index);
    const players = this.players_(quizId);
    const live = this.live.get(quizId);
    const now = this.now();
    const playersAtOpen = live?.playersAtOpen ?? 0;
    if (!live || live.index !== index || live.closed || now >= live.closesAt) return { status: 'closed', answered: sheet.size, players: players.size, playersAtOpen };
    if (sheet.has(player.userId)) return { status: 'again', answered: sheet.size, players: players.size, playersAtOpen };
    sheet.set(player.userId, { userId: player.userId, option, ms: now - live.openedAt });
    if (!players.has(player.userId)) players.set(player.userId, wellFormed(player.name));
    return { status: 'recorded', answered: sheet.size, players: players.size, playersAtOpen };
  }

  async join(quizId: string, player: Player): Promise<{ joined: boolean; players: number }> {
    const players = this.players_(quizId);
    const joined = !players.has(player.userId);
    if (joined) players.set(player.userId, wellFormed(player.name));
    return { joined, players: players.size };
  }

  async close(quizId: string, index: number): Promise<void> {
    const live = this.live.get(quizId);
    if (live && live.index === index) live.closed = true;
  }

  async answers(quizId: string, index: number): Promise<RecordedAnswer[]> {
    return [...this.sheet(quizId, index).values()];
  }

  async players(quizId: string): Promise<Player[]> {
    return [...this.players_(quizId)].map(([userId, name]) => ({ userId, name }));
  }

  async finish(quiz: ClassQuiz): Promise<boolean> {
    if (!(await this.save(quiz))) return false;
    if (this.runningByChat.get(quiz.chatKey)?.id === quiz.id) this.runningByChat.delete(quiz.chatKey);
    this.lastByChat.set(quiz.chatKey, quiz.id);
    return true;
  }

  async lastFinished(chatKey: string): Promise<string | undefined> {
    return this.lastByChat.get(chatKey);
  }

  async customSet(chatKey: string): Promise<CustomItem[] | undefined> {
    const entry = this.customSets.get(chatKey);
    return entry && entry.expiresAt > this.now() ? entry.items : undefined;
  }

  async saveCustomSet(chatKey: string, items: CustomItem[]): Promise<void> {
    this.customSets.set(chatKey, { items: wellFormedDeep(items), expiresAt: this.now() + CUSTOM_SET_TTL_MS });
  }

  async saveResultsLink(token: string, value: { quizId: string; userId: string }): Promise<void> {
    this.links.set(token, { value, expiresAt: this.now() + RESULTS_TTL_MS });
  }

  async resultsLink(token: string): Promise<{ quizId: string; userId: string } | undefined> {
    const entry = this.links.get(token);
    return entry && entry.expiresAt > this.now() ? entry.value : undefined;
  }

  async forgetPlayer(platform: string, userId: string, name: string): Promise<{ anonymised: number; running: number }> {
    const counts = { anonymised: 0, running: 0 };
    for (const [quizId, players] of this.playerLists) {
      const quiz = await this.load(quizId);
      if (!players.has(userId) || !quiz || quiz.platform !== platform) continue;
      if (quiz.phase !== 'finished') {
        counts.running += 1;
        continue;
      }
      const anonymousId = anonymousPlayerId();
      players.delete(userId);
      players.set(anonymousId, name);
      for (const [key, sheet] of this.answerSheets) {
        const answer = key.startsWith(`${quizId}:`) ? sheet.get(userId) : undefined;
        if (!answer) continue;
        sheet.delete(userId);
        sheet.set(anonymousId, { ...answer, userId: anonymousId });
      }
      this.store({ ...withoutPerson(quiz, userId, anonymousId, name), version: quiz.version + 1 });
      for (const [token, link] of this.links) if (link.value.userId === userId) this.links.delete(token);
      counts.anonymised += 1;
    }
    return counts;
  }

  private store(quiz: ClassQuiz): void {
    this.quizzes.delete(quiz.id);
    // Well-formed, as the Redis store writes it (its Lua cjson cannot decode a lone surrogate).
    this.quizzes.set(quiz.id, { json: JSON.stringify(wellFormedDeep(quiz)), expiresAt: this.now() + RESULTS_TTL_MS });
    if (this.quizzes.size > MAX_QUIZZES) {
      const oldest = this.quizzes.keys().next().value!;
      this.quizzes.delete(oldest);
      this.live.delete(oldest);
      this.playerLists.delete(oldest);
      for (const key of [...this.answerSheets.keys()]) if (key.startsWith(`${oldest}:`)) this.answerSheets.delete(key);
    }
  }

  private sheet(quizId: string, index: number): Map<string, RecordedAnswer> {
    const key = `${quizId}:${index}`;
    let sheet = this.answerSheets.get(key);
    if (!sheet) this.answerSheets.set(key, (sheet = new Map()));
    return sheet;
  }

  private players_(quizId: string): Map<string, string> {
    let players = this.playerLists.get(quizId);
    if (!players) this.playerLists.set(quizId, (players = new Map()));
    return players;
  }
}
