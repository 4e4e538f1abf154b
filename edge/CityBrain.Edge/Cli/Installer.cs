using System.Diagnostics;

namespace CityBrain.Edge.Cli;

/// <summary>The steps of <see cref="InstallCommand"/> under <paramref name="root"/>; each says what it changed.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class Installer(string root, ISystemRunner runner, TextWriter output)
{
    private const UnixFileMode OwnerAllGroupRead = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;
    private const UnixFileMode UnitMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private static readonly string[] DeviceGroups = ["i2c", "dialout"];

    private readonly AccountDatabase _accounts = new(root);
    private int _changes;

    public async Task RunAsync(string executable, string? technician, bool enable, CancellationToken cancellationToken)
    {
        await AccountAsync(cancellationToken);
        var join = technician is { Length: > 0 } and not "root" && !_accounts.IsMember(technician, ServiceAccount.Group);
        if (join) await ChangeAsync(cancellationToken, "usermod", "-aG", ServiceAccount.Group, technician!);
        await DirectoryAsync("etc/citybrain-edge", "root", cancellationToken);
        await DirectoryAsync("var/lib/citybrain-edge", ServiceAccount.User, cancellationToken);
        Link(executable);
        if (Unit(executable)) await ChangeAsync(cancellationToken, "systemctl", "daemon-reload");
        if (enable && !File.Exists(Under($"etc/systemd/system/multi-user.target.wants/{InstallCommand.Unit}")))
        {
            await ChangeAsync(cancellationToken, "systemctl", "enable", "citybrain-edge");
        }

        if (_changes == 0) output.WriteLine("Nothing to change: citybrain-edge is already installed.");
        if (join) output.WriteLine($"{technician} must log out and in again to be in group {ServiceAccount.Group}, which lets status and read work without sudo.");
        output.WriteLine("Next: sudo citybrain-edge provision --device ID --district DISTRICT --broker HOST:PORT --password -");
        output.WriteLine(enable ? "then: sudo systemctl start citybrain-edge" : "then: sudo systemctl enable --now citybrain-edge");
    }

    /// <summary>The service user and its group, in the groups that give it the buses and serial ports (where they exist).</summary>
    private async Task AccountAsync(CancellationToken cancellationToken)
    {
        var user = ServiceAccount.User;
        var groupExists = _accounts.GroupExists(ServiceAccount.Group);
        if (_accounts.UserId(user) is null)
        {
            string[] group = groupExists ? ["--gid", ServiceAccount.Group] : ["--user-group"];
            await ChangeAsync(cancellationToken, ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", .. group, user]);
        }
        else if (!groupExists)
        {
            await ChangeAsync(cancellationToken, "groupadd", "--system", ServiceAccount.Group);
        }
        foreach (var device in DeviceGroups.Where(g => _accounts.GroupExists(g) && !_accounts.IsMember(user, g)))
        {
            await ChangeAsync(cancellationToken, "usermod", "-aG", device, user);
        }
    }

    /// <summary>A directory owned by <paramref name="owner"/> and the service group, mode 0750.</summary>
    private async Task DirectoryAsync(string relative, string owner, CancellationToken cancellationToken)
    {
        var path = Under(relative);
        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, OwnerAllGroupRead);
            Changed($"created {path}");
        }
        if (File.GetUnixFileMode(path) != OwnerAllGroupRead)
        {
            File.SetUnixFileMode(path, OwnerAllGroupRead);
            Changed($"set {path} to mode 0750");
        }
        var (uid, gid) = (_accounts.UserId(owner), _accounts.GroupId(ServiceAccount.Group));
        if (uid is null || gid is null || Owner(path) != (uid.Value, gid.Value))
        {
            await ChangeAsync(cancellationToken, "chown", $"{owner}:{ServiceAccount.Group}", path);
        }
    }

    /// <summary>/usr/local/bin/citybrain-edge, so that the technician's commands are on the PATH.</summary>
    private void Link(string executable)
    {
        var link = Under("usr/local/bin/citybrain-edge");
        var existing = new FileInfo(link);
        if (existing.LinkTarget == executable) return;
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        if (existing.Exists || existing.LinkTarget is not null) existing.Delete();
        File.CreateSymbolicLink(link, executable);
        Changed($"linked {link} to {executable}");
    }

    /// <summary>The release's unit in /etc/systemd/system; true when it was written (systemd must reload it).</summary>
    private bool Unit(string executable)
    {
        var source = Path.Combine(Path.GetDirectoryName(executable)!, "deploy", InstallCommand.Unit);
        if (!File.Exists(source)) throw new IOException($"the release has no {source}: copy the whole release directory, deploy/ included");
        var target = Under($"etc/systemd/system/{InstallCommand.Unit}");
        var text = File.ReadAllText(source);
        if (File.Exists(target) && File.ReadAllText(target) == text) return false;
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllText(target, text);
        File.SetUnixFileMode(target, UnitMode);
        Changed($"wrote {target}");
        return true;
    }

    private Task ChangeAsync(CancellationToken cancellationToken, params string[] command)
    {
        _changes++;
        return runner.RunAsync(command[0], command[1..], cancellationToken);
    }

    private void Changed(string what)
    {
        _changes++;
        output.WriteLine(what);
    }

    private string Under(string relative) => Path.Combine(root, relative);

    /// <summary>The numeric owner and group of <paramref name="path"/> (.NET has no API for them).</summary>
    private static (int Uid, int Gid) Owner(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%u %g", path]) { RedirectStandardOutput = true })!;
        var fields = stat.StandardOutput.ReadToEnd().Split(' ', StringSplitOptions.TrimEntries);
        stat.WaitForExit();
        return (int.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
