using CityBrain.Edge.Cli;
using CityBrain.Edge.Testing;
using CityBrain.Edge.Tests.Support;

namespace CityBrain.Edge.Tests.Cli;

/// <summary>A data directory the gateway cannot write is named with what is wrong, not taken for a running gateway.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DataDirectoryTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _readOnly;
    private readonly Tmpfs? _tmpfs;

    public DataDirectoryTests()
    {
        _readOnly = Directory.CreateDirectory(_dir.File("read-only")).FullName;
        // Root writes through any mode bits, so as root (CI) the directory is a read-only file system of its own.
        if (Tmpfs.CanMount) _tmpfs = new Tmpfs(_readOnly, "ro,size=1m");
        else File.SetUnixFileMode(_readOnly, UnixFileMode.UserRead | UnixFileMode.UserExecute);
    }

    [Theory]
    [InlineData("")]
    [InlineData("outbox/gw")]
    public async Task A_data_directory_that_cannot_be_written_is_named_in_one_sentence(string subdirectory)
    {
        var data = Path.Combine(_readOnly, subdirectory).TrimEnd('/');
        var config = Support.Cli.Config(_dir);

        var result = await Support.Cli.RunAsync("run", "--config", config, $"--Gateway:DataDirectory={data}");

        Assert.Equal(ExitCodes.Configuration, result.ExitCode);
        var sentence = Assert.Single(result.Sentences);
        Assert.StartsWith($"citybrain-edge run: the data directory {data} cannot be written (", sentence);
        Assert.Contains("it must be on a writable file system and belong to the user the gateway runs as", sentence);
        Assert.DoesNotContain("already running", sentence);
    }

    public void Dispose()
    {
        if (_tmpfs is not null) _tmpfs.Dispose();
        else File.SetUnixFileMode(_readOnly, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _dir.Dispose();
    }
}
