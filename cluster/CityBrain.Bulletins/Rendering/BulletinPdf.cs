using CityBrain.Bulletins.Model;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CityBrain.Bulletins.Rendering;

/// <summary>The bulletin as an A4 PDF with its fonts embedded (subsets), laid out from the same blocks as the page.
/// <see cref="BulletinFontResolver.Install"/> must have been called.</summary>
public static class BulletinPdf
{
    public static byte[] Render(Bulletin bulletin, BulletinLanguage language)
    {
        var text = new BulletinText(language);
        using var document = new PdfDocument();
        document.Info.Title = text.Title(bulletin);
        document.Info.Creator = "CityBrain";
        using (var writer = new PageWriter(document))
        {
            foreach (var block in BulletinLayout.Blocks(bulletin, text)) writer.Write(block);
        }
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    /// <summary>Writes blocks top to bottom, starting a new page when the next line would not fit.</summary>
    private sealed class PageWriter(PdfDocument document) : IDisposable
    {
        private const double Margin = 50;
        private const double LineGap = 4;
        private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

        private readonly MixedFont _body = new(10, false);
        private readonly MixedFont _bold = new(10, true);
        private readonly MixedFont _heading = new(12.5, true);
        private readonly MixedFont _title = new(17, true);
        private XGraphics? _graphics;
        private PdfPage? _page;
        private double _y;

        public void Write(Block block)
        {
            switch (block)
            {
                case TitleBlock title:
                    Line(title.Title, _title);
                    Line(title.Subtitle, _body);
                    _y += 6;
                    break;
                case HeadingBlock heading:
                    _y += 8;
                    Line(heading.Text, _heading);
                    Graphics.DrawLine(XPens.Gray, Margin, _y, _page!.Width.Point - Margin, _y);
                    _y += 4;
                    break;
                case LineBlock line:
                    Line(line.Text, _body);
                    break;
                case TableBlock table:
                    Table(table);
                    break;
            }
        }

        private XGraphics Graphics => _graphics ?? NewPage();

        private double Width => _page!.Width.Point - 2 * Margin;

        private XGraphics NewPage()
        {
            _graphics?.Dispose();
            _page = document.AddPage();
            _page.Size = PageSize.A4;
            _graphics = XGraphics.FromPdfPage(_page);
            _y = Margin;
            return _graphics;
        }

        private void Room(double height)
        {
            if (_graphics is null || _y + height > _page!.Height.Point - Margin) NewPage();
        }

        private void Line(string value, MixedFont font)
        {
            Room(font.Size + LineGap);
            var graphics = Graphics;
            font.Draw(graphics, value, Margin, _y, Width);
            _y += font.Size + LineGap;
        }

        private void Table(TableBlock table)
        {
            var marked = table.Colours.Any(c => c is not null);
            var swatch = marked ? 8.0 : 0;
            var columns = table.Header.Count;
            var widths = ColumnWidths(table, (Width - swatch) / columns);
            var rowHeight = _body.Size + 6;
            void Row(IReadOnlyList<string> cells, MixedFont font, string? colour, bool header)
            {
                Room(rowHeight);
                var graphics = Graphics;
                if (header) graphics.DrawRectangle(XBrushes.Gainsboro, Margin, _y, Width, rowHeight);
                if (colour is not null) graphics.DrawRectangle(new XSolidBrush(XColor.FromArgb(Convert.ToInt32(colour.TrimStart('#'), 16) | unchecked((int)0xFF000000))), Margin, _y, swatch, rowHeight);
                var x = Margin + swatch;
                for (var i = 0; i < cells.Count; i++)
                {
                    font.Draw(graphics, cells[i], x + 3, _y + 3, widths[i] - 6);
                    x += widths[i];
                }
                graphics.DrawLine(XPens.LightGray, Margin, _y + rowHeight, Margin + Width, _y + rowHeight);
                _y += rowHeight;
            }
            Row(table.Header, _bold, null, true);
            for (var i = 0; i < table.Rows.Count; i++) Row(table.Rows[i], _body, table.Colours[i], false);
            _y += LineGap;
        }

        /// <summary>Columns share the width by their longest cell, each at least a quarter of an equal share.</summary>
        private static double[] ColumnWidths(TableBlock table, double equalShare)
        {
            var lengths = Enumerable.Range(0, table.Header.Count)
                .Select(i => Math.Max(equalShare / 4, table.Rows.Select(r => r[i].Length).Append(table.Header[i].Length).Max()))
                .ToArray();
            var total = lengths.Sum();
            return [.. lengths.Select(l => l / total * equalShare * table.Header.Count)];
        }

        public void Dispose() => _graphics?.Dispose();

        /// <summary>Text in two embedded fonts: Chinese characters and full-width punctuation in the CJK font, all else
        /// in the Latin one, drawn run by run. Text wider than its box is cut with an ellipsis, never drawn over the next.</summary>
        private sealed class MixedFont(double size, bool bold)
        {
            private readonly XFont _cjk = new(BulletinFontResolver.CjkFamily, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);
            private readonly XFont _latin = new(BulletinFontResolver.LatinFamily, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);

            public double Size => size;

            public void Draw(XGraphics graphics, string value, double x, double y, double width)
            {
                var right = x + width;
                foreach (var (run, cjk) in Runs(value))
                {
                    var font = cjk ? _cjk : _latin;
                    var runWidth = graphics.MeasureString(run, font).Width;
                    if (x + runWidth > right)
                    {
                        var fitted = run;
                        while (fitted.Length > 0 && x + graphics.MeasureString(fitted + "…", _latin).Width > right) fitted = fitted[..^1];
                        graphics.DrawString(fitted, font, XBrushes.Black, x, y, XStringFormats.TopLeft);
                        graphics.DrawString("…", _latin, XBrushes.Black, x + graphics.MeasureString(fitted, font).Width, y, XStringFormats.TopLeft);
                        return;
                    }
                    graphics.DrawString(run, font, XBrushes.Black, x, y, XStringFormats.TopLeft);
                    x += runWidth;
                }
            }

            private static IEnumerable<(string Run, bool Cjk)> Runs(string value)
            {
                var start = 0;
                for (var i = 1; i <= value.Length; i++)
                {
                    if (i < value.Length && IsCjk(value[i]) == IsCjk(value[start])) continue;
                    yield return (value[start..i], IsCjk(value[start]));
                    start = i;
                }
            }

            // CJK radicals, punctuation, kana and ideographs from U+2E80, and the full-width forms.
            private static bool IsCjk(char c) => c is >= '\u2E80' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\uFF00' and <= '\uFFEF';
        }
    }
}
