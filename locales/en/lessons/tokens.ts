import type { LessonText } from '../../../src/core/lessons/types.js';

export default {
  title: 'Tokens and tokenizers',
  summary: 'How text is cut into tokens and turned into numbers before the model reads it, and why that matters.',
  keywords: [
    'token',
    'tokenizer',
    'tokenization',
    'tokenise',
    'token id',
    'subword',
    'word pieces',
    'byte-pair encoding',
    'bpe',
    'vocabulary',
    'vocab size',
    '50257',
    'how many tokens',
    'token count',
    'context window',
    'token limit',
    'strawberry',
    'count letters',
    'context length',
  ],
  levels: {
    kid: `When you read, you see letters. GPT doesn't! Before it reads anything, a helper called a **tokenizer** chops the text into small pieces called **tokens**, a bit like taking a big LEGO model apart into bricks.

Some bricks are whole words, like "cat" or "the". Some are parts of words: "sunflower" becomes "sun" + "flower", and "trampoline" becomes "tr" + "amp" + "oline". A "!" gets a brick of its own. Every brick has a number printed on it, and GPT only ever sees those numbers, never the letters inside.

Where do the bricks come from? The tokenizer read lots of text and kept noticing which letters love to stand next to each other. It glued the most common pairs into bigger bricks, again and again, until it had about 50,000 different ones.

Chinese is a bit different: one character can be a single brick, or it can be built from two or three tiny bricks.

Now a fun puzzle. Ask GPT "How many r's are in strawberry?" and it may get it wrong! In a sentence, " strawberry" is one single brick with the number 41236. GPT can't open the brick to count the r's inside. 🍓

Even GPT's memory is measured in bricks: it can only keep a certain number of tokens in view at once.`,
    beginner: `A **token** is the unit of text GPT reads and writes. Before the model sees anything, a **tokenizer** splits the text into tokens and replaces each one with a whole number, its **token id**. With GPT-2's tokenizer (␣ marks a space, which belongs to the token):

\`\`\`
The | ␣cat | ␣sat | ␣on | ␣the | ␣mat | .
464   3797   3332   319   262    2603   13
\`\`\`

Common words are one token, rarer words are split into pieces ("Token" + "ization"), and punctuation gets its own token. The list of all tokens is the **vocabulary**: 50,257 entries for GPT-2, about 100,000 for GPT-4's tokenizer.

The vocabulary is built with **byte-pair encoding (BPE)**: start from single characters (really bytes), find the pair of neighbours that appears most often in a big text collection, merge it into a new token, and repeat until the vocabulary is big enough.

Chinese: a character takes 3 bytes, so in GPT-2 even "猫" is 3 tokens. Newer tokenizers store many characters, even common words like "你好", as one token.

Why it matters:

- Limits and prices are counted in tokens, not words. The *context window* (how much text fits at once) was 1,024 tokens for GPT-2. In English a token is about ¾ of a word.
- Letter puzzles are hard. In "I ate a strawberry." the word " strawberry" is the single id 41236, so the model never sees its three r's.`,
    expert: `Pipeline: text → UTF-8 bytes → pre-tokenization (a regex splits letters, digits, punctuation and leading spaces) → BPE merges → ids \`x ∈ {0..|V|−1}^n\`. The tokenizer is fixed before training, and the network only receives this id sequence; each id selects a row of the embedding matrix.

**Byte-level BPE** (GPT-2): start from the 256 byte values; repeatedly find the most frequent adjacent symbol pair in the training corpus, add it as a new symbol and record the merge. Encoding replays the merges in rank order.

\`\`\`
GPT-2/3: |V| = 256 bytes + 50,000 merges + <|endoftext|> = 50,257
cl100k_base (GPT-4) ≈ 100k     o200k_base (GPT-4o) ≈ 200k
\`\`\`

No unknown tokens (any string is bytes), at the cost of fragmenting text the merges rarely saw. A CJK character is 3 UTF-8 bytes; Chinese "I love studying" (4 characters) is 9 tokens in GPT-2, 6 in cl100k_base and 3 in o200k_base ("studying" becomes one token). Tokens per character vary by language, and with them cost and effective context.

Context limits are counted in tokens: \`n_ctx\` = 1,024 for GPT-2, 2,048 for GPT-3, and prompt plus output must fit.

Spelling: "strawberry" alone is \`st|raw|berry\` in GPT-2, but " strawberry" after a space is the single id 41236. Characters are not in the input; the model knows a token's spelling only as a learned association, so counting letters, reversing words or digit-level arithmetic is brittle.`,
  },
} satisfies LessonText;
