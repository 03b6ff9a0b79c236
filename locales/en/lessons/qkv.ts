import type { LessonText } from '../../../src/core/lessons/types.js';

export default {
  title: 'Queries, keys and values',
  summary: 'What the query, key and value vectors are, where they come from, and which of them sets the attention weights.',
  keywords: [
    'query vector',
    'key vector',
    'value vector',
    'queries keys and values',
    'query key and value',
    'W_Q',
    'W_K',
    'W_V',
    'projection matrices',
    'query projection',
    'what is a key',
    'what is a value',
    'key vs value',
    'difference between key and value',
    'library analogy',
  ],
  levels: {
    kid: `Picture yourself in a library with a question: "I want to learn about volcanoes."

- Your question is your **query**: what you are looking for.
- Every book has a label on its spine and a card in the catalogue: "Volcanoes", "Earthquakes", "Football". Those labels are the **keys**: what each book offers, so it can be matched with questions.
- What is written inside each book is its **value**: the content you actually take home.

You compare your question with every label. "Volcanoes" fits perfectly, "Earthquakes" fits a little, "Football" not at all. So you read a lot from the volcano book, a bit from the earthquake book and nothing from the football book. Then you mix what you read into one answer in your head.

Notice the two different jobs. The **labels decide how much** you read from each book. The **insides are what you read**. A book's inside doesn't tell you how important the book is; it's just the stuff you learn. 📚

In GPT, every word is a reader with its own question and, at the same time, a book with its own label and its own contents. That's how every word can learn from the words that came before it.`,
    beginner: `Attention needs three different views of each token. GPT makes them with three learned tables of numbers (matrices) called \`W_Q\`, \`W_K\` and \`W_V\`. Multiplying a token's vector by each one gives three new vectors:

- **Query** (\`q\`): what this position is looking for. For "it" in "The cat sat on the mat because it was warm", something like "which thing am I referring to?"
- **Key** (\`k\`): what a position offers to be matched on, like a label. "mat" might advertise "I'm a thing, a place to sit".
- **Value** (\`v\`): the content a position passes on when someone attends to it.

Then, for the current token:

1. Its query is compared with the key of every token (only earlier tokens and itself, in GPT) by a dot product. A good match gives a high score.
2. Softmax turns the scores into weights that add up to 1.
3. The output is the weighted mix of the **values**.

So the weights come from query·key; the values are what gets mixed. A common mistake, found in some classroom stories too, is to call the value a token's "importance". The importance is the weight; the value is the information.

Why three vectors instead of one? What a word is searching for, how it should be found and what it should hand over are different things. Keeping them separate lets the model learn each one.`,
    expert: `Given hidden states \`X ∈ ℝ^(n×d_model)\` (one row per token), each head has three learned projections:

\`\`\`
Q = X W_Q    W_Q ∈ ℝ^(d_model×d_k)    Q ∈ ℝ^(n×d_k)
K = X W_K    W_K ∈ ℝ^(d_model×d_k)    K ∈ ℝ^(n×d_k)
V = X W_V    W_V ∈ ℝ^(d_model×d_v)    V ∈ ℝ^(n×d_v)
\`\`\`

Roles: \`q_i\` encodes what position \`i\` is looking for; \`k_j\` what position \`j\` offers to be matched on; \`v_j\` the content \`j\` contributes when attended to.

Queries and keys must share \`d_k\` because they meet in a dot product: \`S = QKᵀ/√d_k ∈ ℝ^(n×n)\`, then \`A = softmax(S + M)\` row-wise. Values meet only the weights, \`O = AV ∈ ℝ^(n×d_v)\`, so \`d_v\` could differ (in practice \`d_k = d_v = d_model/h\`).

The separation matters. \`A\` depends on \`W_Q\` and \`W_K\` alone, through the bilinear form \`x_i W_Q W_Kᵀ x_jᵀ\`, which need not be symmetric (how much \`i\` attends to \`j\` differs from how much \`j\` attends to \`i\`). \`W_V\` never changes the weights; it decides what information flows. Reading the value as "importance" is wrong: importance is \`A_ij\`, while \`v_j\` is content.

In self-attention (GPT), \`Q\`, \`K\` and \`V\` all come from the same sequence, with causal mask \`M\`. In the cross-attention of encoder-decoder models, \`Q\` comes from the decoder and \`K, V\` from the encoder output.

GPT-2 small: \`d_model = 768\`, 12 heads, \`d_k = d_v = 64\`.`,
  },
} satisfies LessonText;
