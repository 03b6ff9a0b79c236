/**
 * Finds which lessons' key phrases a question contains ("RLHF具体是怎么训练的" contains the rlhf alias "RLHF"),
 * a stronger signal than scattered shared words. Latin phrases must match whole words; Chinese phrases match
 * anywhere, as Chinese has no spaces.
 */

const HAN = /\p{Script=Han}/u;
const MIN_PHRASE_CHARS = 3;

interface Phrase {
  topic: string;
  text: string;
  han: boolean;
}

function squeeze(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Lower-cased words with single spaces around each, Han characters standing apart ("RLHF是" → " rlhf 是 "). */
function words(text: string): string {
  const spaced = text.toLowerCase().replace(/\p{Script=Han}/gu, ' $& ');
  return ` ${spaced.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
}

export class PhraseIndex {
  private readonly phrases: Phrase[] = [];

  add(topic: string, phrase: string): void {
    const han = HAN.test(phrase);
    const text = han ? squeeze(phrase) : words(phrase);
    if (squeeze(phrase).length >= (han ? 2 : MIN_PHRASE_CHARS)) this.phrases.push({ topic, text, han });
  }

  /** For each topic with a phrase in the query: the length (in characters) of its longest such phrase. */
  longestIn(query: string): Map<string, number> {
    const squeezed = squeeze(query);
    const spaced = words(query);
    const found = new Map<string, number>();
    for (const phrase of this.phrases) {
      const contained = phrase.han ? squeezed.includes(phrase.text) : spaced.includes(phrase.text);
      if (!contained) continue;
      const length = phrase.han ? [...phrase.text].length : phrase.text.trim().length;
      found.set(phrase.topic, Math.max(found.get(phrase.topic) ?? 0, length));
    }
    return found;
  }
}
