import type { LessonText } from '../../../src/core/lessons/types.js';

export default {
  title: 'Risks of generated text',
  summary: 'What can go wrong with model-written text (made-up facts, bias, harm, privacy, misuse) and how to guard against it.',
  keywords: [
    'risks',
    'ai risks',
    'dangers of ai',
    'limitations',
    'hallucination',
    'made-up citations',
    'fake references',
    'bias',
    'biased output',
    'harmful content',
    'toxic output',
    'privacy',
    'memorization',
    'misinformation',
    'plagiarism',
    'prompt injection',
    'jailbreak',
    'content moderation',
    'fact-checking',
    'can i trust ai',
  ],
  levels: {
    kid: `Imagine a friend who has read almost the whole internet and can talk about anything, always sounding super sure. Amazing! But that friend has a few problems you should know about.

- **Making things up.** Sometimes the friend invents a fact or a book title that doesn't exist, and says it just as confidently as the truth. This is called a **hallucination**.
- **Unfair ideas.** The internet contains unfair ideas about girls and boys, countries or jobs. The friend picked some of them up without noticing. That's called **bias**.
- **Not-nice answers.** The friend might say something rude, scary or unsafe if nobody stops it.
- **Secrets.** If someone's phone number was on a web page, the friend might have remembered it and repeat it.
- **Misuse.** People could ask the friend to do their homework for them or to write fake news.

So how do we stay safe? 🛡️

- **Check** important answers in a trusted book or website, or ask a teacher.
- Companies put **filters** in place, like a goalkeeper that blocks bad answers.
- Trainers teach the model better manners using people's feedback.
- For really important things, like health or school grades, a **person** should always look over the answer.

Use it like a clever helper, not like a teacher who is always right.`,
    beginner: `A language model is trained to write text that *sounds likely*, not text that is true, fair or safe. That leads to several risks:

- **Hallucination**: fluent, confident statements that are false, including invented quotes, statistics and citations. In 2023 a US lawyer cited court cases that ChatGPT had invented.
- **Bias**: the training text contains stereotypes (for example about gender and jobs), and the model can repeat or amplify them.
- **Harmful or inappropriate content**: insults, dangerous instructions, material unsuitable for children.
- **Privacy**: models can memorise parts of their training data, including personal details, and reproduce them.
- **Over-trust and misuse**: people may accept answers without checking, hand in generated work as their own (plagiarism), or produce misinformation and scams at large scale.

Ways to reduce the risks:

1. **Check sources**: verify facts and make sure every cited paper or link really exists.
2. **Filtering and moderation**: separate classifiers screen prompts and answers for harmful content.
3. **Alignment training** such as RLHF teaches the model to refuse harmful requests and to admit uncertainty.
4. **Grounding**: answer from retrieved, trusted documents and show where each claim comes from.
5. **Human review** wherever a mistake would be costly: medicine, law, grades, news.

No single fix is enough, so they are combined.`,
    expert: `Most failures follow from the objective: maximum likelihood on web text rewards plausible continuations, not true, fair or safe ones.

- **Hallucination**: confident false claims and fabricated citations. No built-in check against sources; decoding commits to early errors; RLHF can reward a confident tone.
- **Bias**: skewed corpus (gender–occupation and racial stereotypes, English-centric views) plus a small annotator pool.
- **Harmful content**: toxicity, dangerous instructions; jailbreaks (role-play, obfuscation) bypass refusal training.
- **Privacy / memorisation**: Carlini et al. (2021) extracted verbatim training sequences from GPT-2, with names, phone numbers and e-mail addresses; duplicated data is memorised more.
- **Misuse**: plagiarism, misinformation and phishing at scale.
- **Prompt injection**: instructions hidden in content the model processes (web pages, e-mails, files) override the system prompt, since instructions and data share one token stream; worst for agents with tools.

Mitigations, each partial:

- retrieval grounding (RAG) with citations that get checked;
- input/output moderation classifiers; training-data filtering, deduplication, PII scrubbing;
- RLHF / safety fine-tuning and red-teaming;
- agents: treat retrieved text as untrusted, least privilege, confirm before acting;
- human review of high-stakes outputs; teaching users not to over-trust.`,
  },
} satisfies LessonText;
