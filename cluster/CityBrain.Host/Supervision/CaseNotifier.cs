using System.Globalization;
using CityBrain.Grains.Regions;
using CityBrain.Indicators.Alerts;
using CityBrain.Notifications;
using CityBrain.Notifications.Outbox;
using CityBrain.Supervision.Cases;
using CityBrain.Supervision.Desk;
using CityBrain.Supervision.Options;
using Microsoft.Extensions.Options;

namespace CityBrain.Host.Supervision;

/// <summary>Tells the people concerned of a case's step through the notification outbox: the place's supervisors when
/// the data raises, reopens or verifies a case and when it escalates to them; the department when a case is dispatched
/// to it or comes back to it. One notification per recipient and step, keyed by both, so a step told twice is sent once.</summary>
public sealed class CaseNotifier(INotificationOutbox outbox, SupervisionDirectory directory, RegionCatalog catalog, IOptions<CaseLinkOptions> links)
    : ICaseObserver
{
    public async Task OnStepAsync(SupervisionCase supervisionCase, CaseEvent step, CancellationToken cancellationToken)
    {
        IEnumerable<string> supervisors = directory.SupervisorsOf(supervisionCase.RegionId);
        IEnumerable<string> department = directory.Department(supervisionCase.DepartmentId)?.Recipients ?? [];
        var recipients = step.Action switch
        {
            CaseAction.Raised or CaseAction.Escalated or CaseAction.Verified => supervisors,
            CaseAction.Dispatched => department,
            CaseAction.Reopened => supervisors.Concat(department),
            _ => [],
        };
        var (title, text) = Describe(supervisionCase, step);
        var severity = supervisionCase.Severity == AlertSeverity.Critical ? NotificationSeverity.Critical : NotificationSeverity.Warning;
        var link = links.Value.CockpitUrl is { } cockpit ? new Uri($"{cockpit.AbsoluteUri.TrimEnd('/')}/cases/{supervisionCase.Id}") : null;
        foreach (var recipient in recipients.Distinct(StringComparer.Ordinal))
        {
            await outbox.EnqueueAsync(new Notification($"case-{supervisionCase.Id}:{step.Sequence}", recipient, severity, title, text, link), cancellationToken);
        }
    }

    /// <summary>Chinese first, as the bureaus read it, then English; places and departments by name, times on the tree's clock.</summary>
    private (string Title, string Text) Describe(SupervisionCase c, CaseEvent step)
    {
        var (kindZh, kindEn) = c.Kind switch
        {
            CaseKind.Air => ("大气污染", "Air pollution"),
            CaseKind.Noise => ("噪声超标", "Noise over the limit"),
            _ => ("监测设备", "Monitoring device"),
        };
        var (stepZh, stepEn) = step.Action switch
        {
            CaseAction.Raised => ("新督办事项", "new case"),
            CaseAction.Dispatched => ("已派发至贵部门", "dispatched to your department"),
            CaseAction.Escalated => ("超期升级", "escalated: past its deadline"),
            CaseAction.Verified => ("数据核验通过，待办结", "verified by the data, awaiting closure"),
            CaseAction.Reopened => ("超标再次出现，重新打开", "reopened: the exceedance returned"),
            _ => (step.Action.ToString(), step.Action.ToString()),
        };
        var districtsZh = string.Join("、", c.Districts.Select(d => catalog.Tree.TryFind(d, out var n) ? n.NameZh : d));
        var districtsEn = string.Join(", ", c.Districts.Select(d => catalog.Tree.TryFind(d, out var n) ? n.Name : d));
        var title = $"【督办 {c.Id}】{kindZh} · {districtsZh}：{stepZh}";
        var lines = new List<string> { $"{kindEn} in {districtsEn}: {stepEn} (case {c.Id})." };
        if (c.Deadline is { } due) lines.Add($"办理时限 Due: {Local(due)}");
        if (step.Note is { } note) lines.Add(note);
        lines.Add($"{step.Actor}, {Local(step.At)}");
        return (title.Length <= Notification.MaxTitleLength ? title : title[..(Notification.MaxTitleLength - 1)] + "…", string.Join('\n', lines));
    }

    private string Local(DateTimeOffset at) => catalog.Calendar.ToLocal(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>Where notifications point their readers (section <c>Supervision</c>).</summary>
public sealed class CaseLinkOptions
{
    public static bool IsValid(CaseLinkOptions options) =>
        options.CockpitUrl is null || (options.CockpitUrl.IsAbsoluteUri && options.CockpitUrl.Scheme is "http" or "https");

    /// <summary>The cockpit's address as the recipients reach it, e.g. <c>https://cockpit.bureau.example/</c>; without it
    /// notifications carry no link.</summary>
    public Uri? CockpitUrl { get; set; }
}
