import { describe, expect, it } from 'vitest';
import { fixtureMarkdown, markdownToHtml } from './render-report.js';

describe('render-report', () => {
  it('turns GitHub alerts, Mermaid blocks and details into the HTML GitHub shows', async () => {
    const html = await markdownToHtml(
      '> [!CAUTION]\n> **Breaking**\n\n```mermaid\nxychart-beta\n  line [1, 2]\n```\n\n<details><summary>x</summary>\n\n| a |\n|---|\n| 1 |\n\n</details>\n',
    );
    expect(html).toContain(
      '<div class="markdown-alert markdown-alert-caution"><p class="markdown-alert-title">',
    );
    expect(html).toContain('<pre class="mermaid">xychart-beta\n  line [1, 2]</pre>');
    expect(html).toMatch(/<details><summary>x<\/summary>[\s\S]*<table>/);
  });

  it('renders the README scenario from the fixtures', async () => {
    const markdown = await fixtureMarkdown();
    expect(markdown).toContain('### ❌ Model gate failed');
    expect(markdown).toContain(
      '[Artifacts](https://github.com/acme/churn-model/actions/runs/9042#artifacts)',
    );
  });
});
