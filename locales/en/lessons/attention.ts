import type { LessonText } from '../../../src/core/lessons/types.js';

export default {
  title: 'Attention',
  summary: 'How a model decides which earlier words matter for the word it is working on.',
  keywords: [
    'attention',
    'self-attention',
    'attention mechanism',
    'focus',
    'which words matter',
    'attention weights',
    'attention scores',
    'context vector',
    'masked attention',
  ],
  levels: {
    kid: `Imagine you're in class with a question: "How many legs does a spider have?" You could ask any classmate. What do you do?

- **You are the query.** Your question is what you are looking for.
- Every classmate wears a **name tag** saying what they know about: "bugs and animals", "football", "drawing". That tag is their **key**.
- Every classmate also has the actual **answer** they would give you. That is their **value**.

You compare your question with each name tag. "Bugs and animals" matches really well; "football" hardly at all. So you decide how much to listen to each person: say 80% to the bug expert, 15% to the science fan and 5% to everyone else. These shares are the **weights**, and together they always add up to 100%.

Then you blend the answers: mostly the bug expert's "eight!", plus a little of the others. That blended answer is what attention gives back. 🕷️

One thing to get right: how much you listen comes from matching your question with the name tags. The value is not the importance; it is just the answer that gets mixed in.

In GPT, every word does this at the same time with its own question, and it may only ask the words that came before it.`,
    beginner: `**Attention** lets each token in a sentence collect information from other tokens, focusing on the ones that matter to it. In "The cat didn't eat because *it* was full", attention helps "it" focus on "cat".

Every token is first turned into a vector (a list of numbers). Then, for the token being processed:

1. **Query**: a learned transformation of its vector gives a *query* vector, what this token is looking for.
2. **Key and value**: every token also gets a *key* vector (what it can be matched on) and a *value* vector (the information it passes on), from other learned transformations.
3. **Scores**: the query is compared with every key by a *dot product* (multiply matching numbers, add them up). A big score means a good match. Scores are divided by the square root of the key vectors' length (d_k, per head) to keep them moderate.
4. **Weights**: *softmax* turns the scores into weights that are all positive and add up to 1, like percentages.
5. **Output**: the weighted sum of the **value** vectors, a new *context vector* for this token.

So importance comes from query and key; the values are what gets mixed.

*Multi-head attention* runs several of these side by side, each with its own transformations (one head might track grammar, another meaning), and joins their results.

In GPT, attention is **causal** (masked): a token may attend only to itself and earlier tokens, never to later ones.`,
    expert: `Scaled dot-product attention over \`n\` tokens with hidden states \`X ∈ ℝ^(n×d_model)\`:

\`\`\`
Q = X W_Q  (n×d_k)   K = X W_K  (n×d_k)   V = X W_V  (n×d_v)
Attention(Q,K,V) = softmax(Q Kᵀ / √d_k + M) V
\`\`\`

Per query position \`i\`:

1. Query \`q_i\` (what \`i\` looks for) and, for every position \`j\`, key \`k_j\` (what \`j\` is matched on) and value \`v_j\` (what \`j\` contributes), all learned linear projections.
2. Scores \`s_ij = q_i·k_j / √d_k\`; \`QKᵀ\` is \`n×n\`.
3. Causal mask \`M\`: \`M_ij = 0\` if \`j ≤ i\`, \`−∞\` if \`j > i\` (above the diagonal), so future positions get weight 0.
4. Row-wise softmax: weights \`α_ij ≥ 0\` with \`Σ_j α_ij = 1\` (each row sums to 1).
5. Output \`o_i = Σ_j α_ij v_j\`, a context vector; the result is \`n×d_v\`.

Why \`√d_k\`: if the components of \`q\` and \`k\` are roughly independent with unit variance, \`q·k\` has variance \`d_k\`. Large logits saturate the softmax (near one-hot), whose gradients then vanish; scaling keeps the variance near 1.

Multi-head: \`h\` heads, each with its own \`W_Q, W_K, W_V\` (usually \`d_k = d_v = d_model/h\`), run in parallel; outputs are concatenated and projected:

\`\`\`
MHA(X) = Concat(head_1..head_h) W_O
\`\`\`

The weights come from query·key similarity; the values carry content, not importance.`,
  },
} satisfies LessonText;
