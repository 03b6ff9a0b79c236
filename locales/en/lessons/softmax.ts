import type { LessonText } from '../../../src/core/lessons/types.js';

export default {
  title: 'Softmax',
  summary: 'How softmax turns a list of scores into probabilities that are positive and sum to 1, and where it is used.',
  keywords: [
    'softmax function',
    'soft max',
    'logits',
    'logit',
    'scores to probabilities',
    'normalize scores',
    'probability distribution',
    'exponentiate',
    'exponential',
    'sum to 1',
    'subtract the max',
    'numerical stability',
    'log-sum-exp',
    'next-token probabilities',
    'argmax',
    'normalized exponential',
  ],
  levels: {
    kid: `A robot has to choose tonight's dessert. It gives each option a score: cake 2, pie 1, jelly 0. But scores aren't chances yet. How likely is the robot to pick each one?

**Softmax** is the little machine that turns scores into chances, in two moves:

1. **Puff up every score** into a positive number that grows really fast: 0 becomes 1, 1 becomes about 2.7, and 2 becomes about 7.4. Even a score of 0 (or below 0!) still gives a positive number, so nobody gets a negative chance.
2. **Share out.** Add the puffed-up numbers (about 11.1) and divide each one by that total, so that all the chances add up to 1, like slices of one whole pie.

The result: cake ≈ 0.67, pie ≈ 0.24, jelly ≈ 0.09. Cake still wins and the order never changes, but the gap grew: cake was only 1 point ahead of pie, yet now it is almost 3 times as likely. 🍰

GPT uses this machine in two places: when a word decides how much to listen to each earlier word, and at the very end, when every possible next word gets its chance of being picked.`,
    beginner: `A model often ends up with a list of raw scores, called **logits**, that can be any size and even negative. To turn them into probabilities it applies **softmax**:

1. Raise *e* (≈ 2.718) to the power of each score. The results are all positive.
2. Divide each result by their total.

Example with the scores 2, 1, 0:

\`\`\`
e^2 ≈ 7.39    e^1 ≈ 2.72    e^0 = 1      total ≈ 11.11
7.39/11.11 ≈ 0.67   2.72/11.11 ≈ 0.24   1/11.11 ≈ 0.09
\`\`\`

Properties:

- every output is between 0 and 1, and together they **sum to 1**;
- the order is kept: the biggest score gets the biggest probability;
- differences are exaggerated: one point more in score means about 2.7 times the probability;
- adding the same number to every score changes nothing.

GPT uses softmax twice. Inside **attention**, it turns each token's match scores into the weights used to mix information. At the **output**, it turns one score per vocabulary token into the probability of each possible next token.

**Temperature** adjusts that second use: the scores are divided by a number \`T\` before the softmax. \`T\` below 1 sharpens the distribution (safer, more predictable text); \`T\` above 1 flattens it (more varied, riskier text).`,
    expert: `For logits \`z ∈ ℝ^n\`:

\`\`\`
softmax(z)_i = exp(z_i) / Σ_j exp(z_j)
\`\`\`

Properties: outputs in \`(0, 1)\` that sum to 1; monotone (order-preserving); shift-invariant, \`softmax(z + c) = softmax(z)\`, but not scale-invariant. It is a smooth argmax: \`softmax(z/T)\` → one-hot as \`T → 0\`, uniform as \`T → ∞\`. Jacobian \`∂p_i/∂z_j = p_i(δ_ij − p_j)\`; combined with cross-entropy, the gradient w.r.t. the logits is just \`p − y\`.

In GPT:

1. Attention: applied row-wise to \`QKᵀ/√d_k + M\`; masked entries (\`−∞\`) get exactly 0.
2. Output head: \`p(x_(t+1) | x_≤t) = softmax(h_t W_Uᵀ / T)\` over the vocabulary (50,257 tokens in GPT-2 and GPT-3). Temperature \`T\` divides the logits before the softmax; \`T = 1\` is the trained distribution.

Numerical stability: \`exp(1000)\` overflows (float32 tops out near 3.4e38 ≈ exp(88.7)). Use the shift invariance and subtract the maximum first:

\`\`\`
m = max_j z_j
softmax(z)_i = exp(z_i − m) / Σ_j exp(z_j − m)
\`\`\`

Every exponent is now ≤ 0, the largest term is exactly 1 and the sum is ≥ 1: no overflow, no division by 0. For the loss, compute \`log softmax(z)_i = z_i − m − log Σ_j exp(z_j − m)\` directly (the log-sum-exp trick).

Example: \`z = (2, 1, 0)\` → \`(0.665, 0.245, 0.090)\`.`,
  },
} satisfies LessonText;
