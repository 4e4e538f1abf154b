using System.Text.Json;
using Microsoft.Playwright;

namespace CityBrain.Cockpit.Tests.Browser;

/// <summary>What a person would call a broken layout, measured from the boxes the browser laid out: two visible pieces
/// of text on top of each other, or text cut off (by an ellipsis, by a box that hides or scrolls what does not fit
/// across, or by the screen's edge). Each piece of text is a text node, measured by its own line boxes, so a label and
/// the value beside it count as two; text inside charts is ECharts' to place and is left out.</summary>
public static class Layout
{
    public sealed record Report(string[][] Overlaps, string[] Clipped, int Texts)
    {
        public bool IsClean => Overlaps.Length == 0 && Clipped.Length == 0;

        public override string ToString() =>
            $"{Texts} texts; overlapping: {string.Join("; ", Overlaps.Select(p => $"\"{p[0]}\" × \"{p[1]}\""))}; clipped: {string.Join("; ", Clipped.Select(c => $"\"{c}\""))}";
    }

    // Runs in the page. A text's visible part is its line boxes cut by every ancestor that clips (overflow other than
    // visible): cut vertically it is only scrolled out of sight, cut horizontally it is clipped.
    private const string Measure = """
        () => {
          const tolerance = 1.5;
          const viewport = document.documentElement.clientWidth;
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          const texts = [];
          const clipped = [];
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.textContent.trim();
            const parent = node.parentElement;
            if (!text || !parent || parent.closest('svg, .chart, script, style, option, noscript')) continue;
            const style = getComputedStyle(parent);
            if (style.visibility !== 'visible' || Number(style.opacity) === 0) continue;
            const range = document.createRange();
            range.selectNodeContents(node);
            let rects = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0)
              .map(r => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom }));
            if (rects.length === 0) continue;
            let cut = false;
            if (parent.scrollWidth > parent.clientWidth + 1 && getComputedStyle(parent).overflowX !== 'visible') cut = true;
            for (let box = parent; box && box !== document.body; box = box.parentElement) {
              const s = getComputedStyle(box);
              if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
              const b = box.getBoundingClientRect();
              if (rects.some(r => r.left < b.left - tolerance || r.right > b.right + tolerance)) cut = true;
              rects = rects.map(r => ({ left: Math.max(r.left, b.left), right: Math.min(r.right, b.right), top: Math.max(r.top, b.top), bottom: Math.min(r.bottom, b.bottom) }))
                .filter(r => r.right - r.left > 0.5 && r.bottom - r.top > 0.5);
              if (rects.length === 0) break;
            }
            if (rects.length === 0) continue;
            if (rects.some(r => r.left < -tolerance || r.right > viewport + tolerance)) cut = true;
            if (cut) clipped.push(text);
            texts.push({ text, rects });
          }
          const overlaps = [];
          const hit = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > tolerance && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > tolerance;
          for (let i = 0; i < texts.length && overlaps.length < 20; i++) {
            for (let j = i + 1; j < texts.length; j++) {
              if (texts[i].rects.some(a => texts[j].rects.some(b => hit(a, b)))) overlaps.push([texts[i].text, texts[j].text]);
            }
          }
          return JSON.stringify({ overlaps, clipped: clipped.slice(0, 20), texts: texts.length });
        }
        """;

    // Read as JSON: Playwright's own conversion of a script's answer cannot fill an array of arrays.
    public static async Task<Report> MeasureAsync(IPage page) =>
        JsonSerializer.Deserialize<Report>(await page.EvaluateAsync<string>(Measure), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
}
