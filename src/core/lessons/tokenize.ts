/**
 * Search terms for English and Chinese. Chinese is written without spaces, so each run of Han characters becomes
 * its overlapping character pairs (预训练 → 预训, 训练), the usual choice for Chinese full-text search without a
 * dictionary; a lone character stays a unigram. Latin words are lower-cased, with a light plural strip.
 */

const HAN = /\p{Script=Han}/u;
// Han runs, or runs of other letters and digits (so "LoRA是什么" splits into LoRA + 是什么).
const SEGMENT = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;

// Words that say "this is a question" rather than what it is about.
const STOP_WORDS = new Set([
  'a', 'an', 'and', 'are', 'about', 'can', 'could', 'do', 'does', 'explain', 'for', 'how', 'i', 'in', 'is', 'it',
  'me', 'mean', 'means', 'of', 'on', 'or', 'please', 'tell', 'the', 'this', 'to', 'what', 'whats', 'why', 'with',
  'work', 'works', 'you', 'my', 'by', 'be', 'its', 'that', 'there', 'when', 'which', 'who', 'was', 'were',
]);
const STOP_BIGRAMS = new Set([
  '什么', '么是', '是什', '怎么', '么样', '为什', '请问', '解释', '一下', '讲讲', '讲一', '下什', '的是', '是怎',
  '么回', '回事', '告诉', '诉我', '我们', '你们', '可以', '如何', '一个', '这个', '那个', '是不', '不是', '吗',
  '呢', '吧', '的', '了', '是', '么', '我', '你', '和', '与', '啊', '在', '有', '它', '干嘛', '么意', '意思', '代表',
  '分别', '具体', '体是', '为啥', '究竟', '到底', '么用', '有啥', '些什',
]);

function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

export function searchTerms(text: string): string[] {
  const terms: string[] = [];
  for (const match of text.toLowerCase().matchAll(SEGMENT)) {
    const segment = match[0];
    if (HAN.test(segment)) {
      const chars = [...segment];
      if (chars.length === 1) terms.push(segment);
      for (let i = 0; i + 1 < chars.length; i++) terms.push(chars[i]! + chars[i + 1]!);
    } else {
      terms.push(stem(segment));
    }
  }
  return terms.filter((term) => !STOP_WORDS.has(term) && !STOP_BIGRAMS.has(term));
}

export function isHanTerm(term: string): boolean {
  return HAN.test(term);
}
