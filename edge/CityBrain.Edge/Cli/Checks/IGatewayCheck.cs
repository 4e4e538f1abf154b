namespace CityBrain.Edge.Cli.Checks;

/// <summary>One part of <c>citybrain-edge check</c>: looks at one thing and says how it stands, a line per thing it
/// looked at (the sensor check has one per sensor). A check never throws for what it finds: it reports it.</summary>
internal interface IGatewayCheck
{
    IAsyncEnumerable<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken);
}

/// <summary>Worst last, so that the worst line decides the exit code.</summary>
internal enum CheckStatus
{
    /// <summary>Not looked at, because something it needs failed first (that line says what).</summary>
    Skipped,
    Pass,
    Warn,
    Fail,
}

/// <param name="Check">What was checked, e.g. <c>broker</c> or <c>sensor sht4x@1:0x44</c>.</param>
/// <param name="Message">What was found, one sentence.</param>
/// <param name="Action">What to do about it; null when there is nothing to do.</param>
internal sealed record CheckResult(string Check, CheckStatus Status, string Message, string? Action = null)
{
    public static CheckResult Pass(string check, string message) => new(check, CheckStatus.Pass, message);

    public static CheckResult Warn(string check, string message, string action) => new(check, CheckStatus.Warn, message, action);

    public static CheckResult Fail(string check, string message, string action) => new(check, CheckStatus.Fail, message, action);

    public static CheckResult Skipped(string check, string because) => new(check, CheckStatus.Skipped, $"not checked: {because}");
}
