import type { LessonText } from '../../../src/core/lessons/types.js';

export default {
  title: 'Encoders, decoders and model families',
  summary: 'What the encoder and the decoder of the original Transformer do, and why BERT, T5 and others keep different parts.',
  keywords: [
    'encoder stack',
    'decoder stack',
    'encoder vs decoder',
    'encoder-only',
    'encoder only',
    'what does the encoder do',
    'what does the decoder do',
    'bert',
    't5',
    'seq2seq',
    'sequence-to-sequence',
    'machine translation',
    'bidirectional',
    'model families',
    'text-to-text',
    'summarization model',
    'bert vs gpt',
    'bert or gpt',
  ],
  levels: {
    kid: `The very first Transformer, built in 2017, was a translating machine: you gave it a sentence in English and it wrote the same sentence in French. Inside it were two teams passing notes to each other.

- The **encoder** is the reading team. It reads the whole English sentence at once. Every word can look at every other word, before it and after it. Then it writes down what it understood as a pile of notes (lists of numbers).
- The **decoder** is the writing team. It writes the French sentence one word at a time. Before each new word, it looks back at the words it has already written, and it also checks the reading team's notes to remember what the English sentence meant. That checking is called *cross-attention*.

Later, people noticed that you don't always need both teams:

- **BERT** keeps only the reading team. It is great at understanding text. It practised by guessing hidden words in the middle of sentences.
- **GPT** keeps only the writing team. It is great at writing, one next word after another.
- **T5** keeps both teams, like the old translator. It is good at turning one text into another, such as a long story into a short summary.

So there is no encoder inside GPT at all! 📝`,
    beginner: `The original **Transformer** (2017) was designed for *machine translation*, and it has two stacks of layers.

**Encoder.** It reads the whole input sentence at once. Its self-attention is *bidirectional*: each word can look at the words on both sides of it. The result is one vector (a list of numbers capturing meaning in context) per word.

**Decoder.** It produces the output one token at a time. Each decoder layer has:

1. *Masked* self-attention over the tokens produced so far: it cannot peek at words it has not written yet.
2. *Cross-attention*: the decoder asks the questions (queries) and looks them up in the encoder's output vectors (keys and values). This keeps the translation tied to the source sentence.
3. A small feed-forward network.

The base model stacks 6 encoder layers and 6 decoder layers.

Three families grew out of this design:

- **Encoder-only**, such as **BERT**: understanding tasks (classifying text, finding an answer inside a passage). Trained by predicting words that were masked out.
- **Decoder-only**, such as GPT: generating text. Trained to predict the next token.
- **Encoder-decoder**, such as **T5** and the original Transformer: turning one text into another (translation, summarization).

It's a common mistake to say GPT has encoder and decoder layers. GPT is decoder-only, and because there is no encoder, its blocks have no cross-attention either.`,
    expert: `Vaswani et al. (2017), built for WMT English→German and English→French translation: an encoder stack and a decoder stack, \`N = 6\` layers each in the base model (\`d_model = 512\`).

\`\`\`
encoder layer: x → SelfAttn(x, no mask) → FFN
decoder layer: y → SelfAttn(y, causal mask)
                 → CrossAttn(Q from y, K/V from enc_out) → FFN
(every sub-layer: residual + LayerNorm)
\`\`\`

- Encoder: source tokens \`x_1..x_n\` → contextual vectors \`enc_out ∈ ℝ^(n×d_model)\`, computed once; attention is bidirectional.
- Decoder: autoregressive over the target. At step \`t\` it conditions on \`y_<t\` through masked self-attention and on the whole source through cross-attention, whose queries are projections of the decoder states and whose keys and values are projections of the final encoder output (the same \`enc_out\` feeds every decoder layer); its score matrix is \`m×n\` (target × source).

Families:

- Encoder-only (BERT): bidirectional context, masked-language-modelling objective; classification, tagging, extractive QA, embeddings.
- Decoder-only (GPT): causal LM, \`p(x_t | x_<t)\`; generation and prompting.
- Encoder-decoder (original Transformer, T5, BART): models \`p(y | x)\`; translation, summarization. T5 casts every task as text-to-text.

Correction: GPT has no encoder layers and no cross-attention. It is a stack of decoder-style blocks with causal self-attention and an FFN only.`,
  },
} satisfies LessonText;
