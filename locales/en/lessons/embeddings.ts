import type { LessonText } from '../../../src/core/lessons/types.js';

export default {
  title: 'Embeddings: tokens as vectors',
  summary: 'How each token id becomes a learned list of numbers whose position in space reflects its meaning.',
  keywords: [
    'embedding',
    'embeddings',
    'word embedding',
    'token embedding',
    'embedding matrix',
    'embedding layer',
    'word vector',
    'word vectors',
    'vector representation',
    'meaning as numbers',
    'cosine similarity',
    'semantic similarity',
    'similar words',
    'd_model',
    'weight tying',
    'tied embeddings',
    'lookup table',
    'word2vec',
  ],
  levels: {
    kid: `Imagine a giant treasure map where every word has its own spot. To find a word, you need its address, and the address is a list of numbers, like "3 steps east, 7 steps north, 2 steps up". GPT's map has hundreds of directions instead of just three, so each word's address is a long list of numbers. That list is called the word's **embedding**.

The clever part is *where* the words live. "Cat", "kitten" and "dog" are neighbours on the map. "Truck" and "bus" live together somewhere else, far away from the animals. Words that mean similar things sit close together.

Nobody drew this map by hand. At the start every word is dropped at a random spot. While GPT practises guessing the next word, it keeps nudging the words around, a tiny bit each time, until words that are used in similar ways end up near each other.

GPT even uses the same map at the very end: to choose its next word, it looks for the words whose spot fits best with what it wants to say. 🗺️

One thing the map can't tell: where a word stands in the sentence. "Dog chases cat" and "cat chases dog" use exactly the same three spots! So GPT adds a little extra note about each word's position before it starts thinking.`,
    beginner: `After tokenization a token is just an id, like 3797 for " cat". An id is only a label: 3797 is not "more" than 262 in any useful sense. So the first step inside GPT is to look the id up in a big table, the **embedding matrix**, with one row per token in the vocabulary. The row it takes out is a **vector** (a list of numbers; 768 of them in the smallest GPT-2). That vector is the token's **embedding**.

The numbers are not written by people. They start out random and are adjusted during training together with all the other weights. Tokens that appear in similar contexts need similar handling, so their vectors drift together: " cat" ends up close to " dog" and " kitten", and far from " spreadsheet".

"Close" is usually measured with **cosine similarity**, the cosine of the angle between two vectors: 1 means they point the same way, 0 means unrelated (at right angles), −1 means opposite.

Two more facts worth knowing:

- GPT-2 uses the same table at the output. To score every possible next token, it compares its final vector with every token's embedding; this sharing is called *weight tying*.
- An embedding says *what* a token is, not *where* it is. "dog bites man" and "man bites dog" contain the same three vectors, so position information has to be added next (positional encoding).`,
    expert: `\`\`\`
W_E ∈ ℝ^(|V|×d_model)     e_t = W_E[x_t] = onehot(x_t) · W_E
GPT-2 small: 50,257 × 768 ≈ 38.6M parameters
GPT-3 175B:  d_model = 12,288
\`\`\`

The lookup is a row gather, mathematically a one-hot vector times \`W_E\`, so in each step gradients reach only the rows of tokens present in the batch. \`W_E\` is initialized randomly (GPT-2: normal, std 0.02) and trained end-to-end with the language-modelling loss; there is no separate word2vec stage.

Geometry: similarity is measured as \`cos(a,b) = a·b / (‖a‖ ‖b‖)\`. Tokens with similar distributions of contexts get nearby vectors (the distributional hypothesis). Linear analogies such as king − man + woman ≈ queen were shown for word2vec embeddings and hold only roughly in LLM embedding spaces.

**Weight tying** (GPT-2): the output layer reuses the input matrix, \`z = h_L W_Eᵀ ∈ ℝ^|V|\`, which saves \`|V|·d_model\` parameters and puts input and output tokens in one space.

Input to the first block: \`h_0 = W_E[x] + W_P[0..n−1]\`, shape \`n×d_model\`. \`W_E[x]\` alone is a bag of vectors: permuting the tokens just permutes the rows, so order has to come from the positional term \`W_P\`.

\`e_t\` is context-free: " bank" gets one vector for river and money alike. The Transformer layers above turn it into context-dependent hidden states.`,
  },
} satisfies LessonText;
