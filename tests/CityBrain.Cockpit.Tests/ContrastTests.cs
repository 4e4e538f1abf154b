using System.Text.Json;
using CityBrain.Cockpit.Tests.Browser;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityBrain.Cockpit.Tests;

/// <summary>The page as a director with tired eyes reads it, by WCAG 2.x's measure: every piece of text at least 4.5:1
/// against what it is drawn on (stale or not), the darkest AQI bands outlined at 3:1 against the panel, and the
/// category donut's legend beside or under the donut, never over it nor cut off.</summary>
[Collection(CockpitCollection.Name)]
public class ContrastTests(CockpitFixture fixture) : BrowserTest<CockpitFixture>(fixture)
{
    private const string DeviceId = "cockpit-contrast-severe";

    public sealed record Failure(string Text, string Colour, string Background, double Ratio);

    public sealed record Report(Failure[] Texts, Failure[] Outlines, int Measured, int Severe);

    // Runs in the page. A colour is what the browser computed, composited down the ancestors: each one's
    // background-color (with its alpha) over what lies under it, a gradient or image counted as the page's --bg, an
    // ancestor's opacity blending all it holds into what lies under it. Text in a chart's SVG is its fill, over the
    // shape under it (a map area) if any. Severe bands are found by their fill, whatever the element.
    private const string Measure = """
        ({ severe, stale }) => {
          // Set here, not by a second call: the shell sets the class on its own every second.
          const live = !document.documentElement.classList.contains('stale');
          document.documentElement.classList.toggle('stale', stale);
          const parse = (text) => {
            const m = /rgba?\(([^)]+)\)/.exec(text ?? '');
            if (!m) return null;
            const [r, g, b, a] = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
            return [r, g, b, a ?? 1];
          };
          const css = (value) => {
            const probe = document.createElement('span');
            probe.style.color = value;
            document.body.append(probe);
            const colour = parse(getComputedStyle(probe).color);
            probe.remove();
            return colour;
          };
          const over = (top, under) => {
            const a = top[3];
            return [0, 1, 2].map(i => top[i] * a + under[i] * (1 - a)).concat(1);
          };
          const mix = (top, under, a) => over([top[0], top[1], top[2], a], under);
          const channel = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
          const luminance = (c) => 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
          const ratio = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
          const hex = (c) => '#' + c.slice(0, 3).map(v => Math.round(v).toString(16).padStart(2, '0')).join('');
          const root = css(getComputedStyle(document.documentElement).getPropertyValue('--bg').trim());
          const severeColours = severe.map(css).map(hex);

          const paint = (chain, i, under, fg, shape) => {
            if (i === chain.length) {
              const bg = shape ? over(shape, under) : under;
              return { fg: over(fg, bg), bg };
            }
            const style = getComputedStyle(chain[i]);
            const layer = style.backgroundImage !== 'none' ? root : parse(style.backgroundColor) ?? [0, 0, 0, 0];
            const inner = paint(chain, i + 1, over(layer, under), fg, shape);
            const opacity = Number(style.opacity);
            return opacity < 1 ? { fg: mix(inner.fg, under, opacity), bg: mix(inner.bg, under, opacity) } : inner;
          };
          const ancestors = (element) => {
            const chain = [];
            for (let e = element; e; e = e.parentElement) chain.unshift(e);
            return chain;
          };
          const shapeUnder = (element, rect) => {
            const x = rect.left + rect.width / 2, y = rect.top + rect.height / 2;
            const shape = document.elementsFromPoint(x, y)
              .find(e => e.closest('svg') === element.closest('svg') && !e.closest('text') && e.tagName !== 'svg' && getComputedStyle(e).fill !== 'none');
            if (!shape) return null;
            const fill = parse(getComputedStyle(shape).fill);
            const style = getComputedStyle(shape);
            return fill && [fill[0], fill[1], fill[2], fill[3] * Number(style.fillOpacity) * Number(style.opacity)];
          };

          const texts = [];
          let measured = 0;
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.textContent.trim();
            const parent = node.parentElement;
            // WCAG 1.4.3 sets no contrast for the text of an inactive control (a disabled button).
            if (!text || !parent || parent.closest('script, style, option, noscript, :disabled')) continue;
            if (!parent.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
            const range = document.createRange();
            range.selectNodeContents(node);
            const rect = [...range.getClientRects()].find(r => r.width > 0 && r.height > 0);
            if (!rect) continue;
            const inSvg = parent.closest('svg') !== null;
            const style = getComputedStyle(parent);
            const colour = parse(inSvg ? style.fill : style.color);
            if (!colour) continue;
            if (inSvg) colour[3] *= Number(style.fillOpacity);
            const { fg, bg } = paint(ancestors(parent), 0, root, colour, inSvg ? shapeUnder(parent, rect) : null);
            const r = ratio(fg, bg);
            measured++;
            if (r < 4.5) texts.push({ text: text.slice(0, 40), colour: hex(fg), background: hex(bg), ratio: Math.round(r * 100) / 100 });
          }

          // A severe band's mark (map area, ranking chip, legend swatch, donut slice) against the panel it sits on: its
          // outline where it has one, else its own fill.
          const outlines = [];
          let found = 0;
          const marks = [...document.querySelectorAll('.chip, .swatch, .aqi-category, svg path')];
          for (const mark of marks) {
            const style = getComputedStyle(mark);
            const inSvg = mark.closest('svg') !== null;
            const fill = parse(inSvg ? style.fill : style.backgroundColor);
            if (!fill || !severeColours.includes(hex(fill)) || !mark.checkVisibility()) continue;
            found++;
            const panel = paint(ancestors(mark.closest('svg')?.parentElement ?? mark.parentElement), 0, root, [0, 0, 0, 0], null).bg;
            const width = inSvg ? Number.parseFloat(style.strokeWidth) : Math.max(Number.parseFloat(style.borderTopWidth), style.outlineStyle === 'none' ? 0 : Number.parseFloat(style.outlineWidth));
            const edge = inSvg ? (style.stroke === 'none' ? null : parse(style.stroke))
              : Number.parseFloat(style.borderTopWidth) > 0 ? parse(style.borderTopColor) : style.outlineStyle === 'none' ? null : parse(style.outlineColor);
            const seen = edge && width >= 1 ? over(edge, panel) : over(fill, panel);
            const r = ratio(seen, panel);
            if (r < 3) outlines.push({ text: `${mark.tagName.toLowerCase()}.${mark.getAttribute('class') ?? ''} ${hex(fill)}`, colour: hex(seen), background: hex(panel), ratio: Math.round(r * 100) / 100 });
          }
          document.documentElement.classList.toggle('stale', !live);
          return JSON.stringify({ texts, outlines, measured, severe: found });
        }
        """;

    [BrowserFact]
    public async Task Every_text_reads_at_4_5_to_1_and_the_darkest_bands_are_outlined_in_english_and_chinese_live_or_stale()
    {
        await using var severe = await Fixture.Host.ConnectDeviceAsync("haidian", DeviceId);
        await using var heavy = await Fixture.Host.ConnectDeviceAsync("chaoyang", "cockpit-contrast-heavy");
        await severe.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1), TestDevice.Value(Quantity.Pm2_5, 300), TestDevice.Value(Quantity.Noise, 58));
        await heavy.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1), TestDevice.Value(Quantity.Pm2_5, 200));

        // Each view with what shows it is drawn (the city's map paints the severe band before it settles) and the marks
        // of the two darkest bands it must show.
        const string Drawn = "() => true";
        var views = new (string Path, string Name, string Ready, string Settled, int SevereMarks)[]
        {
            ("/", "city", ".ranking tr[data-region=haidian]",
                "() => [...document.querySelectorAll('.map-chart svg path')].some(p => (p.getAttribute('fill') || '').toUpperCase() === '#7E0023')", 4),
            ("/regions/haidian", "district", $".devices tr[data-device={DeviceId}]", Drawn, 1),
            // A device's view shows readings, not AQI bands.
            ($"/devices/{DeviceId}", "device", ".readings tr[data-quantity=pm2_5]", Drawn, 0),
        };
        var failures = new List<string>();
        foreach (var locale in new[] { "en-US", "zh-CN" })
        {
            var page = await OpenAsync("/", CockpitFixture.WallScreen, locale);
            foreach (var view in views)
            {
                await page.GotoAsync(view.Path);
                await Expect(page.Locator(view.Ready)).ToBeVisibleAsync(new() { Timeout = 60_000 });
                await Expect(page.Locator(".aqi-card, .device-view .status").First).ToBeVisibleAsync();
                await page.WaitForFunctionAsync(view.Settled, null, new() { Timeout = 60_000 });
                // Charts draw after their data and animate in: measured once they have settled.
                await page.WaitForTimeoutAsync(1_500);
                foreach (var stale in new[] { false, true })
                {
                    var name = $"{view.Name} {locale}{(stale ? " stale" : "")}";
                    var report = JsonSerializer.Deserialize<Report>(await page.EvaluateAsync<string>(Measure, new { severe = new[] { "#99004C", "#7E0023" }, stale }),
                        new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
                    Assert.True(report.Measured > 20, $"{name}: only {report.Measured} texts measured");
                    Assert.True(report.Severe >= view.SevereMarks, $"{name}: only {report.Severe} marks of the severe bands found, {view.SevereMarks} expected");
                    failures.AddRange(report.Texts.Select(f => $"{name}: text \"{f.Text}\" {f.Colour} on {f.Background} = {f.Ratio}:1"));
                    failures.AddRange(report.Outlines.Select(f => $"{name}: band mark {f.Text} edge {f.Colour} on {f.Background} = {f.Ratio}:1"));
                }
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} below WCAG contrast:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Distinct())}");
    }

    // Runs in the page. The donut is every painted path of the category chart larger than a legend mark (a chart also
    // holds unpainted ones); the legend's texts are the ones with a count after the name ("Good  3").
    private const string Donut = """
        (chart) => {
          const svg = document.querySelector(chart + ' svg');
          const box = svg.getBoundingClientRect();
          const texts = [...svg.querySelectorAll('text')].filter(t => /\s\s\d+$/.test(t.textContent));
          const height = Math.max(...texts.map(t => t.getBoundingClientRect().height));
          const painted = (p) => { const s = getComputedStyle(p); return s.fill !== 'none' && !/rgba\(.*,\s*0\)/.test(s.fill) && Number(s.fillOpacity) > 0; };
          const slices = [...svg.querySelectorAll('path')].filter(painted).map(p => p.getBoundingClientRect())
            .filter(r => r.width > 1.5 * height && r.height > 1.5 * height);
          const donut = slices.reduce((a, r) => ({ left: Math.min(a.left, r.left), top: Math.min(a.top, r.top), right: Math.max(a.right, r.right), bottom: Math.max(a.bottom, r.bottom) }),
            { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity });
          const hit = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
          const problems = [];
          for (const t of texts) {
            const r = t.getBoundingClientRect();
            if (hit(r, donut)) problems.push(`"${t.textContent}" over the donut`);
            if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) problems.push(`"${t.textContent}" cut off by the chart's edge`);
            if (/…|\.\.\.$/.test(t.textContent)) problems.push(`"${t.textContent}" shortened`);
            for (const u of texts) if (u !== t && t.compareDocumentPosition(u) & Node.DOCUMENT_POSITION_FOLLOWING && hit(r, u.getBoundingClientRect())) problems.push(`"${t.textContent}" × "${u.textContent}"`);
          }
          return JSON.stringify({ legends: texts.map(t => t.textContent), slices: slices.length, problems });
        }
        """;

    public sealed record DonutReport(string[] Legends, int Slices, string[] Problems);

    [BrowserFact]
    public async Task The_category_legend_is_beside_or_under_the_donut_whole_on_a_desk_a_laptop_and_a_phone()
    {
        // As many bands as the free districts allow, Moderately polluted (the longest name in English) among them, so
        // that the legend is long and wide.
        (string District, double Pm2_5)[] bands = [("dongcheng", 130), ("mentougou", 100), ("chaoyang", 200), ("haidian", 300)];
        var devices = new List<TestDevice>();
        try
        {
            foreach (var (district, pm2_5) in bands)
            {
                var device = await Fixture.Host.ConnectDeviceAsync(district, $"cockpit-contrast-{district}");
                devices.Add(device);
                await device.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1), TestDevice.Value(Quantity.Pm2_5, pm2_5));
            }
            await LegendIsClearAsync();
        }
        finally
        {
            foreach (var device in devices) await device.DisposeAsync();
        }
    }

    private async Task LegendIsClearAsync()
    {
        var failures = new List<string>();
        foreach (var screen in new[] { CockpitFixture.FourK, CockpitFixture.WallScreen, CockpitFixture.Laptop, CockpitFixture.Phone })
        {
            var page = await OpenAsync("/", screen);
            await Expect(page.Locator(".category-chart svg text", new() { HasTextRegex = new("^Severely polluted\\s+\\d+$") })).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await page.WaitForTimeoutAsync(1_500);
            var report = JsonSerializer.Deserialize<DonutReport>(await page.EvaluateAsync<string>(Donut, ".category-chart"),
                new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
            var name = $"{screen.Width}x{screen.Height}";
            Assert.True(report.Legends.Length >= 5 && report.Slices >= 5, $"{name}: {report.Legends.Length} legend texts, {report.Slices} slices found");
            failures.AddRange(report.Problems.Select(p => $"{name}: {p}"));
            await Screenshots.SaveAsync(page, $"contrast-donut-{name}");
            await page.Context.CloseAsync();
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
