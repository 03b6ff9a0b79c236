/**
 * Regression (found by test/property/discord-render.property.test.ts, counterexample "\ud800\n"): Discord messages,
 * button labels and alt text carried lone surrogates, which have no UTF-8 form; they now show as U+FFFD.
 */
import { describe, expect, it } from 'vitest';
import { buttonRows, imageFile, renderDiscordMarkdown, renderParts, renderPreview } from '../../src/adapters/discord/render.js';

describe('Discord rendering: lone surrogates', () => {
  it('become U+FFFD in messages, previews, code and labels; pairs (emoji) stay', () => {
    expect(renderParts('\ud800\n')).toEqual(['\ufffd']);
    expect(renderPreview('half \udc00 and 😀')).toBe('half \ufffd and 😀');
    expect(renderDiscordMarkdown('**b\ud83d**\n```\nx\ud800\n```')).toBe('**b\ufffd**\n```\nx\ufffd\n```');
    expect(buttonRows([{ id: 'b1', label: 'A\ud800' }])[0]!.components[0]!.label).toBe('A\ufffd');
    const image = imageFile({ command: 'attention', locale: 'en', text: '', buttons: [], image: { base64: '', mime: 'image/png', alt: 'map \udbff' } });
    expect(image?.description).toBe('map \ufffd');
  });
});
