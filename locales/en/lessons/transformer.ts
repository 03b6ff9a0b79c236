import type { LessonText } from '../../../src/core/lessons/types.js';

export default {
  title: 'The Transformer',
  summary: 'The 2017 attention-based network design behind GPT, why it replaced RNNs, and which half of it GPT keeps.',
  keywords: [
    'transformer',
    'transformer architecture',
    'rnn',
    'recurrent neural network',
    'lstm',
    'vaswani',
    'transformer paper',
    'vanishing gradient',
    'feed-forward network',
    'layer normalization',
    'residual connection',
  ],
  levels: {
    kid: `A Transformer is the kind of "brain" inside GPT. A team of researchers invented it in 2017, at first to translate sentences from one language into another.

Before it, computers mostly read a sentence the way you read with a finger under the line: one word, then the next, then the next, keeping a small memory of what came before. By the end of a long sentence, the beginning had gone fuzzy. It was also slow, because word 10 had to wait until words 1 to 9 were done.

The Transformer does something smarter. It looks at **all the words at once**, like spreading every puzzle piece on the table. For each word it asks: "Which other words should I pay attention to?" In "The cat didn't eat the fish because **it** wasn't hungry", it can connect "it" straight to "cat", even though they are far apart. This trick is called *attention*.

The first Transformer had two teams: a reading team (the *encoder*) that understands the input, and a writing team (the *decoder*) that produces the output. GPT keeps only the writing team, because its job is to write the next word. ✍️

And a Transformer doesn't need people to label its practice text: GPT learned from plain, ordinary text.`,
    beginner: `The **Transformer** is a neural-network architecture built around *self-attention*. Vaswani and colleagues at Google introduced it in 2017 in the paper "Attention is all you need", originally for machine translation.

Why it replaced the older **recurrent neural networks (RNNs)**:

- An RNN reads tokens one after another, so the work can't be spread across the sentence at once; training is slow.
- Information from early words has to survive many steps to reach later ones, so long-range links get lost.
- Over long sequences the training signal (the gradient) tends to shrink to nearly nothing or blow up: the *vanishing/exploding gradient* problem.

A Transformer handles all positions simultaneously during training, and attention connects any two positions directly, however far apart.

The original design has two stacks: an **encoder** turns the input sentence into vectors (lists of numbers that capture meaning), and a **decoder** generates the output, consulting the encoder through *cross-attention*. GPT keeps only the decoder side: it is **decoder-only**, with *masked* self-attention (each token sees only earlier tokens) and no cross-attention.

Each layer has two parts: (multi-head) self-attention, then a small feed-forward network, each wrapped in a *residual connection* and *layer normalization*. Dozens of layers are stacked.

Note: the architecture doesn't depend on human-labelled data. GPT's pretraining uses plain unlabelled text.`,
    expert: `Transformer (Vaswani et al., 2017, "Attention is all you need"): a sequence model with no recurrence or convolution, only attention plus position-wise MLPs; designed for machine translation.

Why it displaced RNNs/LSTMs:

- RNN state \`h_t = f(h_{t-1}, x_t)\` forces \`O(n)\` sequential steps; a Transformer computes all positions in parallel during training (\`O(1)\` sequential depth per layer).
- Path length between two positions: \`O(n)\` in an RNN, \`O(1)\` with attention, which eases long-range dependencies.
- Backprop through time multiplies Jacobians across steps → vanishing/exploding gradients; attention plus residual paths avoid this.
- Price: self-attention costs \`O(n²·d)\` in sequence length.

One block (pre-LN form, used from GPT-2 on):

\`\`\`
h = x + MHA(LN(x))      multi-head self-attention
y = h + FFN(LN(h))      FFN: d → 4d → d, GELU
\`\`\`

Original encoder-decoder: encoder = \`N\` blocks of bidirectional self-attention + FFN; decoder = masked self-attention, **cross-attention** (queries from the decoder, keys/values from the encoder output), FFN. \`N = 6\`, \`d_model = 512\`, 8 heads, positional encodings added to the embeddings.

GPT is **decoder-only**: drop the encoder and cross-attention, keep causally masked self-attention + FFN. (BERT is encoder-only.)

The architecture is agnostic to the kind of supervision; it is just a parameterised function. Claims that it cannot do without human-labelled data are wrong: GPT's pretraining uses raw unlabelled text.`,
  },
} satisfies LessonText;
