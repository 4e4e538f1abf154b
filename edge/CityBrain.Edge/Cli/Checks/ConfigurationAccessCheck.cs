namespace CityBrain.Edge.Cli.Checks;

/// <summary>The running user can read the configuration file: tried with the call the service makes, so what it
/// says holds whoever runs it (root reads every file whatever its mode).</summary>
internal sealed class ConfigurationAccessCheck : IGatewayCheck
{
    public const string Name = "config access";

    public async IAsyncEnumerable<CheckResult> RunAsync(CheckContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        var path = Path.GetFullPath(context.ConfigurationPath);
        if (!File.Exists(path))
        {
            yield return CheckResult.Skipped(Name, $"there is no file at {path}");
            yield break;
        }
        string? problem = null;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            problem = ex.Message;
        }
        var user = $"user {Environment.UserName}";
        if (problem is null) yield return CheckResult.Pass(Name, $"{user} can read {path}");
        else
        {
            yield return CheckResult.Fail(Name, $"{user} cannot read {path} ({problem.TrimEnd('.')})",
                $"make it the service user's (sudo chown citybrain: {path}; sudo chmod 600 {path}) and check as that user: sudo -u citybrain citybrain-edge check");
        }
    }
}
