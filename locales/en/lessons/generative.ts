import type { LessonText } from '../../../src/core/lessons/types.js';

export default {
  title: 'Generative: how GPT writes',
  summary: 'What "generative" means: the model writes new text token by token, sampling each one from probabilities.',
  keywords: [
    'generative',
    'generative model',
    'generative ai',
    'text generation',
    'generate text',
    'how does gpt write',
    'autoregressive',
    'token by token',
    'one word at a time',
    'decoding',
  ],
  levels: {
    kid: `Some computer programs can only sort things. Show them a photo and they say "cat" or "dog". That's all they do.

GPT is different. It is *generative*, which means it can **make something new**: a story, a poem, an answer to your question.

How? Think of the game where friends build a story together, one word each: "Once" ... "upon" ... "a" ... "time". GPT plays this game alone. It looks at all the words so far and asks itself: "Which word is most likely to come next?" Every possible word gets a chance, like "dragon 30%, princess 20%, robot 10%". It picks one, adds it to the story, and asks the same question again. Word by word, the story grows.

Because it sometimes picks a less likely word instead of always the top one, you can ask the same thing twice and get two different stories. ✨

But watch out! GPT can write sentences that sound totally sure of themselves and are still wrong. It can even invent a "fact" that doesn't exist. People call this *hallucinating*. So treat its answers like ideas from a clever friend: useful, but worth checking.`,
    beginner: `A model can do two very different jobs with text. A *classifier* reads a text and picks a label: spam or not spam, happy or angry review. A **generative** model produces *new* text: a reply, a summary, a story, some code.

GPT generates text in a loop:

1. Take the text so far, split into *tokens* (words or word pieces).
2. Compute, for every token in its vocabulary, the probability that it comes next.
3. Choose one token according to those probabilities.
4. Append it and go back to step 1.

This is called **autoregressive** generation: each new token depends on everything already written, including the model's own earlier output. The loop stops at a special end token or a length limit.

Example: after "The cat sat on the", the model might give "mat" 40%, "sofa" 15%, "roof" 8%, and so on. Always taking the top choice gives safe but repetitive text. *Sampling* (drawing according to the probabilities, often tuned by a setting called *temperature*) adds variety, which is why the same prompt can produce different answers.

The catch: the model aims for text that *looks likely*, not text that is true. It can produce fluent answers that are wrong, vague or inappropriate; invented facts are called **hallucinations**. That is why real products add filters, and why you should check answers that matter.`,
    expert: `*Generative* means GPT models the distribution of text itself, not just a label distribution \`p(y|x)\` as a discriminative classifier does. A decoder-only model factorises a sequence autoregressively:

\`\`\`
p(x_1..x_n) = Π_t p(x_t | x_<t)
\`\`\`

Decoding loop for a prompt \`x_1..x_k\`:

1. Run the network over the context; take the last position's final hidden state \`h\`.
2. Logits \`z = h W_U\` (length \`|V|\`, ~50k tokens for GPT-2/3); \`p = softmax(z / T)\`.
3. Choose \`x_{k+1}\` from \`p\`, append, repeat until an end-of-text token or the length limit.

A KV cache keeps past keys and values, so each step only computes the new position.

Decoding strategies trade quality against diversity:

- greedy / beam search: (near-)argmax, deterministic, prone to repetition;
- temperature \`T\`: \`T<1\` sharpens \`p\`, \`T>1\` flattens it;
- top-k / nucleus (top-p): sample only among the k most likely tokens, or the smallest set whose cumulative mass ≥ p.

The failure modes follow from the objective: maximum likelihood rewards plausible continuations, not factual ones. Outputs can be fluent yet false (hallucination), biased or unsafe, and errors compound because every sampled token becomes context for the next. Deployed systems add safety filtering, retrieval/grounding and alignment training (RLHF) to control outputs.`,
  },
} satisfies LessonText;
