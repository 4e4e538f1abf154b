namespace CityBrain.Regions;

/// <summary>A region file (or a file it includes) that cannot be used, with one sentence naming the problem and the
/// region or feature it lies in, so that a bureau can fix its file without reading code.</summary>
public sealed class RegionFileException(string path, string problem)
    : Exception($"Region file '{path}' cannot be used: {problem}.")
{
    /// <summary>The file the problem lies in: the root file, an included file or a boundaries file.</summary>
    public string FilePath { get; } = path;
}
