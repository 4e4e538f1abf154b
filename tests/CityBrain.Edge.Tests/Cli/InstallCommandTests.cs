using System.Diagnostics;
using System.Runtime.Versioning;
using CityBrain.Edge.Cli;
using CityBrain.Edge.Testing;
using CityBrain.Edge.Tests.Support;

namespace CityBrain.Edge.Tests.Cli;

/// <summary><c>citybrain-edge install --root</c> on a throwaway root: what it writes, what it would run, and that a
/// second run changes nothing.</summary>
[SupportedOSPlatform("linux")]
public sealed class InstallCommandTests : IDisposable
{
    private const UnixFileMode Mode0750 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    private readonly TempDirectory _dir = new();
    private readonly string _root;

    public InstallCommandTests() => _root = Directory.CreateDirectory(_dir.File("root")).FullName;

    [Fact]
    public async Task An_empty_root_gets_the_unit_the_directories_and_the_link_and_the_commands_are_listed()
    {
        // Only i2c exists in this image: the user joins it, and no dialout group is made up.
        Write("etc/group", "root:x:0:\ni2c:x:998:\n");

        var result = await InstallAsync();

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Empty(result.Error);
        Assert.Equal(
        [
            "would run: useradd --system --no-create-home --shell /usr/sbin/nologin --user-group citybrain",
            "would run: usermod -aG i2c citybrain",
            "would run: usermod -aG citybrain tech",
            $"would run: chown root:citybrain {_root}/etc/citybrain-edge",
            $"would run: chown citybrain:citybrain {_root}/var/lib/citybrain-edge",
            "would run: systemctl daemon-reload",
            "would run: systemctl enable citybrain-edge",
        ], Lines(result).Where(l => l.StartsWith("would run: ", StringComparison.Ordinal)));
        Assert.Equal(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "deploy", "citybrain-edge.service")),
            File.ReadAllText(Under("etc/systemd/system/citybrain-edge.service")));
        Assert.Equal(Mode0750, File.GetUnixFileMode(Under("etc/citybrain-edge")));
        Assert.Equal(Mode0750, File.GetUnixFileMode(Under("var/lib/citybrain-edge")));
        Assert.Equal(Executable.Path, new FileInfo(Under("usr/local/bin/citybrain-edge")).LinkTarget);
        Assert.Contains("tech must log out and in again to be in group citybrain", result.Output);
        Assert.Contains("then: sudo systemctl start citybrain-edge", result.Output);
    }

    [Fact]
    public async Task A_second_run_reports_nothing_to_change()
    {
        // The image's accounts as the commands of a first run would leave them, with the ids this test's files get.
        var (uid, gid) = Owner(_root);
        Write("etc/passwd", $"root:x:{uid}:{gid}::/root:/bin/sh\ncitybrain:x:{uid}:{gid}::/nonexistent:/usr/sbin/nologin\n");
        Write("etc/group", $"citybrain:x:{gid}:tech\ni2c:x:998:citybrain\ndialout:x:20:citybrain\n");
        var first = await InstallAsync();
        Directory.CreateDirectory(Under("etc/systemd/system/multi-user.target.wants"));
        File.CreateSymbolicLink(Under("etc/systemd/system/multi-user.target.wants/citybrain-edge.service"), "/etc/systemd/system/citybrain-edge.service");

        var second = await InstallAsync();

        Assert.Equal(ExitCodes.Ok, first.ExitCode);
        Assert.DoesNotContain("Nothing to change", first.Output);
        Assert.Equal(ExitCodes.Ok, second.ExitCode);
        Assert.Equal(
        [
            "Nothing to change: citybrain-edge is already installed.",
            "Next: sudo citybrain-edge provision --device ID --district DISTRICT --broker HOST:PORT --password -",
            "then: sudo systemctl start citybrain-edge",
        ], Lines(second));
    }

    [Fact]
    public async Task No_enable_leaves_the_unit_disabled_and_says_how_to_start_it()
    {
        var result = await InstallAsync("--no-enable");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.DoesNotContain("systemctl enable citybrain-edge", result.Output);
        Assert.Contains("then: sudo systemctl enable --now citybrain-edge", result.Output);
    }

    [Fact]
    public async Task Without_root_install_refuses_in_one_sentence()
    {
        var result = await Executable.RunUnprivilegedAsync(_dir, "install");

        Assert.Equal(ExitCodes.NotRoot, result.ExitCode);
        var sentence = Assert.Single(result.Sentences);
        Assert.StartsWith("citybrain-edge install: install creates the service user and writes to /etc, so it must run as root: sudo ", sentence);
        Assert.Empty(result.Output);
    }

    private async Task<Support.Cli.Outcome> InstallAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Executable.Path, ["install", "--root", _root, .. args]) { WorkingDirectory = _dir.Path };
        start.Environment["SUDO_USER"] = "tech";
        return await Executable.RunAsync(start);
    }

    private static IReadOnlyList<string> Lines(Support.Cli.Outcome result) => result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private string Under(string relative) => Path.Combine(_root, relative);

    private void Write(string relative, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Under(relative))!);
        File.WriteAllText(Under(relative), text);
    }

    private static (string Uid, string Gid) Owner(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%u %g", path]) { RedirectStandardOutput = true })!;
        var fields = stat.StandardOutput.ReadToEnd().Split(' ', StringSplitOptions.TrimEntries);
        stat.WaitForExit();
        return (fields[0], fields[1]);
    }

    public void Dispose() => _dir.Dispose();
}
