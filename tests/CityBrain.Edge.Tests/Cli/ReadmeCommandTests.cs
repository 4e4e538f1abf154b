using System.Diagnostics;
using CityBrain.Edge.Testing;
using CityBrain.Edge.Tests.Support;

namespace CityBrain.Edge.Tests.Cli;

/// <summary>The gateway command in the repository's README runs as written: the same arguments, from the
/// repository's root, against a real broker (only its port and the data directory moved to the test's own).</summary>
public sealed class ReadmeCommandTests : IAsyncLifetime
{
    private const string Documented = "dotnet run --project edge/CityBrain.Edge -- ";
    private readonly TempDirectory _dir = new();
    private TestBroker _broker = null!;

    public async Task InitializeAsync()
    {
        _broker = await TestBroker.StartAsync();
        _broker.Passwords["gw-0001"] = "secret";
    }

    [Fact]
    public async Task The_readme_gateway_command_connects_with_the_identity_it_gives()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "CityBrain.sln"))) root = root.Parent ?? throw new InvalidOperationException("no CityBrain.sln above the test's output");
        var readme = File.ReadAllLines(Path.Combine(root.FullName, "README.md"));
        var first = Array.FindIndex(readme, l => l.StartsWith(Documented, StringComparison.Ordinal));
        Assert.True(first >= 0, $"the README has no line starting with '{Documented}'");
        var command = string.Join(" ", readme.Skip(first).TakeWhile((_, i) => i == 0 || readme[first + i - 1].TrimEnd().EndsWith('\\'))
            .Select(l => l.TrimEnd().TrimEnd('\\')))[Documented.Length..];
        var args = command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(a => a.Replace("<password>", "secret", StringComparison.Ordinal)).ToList();
        Assert.Equal("run", args[0]);

        using var gateway = Executable.Start(new ProcessStartInfo(Executable.Path,
            [.. args, $"--Gateway:Broker:Port={_broker.Port}", $"--Gateway:DataDirectory={_dir.File("data")}"]) { WorkingDirectory = root.FullName });
        var output = gateway.StandardOutput.ReadToEndAsync();
        var error = gateway.StandardError.ReadToEndAsync();
        await Eventually.HoldsAsync(() => _broker.Connections.Contains("gw-0001") || gateway.HasExited, "the README's gateway at the broker");
        var exited = gateway.HasExited;
        gateway.Kill();
        await gateway.WaitForExitAsync();

        Assert.False(exited, $"the README's command exited by itself: {await output}{await error}");
        Assert.Contains("gw-0001", _broker.Connections);
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        _dir.Dispose();
    }
}
