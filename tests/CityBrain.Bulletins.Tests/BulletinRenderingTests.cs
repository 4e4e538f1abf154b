using System.Diagnostics;
using CityBrain.Bulletins.Model;
using CityBrain.Bulletins.Rendering;

namespace CityBrain.Bulletins.Tests;

/// <summary>The daily bulletin rendered as a PDF, read back with poppler's pdftotext (a real extractor), and as the
/// printable page.</summary>
public sealed class BulletinRenderingTests
{
    private readonly TestHistory _history = new();

    public BulletinRenderingTests() => BulletinFontResolver.Install(BulletinFontFiles.Debian);

    [Theory]
    [InlineData(BulletinLanguage.Zh, "测试省 环境质量日报", "一、空气质量（HJ 633）", "轻度污染", "甲市", "设备在线率：83.3%", "案件数据暂不可用")]
    [InlineData(BulletinLanguage.En, "Test Province Daily environmental bulletin", "1. Air quality (HJ 633)", "Lightly polluted", "City A", "Online rate: 83.3%", "Case data not available")]
    public async Task The_pdf_is_valid_and_its_text_has_the_headings_and_numbers(BulletinLanguage language, params string[] expected)
    {
        var bulletin = await BulletinComposerTests.ComposeDayAsync(_history, null);

        var pdf = BulletinPdf.Render(bulletin, language);

        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
        var text = await ExtractTextAsync(pdf);
        foreach (var phrase in expected) Assert.Contains(phrase, text);
        Assert.Contains("120", text);
        Assert.Contains("PM2.5-24h", text);
        Assert.Contains("72.0%", text);
    }

    [Fact]
    public async Task The_page_is_printable_html_with_the_same_numbers()
    {
        var bulletin = await BulletinComposerTests.ComposeDayAsync(_history, null);

        var html = BulletinHtml.Render(bulletin, BulletinLanguage.Zh);

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("@page { size: A4;", html);
        Assert.Contains("<h1>测试省 环境质量日报</h1>", html);
        Assert.Contains("<td>120</td><td>轻度污染</td><td>PM2.5-24h</td>", html);
        Assert.Contains("数据有效率：72.0%", html);
    }

    [Fact]
    public async Task The_model_survives_its_archived_json()
    {
        var bulletin = await BulletinComposerTests.ComposeDayAsync(_history, null);

        var json = BulletinJson.Serialize(bulletin);

        Assert.Contains("\"kind\":\"day\"", json);
        Assert.Equal(json, BulletinJson.Serialize(BulletinJson.Deserialize(json)));
    }

    [Fact]
    public void A_missing_font_file_is_named_with_its_package()
    {
        var files = BulletinFontFiles.Debian with { Cjk = "/nonexistent/fonts/cjk.ttf" };

        var missing = Assert.Single(files.Missing());

        Assert.Contains("/nonexistent/fonts/cjk.ttf", missing);
        Assert.Contains("fonts-droid-fallback", missing);
    }

    private static async Task<string> ExtractTextAsync(byte[] pdf)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("citybrain-bulletin-pdf-").FullName, "bulletin.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", path, "-"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("pdftotext did not start (Debian: apt-get install poppler-utils; ./citybrain.sh test installs it)");
        var text = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pdftotext failed with {process.ExitCode}: {errors}");
        return text;
    }
}
