using Microsoft.Playwright;

namespace CityBrain.Cockpit.Tests.Browser;

/// <summary>Screenshots of the views, kept with the test results (tests/CityBrain.Cockpit.Tests/TestResults/screenshots)
/// so a person can see what the bureau sees.</summary>
public static class Screenshots
{
    public static string Directory { get; } = Locate();

    public static Task SaveAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Directory, $"{name}.png"), FullPage = true });

    private static string Locate()
    {
        var project = new DirectoryInfo(AppContext.BaseDirectory);
        while (project is not null && !File.Exists(Path.Combine(project.FullName, "CityBrain.Cockpit.Tests.csproj"))) project = project.Parent;
        var directory = Path.Combine(project?.FullName ?? AppContext.BaseDirectory, "TestResults", "screenshots");
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }
}
