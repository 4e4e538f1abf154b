namespace CityBrain.Bulletins.Rendering;

public enum BulletinLanguage
{
    Zh,
    En,
}

public static class BulletinLanguages
{
    public static IReadOnlyList<BulletinLanguage> All { get; } = Enum.GetValues<BulletinLanguage>();

    /// <summary><c>zh</c> or <c>en</c>, as the API and the archive name a language.</summary>
    public static string Code(this BulletinLanguage language) => language == BulletinLanguage.Zh ? "zh" : "en";

    public static bool TryParse(string? code, out BulletinLanguage language)
    {
        language = code == "en" ? BulletinLanguage.En : BulletinLanguage.Zh;
        return code is "zh" or "en";
    }
}
