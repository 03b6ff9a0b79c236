import { attention } from '../../../commands/attention.js';
import { UserError } from '../errors.js';
import { t, toScript } from '../i18n.js';
import { escapeMarkdown, toPlainText } from '../markdown.js';
import { argsSchema } from '../options.js';
import { quoteUserText } from '../replies.js';
import type { JobHandler } from '../services.js';

const attentionArgs = argsSchema(attention.options);
const LINKS_SHOWN = 5;

/** /attention: a real attention map of the tutor's GPT over the student's sentence, as an image and in words. */
export const handleAttention: JobHandler = async (job, services) => {
  const args = attentionArgs.parse(job.args);
  const locale = job.context.locale;
  if (!services.model) throw new UserError('not_available', { command: 'attention' });
  const model = await services.model();
  // The command's bounds are the shipped model's counts (commands/attention.ts); a model swapped in under it is held
  // to its own, in the same words.
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
};
