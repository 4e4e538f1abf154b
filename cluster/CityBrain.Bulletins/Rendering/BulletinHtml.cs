using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using CityBrain.Bulletins.Model;

namespace CityBrain.Bulletins.Rendering;

/// <summary>The bulletin as one self-contained printable page: A4 with print margins, no scripts, no external assets.</summary>
public static class BulletinHtml
{
    private const string Style = """
        @page { size: A4; margin: 18mm 16mm; }
        body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Droid Sans Fallback", "DejaVu Sans", sans-serif; font-size: 10.5pt; color: #111; max-width: 178mm; margin: 0 auto; }
        h1 { font-size: 17pt; margin: 0 0 2mm; }
        .subtitle { color: #444; margin-bottom: 5mm; }
        h2 { font-size: 12.5pt; border-bottom: 1px solid #888; margin: 6mm 0 2mm; page-break-after: avoid; }
        table { border-collapse: collapse; width: 100%; margin: 2mm 0; page-break-inside: auto; }
        th, td { border: 1px solid #999; padding: 1mm 2mm; text-align: left; }
        th { background: #eee; }
        tr { page-break-inside: avoid; }
        td.swatch { width: 3mm; padding: 0; }
        @media print { body { max-width: none; } }
        """;

    public static string Render(Bulletin bulletin, BulletinLanguage language)
    {
        var text = new BulletinText(language);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(language == BulletinLanguage.Zh ? "zh-CN" : "en").Append("\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(E(text.Title(bulletin))).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n");
        foreach (var block in BulletinLayout.Blocks(bulletin, text))
        {
            switch (block)
            {
                case TitleBlock title:
                    html.Append("<h1>").Append(E(title.Title)).Append("</h1>\n<div class=\"subtitle\">").Append(E(title.Subtitle)).Append("</div>\n");
                    break;
                case HeadingBlock heading:
                    html.Append("<h2>").Append(E(heading.Text)).Append("</h2>\n");
                    break;
                case LineBlock line:
                    html.Append("<p>").Append(E(line.Text)).Append("</p>\n");
                    break;
                case TableBlock table:
                    Table(html, table);
                    break;
            }
        }
        return html.Append("</body>\n</html>\n").ToString();
    }

    private static void Table(StringBuilder html, TableBlock table)
    {
        var marked = table.Colours.Any(c => c is not null);
        html.Append("<table>\n<thead><tr>");
        if (marked) html.Append("<th></th>");
        foreach (var cell in table.Header) html.Append("<th>").Append(E(cell)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        for (var i = 0; i < table.Rows.Count; i++)
        {
            html.Append("<tr>");
            if (marked) html.Append("<td class=\"swatch\" style=\"background:").Append(E(table.Colours[i] ?? "transparent")).Append("\"></td>");
            foreach (var cell in table.Rows[i]) html.Append("<td>").Append(E(cell)).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    // Chinese stays readable in the page's source; only markup characters are escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string E(string text) => Encoder.Encode(text);
}
