/**
 * Counts the tokens the models generate (for a tokens/s rate on /metrics) by wrapping the model kit a worker loads:
 * the tutor's own GPT, its fine-tuned stage and the instruct model alike. The handlers see the same ports.
 */
import type { ChatGenerator, ModelKit, ModelKitLoader, TextGenerator } from './model-port.js';

export type CountTokens = (model: string, tokens: number) => void;

export function countingTokens(load: ModelKitLoader, count: CountTokens): ModelKitLoader {
  // The loader hands out one kit per process: it is wrapped once.
  const wrapped = new WeakMap<ModelKit, ModelKit>();
  const loader: ModelKitLoader = async () => {
    const kit = await load();
    let counted = wrapped.get(kit);
    if (!counted) {
      counted = countedKit(kit, count);
      wrapped.set(kit, counted);
    }
    return counted;
  };
  loader.chat = load.chat;
  return loader;
}

function countedKit(kit: ModelKit, count: CountTokens): ModelKit {
  return {
    ...kit,
    generator: countedGenerator(kit.generator, count),
    tuned: kit.tuned && { modelName: kit.tuned.modelName, prompt: (question) => kit.tuned!.prompt(question), generator: countedGenerator(kit.tuned.generator, count) },
    chat: kit.chat && countedChat(kit.chat, count),
  };
}

// New objects that call through, rather than spreads: a generator may keep its methods on a prototype.
function countedGenerator(generator: TextGenerator, count: CountTokens): TextGenerator {
  return {
    modelName: generator.modelName,
    generate: async (request, onText) => {
      const result = await generator.generate(request, onText);
      count(generator.modelName, result.newTokens);
      return result;
    },
  };
}

function countedChat(chat: ChatGenerator, count: CountTokens): ChatGenerator {
  return {
    modelName: chat.modelName,
    external: chat.external,
    ...(chat.countTokens ? { countTokens: (text: string) => chat.countTokens!(text) } : {}),
    generate: async (messages, request, onText) => {
      const result = await chat.generate(messages, request, onText);
      count(chat.modelName, result.newTokens);
      return result;
    },
  };
}
