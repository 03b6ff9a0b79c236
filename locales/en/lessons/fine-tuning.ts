import type { LessonText } from '../../../src/core/lessons/types.js';

export default {
  title: 'Fine-tuning',
  summary: 'How a pretrained model is trained a little more on a small labelled dataset to do a task or follow instructions.',
  keywords: [
    'fine-tuning',
    'fine tuning',
    'finetuning',
    'fine-tune',
    'finetune',
    'fine-tuned model',
    'instruction tuning',
    'sft',
    'supervised fine-tuning',
    'lora',
    'low-rank adaptation',
    'peft',
    'parameter-efficient',
    'adapter',
    'catastrophic forgetting',
    'train on my own data',
    'custom model',
    'domain adaptation',
  ],
  levels: {
    kid: `Think of a chef who has spent years tasting and cooking food from all over the world. They know a lot about cooking in general. That long learning time is like GPT's **pretraining**, where it read a huge amount of text.

Now a pizza shop hires the chef. The chef doesn't need to learn cooking from scratch! The shop owner just shows a few hundred examples: "this is our pizza dough", "this is how our customers like it", "this is what we say when someone orders". After a short practice, the chef makes this shop's pizzas perfectly. That short extra training is called **fine-tuning**. 🍕

GPT is fine-tuned the same way. People collect a small pile of examples, each with a question and the right answer, and GPT practises on them. With a few thousand examples it can become a homework helper, a customer-service helper for a shop's website, or a friendly chat assistant that follows instructions.

It's much, much quicker and cheaper than the first big learning.

One warning: if the chef practised only pizza, day and night, for months, they might start forgetting their other recipes. Models can do that too, so the extra training is kept short and gentle.`,
    beginner: `**Fine-tuning** means taking a model that has already been pretrained and training it a bit more on a small, *labelled* dataset, where every example is an input paired with the output we want. The model keeps the language knowledge it learned in pretraining and only adjusts it toward the new job. Examples:

- **Classification**: a product review → "positive" or "negative".
- **Question answering**: a question → the correct answer.
- **Customer-service bot**: a customer's message → the reply a good agent of that company would give, with its product facts and its tone.

A special case is **instruction tuning**, also called *supervised fine-tuning* (SFT): thousands of varied examples of "instruction → good response". It teaches the model to follow requests instead of just continuing the text, and it is the first step in turning a pretrained GPT into a chat assistant.

Fine-tuning needs far less than pretraining: thousands or tens of thousands of examples and hours of computing, instead of hundreds of billions of tokens and weeks on large clusters. InstructGPT's SFT step used about 13,000 prompts.

The main risk is **catastrophic forgetting**: training too long or too hard on a narrow dataset can wear away general skills. Using a small learning rate, few passes over the data, and some general examples mixed in helps.`,
    expert: `Start from pretrained weights \`θ₀\` and minimise a supervised loss on \`D = {(x, y)}\`. For generative tasks this is next-token cross-entropy on the response only (prompt tokens are masked out of the loss):

\`\`\`
L(θ) = −Σ_t log p_θ(y_t | x, y_<t)
\`\`\`

Typical settings: a smaller learning rate than pretraining, 1–3 epochs, the same tokenizer. GPT-1 (2018) was fine-tuned per task by adding a linear head on the last hidden state, keeping the LM loss as an auxiliary term.

**SFT / instruction tuning**: (instruction, response) demonstrations across many tasks; InstructGPT used ~13k prompts, and SFT precedes RLHF.

Full fine-tuning moves every weight; on narrow data this causes **catastrophic forgetting** and can undo safety training. Remedies: low learning rate, early stopping, mixing in general data, or parameter-efficient fine-tuning (PEFT).

**LoRA** (Hu et al. 2021): freeze \`W₀ ∈ ℝ^(d×k)\` and learn a low-rank update \`ΔW = BA\`, \`B ∈ ℝ^(d×r)\`, \`A ∈ ℝ^(r×k)\`, \`r ≪ min(d,k)\`:

\`\`\`
h = W₀x + (α/r)·BAx        B = 0 at init, so ΔW = 0
d = k = 4096, r = 8:  16,777,216 → 65,536 trainable (256× fewer)
\`\`\`

After training, \`W = W₀ + (α/r)BA\` can be merged (no extra inference latency), and one base model can serve many small task adapters. QLoRA also quantizes the frozen base to 4 bits.`,
  },
} satisfies LessonText;
