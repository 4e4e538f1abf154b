namespace CityBrain.Testing;

/// <summary>Files of this checkout, for tests that start what the repository builds or ships (the host, the demo, scripts).</summary>
public static class RepositoryFiles
{
    /// <summary>The folder of CityBrain.sln above the running tests' build output.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path below <see cref="Root"/>, e.g. <c>Path("cluster", "CityBrain.Cockpit", "kiosk.sh")</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "CityBrain.sln"))) directory = directory.Parent;
        return directory?.FullName
            ?? throw new InvalidOperationException($"no CityBrain.sln above {AppContext.BaseDirectory}: the tests run from the repository's build output");
    }
}
