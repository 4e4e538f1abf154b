using System.CommandLine;

namespace CityBrain.Edge.Cli;

/// <summary><c>citybrain-edge install</c>: sets up a machine for the service from the release in
/// <see cref="Release"/>: the service account, its directories, the command on the PATH and the systemd unit.
/// Every step looks first and changes only what differs, so a second run changes nothing.</summary>
internal static class InstallCommand
{
    /// <summary>Where the unit's ExecStart expects the release.</summary>
    public const string Release = "/opt/citybrain-edge";
    public const string Unit = "citybrain-edge.service";

    public static Command Create()
    {
        var root = new Option<string?>("--root")
        {
            Description = "Install under this directory (an image being built, or a test): accounts and systemctl are not touched, the commands are printed as 'would run: …'",
            HelpName = "dir",
        };
        var noEnable = new Option<bool>("--no-enable") { Description = "Install the unit without enabling it at boot" };
        var command = new Command("install", $"Set up this machine for the service (run with sudo from {Release}): the {ServiceAccount.User} user, " +
            "/etc/citybrain-edge, /var/lib/citybrain-edge, /usr/local/bin/citybrain-edge and the systemd unit")
        {
            root, noEnable,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var (output, error) = (result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
            var under = result.GetValue(root);
            var executable = Environment.ProcessPath ?? Path.Combine(AppContext.BaseDirectory, "citybrain-edge");
            if (!OperatingSystem.IsLinux())
            {
                return TechnicianErrors.Say(error, "install", "install sets up a Linux machine (a Raspberry Pi) for systemd; this is not one", ExitCodes.Failed);
            }
            if (under is null)
            {
                if (Environment.UserName != "root")
                {
                    return TechnicianErrors.Say(error, "install",
                        $"install creates the service user and writes to /etc, so it must run as root: sudo {executable} install", ExitCodes.NotRoot);
                }
                if (Path.GetDirectoryName(executable) != Release)
                {
                    return TechnicianErrors.Say(error, "install",
                        $"this is {executable}, but the service starts {Release}/citybrain-edge: copy the whole release to {Release} and run sudo {Release}/citybrain-edge install", ExitCodes.Configuration);
                }
            }
            ISystemRunner runner = under is null ? new ProcessRunner(output) : new DryRunner(output);
            var installer = new Installer(Path.GetFullPath(under ?? "/"), runner, output);
            try
            {
                await installer.RunAsync(executable, Environment.GetEnvironmentVariable("SUDO_USER"), !result.GetValue(noEnable), cancellationToken);
            }
            catch (Exception ex) when (ex is InstallStepException or IOException or UnauthorizedAccessException)
            {
                return TechnicianErrors.Say(error, "install", $"{ex.Message.TrimEnd('.')}; fix that and run install again (it redoes only what is missing)", ExitCodes.Failed);
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
