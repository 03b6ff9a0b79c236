import type { LessonText } from '../../../src/core/lessons/types.js';

export default {
  title: 'Multi-head attention',
  summary: 'Why attention runs as several heads side by side, how their results are combined, and what that costs.',
  keywords: [
    'attention heads',
    'attention head',
    'heads',
    'number of heads',
    'many heads',
    'parallel heads',
    'head dimension',
    'W_O',
    'output projection',
    'concatenate heads',
    'concat heads',
    'what do heads learn',
    'why multiple heads',
    'induction heads',
    'multiple attention heads',
    'several small heads',
    'one big attention',
  ],
  levels: {
    kid: `Imagine you're at a busy birthday party and you ask a few friends to help you follow what's going on. Each friend listens for something different:

- Mia listens for **who** is doing something;
- Leo listens for **what happened**;
- Sam listens for **words that go together**, like "birthday" and "cake".

They all listen **at the same time**, to the same party. Afterwards, each one tells you what they noticed, and you put their reports together into one big picture. That works much better than one person trying to catch everything at once.

GPT does the same with words. Instead of one way of paying attention, it has several **heads**: little attention helpers working side by side. In "My sister lost her phone, so she borrowed mine", one head might link "she" to "sister", while another notices that "her" and "phone" belong together.

Then the notes from all the heads are joined up and blended into one answer for each word. 🎧

Nobody tells the heads what to listen for. Each one figures out its own job while GPT practises on lots of text.`,
    beginner: `A single attention calculation gives each token one set of weights, so it can only focus in one "way" at a time. **Multi-head attention** runs several attention calculations, called **heads**, in parallel.

Each head has its own three learned matrices for making queries, keys and values, so each head compares tokens in its own way. In trained models, researchers find heads that, for example:

- link a pronoun to the noun it refers to ("she" → "sister"; this is called *coreference*);
- connect a verb with its subject or object (*syntax*);
- mostly look at the previous word or at nearby words.

How it fits together:

1. Each of the \`h\` heads projects every token vector down to a smaller size, \`d_model / h\`.
2. Every head runs attention on its own.
3. The heads' outputs are **concatenated** (placed end to end) back into one vector of size \`d_model\`.
4. A final learned matrix, \`W_O\`, mixes the heads' results together.

Real numbers: the original 2017 Transformer used 8 heads with \`d_model = 512\`, so each head worked with 64 numbers. GPT-3 (175B) has 96 heads in each layer.

Because each head is smaller, 8 heads of size 64 cost about the same as one big head of size 512, yet they can attend to several things at once.`,
    expert: `With \`h\` heads and \`X ∈ ℝ^(n×d_model)\`:

\`\`\`
head_i = softmax(X W_Q^i (X W_K^i)ᵀ / √d_k + M) · X W_V^i
MHA(X) = Concat(head_1, …, head_h) · W_O
W_Q^i, W_K^i: d_model×d_k   W_V^i: d_model×d_v   W_O: h·d_v×d_model
\`\`\`

Usually \`d_k = d_v = d_model/h\`, so \`h·d_v = d_model\` and the output has the residual stream's width. In code, each of Q, K, V is one \`d_model×d_model\` matmul, reshaped to \`(h, n, d_k)\`; all heads run in parallel as a batched matmul.

Cost: the projections have the same parameters and FLOPs as one full-width head (\`4·d_model²\` weights per layer, without biases); the scores cost \`h·n²·d_k = n²·d_model\`, also the same. The extra is memory for \`h\` attention maps of \`n×n\`.

Why several heads: one head gives each position a single convex combination of values, averaging away conflicting signals. Separate subspaces let heads specialise; probing finds positional heads (previous token), syntactic heads (verb → object), coreference heads and induction heads that copy repeated patterns. Many heads can be pruned with little loss.

Configurations:

- Transformer base (2017): \`d_model = 512\`, \`h = 8\`, \`d_k = 64\`.
- GPT-2 small: \`d_model = 768\`, 12 heads, \`d_k = 64\`.
- GPT-3 175B: \`d_model = 12288\`, 96 heads, \`d_k = 128\`.

Concat followed by \`W_O\` equals summing the head outputs, each projected by its own \`d_v×d_model\` slice of \`W_O\`.`,
  },
} satisfies LessonText;
