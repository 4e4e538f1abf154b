namespace CityBrain.Edge.Cli.Checks;

/// <summary>The running user can write the data directory (outbox, status file, kept configuration): tried by
/// writing a file there, so that it holds for root, for a read-only file system and for a full disk alike.</summary>
internal sealed class DataDirectoryCheck : IGatewayCheck
{
    public const string Name = "data directory";

    public async IAsyncEnumerable<CheckResult> RunAsync(CheckContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        if (context.Configuration.Bound is not { } options)
        {
            yield return CheckResult.Skipped(Name, "the configuration could not be read");
            yield break;
        }
        var directory = Path.GetFullPath(options.DataDirectory);
        var user = $"user {Environment.UserName}";
        var existing = CheckContext.NearestExisting(directory);
        var problem = WriteProblem(existing);
        if (problem is null)
        {
            yield return CheckResult.Pass(Name, existing == directory ? $"{user} can write {directory}" : $"{directory} does not exist yet; {user} can create it");
        }
        else
        {
            yield return CheckResult.Fail(Name, $"{user} cannot write {existing} ({problem.TrimEnd('.')})",
                $"give the directory to the service user (sudo install -d -o citybrain -g citybrain {directory}), make sure its file system is mounted read-write and not full, and check as that user: sudo -u citybrain citybrain-edge check");
        }
    }

    private static string? WriteProblem(string directory)
    {
        try
        {
            using var probe = new FileStream(Path.Combine(directory, $".citybrain-edge-check-{Environment.ProcessId}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            probe.WriteByte(0);
            probe.Flush(flushToDisk: true);
            return null;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return ex.Message;
        }
    }
}
