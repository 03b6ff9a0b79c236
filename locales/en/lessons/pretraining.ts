import type { LessonText } from '../../../src/core/lessons/types.js';

export default {
  title: 'Pretraining',
  summary: 'How GPT first learns language by predicting the next token in huge amounts of unlabelled text, then is fine-tuned.',
  keywords: [
    'pretraining',
    'pre-training',
    'pre-trained',
    'pretrained',
    'next-token prediction',
    'predict the next word',
    'next word prediction',
    'self-supervised',
    'unlabelled text',
    'training data',
    'corpus',
    'how is gpt trained',
    'teacher forcing',
    'language modeling objective',
    'masked word',
    'fill in the blank',
  ],
  levels: {
    kid: `Before GPT could help anyone, it went to a very, very long school. That school is called **pretraining**.

Its homework was always the same game: read part of a sentence and guess the next word. "The sun rises in the ..." → "east"! Then it looks at the real next word in the text to see if it was right, and adjusts itself a tiny bit. No teacher had to write down the answers, because the answer was already there in the text, just one word further along.

It played this game billions of times with text from websites and books. Slowly it picked up how sentences are built, lots of facts about the world, and which words like to show up together.

After the big school comes a short course called **fine-tuning**. Now there is a teacher: people prepare examples of good answers, like "question → helpful reply", and GPT practises on those. This turns a great word-guesser into a helpful assistant that can answer questions and chat.

It's like learning to read on your own from thousands of books, and then taking a short class on how to write a great school report. 📚`,
    beginner: `**Pretraining** is the first and biggest stage of training: the model learns from a huge collection of ordinary text (a *corpus*), such as web pages and books, that nobody has labelled.

For GPT the task is easy to state: given the words so far, **predict the next token**. From "Paris is the capital of", the right next token is "France". The text already contains the answer, so no human has to label anything. That is why pretraining is called *unsupervised*, or more precisely **self-supervised**: the targets come from the data itself.

Getting good at this forces the model to absorb a lot: grammar, word meanings, facts ("water boils at 100 °C") and how context changes meaning.

A common mix-up: hiding words in the *middle* of a sentence and asking the model to fill the gaps is the training task of **BERT**, a different model family. GPT only ever predicts the *next* token, left to right.

Pretraining yields a general-purpose model. Then comes **fine-tuning**: more training on a much smaller, *labelled* dataset (supervised learning), for example questions paired with good answers, or reviews paired with "positive"/"negative". Fine-tuning adapts the general model to a task such as question answering, text classification or chat, with far less data and computing power than pretraining.`,
    expert: `Pretraining fits a causal, decoder-only model to a large unlabelled corpus (web crawl, books, code, Wikipedia) with the causal language-modelling objective: maximise the likelihood of each token given its prefix. Per sequence, the loss is the mean next-token cross-entropy:

\`\`\`
L(θ) = -(1/n) Σ_t log p_θ(x_t | x_<t)
\`\`\`

The targets are just the inputs shifted by one position, so no annotation is needed: this is *self-supervised* learning (usually filed under unsupervised).

Mechanics:

- **Teacher forcing**: during training the model is always conditioned on the true prefix, never on its own samples.
- **Parallelism**: thanks to the causal mask, one forward pass over a length-\`n\` sequence yields \`n\` predictions, each seeing only \`x_<t\`; all \`n\` losses are computed at once.
- Scale: GPT-3 was trained on roughly 300B tokens.

Contrast BERT's masked language modelling, which corrupts ~15% of tokens and predicts them from context on *both* sides. That is not GPT's objective; a left-to-right model never sees the right context.

What the loss teaches: syntax, lexical semantics, world knowledge and long-range contextual statistics, compressed into the weights.

**Fine-tuning** then continues training on a small labelled dataset (supervised), e.g. instruction–response pairs or classification examples, typically with a lower learning rate; chat models follow it with RLHF.`,
  },
} satisfies LessonText;
