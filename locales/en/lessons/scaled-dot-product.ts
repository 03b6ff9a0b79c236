import type { LessonText } from '../../../src/core/lessons/types.js';
import { SCALED_DOT_PRODUCT_EXAMPLE } from '../../examples/scaled-dot-product.js';

export default {
  title: 'Scaled dot-product attention',
  summary: 'The formula softmax(QKᵀ/√d_k)·V step by step, with numbers, and why the scores are divided by √d_k.',
  keywords: [
    'dot-product attention',
    'dot product',
    'attention formula',
    'attention equation',
    'attention calculation',
    'QK^T',
    'softmax(QK^T/sqrt(d_k))V',
    'sqrt(d_k)',
    'square root of d_k',
    'why divide by sqrt d_k',
    'scaling factor',
    'd_k',
    'attention score matrix',
    'worked attention example',
  ],
  levels: {
    kid: `Let's peek at the recipe attention follows. Imagine three words, each carrying a short list of numbers.

1. **Matching.** To check how well one word's question fits another word's label, multiply the numbers that sit in the same spot in the two lists and add up the results. That's called a **dot product**. A big result means a good match.
2. **Calming down.** With long lists, these sums can get huge, and huge numbers make the next step pick one single winner and ignore everyone else. So every score is shrunk by dividing it by the **square root** of the list's length. For lists of 4 numbers, that means dividing by 2.
3. **Sharing out.** A step called softmax turns the scores into shares that add up to 1, like slicing a pizza: better matches get bigger slices.
4. **Mixing.** Each word collects the other words' information: a big spoonful from those with big slices, a tiny one from the rest.

A matching example: the lists (2, 1) and (3, 0) give 2×3 + 1×0 = 6, while (2, 1) and (0, 1) give 2×0 + 1×1 = 1. The first pair matches much better. 🍕

In GPT, a word is only allowed to match with itself and the words that came before it.`,
    beginner: `**Scaled dot-product attention** is the exact calculation inside an attention layer. In one line:

\`\`\`
Attention(Q, K, V) = softmax(Q·Kᵀ / √d_k) · V
\`\`\`

Step by step, for each token:

1. **Scores.** Compare its query with every key by a **dot product**: multiply matching entries and add them up. \`Q·Kᵀ\` does this for all pairs at once and gives a grid of scores.
2. **Scale.** Divide every score by \`√d_k\`, the **square root** of the length \`d_k\` of the key vectors.
3. **Mask (in GPT).** Scores for later tokens are set to minus infinity, so they end up with weight 0.
4. **Softmax.** Each row of scores becomes weights that are positive and add up to 1.
5. **Mix.** Multiply the value vectors by their weights and add: this is the token's new vector.

Why scale? Dot products of long vectors get big. With 64 numbers per vector, scores typically spread over about ±8 instead of ±1. Softmax then hands nearly all the weight to a single token, and training stalls, because small changes to the scores no longer change the result. Dividing by √64 = 8 brings the scores back to a comfortable size.

Without the division it's plain *dot-product attention*. The scale is a fixed constant; nothing in it is learned.`,
    expert: `\`Attention(Q,K,V) = softmax(QKᵀ/√d_k + M)·V\`, with \`Q, K ∈ ℝ^(n×d_k)\`, \`V ∈ ℝ^(n×d_v)\`; in GPT \`M\` is the causal mask (0 on and below the diagonal, \`−∞\` above). Each score is a dot product \`q_i·k_j\`, scaled.

Why \`√d_k\`: if the components of \`q\` and \`k\` are independent with mean 0 and variance 1, \`q·k = Σ q_i k_i\` has variance \`d_k\`. At \`d_k = 64\` the logits have std 8, the softmax saturates (near one-hot), its Jacobian \`diag(p) − ppᵀ\` → 0 and gradients vanish. Dividing by \`√d_k\` restores unit variance.

Worked example: \`n = 3\`, \`d_k = d_v = 2\`, **no mask** (bidirectional, as in an encoder), rounded to 2 decimals:

\`\`\`
Q = [1.00 0.00]  K = [2.00 0.00]  V = [1.00 0.00]
    [0.00 1.00]      [0.00 1.00]      [0.00 1.00]
    [1.00 1.00]      [1.00 1.00]      [1.00 1.00]

QKᵀ/√2 = [1.41 0.00 0.71]  weights = [0.58 0.14 0.28]
         [0.00 0.71 0.71]            [0.20 0.40 0.40]
         [1.41 0.71 1.41]            [0.40 0.20 0.40]

output = weights·V = [0.86 0.42]
                     [0.60 0.80]
                     [0.80 0.60]
\`\`\`

Row 1: query \`(1, 0)\` matches key 1 \`(2, 0)\` best (2/√2 ≈ 1.41), so 58% of token 1's output comes from \`v_1\`. With GPT's causal mask, row 1 would become \`[1 0 0]\` and row 2 would renormalise over its first two entries only.`,
  },
  example: SCALED_DOT_PRODUCT_EXAMPLE,
} satisfies LessonText;
