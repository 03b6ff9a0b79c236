import { defineCommand } from '../src/core/define-command.js';
import { UserError } from '../src/core/errors.js';
import { t, toScript } from '../src/core/i18n.js';
import { escapeMarkdown, toPlainText } from '../src/core/markdown.js';
import { quoteUserText } from '../src/core/reply-format.js';
// The shipped model's own config, the file src/model loads it from: its real layer and head counts bound these
// options, so Discord's menus, the edge's check, /help and the handler all name the same range.
import shippedModel from '../models/gpt-tutor-tiny/config.json' with { type: 'json' };

/** How many layers and heads the tutor's GPT has (the handler checks the loaded model against them as well). */
export const ATTENTION_SHAPE = { layers: shippedModel.n_layer, heads: shippedModel.n_head } as const;

const LINKS_SHOWN = 5;

/** /attention: a real attention map of the tutor's GPT over the student's sentence, as an image and in words. */
export const attention = defineCommand({
  name: 'attention',
  menuOrder: 40,
  description: { en: 'Show where the tutor\'s GPT looks: an attention heatmap', zh: '显示小老师的 GPT 在看哪里：注意力热力图' },
  options: [
    { name: 'text', type: 'string', maxLength: 200, rest: true, required: true, description: { en: 'A short sentence', zh: '一个短句' } },
    { name: 'layer', type: 'integer', min: 1, max: ATTENTION_SHAPE.layers, description: { en: 'Which layer (1 = first)', zh: '第几层（1 为第一层）' } },
    { name: 'head', type: 'integer', min: 1, max: ATTENTION_SHAPE.heads, description: { en: 'Which head (1 = first)', zh: '第几个头（1 为第一个）' } },
  ],
  queue: 'model',
  available: true,
  example: { en: '/attention The cat sat on the mat', zh: '/attention 我喜欢学习' },
  async handler({ args, context: { locale } }, services) {
    if (!services.model) throw new UserError('not_available', { command: 'attention' });
    const model = await services.model();
    // The options' bounds are the shipped model's counts (above); a model swapped in under it is held to its own,
    // in the same words.
    if (args.layer !== undefined && args.layer > model.layers) throw new UserError('option_out_of_range', { option: 'layer', min: 1, max: model.layers });
    if (args.head !== undefined && args.head > model.heads) throw new UserError('option_out_of_range', { option: 'head', min: 1, max: model.heads });

    const map = await model.probe.attention(args.text, args.layer === undefined ? undefined : args.layer - 1, args.head === undefined ? undefined : args.head - 1);
    const place = { layer: map.layer + 1, layers: map.layers, head: map.head + 1, heads: map.heads };
    // The image is drawn here, so its words are converted here (localize() converts the reply's text, not the pixels).
    const png = await model.drawing.png(map, {
      title: toScript(locale, t(locale, 'attention.title', place)),
      rows: toScript(locale, t(locale, 'attention.rows')),
      columns: toScript(locale, t(locale, 'attention.columns')),
    });
    const links = model.drawing.strongestLinks(map, LINKS_SHOWN);
    const linkLines = links.map((link) => `- ${escapeMarkdown(link.fromText)} → ${escapeMarkdown(link.toText)} (${link.weight.toFixed(2)})`);
    const text = [
      `**${t(locale, 'attention.title', place)}**`,
      t(locale, 'attention.howToRead', place),
      [t(locale, 'attention.pieces'), t(locale, 'attention.sink')].join(' '),
      links.length > 0 ? [t(locale, 'attention.links'), ...linkLines].join('\n') : t(locale, 'attention.noLinks'),
    ].join('\n\n');
    return {
      command: 'attention',
      locale,
      text,
      buttons: [],
      model: model.name,
      image: { mime: 'image/png', base64: Buffer.from(png).toString('base64'), alt: toPlainText(toScript(locale, t(locale, 'attention.alt', { text: quoteUserText(args.text, 40), ...place }))) },
      heatmap: { labels: map.tokens, weights: map.weights },
    };
  },
});
