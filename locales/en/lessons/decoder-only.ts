import type { LessonText } from '../../../src/core/lessons/types.js';

export default {
  title: 'Decoder-only Transformers',
  summary: 'Why GPT is a stack of masked decoder blocks, how the causal mask works, and why that suits writing text.',
  keywords: [
    'decoder-only architecture',
    'decoder-only transformer',
    'causal masking',
    'causal attention',
    'look-ahead mask',
    'triangular mask',
    'lower triangular',
    'masked self-attention',
    'future tokens',
    'no peeking ahead',
    'decoder block',
    'transformer block',
    'stack of blocks',
    'kv cache',
    'key-value cache',
    'why no encoder',
    'peeking at future words',
    'cannot see future words',
  ],
  levels: {
    kid: `GPT is built from one kind of building block, stacked up like a tower of LEGO bricks: the *decoder* block, the "writing" half of the first Transformer. It has no "reading team" (encoder) at all.

Inside every brick, each word does two things:

1. It looks back at earlier words to collect clues (that's attention).
2. It thinks about those clues on its own for a moment (a small calculation called feed-forward).

Then it passes its improved idea up to the next brick.

The most important rule is the **mask**. Imagine reading a story while a piece of card covers everything after the word you're on. You can see your word and all the words before it, but never the words that come later. In GPT, every word reads with that card.

Why? Because GPT's job is to guess the **next word**. If it could peek at the answer, the game would be too easy and it would learn nothing. 🙈

The card has a bonus. During practice, GPT can play the guessing game at every spot in a sentence at the same time, because no word can cheat by looking ahead.`,
    beginner: `The original Transformer had an encoder (reads the input) and a decoder (writes the output). GPT keeps only the decoder side, so it is called **decoder-only**. With no encoder to consult, the decoder's *cross-attention* step disappears too.

What's left is a stack of identical **blocks** (12 in the smallest GPT-2, 96 in GPT-3). Each block has:

- **masked multi-head self-attention**: each token gathers information from earlier tokens;
- a **feed-forward network**: a small neural network applied to each token separately;
- **residual connections** (each part's input is added back to its output) and **layer normalization** (keeps the numbers in a stable range).

The key ingredient is the **causal mask**. In "I like green tea", the token "like" may look at "I" and at itself, but not at "green" or "tea". As a grid (rows: the token looking; columns: the token looked at), the allowed cells form a lower triangle:

\`\`\`
        I  like green tea
I       ✓   ·    ·    ·
like    ✓   ✓    ·    ·
green   ✓   ✓    ✓    ·
tea     ✓   ✓    ✓    ✓
\`\`\`

Why this fits GPT: text is generated left to right, each **next token** predicted from the ones before it. And in training, the mask lets the model make a prediction at every position of a sentence in one pass, each one using only the real earlier words (this is called *teacher forcing*).`,
    expert: `GPT is the Transformer decoder without cross-attention. For tokens \`x_1..x_n\` (pre-LN form, GPT-2/3; GPT-1 was post-LN):

\`\`\`
h_0 = E[x] + P                              token + position embeddings
a_l = h_(l-1) + MHA(LN(h_(l-1)); mask M)
h_l = a_l + FFN(LN(a_l))                    l = 1..L
p(x_(t+1) | x_≤t) = softmax(LN(h_L)_t W_Uᵀ)
\`\`\`

Causal mask: \`M_ij = 0\` for \`j ≤ i\` and \`−∞\` for \`j > i\`, added to \`QKᵀ/√d_k\` before the softmax. Only the lower triangle survives, so position \`t\` attends to positions \`≤ t\` and \`h_t\` depends on \`x_≤t\` alone.

Why this design:

- It matches the factorisation \`p(x) = Π_t p(x_t | x_<t)\`, which is exactly what left-to-right generation samples from.
- Training is parallel: one forward pass over \`n\` tokens yields \`n\` next-token predictions, each conditioned on the true prefix (teacher forcing), with no leakage from the future.
- One homogeneous stack serves prompt and continuation alike; no separate source sequence is needed.

Inference with a **KV cache**: since a past position never attends to later ones, its keys and values never change. Each layer stores \`K, V\` for the prefix; generating token \`t+1\` computes \`q, k, v\` only for the new position and attends over the cache, \`O(t·d_model)\` per layer instead of recomputing all \`O(t²·d_model)\` attention. The cache holds \`2·L·t·d_model\` numbers per sequence.`,
  },
} satisfies LessonText;
