import type { LessonText } from '../../../src/core/lessons/types.js';

export default {
  title: 'Positional encoding',
  summary: 'How a Transformer knows the order of words: position information is added to each token before attention.',
  keywords: [
    'positional encoding',
    'position encoding',
    'positional embedding',
    'position embedding',
    'word order',
    'order of words',
    'sequence order',
    'sinusoidal',
    'sine and cosine',
    'sin cos encoding',
    'rope',
    'rotary',
    'rotary position embedding',
    'alibi',
    'relative position',
    'absolute position',
    'permutation equivariant',
    'maximum sequence length',
    'dog bites man',
    'how does it know word order',
  ],
  levels: {
    kid: `Write "dog bites man" on three cards and "man bites dog" on three more. Throw each set into a bag. Can you tell the two bags apart? No! They hold exactly the same cards.

GPT's attention sees words a bit like cards in a bag: it compares every card with every other card all at once, and nothing in that comparison tells which card came first. But order changes everything: in one story the man gets bitten, in the other the dog does!

So before any thinking starts, every word gets a **position** sticker: "I'm word 1", "I'm word 2", "I'm word 3". The sticker isn't written in letters. It's a list of numbers mixed right into the word's own numbers, so each word now carries both *what* it is and *where* it is.

The very first Transformer made its stickers from waves, like a clock: the second hand moves fast, the minute hand slower, the hour hand slowest. Reading all the hands together tells you the exact time, and reading all the waves together tells you the exact position. ⏰

GPT-2 and GPT-3 simply learned their own stickers during training, one for each seat. There are only so many seats (GPT-2 has 1,024), which is one reason GPT can only read a text up to a certain length at once.`,
    beginner: `Attention compares tokens by their content only, not by *where* they stand: shuffle the words and each one still finds the same matches. But order matters: "dog bites man" is not "man bites dog".

The fix is simple: give every **position** its own vector and **add** it to the token's embedding before the first layer. The input for the 3rd token becomes "embedding of the word + vector for position 3", so it carries both meaning and place.

There are two classic ways to make those position vectors:

1. **Fixed sine and cosine waves** (the original Transformer, 2017). Each position's vector is filled with waves of many different frequencies. Fast waves tell neighbours apart, slow waves tell far-apart positions apart, like the second, minute and hour hands of a clock that together give an exact time. Nothing is learned; the formula works for any position.
2. **Learned position embeddings** (GPT-1, GPT-2, GPT-3): a table with one trainable row per position, learned like the token embeddings.

A learned table has a fixed number of rows (512 in GPT-1, 1,024 in GPT-2, 2,048 in GPT-3). That is one reason a model has a maximum context length.

Many newer models use **RoPE** (rotary position embedding) instead: rather than adding a vector, it rotates the query and key vectors by an angle that grows with position, so attention scores depend on how far apart two tokens are.`,
    expert: `Without a mask, self-attention is **permutation-equivariant**: for any permutation matrix \`P\`, \`Attn(PX) = P·Attn(X)\`, since scores \`q_i·k_j\` depend only on content. (A causal mask leaks some order, but GPTs still use explicit positions.)

Sinusoidal encoding (Vaswani et al. 2017), for position \`pos\` and dimension pair \`i\`:

\`\`\`
PE(pos, 2i)   = sin(pos / 10000^(2i/d_model))
PE(pos, 2i+1) = cos(pos / 10000^(2i/d_model))
h_0 = W_E[x] + PE
\`\`\`

Wavelengths run geometrically from \`2π\` to \`10000·2π\`. In each sin/cos pair \`PE(pos+k)\` is a fixed rotation of \`PE(pos)\`, so relative offsets are linearly accessible, and it is defined for any \`pos\`.

Learned absolute embeddings (GPT-1/2/3): \`W_P ∈ ℝ^(n_ctx×d_model)\`, \`h_0 = W_E[x] + W_P[0..n−1]\`, with \`n_ctx\` = 512 / 1,024 / 2,048. A position ≥ \`n_ctx\` has no row: a hard context limit.

RoPE (Su et al. 2021; used in LLaMA, GPT-NeoX): rotate each 2-D pair of \`q\` and \`k\` by the angle \`pos·θ_i\`, \`θ_i = 10000^(−2i/d)\`. Then \`q_mᵀ k_n\` depends on positions only through \`m − n\`, and nothing is added to \`h_0\`. ALiBi instead adds a bias proportional to distance to the scores. Both stretch somewhat past the training length, further with tricks such as position interpolation.`,
  },
} satisfies LessonText;
