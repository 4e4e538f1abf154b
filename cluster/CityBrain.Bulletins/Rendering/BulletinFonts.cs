using PdfSharp.Fonts;

namespace CityBrain.Bulletins.Rendering;

/// <summary>The TrueType files a PDF bulletin embeds: one for Chinese, one (regular and bold) for Latin text, numbers
/// and symbols. Two files because Debian's plain-.ttf CJK font (fonts-droid-fallback) has no Latin glyphs, and
/// PDFsharp 6.2.4 cannot read the .ttc collection of fonts-wqy-microhei (it fails with a NullReferenceException).</summary>
public sealed record BulletinFontFiles(string Cjk, string Latin, string LatinBold)
{
    public static BulletinFontFiles Debian { get; } = new(
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");

    /// <summary>Each missing file with the Debian package that provides it, empty when all are there.</summary>
    public IReadOnlyList<string> Missing() =>
    [
        .. new[] { (Cjk, "fonts-droid-fallback"), (Latin, "fonts-dejavu-core"), (LatinBold, "fonts-dejavu-core") }
            .Where(f => !File.Exists(f.Item1))
            .Select(f => $"the font file {f.Item1} is missing (Debian: apt-get install {f.Item2}; ./citybrain.sh installs it)"),
    ];
}

/// <summary>PDFsharp's font resolver for the bulletins: the families <see cref="CjkFamily"/> and
/// <see cref="LatinFamily"/> map to <see cref="BulletinFontFiles"/>, read once.</summary>
public sealed class BulletinFontResolver : IFontResolver
{
    public const string CjkFamily = "CityBrain CJK";
    public const string LatinFamily = "CityBrain Latin";

    private static readonly Lock Gate = new();
    private static BulletinFontResolver? _installed;

    private readonly Dictionary<string, Lazy<byte[]>> _faces;

    private BulletinFontResolver(BulletinFontFiles files)
    {
        Files = files;
        _faces = new Dictionary<string, Lazy<byte[]>>(StringComparer.Ordinal)
        {
            ["cjk"] = new(() => File.ReadAllBytes(files.Cjk)),
            ["latin"] = new(() => File.ReadAllBytes(files.Latin)),
            ["latin-bold"] = new(() => File.ReadAllBytes(files.LatinBold)),
        };
    }

    public BulletinFontFiles Files { get; }

    /// <summary>Makes PDFsharp use <paramref name="files"/>. PDFsharp keeps one resolver for the process and may not
    /// change it once fonts were resolved, so a second call must name the same files.</summary>
    /// <exception cref="FileNotFoundException">A file is missing; the message names its path and package.</exception>
    public static void Install(BulletinFontFiles files)
    {
        if (files.Missing() is { Count: > 0 } missing) throw new FileNotFoundException(string.Join("; ", missing), missing[0]);
        lock (Gate)
        {
            if (_installed is not null)
            {
                if (_installed.Files != files) throw new InvalidOperationException($"the bulletin fonts are already {_installed.Files}; PDFsharp cannot change them to {files} in one process");
                return;
            }
            _installed = new BulletinFontResolver(files);
            GlobalFontSettings.FontResolver = _installed;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => familyName switch
    {
        CjkFamily => new FontResolverInfo("cjk", bold, false),
        LatinFamily => bold ? new FontResolverInfo("latin-bold") : new FontResolverInfo("latin"),
        _ => null,
    };

    public byte[]? GetFont(string faceName) => _faces.TryGetValue(faceName, out var face) ? face.Value : null;
}
