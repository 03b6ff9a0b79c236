import type { LessonText } from '../../../src/core/lessons/types.js';

export default {
  title: 'What is GPT?',
  summary: 'What the letters G, P and T stand for, who made GPT, and how its versions grew from 2018 to 2023.',
  keywords: [
    'gpt',
    'what is gpt',
    'what does gpt stand for',
    'gpt meaning',
    'gpt full name',
    'chatgpt',
    'openai',
    'gpt-1',
    'gpt-2',
    'gpt-3',
    'gpt-3.5',
    'gpt-4',
    'gpt versions',
    'large language model',
    'llm',
  ],
  levels: {
    kid: `Imagine a robot pen pal that has read more books and web pages than a person could get through in a thousand lifetimes. That is roughly what GPT is. 🤖

Its name is three words squeezed together:

- **G** is for *Generative*: it makes up new sentences instead of just picking an answer from a list.
- **P** is for *Pre-trained*: before anyone asked it anything, it practised for a very long time by guessing the next word in huge piles of text.
- **T** is for *Transformer*: the kind of "brain" it is built with, which is very good at noticing which words belong together.

A company called OpenAI built it. After the long practice, it got extra lessons on a smaller set of good examples, like a football player who first learns to kick and pass, and then trains for one special position. That second step is called *fine-tuning*.

GPT keeps growing up. The first one came out in 2018, and every new version was bigger and cleverer: GPT-2 in 2019, GPT-3 in 2020, ChatGPT in 2022 and GPT-4 in 2023. GPT-3 alone has 175 billion tiny knobs, called *parameters*, that were adjusted while it learned.

It still gets things wrong sometimes, so double-check anything important it tells you!`,
    beginner: `**GPT** stands for **G**enerative **P**re-trained **T**ransformer. It is a *large language model* (LLM) made by OpenAI: a program that has learned, from enormous amounts of text, how language usually continues.

Each part of the name is a lesson of its own:

- *Generative*: it writes new text, one small piece at a time (a *token*, roughly a word or part of a word).
- *Pre-trained*: it first gains general language skill by practising next-word prediction on a huge pile of ordinary text. Afterwards it is *fine-tuned* on smaller, labelled examples so it gets good at a task such as answering questions or chatting.
- *Transformer*: the neural-network design it uses, built around a mechanism called *attention*.

A detail many introductions get wrong: the original Transformer has two halves, an encoder that reads the input and a decoder that writes the output. GPT uses **only the decoder half**: it is *decoder-only*. It reads strictly left to right: a word may look at the words before it, never at the ones after. This rule is called a *causal mask*.

The family kept growing:

\`\`\`
GPT-1    2018
GPT-2    2019
GPT-3    2020   175 billion parameters
GPT-3.5  2022   (ChatGPT)
GPT-4    2023
\`\`\`

Parameters are the numbers the model tunes while learning; more of them usually means more capacity.`,
    expert: `GPT is short for **G**enerative **P**re-trained **T**ransformer, OpenAI's family of autoregressive large language models.

Architecture: a **decoder-only** Transformer, i.e. a stack of identical blocks, each with masked multi-head self-attention and a position-wise feed-forward network, wrapped in residual connections and layer normalization. No encoder, no cross-attention. The causal mask lets position \`t\` attend only to positions \`≤ t\`, so the network models

\`\`\`
p(x_1..x_n) = Π_t p(x_t | x_<t)
\`\`\`

Data flow: token ids → embeddings (+ positional information) → \`L\` blocks of width \`d_model\` → linear projection to the vocabulary + softmax = next-token distribution.

Training has two stages:

1. Pretraining: self-supervised next-token prediction (cross-entropy) on a large unlabelled corpus.
2. Fine-tuning: supervised training on task or instruction data; chat models such as ChatGPT are further aligned with RLHF.

Scale over time:

\`\`\`
GPT-1    2018   117M params
GPT-2    2019   1.5B
GPT-3    2020   175B
GPT-3.5  2022   ChatGPT (instruction tuning + RLHF)
GPT-4    2023   size not disclosed
\`\`\`

Beware a common error in introductory texts: GPT has no encoder layers. The encoder-decoder layout belongs to the original 2017 translation model; BERT keeps its encoder side, GPT its decoder side.`,
  },
} satisfies LessonText;
